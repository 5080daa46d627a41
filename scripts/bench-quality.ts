/**
 * How good are the schedules `oncall schedule extend` makes? Loaded by scripts/bench.mjs (through
 * tsx, so it can use src/ as it is) for two of its sections:
 *
 * - compareWithRoundRobin: a realistic team (30 people, 26 weeks, leave, a new hire, a leaver,
 *   history) scheduled by our generator and by the round-robin rotation most paging tools run.
 * - compareWithOptimum: small instances (at most 20 people × 12 weeks) where a MILP solver (HiGHS,
 *   compiled to WebAssembly: the `highs` devDependency) finds the best schedule there is, or a
 *   proven bound on it within a time limit.
 *
 * Every schedule is scored by the same function, scoreSchedule (src/core/fairness/objective.ts),
 * and every score is checked against what `oncall validate` reports for that schedule, so the
 * numbers count exactly what a team would see. The MILP model lives here only, never in src/.
 */
import type { Highs } from 'highs';
import { DateTime } from 'luxon';
import {
  BALANCE_TERM_WEIGHT,
  type ObjectiveInput,
  type ObjectiveResult,
  type ObjectiveRules,
  RULE_WEIGHTS,
  scoreSchedule,
  type ViolationKind,
} from '../src/core/fairness/objective.js';
import { AvailabilityIndex } from '../src/core/generate/availability-index.js';
import { RELAX_ORDER } from '../src/core/generate/soft-rules.js';
import { buildRoster, loginKey, rotationMembers } from '../src/core/model/roster.js';
import type { RuleName } from '../src/core/model/schemas.js';
import { timeline } from '../src/core/schedule/timeline.js';
import { addDays } from '../src/core/time/wall-clock.js';
import { loadRepository } from '../src/io/load-repository.js';

/** What bench.mjs lends this module: its CLI runner, temporary directories and seeded PRNG. */
export interface BenchHost {
  /** Runs `node bin/oncall.js ...args`; fails the bench when the exit code is not `expectExit`. */
  oncall(
    args: string[],
    expectExit?: number | null,
  ): { status: number | null; stdout: string; stderr: string };
  tempRepo(prefix: string): string;
  writeFiles(root: string, files: Record<string, string>): void;
  random(seed: number): Rng;
  /** Fails the bench loudly (a BenchFailure). */
  fail(message: string): never;
}

export interface Rng {
  next(): number;
  int(low: number, high: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}

/** Every fairness rule, as the brief's example rotation sets them. */
const RULES = {
  min_gap_shifts: 3,
  distinct_teams: true,
  experienced_partner: 2,
  min_tenure_days: 60,
  balance: 1,
  avoid_repeat_pairs: 8,
} satisfies ObjectiveRules;

const SLOTS = ['primary', 'secondary'];
const ZONE = 'America/New_York';
const HISTORY_START = '2026-01-05'; // a Monday
const TEAM_NAMES = ['platform', 'payments', 'data', 'mobile', 'search'];
const LOGINS =
  'ana ben cy dee eli fay gus hal ida jon kim lou max nia oto pam quin rex sol tia uma val wes xia yul zed abe bo cal dot'.split(
    ' ',
  );
const PERSON_ZONES = ['America/New_York', 'America/Chicago', 'Europe/London', 'Europe/Berlin'];

// ---------------------------------------------------------------------------------------------
// Instances: a generated on-call repository with history, leave and hires.

export interface TeamOptions {
  seed: number;
  people: number;
  teams: number;
  historyWeeks: number;
  weeks: number;
  /** Share of people with one stretch of leave (4 to 18 days) inside the scheduled weeks. */
  leave: number;
  /** Someone on a 10-week parental leave from the third scheduled week on. */
  parental?: boolean;
  /** Someone who joins during the second scheduled week (so min_tenure_days matters). */
  newHire?: boolean;
  /** Someone who joined 30 days before the scheduled weeks. */
  recentHire?: boolean;
  /** Someone who leaves halfway through. */
  leaver?: boolean;
  /** Public holidays region; holidays weigh more in the generator's ordering. */
  holidays?: string;
}

interface Team {
  options: TeamOptions;
  root: string;
  files: Record<string, string>;
  /** The handoff starting the first scheduled week: history has ended, that week is next. */
  at: string;
  until: string;
  judgedStart: string;
  summary: string;
}

interface PersonEntry {
  github: string;
  team: string;
  timezone: string;
  joined: string;
  left?: string;
  away?: { from: string; to: string; reason: string }[];
}

function makeTeam(host: BenchHost, options: TeamOptions): Team {
  const rng = host.random(options.seed);
  const judgedStart = addDays(HISTORY_START, 7 * options.historyWeeks);
  const until = addDays(judgedStart, 7 * options.weeks);
  const teams = TEAM_NAMES.slice(0, options.teams);
  const people: PersonEntry[] = LOGINS.slice(0, options.people).map((github, index) => ({
    github,
    team: teams[index % teams.length] as string,
    timezone: rng.pick(PERSON_ZONES),
    joined: `${rng.int(2018, 2024)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
  }));
  // The roster's order is the round-robin order: shuffle it, so teams are not in runs.
  for (let i = people.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [people[i], people[j]] = [people[j] as PersonEntry, people[i] as PersonEntry];
  }
  const special = people.slice(); // who gets which event: distinct people, in roster order
  const take = () => special.splice(rng.int(0, special.length - 1), 1)[0] as PersonEntry;
  const notes: string[] = [];
  if (options.newHire) {
    const hire = take();
    hire.joined = addDays(judgedStart, 8);
    notes.push('1 new hire');
  }
  if (options.recentHire) {
    take().joined = addDays(judgedStart, -30);
    notes.push('1 recent hire');
  }
  if (options.leaver) {
    take().left = addDays(judgedStart, 7 * Math.floor(options.weeks / 2) + 2);
    notes.push('1 leaver');
  }
  let onLeave = 0;
  if (options.parental) {
    const from = addDays(judgedStart, 16);
    take().away = [{ from, to: addDays(from, 69), reason: 'parental leave' }];
    onLeave += 1;
  }
  for (const person of special) {
    if (!rng.chance(options.leave)) continue;
    const from = addDays(judgedStart, rng.int(0, 7 * options.weeks - 10));
    person.away = [{ from, to: addDays(from, rng.int(4, 18) - 1), reason: 'vacation' }];
    onLeave += 1;
  }
  notes.unshift(`${onLeave} on leave`);

  // History: the team's previous rotation, a plain cycle through those who were there.
  const veterans = people.filter((person) => person.joined < addDays(HISTORY_START, -60));
  const history: string[][] = [];
  let cursor = 0;
  for (let week = 0; week < options.historyWeeks; week += 1) {
    const crew: string[] = [];
    while (crew.length < SLOTS.length) {
      crew.push((veterans[cursor % veterans.length] as PersonEntry).github);
      cursor += 1;
    }
    history.push(crew);
  }

  const person = (p: PersonEntry) => {
    const fields = [`github: ${p.github}`, `name: ${p.github.toUpperCase()}`, `team: ${p.team}`];
    fields.push(`timezone: ${p.timezone}`, `joined: ${p.joined}`);
    if (p.left) fields.push(`left: ${p.left}`);
    if (p.away) {
      const entries = p.away.map((a) => `{ from: ${a.from}, to: ${a.to}, reason: ${a.reason} }`);
      fields.push(`away: [${entries.join(', ')}]`);
    }
    return `  - { ${fields.join(', ')} }`;
  };
  const files = {
    'rotations/people.yaml': `people:\n${people.map(person).join('\n')}\n`,
    'rotations/oncall/rotation.yaml': `name: oncall
members: { teams: [${teams.join(', ')}] }
slots: [${SLOTS.join(', ')}]
timezone: ${ZONE}
shift: { length_days: 7, handoff: { weekday: monday, time: "11:00" } }
start: ${HISTORY_START}
publish_weeks_ahead: 5
${options.holidays ? `holidays: ${options.holidays}\n` : ''}rules:
${Object.entries(RULES)
  .map(([rule, value]) => `  ${rule}: ${value}`)
  .join('\n')}
`,
    'rotations/oncall/schedule.yaml': scheduleYaml(
      history.map((crew, week) => ({ start: weekStart(week), crew })),
    ),
  };
  const root = host.tempRepo(`quality-${options.seed}`);
  host.writeFiles(root, files);
  const at = DateTime.fromISO(`${judgedStart}T11:00`, { zone: ZONE }).toISO({ suppressMilliseconds: true });
  return {
    options,
    root,
    files,
    at: at as string,
    until,
    judgedStart,
    summary:
      `${options.people} people in ${options.teams} teams, ${options.weeks} weeks after ` +
      `${options.historyWeeks} weeks of history; ${notes.join(', ')}`,
  };
}

const weekStart = (week: number) => addDays(HISTORY_START, 7 * week);

function scheduleYaml(shifts: { start: string; crew: readonly string[] }[]): string {
  const lines = shifts.map(
    ({ start, crew }) =>
      `  - { start: ${start}, ${SLOTS.map((slot, i) => `${slot}: ${crew[i]}`).join(', ')} }`,
  );
  return `rotation: oncall\nshifts:\n${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// One instance, scored three ways.

interface Prepared {
  team: Team;
  /** The objective input for `crews` in the scheduled weeks, after the history. */
  input(crews: readonly (readonly string[])[]): ObjectiveInput;
  history: string[][];
  /** Roster order, for the round-robin rotation. */
  order: string[];
  /** Per scheduled week, who could be on call at all. */
  available: Set<string>[];
  ours: { crews: string[][]; relaxed: number; spread: number; ms: number };
}

async function prepare(host: BenchHost, team: Team): Promise<Prepared> {
  const started = performance.now();
  const run = host.oncall([
    'schedule',
    'extend',
    '--root',
    team.root,
    '--at',
    team.at,
    '--until',
    team.until,
    '--json',
    '--dry-run',
  ]);
  const ms = performance.now() - started;
  const document = JSON.parse(run.stdout) as {
    added: Record<string, string>[];
    relaxed: unknown[];
    fairness: { spread: number };
  };
  const weeks = team.options.weeks;
  if (document.added.length !== weeks || document.added[0]?.start !== team.judgedStart) {
    host.fail(`schedule extend added ${document.added.length} shift(s) from ${document.added[0]?.start}`);
  }
  const crews = document.added.map((shift) => SLOTS.map((slot) => loginKey(shift[slot] as string)));

  const loaded = await loadRepository(team.root);
  const source = loaded.repository?.rotations[0];
  if (!loaded.repository || !source) host.fail(`the quality fixture does not load: ${team.root}`);
  const roster = buildRoster(loaded.repository.people.people);
  const members = rotationMembers(roster, source.rotation);
  const history = source.schedule.shifts.map((shift) => SLOTS.map((slot) => loginKey(shift[slot] as string)));
  const starts = Array.from({ length: history.length + weeks }, (_, week) => weekStart(week));
  const timed = timeline(source.rotation, {
    rotation: source.rotation.name,
    shifts: starts.map((start) => ({ start })),
  } as typeof source.schedule);
  const index = new AvailabilityIndex(members, loginKey);
  const availableAt = timed.map(
    (shift) =>
      new Set(
        members
          .map((member) => loginKey(member.github))
          .filter((key) => !index.conflict(key, shift.startsAt.toMillis(), shift.endsAt.toMillis())),
      ),
  );
  const objectiveMembers = members.map((member) => ({
    github: loginKey(member.github),
    team: member.team,
    joined: member.joined,
  }));
  const input = (judged: readonly (readonly string[])[]): ObjectiveInput => ({
    rules: RULES,
    members: objectiveMembers,
    shifts: [...history, ...judged].map((people, position) => ({
      start: starts[position] as string,
      people,
      available: [...(availableAt[position] as Set<string>)],
    })),
    from: history.length,
  });
  return {
    team,
    input,
    history,
    order: objectiveMembers.map((member) => member.github),
    available: availableAt.slice(history.length),
    ours: { crews, relaxed: document.relaxed.length, spread: document.fairness.spread, ms },
  };
}

/**
 * The rotation of PagerDuty, Opsgenie and the like: a fixed order (the roster's), each slot taking
 * the next person in it, skipping only whoever cannot be on call then (away, not joined yet, left),
 * continuing where the history left off. It knows none of the fairness rules.
 */
function roundRobin(prepared: Prepared, host: BenchHost): string[][] {
  const { order, history, available } = prepared;
  const last = history.at(-1)?.at(-1);
  let cursor = last === undefined ? 0 : order.indexOf(last) + 1;
  return available.map((free, week) => {
    const crew: string[] = [];
    for (let tries = 0; crew.length < SLOTS.length && tries < order.length; tries += 1) {
      const login = order[cursor % order.length] as string;
      cursor += 1;
      if (free.has(login) && !crew.includes(login)) crew.push(login);
    }
    if (crew.length < SLOTS.length) host.fail(`round-robin: nobody free in scheduled week ${week}`);
    return crew;
  });
}

/**
 * `oncall validate` on the same schedule must report exactly the violations the objective counts
 * (one warning per finding), and no error: otherwise the scores would not mean what they say.
 */
function checkAgainstValidate(
  host: BenchHost,
  prepared: Prepared,
  crews: string[][],
  score: ObjectiveResult,
) {
  const { team } = prepared;
  const shifts = [...prepared.history, ...crews].map((crew, week) => ({ start: weekStart(week), crew }));
  host.writeFiles(team.root, { 'rotations/oncall/schedule.yaml': scheduleYaml(shifts) });
  try {
    const run = host.oncall(['validate', '--root', team.root, '--at', team.at, '--json'], null);
    let report: { ok: boolean; errors: { rule: string }[]; warnings: { rule: string }[] };
    try {
      report = JSON.parse(run.stdout);
    } catch {
      host.fail(
        `validate --json printed no JSON (exit ${run.status}) on ${team.root}:\n${run.stderr.slice(0, 2000)}`,
      );
    }
    const counts = new Map<string, number>();
    for (const warning of report.warnings) counts.set(warning.rule, (counts.get(warning.rule) ?? 0) + 1);
    const differences = RELAX_ORDER.filter((rule) => (counts.get(rule) ?? 0) !== score.violations[rule]).map(
      (rule) => `${rule}: validate ${counts.get(rule) ?? 0}, objective ${score.violations[rule]}`,
    );
    if (!report.ok || report.errors.length > 0 || differences.length > 0) {
      const errors = report.errors.map((error) => error.rule).join(', ');
      host.fail(
        `the objective disagrees with oncall validate on ${team.root}: ${differences.join('; ')}` +
          (errors ? `; errors: ${errors}` : ''),
      );
    }
  } finally {
    host.writeFiles(team.root, {
      'rotations/oncall/schedule.yaml': team.files['rotations/oncall/schedule.yaml'] as string,
    });
  }
}

function score(host: BenchHost, prepared: Prepared, crews: string[][]): ObjectiveResult {
  const result = scoreSchedule(prepared.input(crews));
  checkAgainstValidate(host, prepared, crews, result);
  return result;
}

// ---------------------------------------------------------------------------------------------
// (a) Our generator beside round-robin on a realistic team.

export const REALISTIC_TEAM: TeamOptions = {
  seed: 30_26,
  people: 30,
  teams: 4,
  historyWeeks: 26,
  weeks: 26,
  leave: 0.25,
  parental: true,
  newHire: true,
  recentHire: true,
  leaver: true,
  holidays: 'US',
};

export interface RoundRobinComparison {
  summary: string;
  ours: ObjectiveResult & { relaxed: number };
  roundRobin: ObjectiveResult;
}

export async function compareWithRoundRobin(host: BenchHost): Promise<RoundRobinComparison> {
  const team = makeTeam(host, REALISTIC_TEAM);
  const prepared = await prepare(host, team);
  const ours = score(host, prepared, prepared.ours.crews);
  if (Math.abs(ours.spread - prepared.ours.spread) > 0.002) {
    host.fail(`objective spread ${ours.spread} ≠ schedule extend's fairness.spread ${prepared.ours.spread}`);
  }
  const roundRobinResult = score(host, prepared, roundRobin(prepared, host));

  console.log(`\nquality: ${team.summary}; rules: ${describeRules()}`);
  console.log('(violations as `oncall validate` counts them on the scheduled weeks; weight in brackets)');
  const rows: [string, string, string][] = [
    ['prorated load spread (max − min)', fixed(ours.spread), fixed(roundRobinResult.spread)],
    ...RELAX_ORDER.map(
      (rule) =>
        [
          `${rule} [×${RULE_WEIGHTS[rule]}]`,
          String(ours.violations[rule]),
          String(roundRobinResult.violations[rule]),
        ] as [string, string, string],
    ),
    ['objective (lower is better)', fixed(ours.objective), fixed(roundRobinResult.objective)],
    ['relaxations reported', String(prepared.ours.relaxed), '-'],
  ];
  printTable(['', 'ours', 'round-robin'], rows, [36, 10, 12]);
  return {
    summary: team.summary,
    ours: { ...ours, relaxed: prepared.ours.relaxed },
    roundRobin: roundRobinResult,
  };
}

// ---------------------------------------------------------------------------------------------
// (b) The exact optimum of small instances.

export const SMALL_INSTANCES: TeamOptions[] = [
  { seed: 1, people: 10, teams: 3, historyWeeks: 8, weeks: 8, leave: 0.3, newHire: true },
  { seed: 2, people: 14, teams: 3, historyWeeks: 10, weeks: 10, leave: 0.3, newHire: true, leaver: true },
  { seed: 5, people: 16, teams: 4, historyWeeks: 12, weeks: 12, leave: 0.25, newHire: true },
  { seed: 6, people: 16, teams: 4, historyWeeks: 12, weeks: 12, leave: 0.25, leaver: true, parental: true },
  { seed: 3, people: 20, teams: 4, historyWeeks: 12, weeks: 12, leave: 0.25, newHire: true, parental: true },
  { seed: 4, people: 20, teams: 4, historyWeeks: 12, weeks: 12, leave: 0.25, recentHire: true, leaver: true },
];

export interface OptimumRow {
  instance: string;
  ours: number;
  optimum: number;
  bound: number;
  proven: boolean;
  roundRobin: number;
  seconds: number;
  variables: number;
  rows: number;
}

export async function compareWithOptimum(
  host: BenchHost,
  { timeLimitSeconds }: { timeLimitSeconds: number },
): Promise<OptimumRow[]> {
  // Node loads the package's ES module (whose default export is the loader); its type declarations
  // are written for CommonJS, so TypeScript sees that default one level down: name the type here.
  const loadHighs = (await import('highs')).default as unknown as () => Promise<Highs>;
  const highs = await loadHighs();
  const results: OptimumRow[] = [];
  console.log(
    `\nquality against the exact optimum (HiGHS ${highs.version.major}.${highs.version.minor}.${highs.version.patch} ` +
      `MILP, ${timeLimitSeconds} s limit per instance; same objective, same rules: ${describeRules()})`,
  );
  const widths = [34, 8, 9, 9, 12, 12, 9, 14];
  printHeader(['instance', 'ours', 'optimum', 'bound', 'gap', 'round-robin', 'solve s', 'model'], widths);
  for (const options of SMALL_INSTANCES) {
    const team = makeTeam(host, options);
    const prepared = await prepare(host, team);
    const ours = score(host, prepared, prepared.ours.crews);
    const roundRobinResult = score(host, prepared, roundRobin(prepared, host));
    const exact = solveExactly(highs, prepared.input([]), prepared.available, {
      timeLimitSeconds,
      start: prepared.ours.crews,
    });
    const best = score(host, prepared, exact.crews);
    if (Math.abs(best.objective - exact.objective) > 1e-6) {
      host.fail(
        `the MILP's objective ${exact.objective} ≠ its schedule's score ${best.objective} (${team.root})`,
      );
    }
    const row: OptimumRow = {
      instance: `${options.people} people × ${options.weeks} weeks, seed ${options.seed}`,
      ours: ours.objective,
      optimum: best.objective,
      bound: exact.bound,
      proven: exact.proven,
      roundRobin: roundRobinResult.objective,
      seconds: exact.seconds,
      variables: exact.variables,
      rows: exact.rows,
    };
    results.push(row);
    // Proven: the gap itself. Time-limited: between our objective minus the best schedule found
    // and our objective minus the proven bound.
    const gap = exact.proven
      ? fixed(ours.objective - best.objective)
      : `${fixed(ours.objective - best.objective)}–${fixed(ours.objective - exact.bound)}`;
    printCells(
      [
        row.instance,
        fixed(row.ours),
        exact.proven ? fixed(best.objective) : `≤${fixed(best.objective)}`,
        fixed(exact.bound),
        gap,
        fixed(row.roundRobin),
        exact.seconds.toFixed(1),
        `${exact.variables}×${exact.rows}`,
      ],
      widths,
    );
    console.log(
      `  ${team.summary}; violations ours ${brief(ours)}, ` +
        `${exact.proven ? 'optimum' : 'best found'} ${brief(best)}, round-robin ${brief(roundRobinResult)}`,
    );
  }
  console.log(
    'gap: our objective minus the optimum; when the time limit stopped the search (≤), the range from our ' +
      'objective minus the best schedule found to our objective minus the proven bound',
  );
  return results;
}

// ---------------------------------------------------------------------------------------------
// The MILP: the objective of objective.ts, exactly, over binary x[person, week].
//
//   x[m,w] ∈ {0,1}, fixed to 0 when m cannot be on call in week w;  Σ_m x[m,w] = slots
//   min_tenure_days      x[m,w] itself is the violation when m is not past tenure in week w
//   min_gap_shifts G     g[m,w] ≥ x[m,w] + x[m,w'] − 1 for w − G ≤ w' < w (history: x[m,w] itself)
//   distinct_teams       d[t,w] ≥ Σ_{m in t} x[m,w] − 1
//   experienced_partner  e[m,w] ∈ {0,1}, N·e[m,w] ≤ past shifts before w (history + Σ_{w'<w} x);
//                        y[m,w] ≤ x[m,w], y[m,w] ≤ e[m,w]; Σ_m y[m,w] + v[w] ≥ 1, v[w] ∈ {0,1}
//                        (for two slots; in general slots − 1 experienced people per shift)
//   avoid_repeat_pairs K z[p,w] ≥ x[a,w] + x[b,w] − 1; r[p,w] ≥ z[p,w] + z[p,w'] − 1 (w − K ≤ w' < w)
//   balance B            L[m,w] = prorated load before week w, linear in x (the group's rate for
//                        weeks m cannot serve is a constant); b[m,w] ∈ {0,1} and for each q who
//                        could serve week w: L[m,w] − L[q,w] − B ≤ K·(1 − x[m,w] + x[q,w] + b[m,w])
//                        with K the largest the left side can be
//   balance term         Lmax ≥ L[m,end] ≥ Lmin for every member who could serve a scheduled week
//   minimise             Σ weight × violations + BALANCE_TERM_WEIGHT × (Lmax − Lmin)

type Solver = ReturnType<Highs['createModel']>;

interface ExactResult {
  crews: string[][];
  objective: number;
  bound: number;
  proven: boolean;
  seconds: number;
  variables: number;
  rows: number;
}

class ModelBuilder {
  readonly cost: number[] = [];
  readonly lower: number[] = [];
  readonly upper: number[] = [];
  readonly integer: number[] = [];
  readonly starts: number[] = [0];
  readonly indices: number[] = [];
  readonly values: number[] = [];
  readonly rowLower: number[] = [];
  readonly rowUpper: number[] = [];

  constructor(private readonly infinity: number) {}

  variable(lower: number, upper: number, cost: number, integer = false): number {
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integer.push(integer ? 1 : 0);
    return this.cost.length - 1;
  }

  addCost(column: number, cost: number): void {
    this.cost[column] = (this.cost[column] as number) + cost;
  }

  /** lower ≤ Σ coefficient × column ≤ upper (undefined: unbounded). Repeated columns add up. */
  row(terms: readonly [number, number][], lower: number | undefined, upper: number | undefined): void {
    const merged = new Map<number, number>();
    for (const [column, coefficient] of terms) merged.set(column, (merged.get(column) ?? 0) + coefficient);
    for (const [column, coefficient] of merged) {
      if (coefficient === 0) continue;
      this.indices.push(column);
      this.values.push(coefficient);
    }
    this.starts.push(this.indices.length);
    this.rowLower.push(lower ?? -this.infinity);
    this.rowUpper.push(upper ?? this.infinity);
  }

  get columns(): number {
    return this.cost.length;
  }

  get rows(): number {
    return this.rowLower.length;
  }
}

function ruleValue(rules: ObjectiveRules, rule: RuleName): number | undefined {
  const value = rules[rule];
  if (value === undefined || value === false || value === 0) return undefined;
  return value === true ? 1 : value;
}

function solveExactly(
  highs: Highs,
  base: ObjectiveInput,
  available: readonly Set<string>[],
  { timeLimitSeconds, start }: { timeLimitSeconds: number; start?: readonly (readonly string[])[] },
): ExactResult {
  const { rules, members } = base;
  const from = base.from ?? 0;
  const history = base.shifts.slice(0, from);
  const weeks = available.length;
  const slots = SLOTS.length;
  const logins = members.map((member) => member.github);
  const count = logins.length;
  const model = new ModelBuilder(highs.infinity);
  const weekStarts = Array.from({ length: weeks }, (_, w) => weekStart(from + w));

  const tenureDays = ruleValue(rules, 'min_tenure_days');
  const tenureFrom = members.map((member) =>
    tenureDays !== undefined && member.joined ? addDays(member.joined, tenureDays) : undefined,
  );
  const tenured = (m: number, start: string) => {
    const first = tenureFrom[m];
    return first === undefined || start >= first;
  };

  // History, replayed as objective.ts does: loads, past shifts, last shift, last time together.
  const load = new Array<number>(count).fill(0);
  const past = new Array<number>(count).fill(0);
  const last = new Array<number>(count).fill(Number.NEGATIVE_INFINITY);
  const together = new Map<string, number>();
  const position = new Map(logins.map((login, m) => [login, m]));
  history.forEach((shift, p) => {
    const free = new Set(shift.available);
    const eligible = logins.filter((login, m) => free.has(login) && tenured(m, shift.start));
    const rate = eligible.length > 0 ? (shift.people.length * (shift.weight ?? 1)) / eligible.length : 0;
    logins.forEach((login, m) => {
      if (!eligible.includes(login)) load[m] = (load[m] as number) + rate;
    });
    const crew = shift.people.map((login) => position.get(login) as number);
    for (const m of crew) {
      load[m] = (load[m] as number) + (shift.weight ?? 1);
      past[m] = (past[m] as number) + 1;
      last[m] = p;
    }
    for (let i = 0; i < crew.length; i += 1) {
      for (let j = i + 1; j < crew.length; j += 1)
        together.set(pairKey(crew[i] as number, crew[j] as number), p);
    }
  });

  // The scheduled weeks: who can serve, the group's rate, each member's constant part of the load.
  const can = available.map((free) => logins.map((login) => free.has(login)));
  const eligible = weekStarts.map((startDate, w) =>
    logins.map((_, m) => (can[w]?.[m] as boolean) && tenured(m, startDate)),
  );
  const rate = eligible.map((row) => {
    const n = row.filter(Boolean).length;
    return n > 0 ? slots / n : 0;
  });
  // constant[m][w]: load before week w if m served no scheduled week (w = weeks: after the last).
  const constant = logins.map((_, m) => {
    const values = [load[m] as number];
    for (let w = 0; w < weeks; w += 1) {
      values.push((values[w] as number) + (eligible[w]?.[m] ? 0 : (rate[w] as number)));
    }
    return values;
  });

  const x: (number | undefined)[][] = weekStarts.map((startDate, w) =>
    logins.map((_, m) => {
      if (!can[w]?.[m]) return undefined;
      const cost = tenureDays !== undefined && !tenured(m, startDate) ? RULE_WEIGHTS.min_tenure_days : 0;
      return model.variable(0, 1, cost, true);
    }),
  );
  const xs = (w: number, m: number) => x[w]?.[m];
  for (let w = 0; w < weeks; w += 1) {
    const terms = logins.flatMap((_, m) => {
      const column = xs(w, m);
      return column === undefined ? [] : [[column, 1] as [number, number]];
    });
    model.row(terms, slots, slots);
  }

  const gap = ruleValue(rules, 'min_gap_shifts');
  if (gap !== undefined) {
    for (let w = 0; w < weeks; w += 1) {
      for (let m = 0; m < count; m += 1) {
        const column = xs(w, m);
        if (column === undefined) continue;
        if (from + w - (last[m] as number) <= gap) {
          model.addCost(column, RULE_WEIGHTS.min_gap_shifts);
          continue;
        }
        const earlier = [];
        for (let v = Math.max(0, w - gap); v < w; v += 1) {
          const other = xs(v, m);
          if (other !== undefined) earlier.push(other);
        }
        if (earlier.length === 0) continue;
        const g = model.variable(0, 1, RULE_WEIGHTS.min_gap_shifts);
        for (const other of earlier)
          model.row(
            [
              [g, 1],
              [column, -1],
              [other, -1],
            ],
            -1,
            undefined,
          );
      }
    }
  }

  if (ruleValue(rules, 'distinct_teams') !== undefined) {
    const teams = [...new Set(members.map((member) => member.team))];
    for (let w = 0; w < weeks; w += 1) {
      for (const team of teams) {
        const columns = members.flatMap((member, m) => {
          const column = member.team === team ? xs(w, m) : undefined;
          return column === undefined ? [] : [column];
        });
        if (columns.length < 2) continue;
        const d = model.variable(0, slots, RULE_WEIGHTS.distinct_teams);
        model.row([[d, 1], ...columns.map((column) => [column, -1] as [number, number])], -1, undefined);
      }
    }
  }

  const needed = ruleValue(rules, 'experienced_partner');
  if (needed !== undefined && slots > 1) {
    const enough = Math.max(slots - 1, 1);
    for (let w = 0; w < weeks; w += 1) {
      const terms: [number, number][] = [];
      for (let m = 0; m < count; m += 1) {
        const column = xs(w, m);
        if (column === undefined) continue;
        if ((past[m] as number) >= needed) {
          terms.push([column, 1]);
          continue;
        }
        const before: number[] = [];
        for (let v = 0; v < w; v += 1) {
          const other = xs(v, m);
          if (other !== undefined) before.push(other);
        }
        if ((past[m] as number) + before.length < needed) continue; // a newcomer whatever happens
        const e = model.variable(0, 1, 0, true);
        model.row(
          [[e, needed], ...before.map((other) => [other, -1] as [number, number])],
          undefined,
          past[m],
        );
        const y = model.variable(0, 1, 0);
        model.row(
          [
            [y, 1],
            [column, -1],
          ],
          undefined,
          0,
        );
        model.row(
          [
            [y, 1],
            [e, -1],
          ],
          undefined,
          0,
        );
        terms.push([y, 1]);
      }
      const v = model.variable(0, 1, RULE_WEIGHTS.experienced_partner, true);
      model.row([...terms, [v, enough]], enough, undefined);
    }
  }

  const repeat = ruleValue(rules, 'avoid_repeat_pairs');
  if (repeat !== undefined) {
    const z = new Map<string, number>(); // `${pair}@${w}` → column
    for (let w = 0; w < weeks; w += 1) {
      for (let a = 0; a < count; a += 1) {
        for (let b = a + 1; b < count; b += 1) {
          const xa = xs(w, a);
          const xb = xs(w, b);
          if (xa === undefined || xb === undefined) continue;
          const pair = pairKey(a, b);
          const column = model.variable(0, 1, 0);
          z.set(`${pair}@${w}`, column);
          model.row(
            [
              [column, 1],
              [xa, -1],
              [xb, -1],
            ],
            -1,
            undefined,
          );
          const previous = together.get(pair);
          if (previous !== undefined && from + w - previous <= repeat) {
            model.addCost(column, RULE_WEIGHTS.avoid_repeat_pairs);
            continue;
          }
          const earlier = [];
          for (let v = Math.max(0, w - repeat); v < w; v += 1) {
            const other = z.get(`${pair}@${v}`);
            if (other !== undefined) earlier.push(other);
          }
          if (earlier.length === 0) continue;
          const r = model.variable(0, 1, RULE_WEIGHTS.avoid_repeat_pairs);
          for (const other of earlier)
            model.row(
              [
                [r, 1],
                [column, -1],
                [other, -1],
              ],
              -1,
              undefined,
            );
        }
      }
    }
  }

  // L[m,w] − constant[m][w] = Σ_{v<w} x[m,v] (every week weighs 1 here).
  const served = (m: number, w: number, sign: number): [number, number][] => {
    const terms: [number, number][] = [];
    for (let v = 0; v < w; v += 1) {
      const column = xs(v, m);
      if (column !== undefined) terms.push([column, sign]);
    }
    return terms;
  };
  const balance = ruleValue(rules, 'balance');
  if (balance !== undefined) {
    for (let w = 0; w < weeks; w += 1) {
      for (let m = 0; m < count; m += 1) {
        const column = xs(w, m);
        if (column === undefined) continue;
        let b: number | undefined;
        for (let q = 0; q < count; q += 1) {
          const other = xs(w, q);
          if (q === m || other === undefined || !eligible[w]?.[q]) continue;
          const offset = (constant[m]?.[w] as number) - (constant[q]?.[w] as number);
          const largest = offset + served(m, w, 1).length; // L[m,w] − L[q,w] at most
          if (largest <= balance + 1e-9) continue;
          const k = largest - balance;
          b ??= model.variable(0, 1, RULE_WEIGHTS.balance, true);
          model.row(
            [...served(m, w, 1), ...served(q, w, -1), [column, k], [other, -k], [b, -k]],
            undefined,
            balance + k - offset,
          );
        }
      }
    }
  }

  const compared = logins.map((_, m) => eligible.some((row) => row[m]));
  if (compared.some(Boolean)) {
    const most = model.variable(-highs.infinity, highs.infinity, BALANCE_TERM_WEIGHT);
    const least = model.variable(-highs.infinity, highs.infinity, -BALANCE_TERM_WEIGHT);
    logins.forEach((_, m) => {
      if (!compared[m]) return;
      const end = constant[m]?.[weeks] as number;
      model.row([[most, 1], ...served(m, weeks, -1)], end, undefined);
      model.row([[least, 1], ...served(m, weeks, -1)], undefined, end);
    });
    const ends = logins.map((_, m) => constant[m]?.[weeks] as number);
    const capacity = logins.map((_, m) => can.filter((row) => row[m]).length);
    const floor = spreadFloor(highs, ends, capacity, compared, slots * weeks);
    model.row(
      [
        [most, 1],
        [least, -1],
      ],
      floor - 1e-7,
      undefined,
    );
  }

  const started = performance.now();
  return runModel(highs, model, timeLimitSeconds, (solver) => {
    if (start) {
      // Our generator's schedule as the first incumbent: the search starts from it.
      const entries = start.flatMap((crew, w) =>
        logins.flatMap((login, m) => {
          const column = xs(w, m);
          return column === undefined ? [] : [[column, crew.includes(login) ? 1 : 0]];
        }),
      );
      solver.setSolution({
        indices: entries.map(([i]) => i as number),
        values: entries.map(([, v]) => v as number),
      });
    }
    solver.run();
    const status = solver.getModelStatus();
    const { colValue } = solver.getSolution();
    const crews = weekStarts.map((_, w) =>
      logins.filter((_, m) => {
        const column = xs(w, m);
        return column !== undefined && (colValue[column] as number) > 0.5;
      }),
    );
    return {
      crews,
      objective: solver.getObjectiveValue(),
      bound: Number(solver.info.get('mip_dual_bound')),
      proven: status === highs.constants.modelStatus.optimal,
      seconds: (performance.now() - started) / 1000,
      variables: model.columns,
      rows: model.rows,
    };
  });
}

/**
 * A lower bound on the spread of every schedule, added to the model as a cut (Lmax − Lmin ≥ it).
 * The end loads are constant[m] + k[m], where k[m] is a whole number of shifts, at most the weeks
 * m can serve, and the k add up to slots × weeks. The full model's LP relaxation can hand out
 * fractions of shifts and level every load, so by itself it proves almost nothing about the spread;
 * this small integer model keeps the whole shifts, ignores everything else, and solves in
 * milliseconds.
 */
function spreadFloor(
  highs: Highs,
  ends: readonly number[],
  capacity: readonly number[],
  compared: readonly boolean[],
  total: number,
): number {
  const model = new ModelBuilder(highs.infinity);
  const k = capacity.map((most) => model.variable(0, most, 0, true));
  const most = model.variable(-highs.infinity, highs.infinity, 1);
  const least = model.variable(-highs.infinity, highs.infinity, -1);
  model.row(
    k.map((column) => [column, 1]),
    total,
    total,
  );
  compared.forEach((on, m) => {
    if (!on) return;
    model.row(
      [
        [most, 1],
        [k[m] as number, -1],
      ],
      ends[m],
      undefined,
    );
    model.row(
      [
        [least, 1],
        [k[m] as number, -1],
      ],
      undefined,
      ends[m],
    );
  });
  return runModel(highs, model, 10, (solver) => {
    solver.run();
    return Number(solver.info.get('mip_dual_bound'));
  });
}

/** Loads `model` into HiGHS, sets the options every solve here uses, and hands the solver to `use`. */
function runModel<Result>(
  highs: Highs,
  model: ModelBuilder,
  timeLimitSeconds: number,
  use: (solver: Solver) => Result,
): Result {
  return highs.withModel(
    {
      numCols: model.columns,
      numRows: model.rows,
      colCost: model.cost,
      colLower: model.lower,
      colUpper: model.upper,
      rowLower: model.rowLower,
      rowUpper: model.rowUpper,
      matrix: {
        format: 'csr',
        numRows: model.rows,
        numCols: model.columns,
        starts: model.starts,
        indices: model.indices,
        values: model.values,
      },
      integrality: model.integer as (0 | 1)[],
    },
    (solver) => {
      solver.options.set({
        output_flag: false,
        time_limit: timeLimitSeconds,
        mip_rel_gap: 1e-6,
        mip_abs_gap: 1e-6,
        random_seed: 1,
      });
      return use(solver);
    },
  );
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

// ---------------------------------------------------------------------------------------------
// Output

function describeRules(): string {
  return Object.entries(RULES)
    .map(([rule, value]) => `${rule} ${value}`)
    .join(', ');
}

function brief(result: ObjectiveResult): string {
  const parts = (Object.entries(result.violations) as [ViolationKind, number][])
    .filter(([, n]) => n > 0)
    .map(([rule, n]) => `${rule} ${n}`);
  return `{${parts.join(', ') || 'none'}; spread ${fixed(result.spread)}}`;
}

const fixed = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : String(value));

function printHeader(titles: string[], widths: number[]) {
  printCells(titles, widths);
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
}

function printCells(cells: string[], widths: number[]) {
  console.log(
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number)))
      .join('  '),
  );
}

function printTable(titles: string[], rows: string[][], widths: number[]) {
  printHeader(titles, widths);
  for (const row of rows) printCells(row, widths);
}
