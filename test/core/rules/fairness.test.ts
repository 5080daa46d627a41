/**
 * The fairness rules one by one, on schedules built in memory: exact boundaries, history (shifts
 * that ended before now are never judged but count as history and experience), `enforce: error`,
 * and the data path each finding points at. The last block checks lines and columns through
 * `oncall validate --json`.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/diagnostics/finding.js';
import { buildRoster } from '../../../src/core/model/roster.js';
import type { Person, RotationFile, ScheduleFile } from '../../../src/core/model/schemas.js';
import type { RotationContext } from '../../../src/core/rules/context.js';
import { checkAvoidRepeatPairs } from '../../../src/core/rules/fairness/avoid-repeat-pairs.js';
import { checkDistinctTeams } from '../../../src/core/rules/fairness/distinct-teams.js';
import { checkExperiencedPartner } from '../../../src/core/rules/fairness/experienced-partner.js';
import { checkMinGapShifts } from '../../../src/core/rules/fairness/min-gap-shifts.js';
import { checkMinTenureDays } from '../../../src/core/rules/fairness/min-tenure-days.js';
import { rotationContext } from '../../../src/core/rules/validate-repository.js';
import { addDays } from '../../../src/core/time/wall-clock.js';
import { makeRepo, runCli, smallRepoFiles } from '../../helpers/repo.js';

const SCHEDULE = 'rotations/ops/schedule.yaml';
const FIRST = '2027-01-04'; // a Monday; shifts are weekly, Monday 11:00 in New York
const BEFORE_ALL = DateTime.fromISO('2026-12-01T12:00:00-05:00', { setZone: true });

type Rules = NonNullable<RotationFile['rules']>;

/** Teams of the people the tests use; anyone else is on team "other-<login>". */
const TEAMS: Record<string, string> = {
  ana: 'red',
  dee: 'red',
  gus: 'red',
  ben: 'blue',
  eli: 'blue',
  cy: 'green',
};

interface Setup {
  rules: Rules;
  crews: string[][];
  slots?: string[];
  now?: DateTime;
  joined?: Record<string, string>;
}

function context({ rules, crews, slots = ['primary', 'secondary'], now = BEFORE_ALL, joined = {} }: Setup) {
  const rotation: RotationFile = {
    name: 'ops',
    members: { teams: ['red', 'blue', 'green'] },
    slots,
    timezone: 'America/New_York',
    shift: { length_days: 7, handoff: { weekday: 'monday', time: '11:00' } },
    start: FIRST,
    publish_weeks_ahead: 4,
    rules,
  };
  const schedule: ScheduleFile = {
    rotation: 'ops',
    shifts: crews.map((crew, index) => {
      const entry: Record<string, string> = { start: addDays(FIRST, 7 * index) };
      crew.forEach((login, position) => {
        entry[slots[position] as string] = login;
      });
      return entry as ScheduleFile['shifts'][number];
    }),
  };
  const logins = [...new Set(crews.flat().map((login) => login.toLowerCase()))];
  const people: Person[] = logins.map((github) => ({
    github,
    name: github,
    team: TEAMS[github] ?? `other-${github}`,
    timezone: 'America/New_York',
    ...(joined[github] ? { joined: joined[github] } : {}),
  }));
  const source = {
    dir: 'ops',
    rotationFile: 'rotations/ops/rotation.yaml',
    scheduleFile: SCHEDULE,
    rotation,
    schedule,
  };
  return rotationContext(source, buildRoster(people), now);
}

/** The handoff that starts shift `index` (and ends shift index - 1). */
const handoff = (index: number) =>
  DateTime.fromISO(`${addDays(FIRST, 7 * index)}T11:00`, { zone: 'America/New_York' });

/**
 * `count` shifts of fillers who are on call once each (so only the people under test repeat),
 * with `placed` people put at (shift, slot).
 */
function crewsWith(count: number, placed: [number, number, string][]): string[][] {
  const crews = Array.from({ length: count }, (_, shift) => [`x${shift}a`, `x${shift}b`]);
  for (const [shift, slot, login] of placed) (crews[shift] as string[])[slot] = login;
  return crews;
}

/** What the tests compare: everything but the wording of the message. */
const shape = (findings: Finding[]) =>
  findings.map(({ rule, severity, at }) => ({ rule, severity, file: at.file, path: at.path }));

const at = (rule: string, shift: number, slot: string, severity = 'warning') => ({
  rule,
  severity,
  file: SCHEDULE,
  path: ['shifts', shift, slot],
});

describe('min_gap_shifts', () => {
  // [again after N shifts, findings with min_gap_shifts: 3]
  it.each([
    [1, true],
    [2, true],
    [3, true],
    [4, false],
    [5, false],
  ])('on call again %i shift(s) later warns: %s', (gap, warns) => {
    const findings = checkMinGapShifts(
      context({
        rules: { min_gap_shifts: 3 },
        crews: crewsWith(6, [
          [0, 0, 'ana'],
          [gap, 1, 'ana'],
        ]),
      }),
    );
    expect(shape(findings)).toEqual(warns ? [at('min_gap_shifts', gap, 'secondary')] : []);
    if (warns)
      expect(findings[0]?.message).toContain(`ana is on call again ${gap} shift(s) after 2027-01-04`);
  });

  it('measures from the latest shift and treats logins case-insensitively', () => {
    const crews = crewsWith(9, [
      [0, 0, 'ana'],
      [4, 1, 'Ana'],
      [8, 0, 'ANA'],
    ]);
    expect(shape(checkMinGapShifts(context({ rules: { min_gap_shifts: 3 }, crews })))).toEqual([]);
    expect(shape(checkMinGapShifts(context({ rules: { min_gap_shifts: 4 }, crews })))).toEqual([
      at('min_gap_shifts', 4, 'secondary'),
      at('min_gap_shifts', 8, 'primary'),
    ]);
  });

  it('does not judge shifts that ended, but counts them as history', () => {
    const crews = crewsWith(6, [
      [0, 0, 'ana'],
      [1, 0, 'ana'],
      [3, 1, 'ana'],
    ]);
    // Shifts 0 and 1 ended at the handoff of shift 2: the 1-shift gap between them is history.
    const now = handoff(2);
    expect(shape(checkMinGapShifts(context({ rules: { min_gap_shifts: 3 }, crews, now })))).toEqual([
      at('min_gap_shifts', 3, 'secondary'),
    ]);
    // A millisecond earlier shift 1 has not ended yet, so it is judged too.
    const before = now.minus(1);
    expect(shape(checkMinGapShifts(context({ rules: { min_gap_shifts: 3 }, crews, now: before })))).toEqual([
      at('min_gap_shifts', 1, 'primary'),
      at('min_gap_shifts', 3, 'secondary'),
    ]);
  });

  it('is off at 0 and when not written', () => {
    const crews = crewsWith(3, [
      [0, 0, 'ana'],
      [1, 0, 'ana'],
    ]);
    expect(checkMinGapShifts(context({ rules: { min_gap_shifts: 0 }, crews }))).toEqual([]);
    expect(checkMinGapShifts(context({ rules: {}, crews }))).toEqual([]);
  });
});

describe('distinct_teams', () => {
  it.each([
    ['two teams', ['ana', 'ben'], []],
    ['both red', ['ana', 'dee'], [at('distinct_teams', 0, 'secondary')]],
    ['case-insensitive login, still red', ['ana', 'DEE'], [at('distinct_teams', 0, 'secondary')]],
  ])('%s', (_case, crew, expected) => {
    expect(shape(checkDistinctTeams(context({ rules: { distinct_teams: true }, crews: [crew] })))).toEqual(
      expected,
    );
  });

  it('reports every extra member of a team, in a three-slot shift', () => {
    const findings = checkDistinctTeams(
      context({
        rules: { distinct_teams: true },
        slots: ['primary', 'secondary', 'shadow'],
        crews: [
          ['ana', 'dee', 'gus'],
          ['ana', 'ben', 'dee'],
        ],
      }),
    );
    expect(shape(findings)).toEqual([
      at('distinct_teams', 0, 'secondary'),
      at('distinct_teams', 0, 'shadow'),
      at('distinct_teams', 1, 'shadow'),
    ]);
    expect(findings[0]?.message).toBe('dee and ana are both on team red in the shift of 2027-01-04');
    expect(findings[1]?.message).toBe('gus and ana are both on team red in the shift of 2027-01-04');
  });

  it('does not judge shifts that ended, and is off when false', () => {
    const crews = [
      ['ana', 'dee'],
      ['ben', 'eli'],
      ['cy', 'ana'],
    ];
    expect(
      shape(checkDistinctTeams(context({ rules: { distinct_teams: true }, crews, now: handoff(1) }))),
    ).toEqual([at('distinct_teams', 1, 'secondary')]);
    expect(checkDistinctTeams(context({ rules: { distinct_teams: false }, crews }))).toEqual([]);
  });
});

describe('experienced_partner', () => {
  /** ana and ben build experience in shifts 0-3, which ended before now; shift 4 is judged. */
  const history = (fifth: string[], sixth?: string[]) => [
    ['ana', 'cy'],
    ['ben', 'dee'],
    ['ana', 'eli'],
    ['ben', 'gus'],
    fifth,
    ...(sixth ? [sixth] : []),
  ];
  const now = handoff(4);

  it.each([
    ['a newcomer with someone who has exactly 2 past shifts', ['fay', 'ana'], []],
    ['a newcomer with someone who has 2 past shifts, other order', ['ana', 'fay'], []],
    ['two people with 2 past shifts each', ['ana', 'ben'], []],
    [
      'a newcomer with someone who has 1 past shift',
      ['fay', 'cy'],
      [at('experienced_partner', 4, 'secondary')],
    ],
    ['two people with no past shifts', ['fay', 'hal'], [at('experienced_partner', 4, 'secondary')]],
  ])('%s', (_case, crew, expected) => {
    const findings = checkExperiencedPartner(
      context({ rules: { experienced_partner: 2 }, crews: history(crew), now }),
    );
    expect(shape(findings)).toEqual(expected);
  });

  it('names both newcomers and their shift', () => {
    const [finding] = checkExperiencedPartner(
      context({ rules: { experienced_partner: 2 }, crews: history(['fay', 'cy']), now }),
    );
    expect(finding?.message).toBe(
      'fay and cy have fewer than 2 past shifts and share the shift of 2027-02-01',
    );
  });

  it('counts ended shifts as experience but does not judge them', () => {
    // Judged from the start, the first four shifts pair newcomers.
    const all = checkExperiencedPartner(
      context({ rules: { experienced_partner: 2 }, crews: history(['fay', 'ana']) }),
    );
    expect(shape(all)).toEqual([0, 1, 2, 3].map((shift) => at('experienced_partner', shift, 'secondary')));
    // Shift 3 still running (a millisecond before its end): judged; ana has 1 past shift then.
    const running = checkExperiencedPartner(
      context({ rules: { experienced_partner: 2 }, crews: history(['fay', 'ana']), now: now.minus(1) }),
    );
    expect(shape(running)).toEqual([at('experienced_partner', 3, 'secondary')]);
  });

  it('counts earlier published shifts that have not happened yet as experience by then', () => {
    // fay is a newcomer in shifts 4 and 5, each time with someone experienced; by shift 6 she
    // has 2 past shifts and may pair with hal, who has none.
    const twice = [...history(['fay', 'ana'], ['ben', 'fay']), ['fay', 'hal']];
    expect(
      shape(checkExperiencedPartner(context({ rules: { experienced_partner: 2 }, crews: twice, now }))),
    ).toEqual([]);
    // With only shift 5 before it, she has 1 and may not.
    const once = [...history(['gus', 'ana'], ['ben', 'fay']), ['fay', 'hal']];
    expect(
      shape(checkExperiencedPartner(context({ rules: { experienced_partner: 2 }, crews: once, now }))),
    ).toEqual([at('experienced_partner', 6, 'secondary')]);
  });

  it('does not apply to a one-slot rotation, nor at 0', () => {
    const single = context({
      rules: { experienced_partner: 2 },
      slots: ['primary'],
      crews: [['ana'], ['ben']],
    });
    expect(checkExperiencedPartner(single)).toEqual([]);
    expect(
      checkExperiencedPartner(context({ rules: { experienced_partner: 0 }, crews: [['fay', 'hal']] })),
    ).toEqual([]);
  });
});

describe('min_tenure_days', () => {
  // Shifts start every Monday from 2027-01-04; shift 8 starts 2027-03-01, shift 9 2027-03-08.
  // 2027-01-07 + 60 days = 2027-03-08: from then on gus is eligible.
  it.each([
    ['day 53 after joining', '2027-01-07', 8, true],
    ['exactly 60 days after joining', '2027-01-07', 9, false],
    ['59 days after joining', '2027-01-08', 9, true],
    ['61 days after joining', '2027-01-06', 9, false],
    ['before joining at all', '2027-03-10', 9, true],
  ])('on call %s warns: %s', (_case, joined, shift, warns) => {
    const findings = checkMinTenureDays(
      context({
        rules: { min_tenure_days: 60 },
        crews: crewsWith(10, [[shift, 1, 'gus']]),
        joined: { gus: joined },
      }),
    );
    expect(shape(findings)).toEqual(warns ? [at('min_tenure_days', shift, 'secondary')] : []);
  });

  it('says when the person becomes eligible', () => {
    const [finding] = checkMinTenureDays(
      context({
        rules: { min_tenure_days: 60 },
        crews: crewsWith(10, [[8, 0, 'gus']]),
        joined: { gus: '2027-01-07' },
      }),
    );
    expect(finding?.message).toBe(
      'gus joined 2027-01-07 and is on call from 2027-03-01, before 2027-03-08 (60 days)',
    );
  });

  it('ignores people without `joined`, shifts that ended, and 0', () => {
    const crews = crewsWith(10, [
      [1, 0, 'gus'],
      [8, 0, 'eli'],
    ]);
    const joined = { gus: '2027-01-01' };
    expect(shape(checkMinTenureDays(context({ rules: { min_tenure_days: 60 }, crews, joined })))).toEqual([
      at('min_tenure_days', 1, 'primary'),
    ]);
    expect(
      checkMinTenureDays(context({ rules: { min_tenure_days: 60 }, crews, joined, now: handoff(2) })),
    ).toEqual([]);
    expect(checkMinTenureDays(context({ rules: { min_tenure_days: 0 }, crews, joined }))).toEqual([]);
  });
});

describe('avoid_repeat_pairs', () => {
  // [paired again N shifts later, findings with avoid_repeat_pairs: 8]
  it.each([
    [1, true],
    [7, true],
    [8, true],
    [9, false],
  ])('the same pair again %i shift(s) later warns: %s', (gap, warns) => {
    const crews = crewsWith(10, [
      [0, 0, 'ana'],
      [0, 1, 'ben'],
      [gap, 0, 'ana'],
      [gap, 1, 'ben'],
    ]);
    const findings = checkAvoidRepeatPairs(context({ rules: { avoid_repeat_pairs: 8 }, crews }));
    expect(shape(findings)).toEqual(warns ? [at('avoid_repeat_pairs', gap, 'secondary')] : []);
    if (warns) {
      expect(findings[0]?.message).toBe(
        `ana and ben were already paired ${gap} shift(s) before, on 2027-01-04; the rule asks for more than 8`,
      );
    }
  });

  it('is the same pair in either slot order, and any two of three slots', () => {
    const swapped = crewsWith(3, [
      [0, 0, 'ana'],
      [0, 1, 'ben'],
      [2, 0, 'BEN'],
      [2, 1, 'ana'],
    ]);
    expect(
      shape(checkAvoidRepeatPairs(context({ rules: { avoid_repeat_pairs: 8 }, crews: swapped }))),
    ).toEqual([at('avoid_repeat_pairs', 2, 'secondary')]);
    const three = checkAvoidRepeatPairs(
      context({
        rules: { avoid_repeat_pairs: 8 },
        slots: ['primary', 'secondary', 'shadow'],
        crews: [
          ['ana', 'ben', 'cy'],
          ['dee', 'eli', 'gus'],
          ['cy', 'dee', 'ana'],
        ],
      }),
    );
    expect(shape(three)).toEqual([at('avoid_repeat_pairs', 2, 'shadow')]);
  });

  it('counts ended shifts as history but does not judge them', () => {
    const crews = crewsWith(6, [
      [0, 0, 'ana'],
      [0, 1, 'ben'],
      [1, 0, 'ana'],
      [1, 1, 'ben'],
      [4, 0, 'ben'],
      [4, 1, 'ana'],
    ]);
    expect(
      shape(checkAvoidRepeatPairs(context({ rules: { avoid_repeat_pairs: 8 }, crews, now: handoff(2) }))),
    ).toEqual([at('avoid_repeat_pairs', 4, 'secondary')]);
    expect(shape(checkAvoidRepeatPairs(context({ rules: { avoid_repeat_pairs: 8 }, crews })))).toEqual([
      at('avoid_repeat_pairs', 1, 'secondary'),
      at('avoid_repeat_pairs', 4, 'secondary'),
    ]);
    expect(checkAvoidRepeatPairs(context({ rules: { avoid_repeat_pairs: 0 }, crews }))).toEqual([]);
  });
});

describe('enforce', () => {
  type Check = (context: RotationContext) => Finding[];
  // [rule, check, value, a crew list that breaks it, the shift and slot the finding points at]
  // biome-ignore format: a table reads best one row per line
  const cases: [keyof Rules, Check, number | boolean, string[][], number, string][] = [
    ['min_gap_shifts', checkMinGapShifts, 3, [['ana', 'ben'], ['cy', 'ana']], 1, 'secondary'],
    ['distinct_teams', checkDistinctTeams, true, [['ana', 'dee']], 0, 'secondary'],
    ['experienced_partner', checkExperiencedPartner, 2, [['ana', 'ben']], 0, 'secondary'],
    ['min_tenure_days', checkMinTenureDays, 60, [['gus', 'ben']], 0, 'primary'],
    ['avoid_repeat_pairs', checkAvoidRepeatPairs, 8, [['ana', 'ben'], ['ben', 'ana']], 1, 'secondary'],
  ];

  it.each(cases)(
    '%s: a bare value or enforce: warning warns, enforce: error errs',
    (rule, check, value, crews, shift, slot) => {
      const run = (written: unknown) =>
        shape(check(context({ rules: { [rule]: written } as Rules, crews, joined: { gus: '2027-01-01' } })));
      expect(run(value)).toEqual([at(rule, shift, slot, 'warning')]);
      expect(run({ value })).toEqual([at(rule, shift, slot, 'warning')]);
      expect(run({ value, enforce: 'warning' })).toEqual([at(rule, shift, slot, 'warning')]);
      expect(run({ value, enforce: 'error' })).toEqual([at(rule, shift, slot, 'error')]);
    },
  );
});

describe('fairness through oncall validate', () => {
  /**
   * In smallRepoFiles' schedule (line = shift index + 3), with min_gap_shifts: 2, three people
   * are on call again 2 shifts or less after their own: cy (shift 1, again in 3), eli (2, again
   * in 4) and ana (5, again in 6). Nobody else is, and the repository is otherwise valid.
   */
  const files = (rule: string) => {
    const repo = smallRepoFiles();
    repo['rotations/ops/rotation.yaml'] += `rules:\n  min_gap_shifts: ${rule}\n`;
    return repo;
  };
  const scheduleLines = smallRepoFiles()[SCHEDULE]?.split('\n') ?? [];
  const where = (line: number, slot: string) => ({
    file: SCHEDULE,
    line,
    column: (scheduleLines[line - 1]?.indexOf(`${slot}: `) ?? -99) + slot.length + 3,
    rule: 'min_gap_shifts',
  });
  const expected = [where(6, 'secondary'), where(7, 'secondary'), where(9, 'primary')];
  const positions = (items: { file: string; line: number; column: number; rule: string }[]) =>
    items.map(({ file, line, column, rule }) => ({ file, line, column, rule }));

  it('checks the fixture itself: columns of the values', () => {
    expect(expected.map((item) => item.column)).toEqual([51, 51, 35]);
    expect(scheduleLines[5]).toBe('  - { start: 2027-01-25, primary: ben, secondary: cy }');
  });

  it('warns at the line and column of the slot, exit 0', async () => {
    const run = await runCli(['validate', '--root', makeRepo(files('2')), '--json']);
    expect(run.code).toBe(0);
    const document = run.json();
    expect(document.ok).toBe(true);
    expect(document.errors).toEqual([]);
    expect(positions(document.warnings)).toEqual(expected);
    expect(document.warnings[0].message).toContain('cy is on call again 2 shift(s) after 2027-01-11');
  });

  it('errs at the same places under enforce: error, exit 1', async () => {
    const run = await runCli([
      'validate',
      '--root',
      makeRepo(files('{ value: 2, enforce: error }')),
      '--json',
    ]);
    expect(run.code).toBe(1);
    const document = run.json();
    expect(document.ok).toBe(false);
    expect(positions(document.errors)).toEqual(expected);
    expect(document.warnings).toEqual([]);
  });

  it('leaves ended shifts alone: at 2027-02-08 12:00 only ana is judged', async () => {
    // Horizon and other rules may speak at that date; only min_gap_shifts is asserted here.
    const run = await runCli([
      'validate',
      '--root',
      makeRepo(files('2')),
      '--at',
      '2027-02-08T12:00:00-05:00',
      '--json',
    ]);
    const document = run.json();
    const all = [...document.errors, ...document.warnings].filter(
      (item: { rule: string }) => item.rule === 'min_gap_shifts',
    );
    expect(positions(all)).toEqual([where(9, 'primary')]);
  });
});
