/**
 * `oncall calendar --out DIR` on real temporary repositories, every feed read back with ical.js
 * (independent of ical-generator, which writes them): event counts, stable UIDs across runs and
 * trades, SEQUENCE only moving for changed events, 11:00 handoffs on both sides of the 2027
 * America/New_York daylight-saving changes, covers as their own events, per-person feeds holding
 * exactly that person's events, DTSTAMP from --at, --dry-run and --json.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hasVtimezone } from '../../src/io/icalendar.js';
import { type ParsedEvent, type ParsedFeed, parseFeed } from '../helpers/ics.js';
import { makeRepo, runCli, smallRepoFiles } from '../helpers/repo.js';

const AT = '2026-11-26T12:00:00-05:00';
const AT_UTC = '2026-11-26T17:00:00Z';
const SCHEDULE = 'rotations/ops/schedule.yaml';
const PEOPLE = ['ana', 'ben', 'cy', 'dee', 'eli', 'fay'];
/** Minutes from 2020-01-01T00:00Z to AT: the SEQUENCE of a new or changed event built at AT. */
const AT_MINUTES = (Date.parse(AT_UTC) - Date.parse('2020-01-01T00:00:00Z')) / 60_000;

/** Weekly Monday starts from 2027-03-01 to 2027-11-22: both 2027 New York DST changes inside. */
function mondays(): string[] {
  const out: string[] = [];
  for (let day = Date.UTC(2027, 2, 1); day <= Date.UTC(2027, 10, 22); day += 7 * 86_400_000) {
    out.push(new Date(day).toISOString().slice(0, 10));
  }
  return out;
}

const PAIRS: [string, string][] = [
  ['ana', 'ben'],
  ['cy', 'dee'],
  ['eli', 'fay'],
  ['ben', 'cy'],
  ['dee', 'ana'],
  ['fay', 'cy'],
];

interface Shift {
  start: string;
  primary: string;
  secondary: string;
}

function dstShifts(): Shift[] {
  return mondays().map((start, index) => {
    const [primary, secondary] = PAIRS[index % PAIRS.length] as [string, string];
    return { start, primary, secondary };
  });
}

const OVERRIDES = [
  // The 2027-03-15 shift (eli, fay): a cover of fay's evening, with a reason.
  { from: '2027-03-17T18:00', to: '2027-03-18T09:00', replace: 'fay', with: 'ana', reason: 'wedding' },
  // The 2027-11-08 shift (ana, ben): ben covered for a day, no reason.
  { from: '2027-11-09T09:00', to: '2027-11-10T09:00', replace: 'ben', with: 'dee' },
];

function scheduleYaml(shifts: Shift[], overrides = OVERRIDES): string {
  const lines = ['rotation: ops', 'shifts:'];
  for (const shift of shifts) {
    lines.push(`  - { start: ${shift.start}, primary: ${shift.primary}, secondary: ${shift.secondary} }`);
  }
  if (overrides.length > 0) {
    lines.push('overrides:');
    for (const o of overrides) {
      const reason = 'reason' in o && o.reason ? `, reason: ${o.reason}` : '';
      lines.push(`  - { from: "${o.from}", to: "${o.to}", replace: ${o.replace}, with: ${o.with}${reason} }`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function dstRepo(shifts = dstShifts()): string {
  const files = smallRepoFiles();
  files['rotations/ops/rotation.yaml'] = (files['rotations/ops/rotation.yaml'] as string).replace(
    'start: 2027-01-04',
    'start: 2027-03-01',
  );
  files[SCHEDULE] = scheduleYaml(shifts);
  return makeRepo(files);
}

async function build(root: string, out: string, ...extra: string[]) {
  const run = await runCli(['calendar', '--root', root, '--out', out, '--at', AT, ...extra]);
  expect(run.code, run.stderr).toBe(0);
  return run;
}

function feed(out: string, file: string): ParsedFeed {
  return parseFeed(readFileSync(path.join(out, file), 'utf8'));
}

function byUid(events: ParsedEvent[]): Map<string, ParsedEvent> {
  return new Map(events.map((event) => [event.uid, event]));
}

describe('oncall calendar: the feeds', () => {
  it('writes one feed per rotation and one per person, each read back by ical.js', async () => {
    const root = dstRepo();
    const out = path.join(root, '_site');
    const run = await build(root, out, '--json');
    const doc = run.json();
    const expected = ['ops.ics', ...PEOPLE.map((login) => `people/${login}.ics`)];
    expect(doc.files.map((file: { path: string }) => path.relative(out, file.path))).toEqual(expected);
    expect(doc.dryRun).toBe(false);
    for (const file of doc.files as { path: string; events: number }[]) {
      expect(feed(out, path.relative(out, file.path)).events).toHaveLength(file.events);
    }
    expect(readdirSync(path.join(out, 'people')).sort()).toEqual(PEOPLE.map((login) => `${login}.ics`));
    expect(existsSync(path.join(out, 'sequences.json'))).toBe(true);

    const ops = feed(out, 'ops.ics');
    const shifts = dstShifts();
    expect(ops.name).toBe('On call: ops');
    expect(ops.description).toContain('every published shift');
    expect(ops.timezones).toEqual(['America/New_York']);
    // Every published shift, plus each cover as its own event; nothing unpublished.
    expect(ops.events).toHaveLength(shifts.length + OVERRIDES.length);
    expect(ops.events.filter((event) => event.kind === 'shift').map((event) => event.summary)).toEqual(
      shifts.map((shift) => `on call: primary ${shift.primary}, secondary ${shift.secondary}`),
    );
    const last = ops.events.filter((event) => event.kind === 'shift').at(-1);
    expect(last?.localEnd).toBe('2027-11-29T11:00:00');
    for (const event of ops.events) {
      expect(event.stamp).toBe(AT_UTC);
      expect(event.sequence).toBe(AT_MINUTES);
      expect(event.transparency).toBe('TRANSPARENT');
      expect(event.tzid).toBe('America/New_York');
    }
  });

  it.each([
    // Before and after 2027-03-14 (EST -05:00 → EDT -04:00): 11:00 wall clock, a different UTC hour.
    ['2027-03-08', '2027-03-08T16:00:00Z', '2027-03-15T15:00:00Z'],
    ['2027-03-15', '2027-03-15T15:00:00Z', '2027-03-22T15:00:00Z'],
    // Before and after 2027-11-07 (EDT → EST).
    ['2027-11-01', '2027-11-01T15:00:00Z', '2027-11-08T16:00:00Z'],
    ['2027-11-08', '2027-11-08T16:00:00Z', '2027-11-15T16:00:00Z'],
  ])('the shift of %s starts and ends at 11:00 New York time (%s to %s)', async (start, startUtc, endUtc) => {
    const root = dstRepo();
    const out = path.join(root, 'out');
    await build(root, out);
    const ops = feed(out, 'ops.ics');
    const shift = ops.events.find((event) => event.uid === `ops-${start}@oncall-as-code`);
    expect(shift?.tzid).toBe('America/New_York');
    expect(shift?.localStart).toBe(`${start}T11:00:00`);
    expect(shift?.localEnd.slice(11)).toBe('11:00:00');
    expect([shift?.start, shift?.end]).toEqual([startUtc, endUtc]);
    // The same times in every person's feed holding a slot of that shift.
    const pair = dstShifts().find((item) => item.start === start) as Shift;
    for (const [slot, login] of [
      ['primary', pair.primary],
      ['secondary', pair.secondary],
    ]) {
      const mine = feed(out, `people/${login}.ics`).events.find(
        (event) => event.uid === `ops-${start}-${slot}@oncall-as-code`,
      );
      expect([mine?.localStart, mine?.start, mine?.end]).toEqual([`${start}T11:00:00`, startUtc, endUtc]);
      expect(mine?.summary).toBe(`on call (${slot}), ops`);
    }
  });

  it('shows each cover as its own event, in the rotation feed and in both people feeds', async () => {
    const root = dstRepo();
    const out = path.join(root, 'out');
    await build(root, out);
    const ops = byUid(feed(out, 'ops.ics').events);
    const wedding = ops.get('ops-cover-fay-20270317T220000Z@oncall-as-code');
    expect(wedding).toMatchObject({
      kind: 'cover',
      summary: 'ana covers fay (wedding)',
      localStart: '2027-03-17T18:00:00',
      localEnd: '2027-03-18T09:00:00',
      start: '2027-03-17T22:00:00Z',
      end: '2027-03-18T13:00:00Z',
    });
    expect(wedding?.description).toContain('ana is on call as secondary instead of fay');
    const day = ops.get('ops-cover-ben-20271109T140000Z@oncall-as-code');
    expect(day).toMatchObject({ summary: 'dee covers ben', start: '2027-11-09T14:00:00Z' });
    // The shift itself still names who is scheduled; its description lists the cover.
    expect(ops.get('ops-2027-03-15@oncall-as-code')?.summary).toBe('on call: primary eli, secondary fay');
    expect(ops.get('ops-2027-03-15@oncall-as-code')?.description).toContain('ana covers fay (secondary)');

    const ana = byUid(feed(out, 'people/ana.ics').events);
    expect(ana.get('ops-cover-fay-20270317T220000Z-with@oncall-as-code')).toMatchObject({
      kind: 'cover',
      summary: 'on call (secondary, covering fay), ops',
      start: '2027-03-17T22:00:00Z',
    });
    const fay = byUid(feed(out, 'people/fay.ics').events);
    expect(fay.get('ops-cover-fay-20270317T220000Z-replace@oncall-as-code')).toMatchObject({
      kind: 'covered',
      summary: 'off call: ana covers you (wedding), ops',
    });
    // fay's shift stays whole in her feed; the cover is a separate event.
    expect(fay.get('ops-2027-03-15-secondary@oncall-as-code')?.description).toContain('Covered by ana');
  });

  it('gives each person exactly their own events', async () => {
    const root = dstRepo();
    const out = path.join(root, 'out');
    await build(root, out);
    const shifts = dstShifts();
    for (const login of PEOPLE) {
      const expected = [
        ...shifts.flatMap((shift) =>
          (['primary', 'secondary'] as const)
            .filter((slot) => shift[slot] === login)
            .map((slot) => `ops-${shift.start}-${slot}@oncall-as-code`),
        ),
        ...OVERRIDES.filter((o) => o.with === login).map(
          (o) => `ops-cover-${o.replace}-${compactUtc(o.from)}-with@oncall-as-code`,
        ),
        ...OVERRIDES.filter((o) => o.replace === login).map(
          (o) => `ops-cover-${o.replace}-${compactUtc(o.from)}-replace@oncall-as-code`,
        ),
      ];
      const mine = feed(out, `people/${login}.ics`);
      expect(mine.events.map((event) => event.uid).sort(), login).toEqual(expected.sort());
      expect(mine.name).toMatch(new RegExp(`\\(${login}\\)$`));
    }
    // No UID appears in two feeds: one version number per UID holds everywhere.
    const all = ['ops.ics', ...PEOPLE.map((login) => `people/${login}.ics`)].flatMap((file) =>
      feed(out, file).events.map((event) => event.uid),
    );
    expect(new Set(all).size).toBe(all.length);
  });

  it('writes the same bytes for the same files and --at; DTSTAMP follows --at, SEQUENCE does not', async () => {
    const root = dstRepo();
    const first = path.join(root, 'a');
    const second = path.join(root, 'b');
    await build(root, first);
    await build(root, second);
    for (const file of ['ops.ics', 'people/ana.ics', 'sequences.json']) {
      expect(readFileSync(path.join(second, file), 'utf8')).toBe(
        readFileSync(path.join(first, file), 'utf8'),
      );
    }
    // A later build into the same folder: same UIDs and versions (nothing changed), new DTSTAMP.
    const before = feed(first, 'ops.ics').events;
    const later = await runCli(['calendar', '--root', root, '--out', first, '--at', '2026-12-01T09:30:00Z']);
    expect(later.code, later.stderr).toBe(0);
    const after = feed(first, 'ops.ics').events;
    expect(after.map((event) => event.uid)).toEqual(before.map((event) => event.uid));
    expect(after.map((event) => event.sequence)).toEqual(before.map((event) => event.sequence));
    expect(new Set(after.map((event) => event.stamp))).toEqual(new Set(['2026-12-01T09:30:00Z']));
  });

  it('keeps every UID when one shift changes hands; only the changed events get a higher SEQUENCE', async () => {
    const root = dstRepo();
    const out = path.join(root, 'out');
    await build(root, out);
    const before = byUid(feed(out, 'ops.ics').events);
    const beforeBen = byUid(feed(out, 'people/ben.ics').events);
    // A trade: eli takes ben's primary slot of 2027-03-22 (ben, cy → eli, cy).
    const traded = dstShifts().map((shift) =>
      shift.start === '2027-03-22' ? { ...shift, primary: 'eli' } : shift,
    );
    expect(dstShifts().find((shift) => shift.start === '2027-03-22')?.primary).toBe('ben');
    writeFileSync(path.join(root, SCHEDULE), scheduleYaml(traded));
    const run = await runCli(['calendar', '--root', root, '--out', out, '--at', '2026-11-27T08:00:00Z']);
    expect(run.code, run.stderr).toBe(0);

    const after = byUid(feed(out, 'ops.ics').events);
    expect([...after.keys()]).toEqual([...before.keys()]);
    const uid = 'ops-2027-03-22@oncall-as-code';
    expect(before.get(uid)?.summary).toBe('on call: primary ben, secondary cy');
    expect(after.get(uid)?.summary).toBe('on call: primary eli, secondary cy');
    expect(after.get(uid)?.sequence).toBeGreaterThan(before.get(uid)?.sequence ?? Number.POSITIVE_INFINITY);
    for (const [other, event] of after) {
      if (other !== uid) expect(event.sequence, other).toBe(before.get(other)?.sequence);
    }
    // The slot's UID moved from ben's feed to eli's, unchanged.
    const slot = 'ops-2027-03-22-primary@oncall-as-code';
    expect(beforeBen.has(slot)).toBe(true);
    expect(byUid(feed(out, 'people/ben.ics').events).has(slot)).toBe(false);
    const eli = byUid(feed(out, 'people/eli.ics').events).get(slot);
    expect(eli?.summary).toBe('on call (primary), ops');
    expect(eli?.sequence).toBeGreaterThan(beforeBen.get(slot)?.sequence ?? Number.POSITIVE_INFINITY);
  });

  it('puts a person on two rotations in one feed, each event in its own zone', async () => {
    const files = smallRepoFiles();
    files['rotations/web/rotation.yaml'] = (files['rotations/ops/rotation.yaml'] as string)
      .replace('name: ops', 'name: web')
      .replace('America/New_York', 'Europe/London');
    files['rotations/web/schedule.yaml'] = (files[SCHEDULE] as string).replace(
      'rotation: ops',
      'rotation: web',
    );
    const root = makeRepo(files);
    const out = path.join(root, 'out');
    const run = await build(root, out, '--json');
    expect(run.json().rotations).toEqual(['ops', 'web']);
    const ana = feed(out, 'people/ana.ics');
    expect(ana.timezones.sort()).toEqual(['America/New_York', 'Europe/London']);
    const first = ana.events.filter((event) => event.uid.includes('-2027-01-04-'));
    expect(first.map((event) => [event.uid, event.tzid, event.localStart, event.start])).toEqual([
      [
        'web-2027-01-04-primary@oncall-as-code',
        'Europe/London',
        '2027-01-04T11:00:00',
        '2027-01-04T11:00:00Z',
      ],
      [
        'ops-2027-01-04-primary@oncall-as-code',
        'America/New_York',
        '2027-01-04T11:00:00',
        '2027-01-04T16:00:00Z',
      ],
    ]);
    // --rotation narrows the build to one rotation.
    const only = await build(root, path.join(root, 'only'), '--rotation', 'web', '--json');
    expect(only.json().files[0].path).toBe(path.join(root, 'only', 'web.ics'));
    expect(existsSync(path.join(root, 'only', 'ops.ics'))).toBe(false);
  });
});

describe('oncall calendar: options', () => {
  it('--dry-run writes nothing and lists the files', async () => {
    const root = makeRepo(smallRepoFiles());
    const out = path.join(root, 'site');
    const run = await build(root, out, '--dry-run');
    expect(existsSync(out)).toBe(false);
    expect(run.stdout).toContain('would write 7 calendar feeds for ops:');
    expect(run.stdout).toContain(`${path.join(out, 'ops.ics')}  (8 events)`);
    expect(run.stdout).toContain(`${path.join(out, 'people', 'fay.ics')}  (2 events)`);
    const json = await build(root, out, '--dry-run', '--json');
    expect(existsSync(out)).toBe(false);
    expect(json.json()).toMatchObject({ dryRun: true, at: '2026-11-26T12:00:00-05:00', rotations: ['ops'] });
    expect(json.json().files[0]).toEqual({ path: path.join(out, 'ops.ics'), events: 8 });
  });

  it('--uid-domain names the repository in every UID', async () => {
    const root = makeRepo(smallRepoFiles());
    const out = path.join(root, 'out');
    await build(root, out, '--uid-domain', 'github.com/acme/oncall');
    const uids = feed(out, 'ops.ics').events.map((event) => event.uid);
    expect(uids[0]).toBe('ops-2027-01-04@github.com/acme/oncall');
  });

  it.each([
    [['calendar'], '--out DIR is required'],
    [['calendar', '--out', 'x', '--uid-domain', 'a b'], '--uid-domain'],
    [['calendar', '--out', 'x', '--bogus'], 'bogus'],
  ])('%j is a usage error', async (args, message) => {
    const run = await runCli([...args, '--root', makeRepo(smallRepoFiles())]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  it('exits 1 and writes nothing when a rotation has errors', async () => {
    const files = smallRepoFiles();
    files[SCHEDULE] = 'rotation: ops\nshifts: 12\n';
    const root = makeRepo(files);
    const out = path.join(root, 'out');
    const run = await runCli(['calendar', '--root', root, '--out', out, '--json']);
    expect(run.code).toBe(1);
    expect(run.json().error).toContain('the files of rotation "ops" have errors');
    expect(existsSync(out)).toBe(false);
  });

  it('starts afresh from an unreadable state file, with versions never lower than before', async () => {
    const root = makeRepo(smallRepoFiles());
    const out = path.join(root, 'out');
    await build(root, out);
    const before = feed(out, 'ops.ics').events.map((event) => event.sequence);
    writeFileSync(path.join(out, 'sequences.json'), '{"version": 99}');
    const run = await runCli(['calendar', '--root', root, '--out', out, '--at', '2026-11-26T18:00:00Z']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('is not a state file');
    const after = feed(out, 'ops.ics').events.map((event) => event.sequence);
    after.forEach((sequence, index) => {
      expect(sequence).toBeGreaterThanOrEqual(before[index] ?? Number.POSITIVE_INFINITY);
    });
  });
});

describe('oncall calendar: where it runs', () => {
  it('has a VTIMEZONE for every IANA zone Node knows, so no TZID is left unresolved', () => {
    const missing = Intl.supportedValuesOf('timeZone').filter((zone) => !hasVtimezone(zone));
    expect(missing).toEqual([]);
  });

  it("runs the workflow's own command on this repository", async () => {
    const repo = fileURLToPath(new URL('../..', import.meta.url));
    const workflow = parse(readFileSync(path.join(repo, '.github/workflows/pages.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { run?: string }[] }>;
    };
    const line = Object.values(workflow.jobs)
      .flatMap((job) => job.steps)
      .map((step) => step.run ?? '')
      .find((run) => run.startsWith('node bin/oncall.js calendar'));
    expect(line).toBe(
      'node bin/oncall.js calendar --out _site/calendars --uid-domain "github.com/$GITHUB_REPOSITORY"',
    );
    const args = (line as string)
      .replace('node bin/oncall.js ', '')
      .replace('"github.com/$GITHUB_REPOSITORY"', 'github.com/acme/oncall')
      .split(' ');
    const out = path.join(makeRepo({}), '_site', 'calendars');
    const run = await runCli([...args.map((arg) => (arg === '_site/calendars' ? out : arg)), '--root', repo]);
    expect(run.code, run.stderr).toBe(0);
    expect(feed(out, 'engineering.ics').events.length).toBeGreaterThan(50);
    expect(feed(out, 'people/alice.ics').events[0]?.uid).toMatch(
      /^engineering-.*@github\.com\/acme\/oncall$/,
    );
  });
});

/** `2027-03-17T18:00` (New York wall clock) as the UTC stamp used in cover UIDs. */
function compactUtc(local: string): string {
  const known: Record<string, string> = {
    '2027-03-17T18:00': '20270317T220000Z',
    '2027-11-09T09:00': '20271109T140000Z',
  };
  const value = known[local];
  if (value === undefined) throw new Error(`no UTC stamp for ${local}`);
  return value;
}
