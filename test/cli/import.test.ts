/**
 * `oncall import --ics FILE` through the CLI on real temporary repositories, with the hand-made
 * exports of test/fixtures/ics (PagerDuty, Opsgenie, Grafana OnCall, Google Calendar): people
 * matched and stubbed, shifts on the rotation's handoffs across the 2027 daylight-saving change,
 * covers as overrides, what is left out and why, --dry-run writing nothing, comments and existing
 * shifts kept, `oncall validate` naming exactly the TODOs, and broken exports refused with exit 1.
 */
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { makeRepo, runCli } from '../helpers/repo.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/ics');
const fixture = (name: string) => path.join(FIXTURES, name);
const PEOPLE = 'rotations/people.yaml';
const SCHEDULE = 'rotations/ops/schedule.yaml';
/** Before the exports' shifts: they are all ahead, and 4 weeks are published after the import. */
const AT = '2027-02-20T12:00:00-05:00';

const PEOPLE_YAML = `# The roster of the ops team.
people:
  - { github: ana, name: Ana Lopez, team: red, timezone: America/New_York, email: ana@example.com }
  - { github: ben, name: Ben Okafor, team: blue, timezone: Europe/London, email: ben@example.com }
  - { github: cy, name: Cy Young, team: green, timezone: America/Los_Angeles, email: cy@example.com }
  - { github: dee, name: Dee Lee, team: red, timezone: America/New_York, email: dee@example.com }
  - { github: eli, name: Eli Park, team: blue, timezone: Europe/London, email: eli@example.com }
  - { github: fay, name: Fay Wong, team: green, timezone: America/Chicago, email: fay@example.com }
`;

const ROTATION_YAML = `name: ops
members: { teams: [red, blue, green] }
slots: [primary, secondary]
timezone: America/New_York
shift: { length_days: 7, handoff: { weekday: monday, time: "11:00" } }
start: 2027-02-01
publish_weeks_ahead: 4
`;

const EMPTY_SCHEDULE = `# The ops schedule; history comes from the old tool.
rotation: ops
shifts: []
`;

/** Published until the handoff of 2027-03-01. */
const PUBLISHED_SCHEDULE = `# The ops schedule.
rotation: ops
shifts:
  - { start: 2027-02-01, primary: ana, secondary: ben }
  - { start: 2027-02-08, primary: cy, secondary: dee }  # a trade: cy took it from eli
  - { start: 2027-02-15, primary: eli, secondary: fay }
  - { start: 2027-02-22, primary: ben, secondary: cy }
`;

function repo(schedule = EMPTY_SCHEDULE): string {
  return makeRepo({
    [PEOPLE]: PEOPLE_YAML,
    'rotations/ops/rotation.yaml': ROTATION_YAML,
    [SCHEDULE]: schedule,
  });
}

function read(root: string, file: string): string {
  return readFileSync(path.join(root, file), 'utf8');
}

function importIcs(root: string, ...args: string[]) {
  return runCli(['import', '--root', root, '--at', AT, ...args]);
}

interface Unmapped {
  uid?: string;
  summary: string;
  start: string | null;
  end: string | null;
  why: string;
  file?: string;
  line?: number;
}

interface Diagnostic {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

describe('oncall import: PagerDuty, one export per slot', () => {
  const args = [
    '--ics',
    fixture('pagerduty-primary.ics'),
    '--ics',
    fixture('pagerduty-secondary.ics'),
    '--slots-by-file',
  ];

  it('--dry-run --json: the plan, and not a byte written', async () => {
    const root = repo();
    const before = [read(root, PEOPLE), read(root, SCHEDULE)];
    const run = await importIcs(root, ...args, '--dry-run', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const doc = run.json();
    expect(doc).toMatchObject({ rotation: 'ops', dryRun: true, written: [] });
    expect(doc.people).toEqual([
      { github: 'TODO.jane-doe', name: 'Jane Doe', email: 'jane.doe@example.com' },
    ]);
    expect(doc.matched.map((person: { github: string; by: string }) => [person.github, person.by])).toEqual([
      ['ana', 'email'],
      ['eli', 'email'],
      ['cy', 'email'],
      ['ben', 'email'],
      ['dee', 'email'],
    ]);
    expect(doc.shifts).toEqual([
      {
        start: '2027-03-01',
        primary: 'ana',
        secondary: 'ben',
        startsAt: '2027-03-01T11:00:00-05:00',
        endsAt: '2027-03-08T11:00:00-05:00',
        slotsGuessed: false,
      },
      {
        start: '2027-03-08',
        primary: 'TODO.jane-doe',
        secondary: 'dee',
        startsAt: '2027-03-08T11:00:00-05:00',
        // Clocks go forward on 2027-03-14: the handoff stays at 11:00.
        endsAt: '2027-03-15T11:00:00-04:00',
        slotsGuessed: false,
      },
      {
        start: '2027-03-15',
        primary: 'cy',
        secondary: 'TODO.jane-doe',
        startsAt: '2027-03-15T11:00:00-04:00',
        endsAt: '2027-03-22T11:00:00-04:00',
        slotsGuessed: false,
      },
    ]);
    expect(doc.overrides).toEqual([
      {
        from: '2027-03-10T18:00',
        to: '2027-03-11T09:00',
        replace: 'TODO.jane-doe',
        with: 'eli',
        reason: 'imported from pagerduty-primary.ics, pagerduty-secondary.ics',
      },
    ]);
    const why =
      'only ana is on call for most of the shift of 2027-03-22 (ana 7 days, ben 3 days); the rotation has 2 slots (primary, secondary)';
    expect(doc.unmapped).toEqual([
      {
        uid: 'Q0PRI6',
        summary: 'On Call - Ana Lopez - Ops Escalation',
        start: '2027-03-22T11:00:00-04:00',
        end: '2027-03-29T11:00:00-04:00',
        why,
        file: fixture('pagerduty-primary.ics'),
        line: 46,
      },
      {
        uid: 'Q0SEC4',
        summary: 'On Call - Ben Okafor - Ops Escalation',
        start: '2027-03-22T11:00:00-04:00',
        end: '2027-03-25T11:00:00-04:00',
        why,
        file: fixture('pagerduty-secondary.ics'),
        line: 30,
      },
    ]);
    expect([read(root, PEOPLE), read(root, SCHEDULE)]).toEqual(before);
  });

  it('writes the stub and the shifts keeping comments; validate then names exactly the TODOs', async () => {
    const root = repo();
    const run = await importIcs(root, ...args, '--json');
    expect(run.code, run.stderr).toBe(0);
    const doc = run.json();
    expect(doc.written).toEqual([PEOPLE, SCHEDULE]);

    const people = read(root, PEOPLE);
    expect(people.startsWith(PEOPLE_YAML)).toBe(true);
    expect(people.slice(PEOPLE_YAML.length)).toBe(
      [
        '  # Added by oncall import from pagerduty-primary.ics, pagerduty-secondary.ics: replace each TODO.',
        `  - github: TODO.jane-doe  # Jane Doe's GitHub login; replace TODO.jane-doe in ${SCHEDULE} too`,
        '    name: Jane Doe',
        "    team: TODO  # Jane Doe's team, a lowercase id (the rotation's: red, blue, green)",
        "    timezone: America/New_York  # the rotation's; change it if Jane Doe lives elsewhere",
        '    email: jane.doe@example.com',
        '',
      ].join('\n'),
    );
    const schedule = read(root, SCHEDULE);
    expect(schedule).toBe(
      [
        '# The ops schedule; history comes from the old tool.',
        'rotation: ops',
        'shifts:',
        '  - { start: 2027-03-01, primary: ana, secondary: ben }',
        '  - { start: 2027-03-08, primary: TODO.jane-doe, secondary: dee }',
        '  - { start: 2027-03-15, primary: cy, secondary: TODO.jane-doe }',
        'overrides:',
        '  - { from: 2027-03-10T18:00, to: 2027-03-11T09:00, replace: TODO.jane-doe, with: eli, reason: "imported from pagerduty-primary.ics, pagerduty-secondary.ics" }',
        '',
      ].join('\n'),
    );

    // What the import said validate would report is what validate reports.
    const validate = await runCli(['validate', '--root', root, '--at', AT, '--json']);
    expect(validate.code).toBe(1);
    const errors = validate.json().errors as Diagnostic[];
    expect(errors).toEqual(doc.validation.errors);
    expect(errors.map((error) => [error.file, error.rule, error.message])).toEqual([
      [SCHEDULE, 'schema', 'shifts[1].primary must be a GitHub login'],
      [SCHEDULE, 'schema', 'shifts[2].secondary must be a GitHub login'],
      [SCHEDULE, 'schema', 'overrides[0].replace must be a GitHub login'],
      [PEOPLE, 'schema', 'people[6].github must be a GitHub login'],
      [PEOPLE, 'schema', 'people[6].team must be a lowercase id: letters, digits and dashes'],
    ]);
    for (const error of errors) {
      expect(read(root, error.file).split('\n')[error.line - 1]).toContain('TODO');
    }

    // Filled in, the repository is valid: nothing else to fix.
    writeFileSync(
      path.join(root, PEOPLE),
      people.replaceAll('TODO.jane-doe', 'jane').replace('team: TODO', 'team: red'),
    );
    writeFileSync(path.join(root, SCHEDULE), schedule.replaceAll('TODO.jane-doe', 'jane'));
    const valid = await runCli(['validate', '--root', root, '--at', AT, '--json']);
    expect(valid.json().errors).toEqual([]);
    expect(valid.code).toBe(0);
    const who = await runCli(['who', '--root', root, '--at', '2027-03-10T20:00:00-05:00', '--json']);
    expect(
      who
        .json()
        .oncall.map((slot: { github: string }) => slot.github)
        .sort(),
    ).toEqual(['dee', 'eli']);
  });

  it('without --slots-by-file the files are one export: same shifts, slots in order of appearance', async () => {
    const root = repo();
    const run = await importIcs(root, ...args.slice(0, 4), '--dry-run', '--json');
    const doc = run.json();
    expect(
      doc.shifts.map((shift: Record<string, unknown>) => [
        shift.start,
        shift.primary,
        shift.secondary,
        shift.slotsGuessed,
      ]),
    ).toEqual([
      ['2027-03-01', 'ana', 'ben', true],
      ['2027-03-08', 'TODO.jane-doe', 'dee', true],
      // The first file's events come first.
      ['2027-03-15', 'cy', 'TODO.jane-doe', true],
    ]);
  });

  it('text output: the plan a person reads', async () => {
    const root = repo();
    const run = await importIcs(root, ...args, '--dry-run');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `ops: would import from ${args[1]}, ${args[3]}: 3 shift(s) (2027-03-01 to 2027-03-15), 1 cover(s), 1 new people; 2 unmapped`,
    );
    expect(run.stdout).toContain('  TODO.jane-doe  Jane Doe <jane.doe@example.com>');
    expect(run.stdout).toContain('  2027-03-08  primary: TODO.jane-doe, secondary: dee');
    expect(run.stdout).toContain('  2027-03-10T18:00 to 2027-03-11T09:00  eli covers TODO.jane-doe');
    expect(run.stdout).toContain(`pagerduty-secondary.ics:30  "On Call - Ben Okafor - Ops Escalation"`);
    expect(run.stdout).toContain(
      'rotations/people.yaml:10:13 schema people[6].github must be a GitHub login',
    );
  });
});

describe('oncall import: Opsgenie', () => {
  it('VTIMEZONE times, the schedule name told apart from people, a partial first week and a crowded last one', async () => {
    const root = repo();
    const run = await importIcs(root, '--ics', fixture('opsgenie.ics'), '--dry-run', '--json');
    expect(run.code, run.stderr).toBe(0);
    const doc = run.json();
    expect(doc.people).toEqual([{ github: 'TODO.priya-raman', name: 'Priya Raman' }]);
    expect(doc.matched).toContainEqual({
      github: 'ben',
      name: 'Ben Okafor',
      by: 'email',
      as: 'ben@example.com',
    });
    expect(doc.matched).toContainEqual({ github: 'cy', name: 'Cy Young', by: 'name', as: 'Cy Young' });
    expect(
      doc.shifts.map((shift: Record<string, string>) => [
        shift.start,
        shift.primary,
        shift.secondary,
        shift.endsAt,
      ]),
    ).toEqual([
      ['2027-03-01', 'ana', 'ben', '2027-03-08T11:00:00-05:00'],
      ['2027-03-08', 'cy', 'fay', '2027-03-15T11:00:00-04:00'],
      ['2027-03-15', 'dee', 'TODO.priya-raman', '2027-03-22T11:00:00-04:00'],
    ]);
    expect(doc.shifts.every((shift: { slotsGuessed: boolean }) => shift.slotsGuessed)).toBe(true);
    expect(doc.notes).toEqual([
      'the export does not say which slot people hold in 3 shift(s): they are filled in the order people appear in it (primary, secondary); check them, or export one file per slot and pass them in slot order with --slots-by-file',
    ]);
    expect(doc.unmapped.map((item: Unmapped) => [item.line, item.summary, item.start, item.why])).toEqual([
      [
        26,
        'ops_schedule - Dee Lee',
        '2027-02-25T00:00:00-05:00',
        'the export starts inside the shift of 2027-02-22 (at 2027-02-25 00:00): who was on call before is unknown',
      ],
      [
        34,
        'ops_schedule - Eli Park',
        '2027-02-25T00:00:00-05:00',
        'the export starts inside the shift of 2027-02-22 (at 2027-02-25 00:00): who was on call before is unknown',
      ],
      ...[
        [90, 'ops_schedule - Ana Lopez'],
        [98, 'ops_schedule - Ben Okafor'],
        [106, 'ops_schedule - Eli Park'],
      ].map(([line, summary]) => [
        line,
        summary,
        '2027-03-22T11:00:00-04:00',
        '3 people are on call for most of the shift of 2027-03-22 (eli, ana, ben); the rotation has 2 slots (primary, secondary)',
      ]),
    ]);
  });

  it('appends after the published schedule: published time is reported, never changed; a second run adds nothing', async () => {
    const root = repo(PUBLISHED_SCHEDULE);
    const run = await importIcs(root, '--ics', fixture('opsgenie.ics'), '--json');
    expect(run.code, run.stderr).toBe(0);
    const doc = run.json();
    expect(doc.shifts.map((shift: { start: string }) => shift.start)).toEqual([
      '2027-03-01',
      '2027-03-08',
      '2027-03-15',
    ]);
    expect(
      doc.unmapped.slice(0, 2).map((item: Unmapped) => [item.summary, item.start, item.end, item.why]),
    ).toEqual([
      [
        'ops_schedule - Dee Lee',
        '2027-02-25T00:00:00-05:00',
        '2027-03-01T11:00:00-05:00',
        'it is already in the schedule: the shift of 2027-02-22 (ben, cy)',
      ],
      [
        'ops_schedule - Eli Park',
        '2027-02-25T00:00:00-05:00',
        '2027-03-01T11:00:00-05:00',
        'it is already in the schedule: the shift of 2027-02-22 (ben, cy)',
      ],
    ]);
    const schedule = read(root, SCHEDULE);
    expect(schedule).toBe(
      `${PUBLISHED_SCHEDULE}  - { start: 2027-03-01, primary: ana, secondary: ben }\n  - { start: 2027-03-08, primary: cy, secondary: fay }\n  - { start: 2027-03-15, primary: dee, secondary: TODO.priya-raman }\n`,
    );

    // Again: every shift of the export is in the schedule now; nothing is written.
    const people = read(root, PEOPLE);
    const again = await importIcs(root, '--ics', fixture('opsgenie.ics'), '--json');
    // people.yaml has a TODO now: the import refuses to run on files with errors.
    expect(again.code).toBe(1);
    expect(again.json().error).toBe('fix these errors first (oncall validate), then import');
    writeFileSync(
      path.join(root, PEOPLE),
      people.replace('TODO.priya-raman', 'priya').replace('team: TODO', 'team: red'),
    );
    writeFileSync(path.join(root, SCHEDULE), schedule.replace('TODO.priya-raman', 'priya'));
    const third = await importIcs(root, '--ics', fixture('opsgenie.ics'), '--json');
    expect(third.code, third.stderr).toBe(0);
    expect(third.json()).toMatchObject({ people: [], shifts: [], overrides: [], written: [] });
    expect(
      third.json().unmapped.filter((item: Unmapped) => item.why.startsWith('it is already in the schedule')),
    ).toHaveLength(8);
  });
});

describe('oncall import: Grafana OnCall', () => {
  it('levels pick the slot, usernames match logins, a cancelled event and a fourth person are reported', async () => {
    const root = repo();
    const run = await importIcs(root, '--ics', fixture('grafana-oncall.ics'), '--dry-run', '--json');
    expect(run.code, run.stderr).toBe(0);
    const doc = run.json();
    expect(doc.people).toEqual([{ github: 'TODO.zoe', name: 'Zoe', username: 'zoe' }]);
    expect(doc.matched.every((person: { by: string }) => person.by === 'login')).toBe(true);
    // "[L2] ben" comes first in the file, and is the secondary.
    expect(
      doc.shifts.map((shift: Record<string, unknown>) => [
        shift.start,
        shift.primary,
        shift.secondary,
        shift.slotsGuessed,
      ]),
    ).toEqual([
      ['2027-03-01', 'ana', 'ben', false],
      ['2027-03-08', 'TODO.zoe', 'dee', false],
      ['2027-03-15', 'cy', 'eli', false],
    ]);
    expect(doc.unmapped.map((item: Unmapped) => [item.summary, item.start, item.end, item.why])).toEqual([
      [
        '[L2] fay',
        '2027-03-17T09:00:00-04:00',
        '2027-03-18T09:00:00-04:00',
        '3 people are on call at once (cy, eli, fay) in the shift of 2027-03-15, which has 2 slots: fay is left out',
      ],
      [
        '[L1] ana',
        '2027-03-19T20:00:00-04:00',
        '2027-03-19T20:00:00-04:00',
        'it is cancelled in the export (STATUS:CANCELLED)',
      ],
    ]);
  });
});

describe('oncall import: Google Calendar', () => {
  it('a recurring event with a changed occurrence, all-day weeks, --summary-pattern leaving out a lunch', async () => {
    const root = repo();
    const run = await importIcs(
      root,
      '--ics',
      fixture('google-calendar.ics'),
      '--summary-pattern',
      '\\bon[- ]?call\\b',
      '--dry-run',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const doc = run.json();
    expect(doc.people).toEqual([]);
    expect(
      doc.shifts.map((shift: Record<string, string>) => [
        shift.start,
        shift.primary,
        shift.secondary,
        shift.startsAt,
      ]),
    ).toEqual([
      ['2027-03-01', 'ana', 'ben', '2027-03-01T11:00:00-05:00'],
      // All-day, 2027-03-08 to 2027-03-14: from the handoff on the first day to the one after the last.
      ['2027-03-08', 'dee', 'eli', '2027-03-08T11:00:00-05:00'],
      // The changed occurrence of the recurring event.
      ['2027-03-15', 'ana', 'cy', '2027-03-15T11:00:00-04:00'],
      ['2027-03-22', 'fay', 'ben', '2027-03-22T11:00:00-04:00'],
      ['2027-03-29', 'ana', 'ben', '2027-03-29T11:00:00-04:00'],
    ]);
    expect(doc.unmapped.map((item: Unmapped) => [item.summary, item.why])).toEqual([
      ['Team lunch', 'its SUMMARY does not match --summary-pattern'],
      [
        'Ana on call (handover day)',
        'the export ends inside the shift of 2027-04-05 (at 2027-04-06 11:00): who is on call after is unknown',
      ],
    ]);
  });

  it('without --summary-pattern the lunch is a fourth "person" left out, and gets no stub', async () => {
    const root = repo();
    const run = await importIcs(root, '--ics', fixture('google-calendar.ics'), '--dry-run', '--json');
    const doc = run.json();
    expect(doc.people).toEqual([]);
    expect(doc.shifts).toHaveLength(5);
    expect(doc.unmapped[0]).toMatchObject({
      summary: 'Team lunch',
      why: '3 people are on call at once (dee, eli, "Team lunch") in the shift of 2027-03-08, which has 2 slots: "Team lunch" is left out',
    });
  });
});

describe('oncall import: exports it refuses (exit 1, the file named, nothing written)', () => {
  it.each([
    [
      'not iCalendar',
      'Name,Start,End\nAna,2027-03-01,2027-03-08\n',
      ':1: not an iCalendar file: it does not begin with BEGIN:VCALENDAR (export the schedule as .ics)',
    ],
    [
      'cut short',
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:ana\r\n',
      ':3: BEGIN:VEVENT is never closed (the file may be cut short)',
    ],
    [
      'an event repeating forever, without --until',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20270301T160000Z\r\nDTEND:20270308T160000Z\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:ana\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      ':2: event "ana" repeats without end (RRULE without UNTIL or COUNT): pass --until DATE to import it up to that date',
    ],
  ])('%s', async (_name, text, message) => {
    const root = repo();
    const file = path.join(root, 'x.ics');
    writeFileSync(file, text);
    const before = [read(root, PEOPLE), read(root, SCHEDULE)];
    const run = await importIcs(root, '--ics', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`oncall import: ${file}${message}\n`);
    expect([read(root, PEOPLE), read(root, SCHEDULE)]).toEqual(before);
  });

  it('the same refusal as JSON', async () => {
    const root = repo();
    const run = await importIcs(root, '--ics', path.join(root, 'missing.ics'), '--json');
    expect(run.code).toBe(1);
    expect(run.json()).toEqual({ error: `${path.join(root, 'missing.ics')}: no such file`, errors: [] });
  });

  it('a file too large to be an export, before it is read', async () => {
    const root = repo();
    const huge = path.join(root, 'huge.ics');
    writeFileSync(huge, '');
    truncateSync(huge, 21 * 1024 * 1024);
    const run = await importIcs(root, '--ics', huge);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`oncall import: ${huge}: larger than 20 MiB: export a shorter period\n`);
  });

  it('with --until, the recurring event is imported up to that date', async () => {
    const root = repo();
    writeFileSync(
      path.join(root, 'weekly.ics'),
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART;TZID=America/New_York:20270301T110000\r\nDTEND;TZID=America/New_York:20270308T110000\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Ana & Ben on call\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
    );
    const run = await importIcs(
      root,
      '--ics',
      path.join(root, 'weekly.ics'),
      '--until',
      '2027-03-20',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.json().shifts.map((shift: { start: string }) => shift.start)).toEqual([
      '2027-03-01',
      '2027-03-08',
      '2027-03-15',
    ]);
    expect(parse(read(root, SCHEDULE)).shifts).toHaveLength(3);
  });
});

describe('oncall import: usage', () => {
  it.each([
    [[], '--ics FILE is required: the iCalendar (.ics) export to import'],
    [['--ics', 'a.ics', '--until', '2027-02-30'], '--until needs a date like 2027-03-01 (got "2027-02-30")'],
    [
      ['--ics', 'a.ics', '--summary-pattern', '(on call'],
      '--summary-pattern is not a valid regular expression',
    ],
    [
      ['--ics', 'a.ics', '--ics', 'b.ics', '--ics', 'c.ics', '--slots-by-file'],
      '--slots-by-file with 3 --ics files for 2 slot(s) (primary, secondary): give one file per slot, in slot order',
    ],
    [['--ics', 'a.ics', '--frobnicate'], "Unknown option '--frobnicate'"],
  ])('%j: exit 2', async (args, message) => {
    const root = repo();
    const run = await importIcs(root, ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('--help, and a line in the command list', async () => {
    const help = await runCli(['import', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: oncall import --ics FILE/);
    const main = await runCli(['--help']);
    expect(main.stdout).toMatch(/\n {2}import +people stubs and schedule history from an iCalendar export/);
  });

  it('a repository whose files have errors is not imported into', async () => {
    const root = repo(EMPTY_SCHEDULE.replace('rotation: ops', 'rotation: ops\nowner: nobody'));
    const run = await importIcs(root, '--ics', fixture('opsgenie.ics'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('rotations/ops/schedule.yaml:3:1 schema unknown key "owner"');
    expect(run.stderr).toContain('oncall import: fix these errors first (oncall validate), then import');
  });
});
