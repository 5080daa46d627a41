/**
 * `oncall report` (per-person shifts, load, holiday shifts, first shift; the spread; Markdown with
 * a Mermaid gantt) and `oncall schedule repair` (only the future slots that became invalid move;
 * every other byte stays) through the CLI on real temporary repositories.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, runCli, smallRepoFiles } from '../helpers/repo.js';

const PEOPLE = 'rotations/people.yaml';
const ROTATION = 'rotations/ops/rotation.yaml';
const SCHEDULE = 'rotations/ops/schedule.yaml';
/** During the shift of 2027-01-11 (cy and dee). */
const AT = '2027-01-12T12:00:00-05:00';

function read(root: string, file = SCHEDULE): string {
  return readFileSync(path.join(root, file), 'utf8');
}

/** The small repository's roster with `person`'s one-line entry given `extra` fields. */
function peopleWith(changes: Record<string, string>): string {
  let people = smallRepoFiles()[PEOPLE] as string;
  for (const [login, extra] of Object.entries(changes)) {
    const entry = new RegExp(`(\\{ github: ${login}, [^}]*?) \\}`);
    expect(people).toMatch(entry);
    people = people.replace(entry, `$1, ${extra} }`);
  }
  return people;
}

function report(root: string, ...args: string[]) {
  return runCli(['report', '--root', root, ...args]);
}

interface Row {
  github: string;
  name: string;
  team: string;
  shifts: number;
  load: number;
  holidayShifts: number;
  firstShift: string | null;
  prorated: number;
  pages: number | null;
}

describe('oncall report', () => {
  it('--json: per person shifts, load, holiday shifts and first shift, and the spread', async () => {
    const root = makeRepo(smallRepoFiles());
    const run = await report(root, '--from', '2027-01-01', '--to', '2027-02-28', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const doc = run.json();
    expect(doc).toMatchObject({ rotation: 'ops', from: '2027-01-01', to: '2027-02-28' });
    const rows = new Map((doc.people as Row[]).map((row) => [row.github, row]));
    expect([...rows.keys()].sort()).toEqual(['ana', 'ben', 'cy', 'dee', 'eli', 'fay']);
    for (const row of rows.values()) {
      expect(Object.keys(row).sort()).toEqual(
        [
          'compHours',
          'firstShift',
          'github',
          'holidayShifts',
          'load',
          'name',
          'offHoursPages',
          'pages',
          'pagesByHours',
          'prorated',
          'shifts',
          'team',
        ].sort(),
      );
      // No GitHub here: the incidents are unknown, not zero.
      expect(row.pages).toBeNull();
      expect(row.holidayShifts).toBe(0);
      // No holidays: a week weighs 1.
      expect(row.load).toBe(row.shifts);
    }
    expect(rows.get('ana')).toMatchObject({ name: 'Ana', team: 'red', shifts: 3, firstShift: '2027-01-04' });
    expect(rows.get('ben')).toMatchObject({ shifts: 3, firstShift: '2027-01-04' });
    expect(rows.get('cy')).toMatchObject({ shifts: 3, firstShift: '2027-01-11' });
    expect(rows.get('dee')).toMatchObject({ shifts: 3, firstShift: '2027-01-11' });
    expect(rows.get('eli')).toMatchObject({ shifts: 2, firstShift: '2027-01-18' });
    expect(rows.get('fay')).toMatchObject({ shifts: 2, firstShift: '2027-01-18' });
    expect(doc.spread).toEqual({
      shifts: 1,
      load: 1,
      holidayShifts: 0,
      prorated: expect.any(Number),
      pages: null,
      offHoursPages: null,
    });
    expect(doc.incidents).toMatchObject({ known: false, why: expect.stringContaining('GITHUB_TOKEN') });
    expect(doc.gantt).toMatch(/^gantt\n/);
  });

  it('counts only the shifts starting in the period, but the first shift ever; members without shifts are listed', async () => {
    const root = makeRepo(smallRepoFiles());
    const run = await report(root, '--from', '2027-02-01', '--to', '2027-02-14', '--json');
    expect(run.code, run.stderr).toBe(0);
    const rows = new Map((run.json().people as Row[]).map((row) => [row.github, row]));
    // 2027-02-01: dee, eli; 2027-02-08: fay, ana.
    expect(Object.fromEntries([...rows].map(([login, row]) => [login, row.shifts]))).toEqual({
      ana: 1,
      ben: 0,
      cy: 0,
      dee: 1,
      eli: 1,
      fay: 1,
    });
    expect(rows.get('ana')?.firstShift).toBe('2027-01-04');
    expect(rows.get('ben')).toMatchObject({ shifts: 0, load: 0, firstShift: '2027-01-04' });
  });

  it('Markdown: a heading, the table with a row per person, the spread, and a mermaid gantt block', async () => {
    const root = makeRepo(smallRepoFiles());
    const run = await report(root, '--from', '2027-01-01', '--to', '2027-02-28');
    expect(run.code, run.stderr).toBe(0);
    const text = run.stdout;
    expect(text).toContain('## On-call report: ops, 2027-01-01 to 2027-02-28');
    expect(text).toContain(
      '| person | team | shifts | load | holiday shifts | first shift | prorated load |',
    );
    expect(text).toMatch(/^\| ana \(Ana\) \| red \| 3 \| 3 \| 0 \| 2027-01-04 \| [\d.]+ \|$/m);
    expect(text).toMatch(/^\| eli \(Eli\) \| blue \| 2 \| 2 \| 0 \| 2027-01-18 \| [\d.]+ \|$/m);
    expect(text.match(/^\| \w+ \(/gm)).toHaveLength(6);
    expect(text).toMatch(/^Spread \(most minus least\): shifts 1, load 1, holiday shifts 0/m);
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(text);
    expect(block).not.toBeNull();
    const gantt = (block as RegExpExecArray)[1] as string;
    expect(gantt).toMatch(/^gantt\n/);
    expect(gantt).toContain('dateFormat YYYY-MM-DD');
    expect(gantt).toMatch(/^ {2}section primary$/m);
    expect(gantt).toMatch(/^ {2}section secondary$/m);
    expect(gantt).toContain('  ana :2027-01-04, 7d');
    expect(gantt).toContain('  dee :2027-02-22, 7d');
    // One bar per slot of each of the 8 shifts.
    expect(gantt.match(/:\d{4}-\d{2}-\d{2}, 7d$/gm)).toHaveLength(16);
  });

  it('bad --from or --to: exit 2, one line on stderr, nothing on stdout', async () => {
    const root = makeRepo(smallRepoFiles());
    const cases: string[][] = [
      [],
      ['--from', '2027-01-01'],
      ['--to', '2027-01-01'],
      ['--from', 'last-month', '--to', '2027-01-01'],
      ['--from', '2027-01-01', '--to', '01/02/2027'],
      ['--from', '2027-02-30', '--to', '2027-03-31'],
      ['--from', '2027-01-01', '--to', '2027-13-01'],
      ['--from', '2027-02-01', '--to', '2027-01-01'],
      ['--from', '2027-01-01', '--to', '2027-02-01', '--json', '--bogus'],
    ];
    for (const args of cases) {
      const run = await report(root, ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.trimEnd().split('\n'), run.stderr).toHaveLength(1);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    }
  });
});

/** The lines of `before` and `after` that differ, by line number. */
function changedLines(before: string, after: string): Map<number, [string, string]> {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  const changed = new Map<number, [string, string]>();
  a.forEach((line, index) => {
    if (line !== b[index]) changed.set(index, [line, b[index] as string]);
  });
  return changed;
}

interface Move {
  start: string;
  slot: string;
  from: string;
  to: string;
  why: string;
}

function repair(root: string, ...args: string[]) {
  return runCli(['schedule', 'repair', '--root', root, '--at', AT, '--json', ...args]);
}

async function validate(root: string) {
  const run = await runCli(['validate', '--root', root, '--at', AT, '--json']);
  return { code: run.code, doc: run.json() };
}

describe('oncall schedule repair', () => {
  it('a leaver: moves only their future slots, to someone who can serve, and validate then has no errors', async () => {
    // cy leaves on 2027-01-20: the shifts of 2027-01-25 and 2027-02-15 need someone else.
    const root = makeRepo({ ...smallRepoFiles(), [PEOPLE]: peopleWith({ cy: 'left: 2027-01-20' }) });
    const before = read(root);
    expect((await validate(root)).doc.errors.map((error: { rule: string }) => error.rule)).toEqual([
      'on-call-after-left',
      'on-call-after-left',
    ]);
    const run = await repair(root);
    expect(run.code, run.stderr).toBe(0);
    const moved: Move[] = run.json().moved;
    expect(moved.map(({ start, slot, from }) => ({ start, slot, from }))).toEqual([
      { start: '2027-01-25', slot: 'secondary', from: 'cy' },
      { start: '2027-02-15', slot: 'secondary', from: 'cy' },
    ]);
    for (const move of moved) {
      expect(move.to).not.toBe('cy');
      expect(move.why).toBe('left 2027-01-20');
    }
    expect(moved[0]?.to).not.toBe('ben'); // ben is the shift's primary
    expect(moved[1]?.to).not.toBe('ana');

    // Every other line byte for byte; in the two changed lines only the value.
    const after = read(root);
    const changed = changedLines(before, after);
    expect([...changed.keys()]).toEqual([5, 8]);
    expect(changed.get(5)).toEqual([
      '  - { start: 2027-01-25, primary: ben, secondary: cy }',
      `  - { start: 2027-01-25, primary: ben, secondary: ${moved[0]?.to} }`,
    ]);
    expect(changed.get(8)).toEqual([
      '  - { start: 2027-02-15, primary: ana, secondary: cy }',
      `  - { start: 2027-02-15, primary: ana, secondary: ${moved[1]?.to} }`,
    ]);
    const { code, doc } = await validate(root);
    expect(doc.errors).toEqual([]);
    expect(code).toBe(0);
  });

  it('an away period: only the slots it overlaps move; a shift that has started is left as it is', async () => {
    // cy is away during the current shift (started 2027-01-11) and on 2027-02-20 (shift 2027-02-15);
    // ana from 2027-02-16: her shift of 2027-02-08 ends at the 2027-02-15 handoff, before that.
    const people = peopleWith({
      cy: 'away: [{ from: 2027-01-13, to: 2027-01-14 }, { from: 2027-02-20, to: 2027-02-20, reason: wedding }]',
      ana: 'away: [{ from: 2027-02-16, to: 2027-02-18 }]',
    });
    const root = makeRepo({ ...smallRepoFiles(), [PEOPLE]: people });
    const before = read(root);
    const run = await repair(root);
    expect(run.code, run.stderr).toBe(0);
    const moved: Move[] = run.json().moved;
    expect(moved.map(({ start, slot, from, why }) => ({ start, slot, from, why }))).toEqual([
      { start: '2027-02-15', slot: 'primary', from: 'ana', why: 'away 2027-02-16 to 2027-02-18' },
      { start: '2027-02-15', slot: 'secondary', from: 'cy', why: 'away 2027-02-20 to 2027-02-20 (wedding)' },
    ]);
    const [primary, secondary] = moved.map((move) => move.to);
    expect(primary).not.toBe(secondary);
    expect(['ana', 'cy']).not.toContain(primary);
    expect(['ana', 'cy']).not.toContain(secondary);

    const after = read(root);
    const changed = changedLines(before, after);
    expect([...changed.keys()]).toEqual([8]);
    expect(changed.get(8)?.[1]).toBe(
      `  - { start: 2027-02-15, primary: ${primary}, secondary: ${secondary} }`,
    );
    // The started shift is history in the making: an override fixes it, not repair.
    expect(after).toContain('  - { start: 2027-01-11, primary: cy, secondary: dee }');
    const { doc } = await validate(root);
    expect(doc.errors).toEqual([
      expect.objectContaining({ rule: 'on-call-while-away', file: SCHEDULE, line: 4 }),
    ]);
  });

  it('keeps the fairness rules with the people who stay: a replacement from another team under distinct_teams', async () => {
    const rotation = `${smallRepoFiles()[ROTATION] as string}rules:\n  distinct_teams: true\n`;
    // cy (green) leaves: ben (blue) stays in 2027-01-25 and ana (red) in 2027-02-15.
    const root = makeRepo({
      ...smallRepoFiles(),
      [ROTATION]: rotation,
      [PEOPLE]: peopleWith({ cy: 'left: 2027-01-20' }),
    });
    const run = await repair(root);
    expect(run.code, run.stderr).toBe(0);
    const doc = run.json();
    expect(doc.relaxed).toEqual([]);
    const teams: Record<string, string> = { ana: 'red', ben: 'blue', dee: 'red', eli: 'blue', fay: 'green' };
    expect(teams[doc.moved[0].to]).not.toBe('blue');
    expect(teams[doc.moved[1].to]).not.toBe('red');
    const { doc: validation } = await validate(root);
    expect(validation.errors).toEqual([]);
    expect(validation.warnings).toEqual([]);
  });

  it('edits block-style shifts in place, keeping comments', async () => {
    const schedule = `rotation: ops
shifts:
  - start: 2027-01-04   # first
    primary: ana
    secondary: ben
  - start: 2027-01-11
    primary: cy
    secondary: dee
  # next: cy again
  - start: 2027-01-18
    primary: eli
    secondary: cy    # swapped in by hand
  - start: 2027-01-25
    primary: ben
    secondary: fay
  - start: 2027-02-01
    primary: dee
    secondary: ana
  - start: 2027-02-08
    primary: fay
    secondary: ben
`;
    const root = makeRepo({
      ...smallRepoFiles(),
      [SCHEDULE]: schedule,
      [PEOPLE]: peopleWith({ cy: 'away: [{ from: 2027-01-19, to: 2027-01-19 }]' }),
    });
    const run = await repair(root);
    expect(run.code, run.stderr).toBe(0);
    const [move] = run.json().moved as Move[];
    expect(run.json().moved).toHaveLength(1);
    expect(move).toMatchObject({ start: '2027-01-18', slot: 'secondary', from: 'cy' });
    expect(read(root)).toBe(
      schedule.replace('secondary: cy    # swapped', `secondary: ${move?.to}    # swapped`),
    );
  });

  it('--dry-run reports the same moves and writes nothing', async () => {
    const root = makeRepo({ ...smallRepoFiles(), [PEOPLE]: peopleWith({ cy: 'left: 2027-01-20' }) });
    const before = read(root);
    const dry = await repair(root, '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.json().dryRun).toBe(true);
    expect(dry.json().moved).toHaveLength(2);
    expect(read(root)).toBe(before);
    const real = await repair(root);
    expect(real.json().moved).toEqual(dry.json().moved);
    expect(read(root)).not.toBe(before);
    // And then there is nothing left to repair.
    const again = await repair(root);
    expect(again.json().moved).toEqual([]);
  });

  it('nothing to repair: moved is empty, the file untouched, and the text output says so', async () => {
    const root = makeRepo(smallRepoFiles());
    const before = read(root);
    const run = await repair(root);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json()).toMatchObject({ moved: [], relaxed: [] });
    expect(read(root)).toBe(before);
    const text = await runCli(['schedule', 'repair', '--root', root, '--at', AT]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/nothing to repair/);
  });

  it('when nobody can take a slot: exit 1 naming the week, and nothing written', async () => {
    // Everyone but ben and cy away on 2027-01-26; cy leaves; ben is already in that shift.
    const away = 'away: [{ from: 2027-01-26, to: 2027-01-26 }]';
    const people = peopleWith({ cy: 'left: 2027-01-20', ana: away, dee: away, fay: away }).replace(
      '    away:\n',
      '    away:\n      - { from: 2027-01-26, to: 2027-01-26 }\n',
    );
    const root = makeRepo({ ...smallRepoFiles(), [PEOPLE]: people });
    const before = read(root);
    const run = await repair(root);
    expect(run.code).toBe(1);
    const { error } = run.json();
    expect(error.message).toContain('2027-01-25');
    expect(error.message).toContain('cy');
    expect(error.excluded.map((entry: { github: string }) => entry.github).sort()).toEqual([
      'ana',
      'cy',
      'dee',
      'eli',
      'fay',
    ]);
    expect(read(root)).toBe(before);
  });
});
