/**
 * Bad iCalendar exports through `oncall import --ics`: cut short, other line ends, a 2 MB line,
 * a rule that repeats forever, a week across the daylight-saving change, files that are no
 * calendar at all. Each says what it must give: refused (exit 1, one line naming the file and
 * saying why, no stack trace, not a byte written) or imported (exit 0, exactly the shifts it
 * holds, 11:00 staying 11:00 across the change). An answer other than the expected one is a
 * mismatch (the case is not what it says, or the importer misread it); a stack trace, an exit
 * other than 0 or 1, or a file written on a refusal is damage.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeRepo, removeRepos, runCli } from '../../test/helpers/repo.js';
import type { InputResult } from './bad-inputs.js';
import { checkFilesUnchanged, crashIn, Observer, snapshotFiles } from './measure.js';

const PEOPLE_YAML = `people:
  - { github: ana, name: Ana Lopez, team: red, timezone: America/New_York, email: ana@example.com }
  - { github: ben, name: Ben Okafor, team: blue, timezone: Europe/London, email: ben@example.com }
  - { github: cy, name: Cy Young, team: green, timezone: America/Los_Angeles, email: cy@example.com }
  - { github: dee, name: Dee Lee, team: red, timezone: America/New_York, email: dee@example.com }
`;

const ROTATION_YAML = `name: ops
members: { teams: [red, blue, green] }
slots: [primary, secondary]
timezone: America/New_York
shift: { length_days: 7, handoff: { weekday: monday, time: "11:00" } }
start: 2027-03-01
publish_weeks_ahead: 4
`;

const SCHEDULE_YAML = 'rotation: ops\nshifts: []\n';
const SCHEDULE = 'rotations/ops/schedule.yaml';
/** Before every shift of the exports. */
const AT = '2027-02-20T12:00:00-05:00';

export type CalendarExpectation =
  /** Exit 1 with one line naming the file and matching `why`; nothing written. */
  | { refused: RegExp }
  /** Exit 0, exactly these shifts imported (who, from and to), nothing left unmapped. */
  | { imported: Shift[] };

interface Shift {
  start: string;
  primary: string;
  secondary: string;
  startsAt: string;
  endsAt: string;
}

export interface CalendarInput {
  name: string;
  /** The export's bytes, or 'folder' for a directory where the file should be. */
  bytes: Buffer | 'folder';
  expect: CalendarExpectation;
}

function event(uid: string, start: string, end: string, who: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${uid}@example.com`,
    'DTSTAMP:20270201T000000Z',
    `DTSTART;TZID=America/New_York:${start}`,
    `DTEND;TZID=America/New_York:${end}`,
    `SUMMARY:${who}`,
    'END:VEVENT',
  ];
}

/**
 * Two weeks, handoff Monday 11:00 New York time: 2027-03-08 to 03-15 runs across the change to
 * summer time on Sunday 03-14 (167 hours, not 168), and the shifts start on the handoffs.
 */
function calendar(ends = '\r\n', extra: string[] = []): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Example//On-call export//EN',
    ...event('w1-a', '20270301T110000', '20270308T110000', 'Ana Lopez'),
    ...event('w1-b', '20270301T110000', '20270308T110000', 'Ben Okafor'),
    ...event('w2-a', '20270308T110000', '20270315T110000', 'Cy Young'),
    ...event('w2-b', '20270308T110000', '20270315T110000', 'Dee Lee'),
    ...extra,
    'END:VCALENDAR',
  ];
  return `${lines.join(ends)}${ends}`;
}

/** The second week ends at 11:00 summer time: the handoff stays at 11:00 on the wall clock. */
const TWO_WEEKS: Shift[] = [
  {
    start: '2027-03-01',
    primary: 'ana',
    secondary: 'ben',
    startsAt: '2027-03-01T11:00:00-05:00',
    endsAt: '2027-03-08T11:00:00-05:00',
  },
  {
    start: '2027-03-08',
    primary: 'cy',
    secondary: 'dee',
    startsAt: '2027-03-08T11:00:00-05:00',
    endsAt: '2027-03-15T11:00:00-04:00',
  },
];

export function calendarInputs(): CalendarInput[] {
  const utf8 = (text: string) => Buffer.from(text, 'utf8');
  const whole = calendar();
  return [
    {
      name: 'a whole export (CRLF), two weeks across the DST change',
      bytes: utf8(whole),
      expect: { imported: TWO_WEEKS },
    },
    {
      name: 'cut short in the middle of an event',
      bytes: utf8(whole.slice(0, whole.indexOf('SUMMARY:Cy'))),
      expect: { refused: /:18: BEGIN:VEVENT is never closed \(the file may be cut short\)$/ },
    },
    {
      name: 'cut short after an event (no END:VCALENDAR)',
      bytes: utf8(whole.slice(0, whole.lastIndexOf('END:VCALENDAR'))),
      expect: { refused: /:1: BEGIN:VCALENDAR is never closed/ },
    },
    { name: 'LF line ends', bytes: utf8(calendar('\n')), expect: { imported: TWO_WEEKS } },
    { name: 'CR line ends (old Mac tools)', bytes: utf8(calendar('\r')), expect: { imported: TWO_WEEKS } },
    {
      name: 'a 2 MB SUMMARY on one line',
      bytes: utf8(whole.replace('SUMMARY:Dee Lee', `SUMMARY:${'D'.repeat(2_000_000)}`)),
      expect: { refused: /:30: a line of 2000008 characters \(at most 100000\): not a schedule export$/ },
    },
    {
      name: 'a weekly RRULE without UNTIL or COUNT (no --until)',
      bytes: utf8(
        calendar('\r\n', [
          ...event('forever', '20270315T110000', '20270322T110000', 'Ana Lopez').flatMap((line) =>
            line.startsWith('SUMMARY') ? ['RRULE:FREQ=WEEKLY', line] : [line],
          ),
        ]),
      ),
      expect: { refused: /:32: event "Ana Lopez" repeats without end/ },
    },
    {
      name: 'a CSV export, not a calendar',
      bytes: utf8('Name,Start,End\nAna Lopez,2027-03-01,2027-03-08\n'),
      expect: { refused: /:1: not an iCalendar file: it does not begin with BEGIN:VCALENDAR/ },
    },
    {
      name: 'an HTML error page saved as .ics',
      bytes: utf8('<!DOCTYPE html>\n<html><body><h1>502 Bad Gateway</h1></body></html>\n'),
      expect: { refused: /:1: not an iCalendar file/ },
    },
    {
      name: 'a binary file (a PNG)',
      bytes: Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0xff, 0xd8, 0xc3,
      ]),
      expect: { refused: /: not UTF-8 text, so not an iCalendar export$/ },
    },
    {
      name: 'a calendar with a NUL byte',
      bytes: utf8(whole.replace('SUMMARY:Ben Okafor', 'SUMMARY:Ben\u0000Okafor')),
      expect: { refused: /: not a text file, so not iCalendar$/ },
    },
    {
      name: 'UTF-16 with a byte-order mark',
      bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(whole, 'utf16le')]),
      expect: { refused: /: not UTF-8 text/ },
    },
    { name: 'an empty file', bytes: Buffer.alloc(0), expect: { refused: /:1: not an iCalendar file/ } },
    { name: 'a folder named like the export', bytes: 'folder', expect: { refused: /: not a file$/ } },
  ];
}

interface ImportJson {
  error?: string;
  shifts?: Shift[];
  unmapped?: unknown[];
}

/** `oncall import --ics` (JSON, then the text output) on one export, in a fresh repository. */
export async function calendarCase(input: CalendarInput): Promise<InputResult> {
  const obs = new Observer(`import --ics: ${input.name}`);
  const mismatch: string[] = [];
  try {
    const root = makeRepo({
      'rotations/people.yaml': PEOPLE_YAML,
      'rotations/ops/rotation.yaml': ROTATION_YAML,
      [SCHEDULE]: SCHEDULE_YAML,
    });
    const file = path.join(root, 'exports', 'oncall.ics');
    if (input.bytes === 'folder') mkdirSync(file, { recursive: true });
    else {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, input.bytes);
    }
    const before = snapshotFiles(root);
    // The text output first, with --dry-run: it must say the same and write nothing either.
    const text = await runCli(['import', '--root', root, '--at', AT, '--ics', file, '--dry-run']);
    const textCrash = crashIn(text.stdout + text.stderr);
    if (![0, 1].includes(text.code) || textCrash) {
      obs.count('crashes', 1, `import (text): exit ${text.code}${textCrash ? `, ${textCrash}` : ''}`);
    }
    checkFilesUnchanged(obs, root, before);
    const run = await runCli(['import', '--root', root, '--at', AT, '--ics', file, '--json']);
    const crash = crashIn(run.stdout + run.stderr);
    if (![0, 1].includes(run.code) || crash) {
      obs.count('crashes', 1, `import --json: exit ${run.code}${crash ? `, ${crash}` : ''}`);
      return { ...obs.result(), mismatch };
    }
    let doc: ImportJson | undefined;
    try {
      doc = JSON.parse(run.stdout) as ImportJson;
    } catch {
      obs.count('crashes', 1, 'import --json: stdout is not one JSON document');
    }
    if ('refused' in input.expect) {
      if (run.code !== 1) mismatch.push(`imported (exit ${run.code}), expected a refusal`);
      else if (!doc?.error?.startsWith(file) || !input.expect.refused.test(doc.error)) {
        mismatch.push(`refused with "${doc?.error?.slice(0, 160)}", expected ${input.expect.refused}`);
      }
      const line = text.stderr.trimEnd();
      if (text.code !== 1 || line.includes('\n') || !line.includes(file)) {
        mismatch.push(
          `the text output is not one line naming the file: ${JSON.stringify(line.slice(0, 200))}`,
        );
      }
      // A refusal writes nothing.
      checkFilesUnchanged(obs, root, before);
    } else if (run.code !== 0) {
      mismatch.push(`refused with "${doc?.error?.slice(0, 160)}", expected an import`);
    } else {
      const got = JSON.stringify(
        (doc?.shifts ?? []).map(({ start, primary, secondary, startsAt, endsAt }) => ({
          start,
          primary,
          secondary,
          startsAt,
          endsAt,
        })),
      );
      const want = JSON.stringify(input.expect.imported);
      if (got !== want) mismatch.push(`imported ${got}, expected ${want}`);
      if ((doc?.unmapped ?? []).length > 0) mismatch.push(`left out: ${JSON.stringify(doc?.unmapped)}`);
    }
  } catch (err) {
    obs.count('crashes', 1, `threw in-process: ${(err as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
  } finally {
    removeRepos();
  }
  // An export that imports is tried, but is no bad input.
  return { ...obs.result(), mismatch, stillValid: 'imported' in input.expect };
}
