/**
 * `oncall schedule extend` through the CLI on real temporary repositories: the JSON contract, the
 * file written (every existing byte kept, new shifts in the file's own style, in the right place),
 * --dry-run, --until, idempotence, `oncall validate` on the result, weeks nobody can take, rules
 * that must be relaxed, holidays, and a person in two rotations.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, runCli, smallRepoFiles } from '../helpers/repo.js';

const PEOPLE = 'rotations/people.yaml';
const ROTATION = 'rotations/ops/rotation.yaml';
const SCHEDULE = 'rotations/ops/schedule.yaml';
/** The small repository is published until 2027-03-01; 5 weeks after this is 2027-03-17 12:00. */
const AT = '2027-02-10T12:00:00-05:00';
const HORIZON_STARTS = ['2027-03-01', '2027-03-08', '2027-03-15'];

interface Added {
  start: string;
  primary: string;
  secondary: string;
}

function repoWith(changes: Record<string, string> = {}): string {
  return makeRepo({ ...smallRepoFiles(), ...changes });
}

function read(root: string, file = SCHEDULE): string {
  return readFileSync(path.join(root, file), 'utf8');
}

function extend(root: string, ...args: string[]) {
  return runCli(['schedule', 'extend', '--root', root, '--at', AT, '--json', ...args]);
}

async function validate(root: string, at = AT) {
  const run = await runCli(['validate', '--root', root, '--at', at, '--json']);
  return { code: run.code, doc: run.json() };
}

/** The lines the writer adds for `added`, in flow style after `prefix` ("  - "). */
function flowLines(added: readonly Added[], prefix = '  - ', eol = '\n'): string {
  return added
    .map(
      (shift) =>
        `${prefix}{ start: ${shift.start}, primary: ${shift.primary}, secondary: ${shift.secondary} }${eol}`,
    )
    .join('');
}

/** `before` with `inserted` put in at `at`, and nothing else changed. */
function expectInsertion(before: string, after: string, at: number, inserted: string) {
  expect(at).toBeGreaterThan(0);
  expect(after.slice(0, at)).toBe(before.slice(0, at));
  expect(after.slice(at + inserted.length)).toBe(before.slice(at));
  expect(after).toBe(before.slice(0, at) + inserted + before.slice(at));
}

/** Where the line after the one containing `marker` starts. */
function afterLineOf(text: string, marker: string): number {
  const index = text.indexOf(marker);
  expect(index, marker).toBeGreaterThanOrEqual(0);
  return text.indexOf('\n', index) + 1;
}

describe('schedule extend: the JSON contract', () => {
  it('prints {added, relaxed, fairness} and appends exactly the shifts it lists', async () => {
    const root = repoWith();
    const before = read(root);
    const run = await extend(root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const doc = run.json();
    expect(doc).toMatchObject({ rotation: 'ops', dryRun: false });
    expect(Array.isArray(doc.added)).toBe(true);
    expect(doc.added.map((shift: Added) => shift.start)).toEqual(HORIZON_STARTS);
    for (const shift of doc.added as Added[]) {
      expect(Object.keys(shift).sort()).toEqual(['primary', 'secondary', 'start']);
      expect(shift.primary).not.toBe(shift.secondary);
      expect(['ana', 'ben', 'cy', 'dee', 'eli', 'fay']).toEqual(
        expect.arrayContaining([shift.primary, shift.secondary]),
      );
    }
    expect(doc.relaxed).toEqual([]);
    expect(doc.fairness).toMatchObject({ spread: expect.any(Number), holidaySpread: expect.any(Number) });
    expect(doc.fairness.people.length).toBe(6);
    for (const person of doc.fairness.people) {
      expect(person).toEqual({
        github: expect.any(String),
        shifts: expect.any(Number),
        load: expect.any(Number),
        holidayShifts: expect.any(Number),
        prorated: expect.any(Number),
        deviation: expect.any(Number),
      });
    }
    // eli is away 2027-03-01 to 2027-03-05.
    expect(doc.added[0].primary).not.toBe('eli');
    expect(doc.added[0].secondary).not.toBe('eli');
    expectInsertion(before, read(root), before.length, flowLines(doc.added));
  });

  it('the text output lists the same shifts', async () => {
    const root = repoWith();
    const run = await runCli(['schedule', 'extend', '--root', root, '--at', AT, '--dry-run']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('ops: would add 3 shift(s) to rotations/ops/schedule.yaml');
    for (const start of HORIZON_STARTS)
      expect(run.stdout).toMatch(new RegExp(`^  ${start}  primary: \\w+, secondary: \\w+$`, 'm'));
  });

  it('the result passes oncall validate: exit 0, no errors, no warnings', async () => {
    const root = repoWith();
    expect((await extend(root)).code).toBe(0);
    const { code, doc } = await validate(root);
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
    expect(code).toBe(0);
  });

  it('is deterministic: two copies of the same files at the same --at get the same shifts', async () => {
    const first = await extend(repoWith());
    const second = await extend(repoWith());
    expect(second.json()).toEqual(first.json());
  });
});

describe('schedule extend: the file it writes', () => {
  it('keeps comments, blank lines and spacing, and inserts after the last shift, before overrides', async () => {
    const schedule = `# The ops rotation. Edited by hand and by oncall schedule extend.
rotation: ops   # must match rotation.yaml

shifts:
  # January
  - { start: 2027-01-04, primary: ana, secondary: ben }
  - { start: 2027-01-11,   primary: cy,  secondary: dee }    # odd spacing stays
  - { start: 2027-01-18, primary: eli, secondary: fay }
  - { start: 2027-01-25, primary: ben, secondary: cy }
  # February
  - { start: 2027-02-01, primary: dee, secondary: eli }
  - { start: 2027-02-08, primary: fay, secondary: ana }
  - { start: 2027-02-15, primary: ana, secondary: cy }
  - { start: 2027-02-22, primary: ben, secondary: dee }   # last one by hand

# Covers
overrides:   # one so far
  - { from: "2027-02-23T18:00", to: "2027-02-24T09:00", replace: ben, with: cy, reason: dentist }
# end of file`;
    const root = repoWith({ [SCHEDULE]: schedule });
    const run = await extend(root);
    expect(run.code, run.stderr).toBe(0);
    const after = read(root);
    expectInsertion(
      schedule,
      after,
      afterLineOf(schedule, '# last one by hand'),
      flowLines(run.json().added),
    );
    for (const line of schedule.split('\n')) expect(after.split('\n')).toContain(line);
    expect((await validate(root)).doc.errors).toEqual([]);
  });

  it('a file without a final newline gains one only where the new lines start', async () => {
    const schedule = (smallRepoFiles()[SCHEDULE] as string).trimEnd();
    const root = repoWith({ [SCHEDULE]: schedule });
    const run = await extend(root);
    expect(run.code, run.stderr).toBe(0);
    expect(read(root)).toBe(`${schedule}\n${flowLines(run.json().added)}`);
  });

  it('keeps Windows line endings: every new line ends in CRLF too', async () => {
    const schedule = (smallRepoFiles()[SCHEDULE] as string).replace(/\n/g, '\r\n');
    const root = repoWith({ [SCHEDULE]: schedule });
    const run = await extend(root);
    expect(run.code, run.stderr).toBe(0);
    const after = read(root);
    expect(after).toBe(schedule + flowLines(run.json().added, '  - ', '\r\n'));
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('extends a block-style list (multi-line maps) in block style, at its indentation', async () => {
    for (const indent of ['  ', '']) {
      const schedule = `rotation: ops
shifts:
${indent}- start: 2027-01-04
${indent}  primary: ana
${indent}  secondary: ben
${indent}# between
${indent}- start: 2027-01-11   # second
${indent}  secondary: dee
${indent}  primary: cy

${indent}# trailing comment
overrides: []
`;
      const root = repoWith({ [SCHEDULE]: schedule });
      const run = await extend(root, '--at', '2027-01-12T12:00:00-05:00');
      expect(run.code, run.stderr).toBe(0);
      const added: Added[] = run.json().added;
      expect(added.map((shift) => shift.start)).toEqual([
        '2027-01-18',
        '2027-01-25',
        '2027-02-01',
        '2027-02-08',
        '2027-02-15',
      ]);
      const block = added
        .map(
          (shift) =>
            `${indent}- start: ${shift.start}\n${indent}  primary: ${shift.primary}\n${indent}  secondary: ${shift.secondary}\n`,
        )
        .join('');
      expectInsertion(schedule, read(root), afterLineOf(schedule, 'primary: cy'), block);
      expect((await validate(root, '2027-01-12T12:00:00-05:00')).doc.errors).toEqual([]);
    }
  });

  it('fills `shifts: []` from the rotation start, and the result validates', async () => {
    const schedule = '# nothing published yet\nrotation: ops\nshifts: []\n';
    const root = repoWith({ [SCHEDULE]: schedule });
    const at = '2027-01-05T12:00:00-05:00';
    const run = await extend(root, '--at', at);
    expect(run.code, run.stderr).toBe(0);
    const added: Added[] = run.json().added;
    // From the rotation's start (2027-01-04) until the shift that ends after 2027-02-09 12:00.
    expect(added.map((shift) => shift.start)).toEqual([
      '2027-01-04',
      '2027-01-11',
      '2027-01-18',
      '2027-01-25',
      '2027-02-01',
      '2027-02-08',
    ]);
    expect(read(root)).toBe(`# nothing published yet\nrotation: ops\nshifts:\n${flowLines(added)}`);
    const { code, doc } = await validate(root, at);
    expect(doc.errors).toEqual([]);
    expect(code).toBe(0);
  });

  it('extends a flow-style list, one line or one entry a line', async () => {
    const oneLine = 'rotation: ops\nshifts: [{ start: 2027-01-04, primary: ana, secondary: ben }]   # flow\n';
    const entryALine = `rotation: ops
shifts: [
  { start: 2027-01-04, primary: ana, secondary: ben },
  { start: 2027-01-11, primary: cy, secondary: dee }   # second
]
overrides: []
`;
    const at = '2027-01-12T12:00:00-05:00';
    for (const schedule of [oneLine, entryALine]) {
      const root = repoWith({ [SCHEDULE]: schedule });
      const run = await extend(root, '--at', at);
      expect(run.code, run.stderr).toBe(0);
      const added: Added[] = run.json().added;
      expect(added.length).toBeGreaterThan(0);
      const entries = added.map(
        (shift) => `{ start: ${shift.start}, primary: ${shift.primary}, secondary: ${shift.secondary} }`,
      );
      const after = read(root);
      if (schedule === oneLine) {
        const end = schedule.indexOf(' }]') + 2;
        expectInsertion(schedule, after, end, entries.map((entry) => `, ${entry}`).join(''));
      } else {
        // The last entry gains its comma; its comment stays on its line; each new entry has its own.
        expect(after).toBe(
          entryALine.replace(
            '{ start: 2027-01-11, primary: cy, secondary: dee }   # second\n',
            `{ start: 2027-01-11, primary: cy, secondary: dee },   # second\n${entries.map((entry) => `  ${entry}`).join(',\n')}\n`,
          ),
        );
      }
      expect((await validate(root, at)).doc.errors).toEqual([]);
    }
  });

  it('--dry-run writes nothing and reports what a real run then writes', async () => {
    const root = repoWith();
    const before = read(root);
    const dry = await extend(root, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json().dryRun).toBe(true);
    expect(dry.json().added.length).toBe(3);
    expect(read(root)).toBe(before);
    const real = await extend(root);
    expect(real.json().added).toEqual(dry.json().added);
    expect(real.json().relaxed).toEqual(dry.json().relaxed);
  });

  it('run twice at the same --at: the second run adds nothing and leaves the file byte for byte', async () => {
    const root = repoWith();
    expect((await extend(root)).json().added.length).toBe(3);
    const once = read(root);
    const again = await extend(root);
    expect(again.code).toBe(0);
    expect(again.json().added).toEqual([]);
    expect(again.json().relaxed).toEqual([]);
    expect(read(root)).toBe(once);
  });
});

describe('schedule extend --until', () => {
  const startsUntil = async (until: string) => {
    const root = repoWith();
    const run = await extend(root, '--until', until);
    expect(run.code, run.stderr).toBe(0);
    return (run.json().added as Added[]).map((shift) => shift.start);
  };

  it('stops when the last added shift ends at the handoff on or after DATE', async () => {
    // 2027-04-01 is a Thursday: the handoff on or after it is Monday 2027-04-05.
    expect(await startsUntil('2027-04-01')).toEqual([
      '2027-03-01',
      '2027-03-08',
      '2027-03-15',
      '2027-03-22',
      '2027-03-29',
    ]);
    // On a handoff date, the last shift ends that very day.
    expect(await startsUntil('2027-03-29')).toEqual(['2027-03-01', '2027-03-08', '2027-03-15', '2027-03-22']);
    expect(await startsUntil('2027-03-02')).toEqual(['2027-03-01']);
  });

  it('goes past the horizon when DATE is later, and adds nothing when the schedule already reaches it', async () => {
    expect((await startsUntil('2027-06-28')).length).toBe(17);
    expect(await startsUntil('2027-03-01')).toEqual([]);
    expect(await startsUntil('2027-01-20')).toEqual([]);
  });

  it('refuses a DATE that is not a date (exit 2) and writes nothing', async () => {
    const root = repoWith();
    const before = read(root);
    for (const until of ['next-month', '2027-4-1', '2027-04-01T10:00', '2027-02-30']) {
      const run = await runCli(['schedule', 'extend', '--root', root, '--at', AT, '--until', until]);
      expect(run.code, until).toBe(2);
      expect(run.stderr).toMatch(/--until/);
    }
    expect(read(root)).toBe(before);
  });
});

describe('schedule extend when the rules cannot all hold', () => {
  it('a week nobody can take: exit 1 naming the week and why each member was left out; nothing written', async () => {
    // Everyone but fay is away on Wednesday 2027-03-10: the pair of 2027-03-08 cannot be filled.
    const people = `people:
  - { github: ana, name: Ana, team: red, timezone: America/New_York, away: [{ from: 2027-03-10, to: 2027-03-10 }] }
  - { github: ben, name: Ben, team: blue, timezone: Europe/London, away: [{ from: 2027-03-10, to: 2027-03-10, reason: conference }] }
  - { github: cy, name: Cy, team: green, timezone: America/Los_Angeles, left: 2027-03-09 }
  - { github: dee, name: Dee, team: red, timezone: America/New_York, away: [{ from: 2027-03-07, to: 2027-03-14 }] }
  - { github: eli, name: Eli, team: blue, timezone: Europe/London, away: [{ from: 2027-03-01, to: 2027-03-12, reason: ski trip }] }
  - { github: fay, name: Fay, team: green, timezone: America/Chicago, joined: 2026-01-01 }
`;
    const root = repoWith({ [PEOPLE]: people });
    const before = read(root);

    const text = await runCli(['schedule', 'extend', '--root', root, '--at', AT]);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe('');
    expect(text.stderr).toContain('2027-03-08');
    expect(text.stderr).toMatch(/^ {2}ben: away 2027-03-10 to 2027-03-10 \(conference\)$/m);
    expect(text.stderr).toMatch(/^ {2}cy: left 2027-03-09$/m);
    expect(text.stderr).toMatch(/^ {2}fay: available/m);
    expect(text.stderr).not.toMatch(/^\s+at /m);

    const json = await extend(root);
    expect(json.code).toBe(1);
    const { error } = json.json();
    expect(error.message).toContain('2027-03-08');
    expect(error.message).toMatch(/1 of 6 member\(s\) are available/);
    const why = Object.fromEntries(
      error.excluded.map((entry: { github: string; why: string }) => [entry.github, entry.why]),
    );
    expect(Object.keys(why).sort()).toEqual(['ana', 'ben', 'cy', 'dee', 'eli', 'fay']);
    expect(why.ana).toBe('away 2027-03-10 to 2027-03-10');
    expect(why.dee).toBe('away 2027-03-07 to 2027-03-14');
    expect(why.eli).toBe('away 2027-03-01 to 2027-03-12 (ski trip)');
    expect(why.cy).toBe('left 2027-03-09');
    expect(why.fay).toMatch(/^available, but too few/);
    // Not even the weeks before the impossible one are written.
    expect(read(root)).toBe(before);
  });

  it('relaxes distinct_teams when everyone is on one team, and reports it for every added shift', async () => {
    const people = (smallRepoFiles()[PEOPLE] as string).replace(/team: \w+/g, 'team: red');
    const rotation = `${(smallRepoFiles()[ROTATION] as string).replace('teams: [red, blue, green]', 'teams: [red]')}rules:\n  distinct_teams: true\n`;
    const root = repoWith({ [PEOPLE]: people, [ROTATION]: rotation });
    const run = await extend(root);
    expect(run.code, run.stderr).toBe(0);
    const doc = run.json();
    expect(doc.added.map((shift: Added) => shift.start)).toEqual(HORIZON_STARTS);
    expect(doc.relaxed).toEqual(
      HORIZON_STARTS.map((start) => ({ rule: 'distinct_teams', start, why: expect.stringMatching(/teams/) })),
    );
    // Only the rule that had to go: the others still hold, and validate warns of exactly that.
    const { code, doc: validation } = await validate(root);
    expect(code).toBe(0);
    expect(validation.errors).toEqual([]);
    const warned = validation.warnings.filter(
      (warning: { line: number }) =>
        warning.line > (smallRepoFiles()[SCHEDULE] as string).split('\n').length - 1,
    );
    expect(warned.map((warning: { rule: string }) => warning.rule)).toEqual(
      HORIZON_STARTS.map(() => 'distinct_teams'),
    );

    const text = await runCli([
      'schedule',
      'extend',
      '--root',
      repoWith({ [PEOPLE]: people, [ROTATION]: rotation }),
      '--at',
      AT,
    ]);
    expect(text.stdout).toMatch(/^relaxed distinct_teams for 2027-03-01: /m);
  });

  it('never relaxes a rule set to enforce: error: exit 1 naming the first week, nothing written', async () => {
    const people = (smallRepoFiles()[PEOPLE] as string).replace(/team: \w+/g, 'team: red');
    const rotation = `${(smallRepoFiles()[ROTATION] as string).replace('teams: [red, blue, green]', 'teams: [red]')}rules:\n  distinct_teams: { value: true, enforce: error }\n`;
    const root = repoWith({ [PEOPLE]: people, [ROTATION]: rotation });
    const before = read(root);
    const run = await extend(root);
    expect(run.code).toBe(1);
    expect(run.json().error.message).toContain('2027-03-01');
    expect(run.json().error.message).toContain('distinct_teams');
    expect(run.json().error.excluded.length).toBe(6);
    expect(read(root)).toBe(before);
  });

  it('relaxes the least important rule first and keeps the rest', async () => {
    // Three people for a pair every week with a 1-shift gap: the gap cannot hold, pairs can vary.
    const people = `people:
  - { github: ana, name: Ana, team: red, timezone: America/New_York }
  - { github: ben, name: Ben, team: blue, timezone: America/New_York }
  - { github: cy, name: Cy, team: green, timezone: America/New_York }
`;
    const rotation = `${smallRepoFiles()[ROTATION] as string}rules:\n  distinct_teams: true\n  min_gap_shifts: 1\n`;
    const schedule = 'rotation: ops\nshifts:\n  - { start: 2027-01-04, primary: ana, secondary: ben }\n';
    const root = repoWith({ [PEOPLE]: people, [ROTATION]: rotation, [SCHEDULE]: schedule });
    const run = await extend(root, '--at', '2027-01-05T12:00:00-05:00');
    expect(run.code, run.stderr).toBe(0);
    const doc = run.json();
    expect(doc.relaxed.length).toBeGreaterThan(0);
    for (const relaxation of doc.relaxed) expect(relaxation.rule).toBe('min_gap_shifts');
    const { doc: validation } = await validate(root, '2027-01-05T12:00:00-05:00');
    expect(validation.errors).toEqual([]);
    expect(new Set(validation.warnings.map((warning: { rule: string }) => warning.rule))).toEqual(
      new Set(['min_gap_shifts']),
    );
  });
});

describe('schedule extend with holidays', () => {
  it('gives a shift containing 2027-12-25 a heavier weight, shown as a holiday shift in the report', async () => {
    const rotation = `name: ops
members: { teams: [red, blue, green] }
slots: [primary, secondary]
timezone: America/New_York
shift: { length_days: 7, handoff: { weekday: monday, time: "11:00" } }
start: 2027-11-01
publish_weeks_ahead: 5
holidays: US
`;
    // Veterans Day (2027-11-11) is in the shift of eli and fay, Thanksgiving (2027-11-25) in ana and ben's.
    const schedule = `rotation: ops
shifts:
  - { start: 2027-11-01, primary: cy, secondary: dee }
  - { start: 2027-11-08, primary: eli, secondary: fay }
  - { start: 2027-11-15, primary: cy, secondary: eli }
  - { start: 2027-11-22, primary: ana, secondary: ben }
`;
    const root = repoWith({ [ROTATION]: rotation, [SCHEDULE]: schedule });
    const at = '2027-11-20T12:00:00-05:00';
    const run = await extend(root, '--at', at);
    expect(run.code, run.stderr).toBe(0);
    const added: Added[] = run.json().added;
    expect(added.map((shift) => shift.start)).toEqual([
      '2027-11-29',
      '2027-12-06',
      '2027-12-13',
      '2027-12-20',
    ]);
    const christmas = added[3] as Added;
    expect((await validate(root, at)).doc.errors).toEqual([]);
    // The extend summary counts it from the first shift not ended (2027-11-15) on.
    const summary = new Map(
      run
        .json()
        .fairness.people.map((row: { github: string; holidayShifts: number }) => [
          row.github,
          row.holidayShifts,
        ]),
    );
    expect(summary.get(christmas.primary)).toBeGreaterThanOrEqual(1);
    expect(summary.get(christmas.secondary)).toBeGreaterThanOrEqual(1);

    const report = await runCli([
      'report',
      '--root',
      root,
      '--from',
      '2027-11-01',
      '--to',
      '2027-12-31',
      '--json',
    ]);
    expect(report.code, report.stderr).toBe(0);
    const rows = new Map(
      report
        .json()
        .people.map((row: { github: string; holidayShifts: number; load: number; shifts: number }) => [
          row.github,
          row,
        ]),
    );
    // Veterans Day (2027-11-08), Thanksgiving (2027-11-22) and Christmas: three pairs.
    const holidayShifts = [...rows.values()].map((row) => (row as { holidayShifts: number }).holidayShifts);
    expect(holidayShifts.reduce((sum, count) => sum + count, 0)).toBe(6);
    for (const login of ['ana', 'ben', 'eli', 'fay', christmas.primary, christmas.secondary]) {
      expect((rows.get(login) as { holidayShifts: number }).holidayShifts).toBeGreaterThanOrEqual(1);
    }
    // A holiday shift weighs more than an ordinary week.
    const december = await runCli([
      'report',
      '--root',
      root,
      '--from',
      '2027-12-20',
      '--to',
      '2027-12-20',
      '--json',
    ]);
    const holder = december.json().people.find((row: { github: string }) => row.github === christmas.primary);
    expect(holder).toMatchObject({ shifts: 1, holidayShifts: 1 });
    expect(holder.load).toBeGreaterThan(1);
    const ordinary = await runCli([
      'report',
      '--root',
      root,
      '--from',
      '2027-12-13',
      '--to',
      '2027-12-13',
      '--json',
    ]);
    const week = ordinary.json().people.find((row: { shifts: number }) => row.shifts === 1);
    expect(week).toMatchObject({ load: 1, holidayShifts: 0 });
    expect(report.json().spread.holidayShifts).toBeGreaterThanOrEqual(1);
  });
});

describe('schedule extend with two rotations', () => {
  it('never puts someone on call in both at once, counting the covers of the other rotation', async () => {
    // db has dee every week, and ana covering dee from 2027-03-01 to 2027-03-22.
    const db = {
      'rotations/db/rotation.yaml': `name: db
members: { include: [ana, dee] }
slots: [primary]
timezone: America/New_York
shift: { length_days: 7, handoff: { weekday: monday, time: "11:00" } }
start: 2027-02-22
publish_weeks_ahead: 4
`,
      'rotations/db/schedule.yaml': `rotation: db
shifts:
  - { start: 2027-02-22, primary: dee }
  - { start: 2027-03-01, primary: dee }
  - { start: 2027-03-08, primary: dee }
  - { start: 2027-03-15, primary: dee }
overrides:
  - { from: "2027-03-01T11:00", to: "2027-03-22T11:00", replace: dee, with: ana, reason: parental leave }
`,
    };
    // dee is in ops on 2027-02-22 in the small repository: move that slot to cy first.
    const schedule = (smallRepoFiles()[SCHEDULE] as string).replace(
      '{ start: 2027-02-22, primary: ben, secondary: dee }',
      '{ start: 2027-02-22, primary: ben, secondary: cy }',
    );
    const root = repoWith({ ...db, [SCHEDULE]: schedule });
    // Before: only the horizon (ops is published 2.7 weeks ahead) is wrong.
    expect((await validate(root)).doc.errors.map((error: { rule: string }) => error.rule)).toEqual([
      'horizon',
    ]);
    const run = await extend(root, '--rotation', 'ops');
    expect(run.code, run.stderr).toBe(0);
    for (const shift of run.json().added as Added[]) {
      expect([shift.primary, shift.secondary]).not.toContain('ana');
      expect([shift.primary, shift.secondary]).not.toContain('dee');
    }
    const { code, doc } = await validate(root);
    expect(doc.errors).toEqual([]);
    expect(code).toBe(0);
  });
});
