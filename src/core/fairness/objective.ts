/**
 * A schedule's score: how many times each fairness rule is broken, and one number that weighs
 * them together with the spread of prorated load, lower is better. It is what the benchmarks
 * compare the generator against (a round-robin rotation, and the exact optimum of small instances
 * found by a MILP solver), so it is plain data in and out: no files, no dates with zones, no
 * roster objects. The caller says, per shift, who could be on call at all.
 *
 * Every count is the number of findings `oncall validate` reports for the rule on the judged
 * shifts (one per person and shift, one per pair for avoid_repeat_pairs, one per shift for
 * experienced_partner), and loads are prorated the way fairness/prorated-load.ts does it: a member
 * who cannot serve a shift (unavailable, or not yet past min_tenure_days) is credited the group's
 * rate for it, so leave and new hires do not count as owing time on call.
 *
 *   objective = Σ over rules of RULE_WEIGHTS[rule] × violations[rule]
 *             + UNAVAILABLE_WEIGHT × (people on call while unavailable)
 *             + BALANCE_TERM_WEIGHT × spread
 *
 * where spread is the largest minus the smallest prorated load, after the last shift, among the
 * members who could serve at least one judged shift (the `fairness.spread` of `schedule extend`).
 * Rule weights follow the generator's relaxation order (RELAX_ORDER, least important first): the
 * rule at position i weighs 2^i, so one broken rule outweighs the next less important one broken
 * twice.
 */
import { RELAX_ORDER } from '../generate/soft-rules.js';
import type { RuleName } from '../model/schemas.js';
import { addDays } from '../time/wall-clock.js';

/** Rule values as written in rotation.yaml (`enforce` does not matter here); absent, 0 or false: off. */
export type ObjectiveRules = Partial<Record<RuleName, number | boolean>>;

export interface ObjectiveMember {
  github: string;
  team: string;
  /** YYYY-MM-DD; with min_tenure_days N, shifts starting before joined + N days break the rule. */
  joined?: string;
}

export interface ObjectiveShift {
  /** YYYY-MM-DD, the shift's first day. */
  start: string;
  /** Who is on call, one login per slot. */
  people: readonly string[];
  /** Base weight: the shift's length in weeks (default 1). */
  weight?: number;
  /** The members who could be on call for the whole shift: not away, joined, not left. */
  available: readonly string[];
}

export interface ObjectiveInput {
  rules: ObjectiveRules;
  /** The rotation's members. Logins are compared exactly: pass them in one case. */
  members: readonly ObjectiveMember[];
  /** The schedule in order, history first. */
  shifts: readonly ObjectiveShift[];
  /**
   * Index of the first judged shift (default 0). Earlier shifts are history: they count toward
   * loads, past shifts, last shifts and pairs, but their own violations are not counted.
   */
  from?: number;
}

export type ViolationKind = RuleName | 'unavailable';

export interface ObjectiveResult {
  /** Findings per rule on the judged shifts; `unavailable`: people on call when they could not be. */
  violations: Record<ViolationKind, number>;
  /** Σ weight × violations, without the balance term. */
  penalty: number;
  /** Max minus min prorated load after the last shift, over members who could serve a judged shift. */
  spread: number;
  objective: number;
  /** Prorated load after the last shift, by login, for the compared members. */
  loads: Record<string, number>;
}

/** Weight of one violation of each rule: 2^(position in RELAX_ORDER), least important first. */
export const RULE_WEIGHTS: Readonly<Record<RuleName, number>> = Object.fromEntries(
  RELAX_ORDER.map((rule, index) => [rule, 2 ** index]),
) as Record<RuleName, number>;

/** Someone on call while away, before joining or after leaving: above every fairness rule. */
export const UNAVAILABLE_WEIGHT = 2 ** RELAX_ORDER.length;

/** Weight of one unit of load spread (a week on call). */
export const BALANCE_TERM_WEIGHT = 1;

/** The tolerance `oncall validate` allows on load comparisons (rules/fairness/balance.ts). */
const EPSILON = 1e-9;

/** Rule value when the rule is on, else undefined. */
function active(rules: ObjectiveRules, rule: RuleName): number | true | undefined {
  const value = rules[rule];
  return value === undefined || value === false || value === 0 ? undefined : value;
}

export function scoreSchedule(input: ObjectiveInput): ObjectiveResult {
  const { rules, members, shifts } = input;
  const from = input.from ?? 0;
  const minGap = active(rules, 'min_gap_shifts');
  const distinctTeams = active(rules, 'distinct_teams') !== undefined;
  const experienced = active(rules, 'experienced_partner');
  const tenureDays = active(rules, 'min_tenure_days');
  const balance = active(rules, 'balance');
  const repeatPairs = active(rules, 'avoid_repeat_pairs');

  const teamOf = new Map(members.map((member) => [member.github, member.team]));
  const tenureFrom = new Map<string, string>();
  if (typeof tenureDays === 'number') {
    for (const member of members) {
      if (member.joined) tenureFrom.set(member.github, addDays(member.joined, tenureDays));
    }
  }
  const tenured = (login: string, start: string) => {
    const first = tenureFrom.get(login);
    return first === undefined || start >= first;
  };

  const violations: Record<ViolationKind, number> = {
    avoid_repeat_pairs: 0,
    distinct_teams: 0,
    balance: 0,
    min_gap_shifts: 0,
    experienced_partner: 0,
    min_tenure_days: 0,
    unavailable: 0,
  };
  const loads = new Map(members.map((member) => [member.github, 0]));
  const pastShifts = new Map<string, number>();
  const lastShift = new Map<string, number>();
  const lastTogether = new Map<string, number>();
  const compared = new Set<string>();

  shifts.forEach((shift, position) => {
    const judged = position >= from;
    const weight = shift.weight ?? 1;
    const available = new Set(shift.available);
    const eligible = members
      .map((member) => member.github)
      .filter((login) => available.has(login) && tenured(login, shift.start));
    const onCall = new Set(shift.people);

    if (judged) {
      for (const login of eligible) compared.add(login);
      for (const login of shift.people) {
        if (!available.has(login)) violations.unavailable += 1;
        if (typeof tenureDays === 'number' && !tenured(login, shift.start)) violations.min_tenure_days += 1;
        const previous = lastShift.get(login);
        if (typeof minGap === 'number' && previous !== undefined && position - previous <= minGap) {
          violations.min_gap_shifts += 1;
        }
      }
      if (distinctTeams) {
        const teams = new Set<string>();
        for (const login of shift.people) {
          const team = teamOf.get(login);
          if (team === undefined) continue;
          if (teams.has(team)) violations.distinct_teams += 1;
          else teams.add(team);
        }
      }
      if (typeof experienced === 'number' && shift.people.length > 1) {
        const newcomers = shift.people.filter((login) => (pastShifts.get(login) ?? 0) < experienced).length;
        if (newcomers > 1 || (newcomers === 1 && newcomers === shift.people.length)) {
          violations.experienced_partner += 1;
        }
      }
      if (typeof balance === 'number') {
        let lightest = Number.POSITIVE_INFINITY;
        for (const login of eligible) {
          if (!onCall.has(login)) lightest = Math.min(lightest, loads.get(login) ?? 0);
        }
        for (const login of shift.people) {
          const load = loads.get(login);
          if (load !== undefined && load > lightest + balance + EPSILON) violations.balance += 1;
        }
      }
    }
    for (const [a, b] of pairs(shift.people)) {
      const key = a < b ? `${a} ${b}` : `${b} ${a}`;
      const previous = lastTogether.get(key);
      if (judged && typeof repeatPairs === 'number' && previous !== undefined) {
        if (position - previous <= repeatPairs) violations.avoid_repeat_pairs += 1;
      }
      lastTogether.set(key, position);
    }

    // Loads after this shift: the group's rate to whoever could not serve it, the weight to
    // whoever did.
    const rate = eligible.length > 0 ? (shift.people.length * weight) / eligible.length : 0;
    const canServe = new Set(eligible);
    for (const [login, load] of loads) if (!canServe.has(login)) loads.set(login, load + rate);
    for (const login of shift.people) {
      const load = loads.get(login);
      if (load !== undefined) loads.set(login, load + weight);
      pastShifts.set(login, (pastShifts.get(login) ?? 0) + 1);
      lastShift.set(login, position);
    }
  });

  const finalLoads = [...compared].map((login) => loads.get(login) ?? 0);
  const spread = finalLoads.length > 0 ? Math.max(...finalLoads) - Math.min(...finalLoads) : 0;
  let penalty = UNAVAILABLE_WEIGHT * violations.unavailable;
  for (const rule of RELAX_ORDER) penalty += RULE_WEIGHTS[rule] * violations[rule];
  return {
    violations,
    penalty,
    spread,
    objective: penalty + BALANCE_TERM_WEIGHT * spread,
    loads: Object.fromEntries([...compared].sort().map((login) => [login, loads.get(login) ?? 0])),
  };
}

function pairs(people: readonly string[]): [string, string][] {
  const found: [string, string][] = [];
  for (let i = 0; i < people.length; i += 1) {
    for (let j = i + 1; j < people.length; j += 1) found.push([people[i] as string, people[j] as string]);
  }
  return found;
}
