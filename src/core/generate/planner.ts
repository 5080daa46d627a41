/**
 * The shift planner shared by `schedule extend` and `schedule repair`. It walks the timeline in
 * order, history first, keeping per member: prorated load (weighted shifts held, in every
 * rotation, plus the group's rate for time they could not serve, so a new hire or someone back
 * from leave starts level with the group instead of at zero), the same load in this rotation alone
 * as the balance rule reads it, holiday shifts, past shifts, and when they were last on call and
 * with whom. For a shift to fill, candidates are ordered by load in every rotation
 * (holiday shifts weighing more), then holiday shifts on a holiday week, then how long ago their
 * last shift was, then login; a bounded depth-first search takes the first combination that keeps
 * the active rules, relaxing the least important one at a time when none does. Everything is
 * ordered, so the same files and `now` give the same schedule.
 */
import { loginKey, type Roster, rotationMembers } from '../model/roster.js';
import type { Person, RotationFile, RuleName } from '../model/schemas.js';
import type { TimedOverride } from '../schedule/overrides.js';
import type { TimedShift } from '../schedule/timeline.js';
import { addDays } from '../time/wall-clock.js';
import { AvailabilityIndex } from './availability-index.js';
import { shiftWeight } from './shift-weight.js';
import { configuredRules, RELAX_ORDER, type SoftRules, withRelaxed } from './soft-rules.js';

export interface OtherRotation {
  name: string;
  lengthDays: number;
  shifts: readonly TimedShift[];
  /** Its covers: the person covering is on call there for [from, to) too. */
  overrides?: readonly TimedOverride[];
}

export interface PlannerInput {
  rotation: RotationFile;
  roster: Roster;
  /** Other rotations: their people are busy then, and their load counts toward balance. */
  others: readonly OtherRotation[];
  /** Public holiday dates of the rotation's `holidays` region. */
  holidays: ReadonlySet<string>;
}

export interface Relaxation {
  rule: RuleName;
  start: string;
  why: string;
}

export interface Exclusion {
  github: string;
  why: string;
}

export interface ShiftToFill {
  position: number;
  start: string;
  from: number;
  to: number;
  /** People who stay in the shift; the search adds `open` more. */
  fixed: readonly string[];
  open: number;
  /** Where each member is next on call after this shift (repair keeps later shifts). */
  nextPosition?: ReadonlyMap<string, number>;
  /** Load each member already holds after this shift: taking this one adds to it. */
  laterLoad?: ReadonlyMap<string, number>;
}

export type Choice =
  | { ok: true; people: string[]; relaxed: Relaxation[] }
  | { ok: false; message: string; excluded: Exclusion[] };

interface MemberState {
  person: Person;
  key: string;
  /**
   * Prorated load in this rotation by base weight (a week is 1), exactly as the balance rule of
   * `oncall validate` reads it (rules/fairness/balance.ts): the generator keeps that rule.
   */
  base: number;
  /** Prorated load with holiday shifts weighing more: what candidates are ordered by. */
  total: number;
  holidayShifts: number;
  pastShifts: number;
  lastPosition: number;
  /** First shift start allowed by min_tenure_days (joined + N days), when it applies. */
  tenureFrom?: string;
}

interface SearchContext {
  start: string;
  position: number;
  slots: number;
  nextPosition?: ReadonlyMap<string, number>;
  /** The members the balance rule compares with the people of this shift. */
  balancePeers: readonly MemberState[];
  /**
   * No one with more `base` than this plus the allowed difference can keep the balance rule,
   * whoever else takes the shift: the lightest peer outside a shift of `slots` people is at
   * most the (slots + 1)-th lightest peer.
   */
  balanceBound: number;
}

const SEARCH_BUDGET = 20_000;

export class ShiftPlanner {
  private readonly rules: SoftRules;
  private readonly hard: ReadonlySet<RuleName>;
  private readonly states: Map<string, MemberState>;
  private readonly availability: AvailabilityIndex;
  /** Away, joined and left only: who the balance rule counts as able to serve. */
  private readonly rosterAvailability: AvailabilityIndex;
  private readonly pairLast = new Map<string, number>();
  private readonly otherEvents: { at: number; key: string; total: number }[] = [];
  private nextOtherEvent = 0;

  constructor(private readonly input: PlannerInput) {
    const configured = configuredRules(input.rotation);
    this.rules = configured.rules;
    this.hard = configured.hard;
    const members = rotationMembers(input.roster, input.rotation);
    this.states = new Map(
      members.map((person) => [
        loginKey(person.github),
        {
          person,
          key: loginKey(person.github),
          base: 0,
          total: 0,
          holidayShifts: 0,
          pastShifts: 0,
          lastPosition: Number.NEGATIVE_INFINITY,
          tenureFrom:
            this.rules.minTenureDays && person.joined
              ? addDays(person.joined, this.rules.minTenureDays)
              : undefined,
        },
      ]),
    );
    this.availability = new AvailabilityIndex(members, loginKey);
    this.rosterAvailability = new AvailabilityIndex(members, loginKey);
    this.indexOtherRotations();
  }

  get memberCount(): number {
    return this.states.size;
  }

  /** Why `login` cannot be on call for [from, to) at all (away, joined, left, another rotation). */
  conflict(login: string, from: number, to: number): string | undefined {
    if (!this.states.has(loginKey(login))) return 'not a member of the rotation';
    return this.availability.conflict(loginKey(login), from, to);
  }

  /** Takes a shift (published or just chosen) into account for the shifts after it. */
  record(position: number, start: string, from: number, to: number, people: readonly string[]): void {
    this.advanceOtherRotations(from);
    const weight = shiftWeight(start, this.input.rotation.shift.length_days, this.input.holidays);
    const eligible = [...this.states.values()].filter(
      (state) => !this.availability.conflict(state.key, from, to) && this.tenureOk(state, start),
    );
    const share = eligible.length > 0 ? people.length / eligible.length : 0;
    const eligibleKeys = new Set(eligible.map((state) => state.key));
    // The balance rule reads this rotation alone: there only away, joined, left and tenure prorate.
    const ruleEligible = this.balanceEligible(start, from, to);
    const ruleShare = ruleEligible.length > 0 ? people.length / ruleEligible.length : 0;
    const ruleEligibleKeys = new Set(ruleEligible.map((state) => state.key));
    for (const state of this.states.values()) {
      if (!ruleEligibleKeys.has(state.key)) state.base += ruleShare * weight.base;
      if (eligibleKeys.has(state.key)) continue;
      state.total += share * weight.total;
    }
    for (const login of people) {
      const state = this.states.get(loginKey(login));
      if (!state) continue;
      state.base += weight.base;
      state.total += weight.total;
      state.pastShifts += 1;
      state.lastPosition = position;
      if (weight.holidays.length > 0) state.holidayShifts += 1;
    }
    for (const pair of pairsOf(people.map(loginKey))) this.pairLast.set(pair, position);
  }

  recordShift(position: number, shift: TimedShift): void {
    this.record(
      position,
      shift.start,
      shift.startsAt.toMillis(),
      shift.endsAt.toMillis(),
      shift.assignments.map((slot) => slot.github),
    );
  }

  /** Chooses `open` people for a shift, beside the fixed ones, relaxing rules only when needed. */
  choose(shift: ShiftToFill): Choice {
    this.advanceOtherRotations(shift.from);
    const weight = shiftWeight(shift.start, this.input.rotation.shift.length_days, this.input.holidays);
    const fixedKeys = new Set(shift.fixed.map(loginKey));
    const fixed = [...fixedKeys].flatMap((key) => this.states.get(key) ?? []);
    const available: MemberState[] = [];
    const excluded: Exclusion[] = [];
    for (const state of this.states.values()) {
      if (fixedKeys.has(state.key)) continue;
      const conflict = this.availability.conflict(state.key, shift.from, shift.to);
      if (conflict) excluded.push({ github: state.person.github, why: conflict });
      else available.push(state);
    }
    const load = (state: MemberState) => state.total + (shift.laterLoad?.get(state.key) ?? 0);
    available.sort(
      (a, b) =>
        load(a) - load(b) ||
        (weight.holidays.length > 0 ? a.holidayShifts - b.holidayShifts : 0) ||
        a.lastPosition - b.lastPosition ||
        a.key.localeCompare(b.key),
    );
    const peers = this.balanceEligible(shift.start, shift.from, shift.to);
    const context: SearchContext = {
      start: shift.start,
      position: shift.position,
      slots: fixed.length + shift.open,
      nextPosition: shift.nextPosition,
      balancePeers: peers,
      balanceBound:
        peers.map((state) => state.base).sort((a, b) => a - b)[fixed.length + shift.open] ?? Infinity,
    };
    const relaxedHere = new Set<RuleName>();
    let chosen = this.search(fixed, available, withRelaxed(this.rules, relaxedHere), context);
    while (!chosen) {
      const next = RELAX_ORDER.find(
        (rule) => this.isActive(rule) && !relaxedHere.has(rule) && !this.hard.has(rule),
      );
      if (!next) break;
      relaxedHere.add(next);
      chosen = this.search(fixed, available, withRelaxed(this.rules, relaxedHere), context);
    }
    // Relaxing the last rule made the shift possible; the less important ones relaxed before it
    // may not have been needed. Take each back, most important first, where some combination
    // still keeps it: so every rule reported relaxed is one the chosen people break.
    const earlier = [...relaxedHere].slice(0, -1).reverse();
    for (const rule of chosen ? earlier : []) {
      relaxedHere.delete(rule);
      const tighter = this.search(fixed, available, withRelaxed(this.rules, relaxedHere), context);
      if (tighter) chosen = tighter;
      else relaxedHere.add(rule);
    }
    if (!chosen) {
      const blocking = [...this.hard].filter((rule) => this.isActive(rule));
      // Too few people free, whatever the rules: say so rather than blame a rule.
      const tooFew = available.length + fixed.length < context.slots;
      return {
        ok: false,
        message:
          `${available.length} of ${this.states.size} member(s) are available` +
          (tooFew
            ? `, and the shift needs ${shift.open}`
            : blocking.length > 0
              ? ` and ${blocking.join(', ')} cannot be relaxed (enforce: error)`
              : ''),
        excluded: [
          ...excluded,
          ...available.map((state) => ({
            github: state.person.github,
            why: tooFew
              ? 'available, but too few others are free to fill the shift'
              : `available, but no combination keeps ${blocking.join(', ') || 'the rules'}`,
          })),
        ],
      };
    }
    const relaxed: Relaxation[] = RELAX_ORDER.filter((rule) => relaxedHere.has(rule)).map((rule) => ({
      rule,
      start: shift.start,
      why: this.explainRelaxation(rule, available, context),
    }));
    // The most experienced people take the first slots (primary first).
    const people = chosen
      .sort((a, b) => b.pastShifts - a.pastShifts || a.key.localeCompare(b.key))
      .map((state) => state.person.github);
    return { ok: true, people, relaxed };
  }

  /** Members the balance rule compares for a shift: free by the roster and past tenure. */
  private balanceEligible(start: string, from: number, to: number): MemberState[] {
    return [...this.states.values()].filter(
      (state) => !this.rosterAvailability.conflict(state.key, from, to) && this.tenureOk(state, start),
    );
  }

  private tenureOk(state: MemberState, start: string): boolean {
    return state.tenureFrom === undefined || start >= state.tenureFrom;
  }

  private isActive(rule: RuleName): boolean {
    const value = withRelaxed(this.rules, new Set())[camel(rule)];
    return value !== undefined && value !== false;
  }

  /** Per-person rules: can this member take any slot of the shift at all? */
  private personOk(state: MemberState, rules: SoftRules, context: SearchContext): boolean {
    if (rules.minTenureDays && !this.tenureOk(state, context.start)) return false;
    if (rules.minGapShifts !== undefined) {
      if (context.position - state.lastPosition <= rules.minGapShifts) return false;
      const next = context.nextPosition?.get(state.key);
      if (next !== undefined && next - context.position <= rules.minGapShifts) return false;
    }
    if (rules.balance !== undefined && state.base > context.balanceBound + rules.balance + 1e-9) return false;
    return true;
  }

  /** Rules between two people of the same shift. */
  private pairOk(a: MemberState, b: MemberState, rules: SoftRules, context: SearchContext): boolean {
    if (rules.distinctTeams && a.person.team === b.person.team) return false;
    if (rules.avoidRepeatPairs !== undefined) {
      const last = this.pairLast.get(pairKey(a.key, b.key));
      if (last !== undefined && context.position - last <= rules.avoidRepeatPairs) return false;
    }
    return true;
  }

  /**
   * Balance, as `oncall validate` judges it: nobody added to the shift has more load than the
   * lightest peer who is not in it, plus the allowed difference.
   */
  private balanceOk(
    chosen: readonly MemberState[],
    fixed: readonly MemberState[],
    rules: SoftRules,
    context: SearchContext,
  ): boolean {
    const allowed = rules.balance;
    if (allowed === undefined) return true;
    const lightest = Math.min(
      ...context.balancePeers.filter((peer) => !chosen.includes(peer)).map((peer) => peer.base),
    );
    return chosen.every((state) => fixed.includes(state) || state.base <= lightest + allowed + 1e-9);
  }

  /** A newcomer is paired with someone experienced; two newcomers never share a shift. */
  private experienceOk(chosen: readonly MemberState[], rules: SoftRules): boolean {
    if (rules.experiencedPartner === undefined) return true;
    const needed = rules.experiencedPartner;
    const newcomers = chosen.filter((state) => state.pastShifts < needed).length;
    return newcomers === 0 || (newcomers === 1 && chosen.length > 1);
  }

  /**
   * Bounded depth-first search in candidate order: the first combination keeping the rules.
   * Every candidate tried costs one unit of the budget. At the last open slot the experience rule
   * is checked before the pair rules, and a slot that no remaining candidate could fill under it
   * (two newcomers chosen already, or one and no experienced candidate left) is charged its whole
   * remaining length at once instead of trying each: the same combinations are found or not found,
   * for the same budget, as trying them one by one, only sooner.
   */
  private search(
    fixed: readonly MemberState[],
    candidates: readonly MemberState[],
    rules: SoftRules,
    context: SearchContext,
  ): MemberState[] | undefined {
    const eligible = candidates.filter(
      (state) => !rules.minTenureDays || this.tenureOk(state, context.start),
    );
    const pool = eligible.filter((state) => this.personOk(state, rules, context));
    const needed = rules.experiencedPartner;
    const isNewcomer = (state: MemberState) => needed !== undefined && state.pastShifts < needed;
    // experiencedFrom[i] / newcomersFrom[i]: how many of pool[i..] are (not) newcomers.
    const experiencedFrom = new Array<number>(pool.length + 1).fill(0);
    const newcomersFrom = new Array<number>(pool.length + 1).fill(0);
    for (let index = pool.length - 1; index >= 0; index -= 1) {
      const newcomer = isNewcomer(pool[index] as MemberState);
      experiencedFrom[index] = (experiencedFrom[index + 1] as number) + (newcomer ? 0 : 1);
      newcomersFrom[index] = (newcomersFrom[index + 1] as number) + (newcomer ? 1 : 0);
    }
    let budget = SEARCH_BUDGET;
    const chosen: MemberState[] = [...fixed];
    const fitsChosen = (candidate: MemberState) => {
      for (const other of chosen) if (!this.pairOk(other, candidate, rules, context)) return false;
      return true;
    };
    // The last open slot: the leaf checks (experienceOk, balanceOk) of each candidate, without recursing.
    const last = (from: number): boolean => {
      const newcomers = chosen.filter(isNewcomer).length;
      // experienceOk(chosen + candidate): at most one newcomer, and never one alone.
      const newcomerFits = needed === undefined || (newcomers === 0 && context.slots > 1);
      const experiencedFits = needed === undefined || newcomers <= 1;
      const fitting =
        (newcomerFits ? (newcomersFrom[from] as number) : 0) +
        (experiencedFits ? (experiencedFrom[from] as number) : 0);
      if (fitting === 0) {
        budget -= pool.length - from;
        return false;
      }
      for (let index = from; index < pool.length; index += 1) {
        budget -= 1;
        if (budget < 0) return false;
        const candidate = pool[index] as MemberState;
        if (!(isNewcomer(candidate) ? newcomerFits : experiencedFits)) continue;
        if (!fitsChosen(candidate)) continue;
        chosen.push(candidate);
        if (this.balanceOk(chosen, fixed, rules, context)) return true;
        chosen.pop();
      }
      return false;
    };
    const step = (from: number): boolean => {
      if (chosen.length === context.slots) {
        return this.experienceOk(chosen, rules) && this.balanceOk(chosen, fixed, rules, context);
      }
      if (chosen.length === context.slots - 1) return last(from);
      for (let index = from; index < pool.length; index += 1) {
        budget -= 1;
        if (budget < 0) return false;
        const candidate = pool[index] as MemberState;
        if (!fitsChosen(candidate)) continue;
        chosen.push(candidate);
        if (step(index + 1)) return true;
        chosen.pop();
      }
      return false;
    };
    return step(0) ? [...chosen] : undefined;
  }

  private explainRelaxation(
    rule: RuleName,
    available: readonly MemberState[],
    context: SearchContext,
  ): string {
    const rules = this.rules;
    const needed = context.slots;
    switch (rule) {
      case 'min_gap_shifts': {
        const rested = available.filter(
          (state) => context.position - state.lastPosition > (rules.minGapShifts ?? 0),
        );
        return `only ${rested.length} available member(s) had more than ${rules.minGapShifts} shifts off; ${needed} needed with the other rules`;
      }
      case 'min_tenure_days': {
        const tenured = available.filter((state) => this.tenureOk(state, context.start));
        return `only ${tenured.length} available member(s) had ${rules.minTenureDays} days since joining; ${needed} needed`;
      }
      case 'balance':
        return `the least-loaded available members could not be combined under the other rules; someone more than ${rules.balance} above them takes the shift`;
      case 'distinct_teams':
        return `no ${needed} available members from different teams could be combined under the other rules`;
      case 'avoid_repeat_pairs':
        return `every combination of available members had been paired within ${rules.avoidRepeatPairs} shifts`;
      case 'experienced_partner':
        return `not enough members with ${rules.experiencedPartner} or more past shifts were available to pair with newcomers`;
      default:
        return 'no combination kept every rule';
    }
  }

  /**
   * Shifts in other rotations, and covers there, make the person busy then (never on call twice
   * at once). The shifts add to the load candidates are ordered by once started, so the whole of
   * someone's time on call counts; the balance rule itself, like `oncall validate`, compares load
   * in this rotation only.
   */
  private indexOtherRotations(): void {
    for (const other of this.input.others) {
      for (const shift of other.shifts) {
        const { total } = shiftWeight(shift.start, other.lengthDays, this.input.holidays);
        for (const { github } of shift.assignments) {
          const key = loginKey(github);
          if (!this.states.has(key)) continue;
          this.availability.addBusy(key, {
            from: shift.startsAt.toMillis(),
            to: shift.endsAt.toMillis(),
            why: `on call in rotation ${other.name} (shift of ${shift.start})`,
          });
          this.otherEvents.push({ at: shift.startsAt.toMillis(), key, total });
        }
      }
      for (const override of other.overrides ?? []) {
        const key = loginKey(override.with);
        if (!this.states.has(key)) continue;
        this.availability.addBusy(key, {
          from: override.from.toMillis(),
          to: override.to.toMillis(),
          why: `on call in rotation ${other.name} (covering ${override.replace} from ${override.from.toISO({ suppressMilliseconds: true })})`,
        });
      }
    }
    this.otherEvents.sort((a, b) => a.at - b.at);
  }

  private advanceOtherRotations(at: number): void {
    while (this.nextOtherEvent < this.otherEvents.length) {
      const event = this.otherEvents[this.nextOtherEvent] as (typeof this.otherEvents)[number];
      if (event.at >= at) break;
      const state = this.states.get(event.key);
      if (state) state.total += event.total;
      this.nextOtherEvent += 1;
    }
  }
}

function camel(rule: RuleName): keyof SoftRules {
  return rule.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase()) as keyof SoftRules;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}

function pairsOf(keys: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < keys.length; i += 1) {
    for (let j = i + 1; j < keys.length; j += 1) pairs.push(pairKey(keys[i] as string, keys[j] as string));
  }
  return pairs;
}
