/**
 * Properties of `schedule extend` over random rosters (recent hires, leavers, people away), random
 * rotations (1 to 4 slots, every fairness rule at random values and severities), random history
 * (possibly none) and, half the time, a second rotation sharing the roster.
 *
 * Every check is made against the files as a user reads them, computed here independently of the
 * planner: availability from the roster's dates in each person's zone, the rules from their
 * definitions in the brief, prorated load in this rotation as `oncall validate` reads it (time
 * someone could not serve by the roster counts at the group's rate), and `validateRepository`
 * itself on the extended files.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  type ExtendInput,
  extendSchedule,
  type OtherRotation,
} from '../../../src/core/generate/extend-schedule.js';
import { RELAX_ORDER } from '../../../src/core/generate/soft-rules.js';
import type { Repository } from '../../../src/core/model/repository.js';
import { buildRoster } from '../../../src/core/model/roster.js';
import {
  type Person,
  type RotationFile,
  type RuleName,
  type ScheduleFile,
  weekdays,
} from '../../../src/core/model/schemas.js';
import { validateRepository } from '../../../src/core/rules/validate-repository.js';
import { timeline } from '../../../src/core/schedule/timeline.js';
import { addDays } from '../../../src/core/time/wall-clock.js';

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'America/Los_Angeles',
  'Australia/Sydney',
  'Europe/Berlin',
  'UTC',
] as const;
/** Handoff times that exist once on every day in ZONES, so luxon reads them as the planner does. */
const HANDOFF_TIMES = ['09:00', '10:30', '11:00', '13:15', '17:00'] as const;
const SLOT_NAMES = ['primary', 'secondary', 'tertiary', 'shadow'] as const;
const MONDAY = '2026-01-05';

// ---------------------------------------------------------------------------------------------
// Generators

/** `arbitrary`'s value `percent` % of the time, else undefined. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | undefined> {
  return fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 100 - percent },
    { arbitrary, weight: percent },
  );
}

type RuleDraft = { value: number | boolean; enforce: 'bare' | 'warning' | 'error' } | undefined;

const enforce = fc.constantFrom<'bare' | 'warning' | 'error'>(
  'bare',
  'bare',
  'warning',
  'warning',
  'warning',
  'error',
);
const ruleOf = (value: fc.Arbitrary<number | boolean>) => sometimes(fc.record({ value, enforce }), 60);

const personDraft = fc.record({
  team: fc.nat(),
  zone: fc.constantFrom(...ZONES),
  /** none, long ago, recent hire, hired after now */
  joined: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 4 },
    { arbitrary: fc.integer({ min: -1000, max: -400 }), weight: 2 },
    { arbitrary: fc.integer({ min: -150, max: 0 }), weight: 3 },
    { arbitrary: fc.integer({ min: 1, max: 60 }), weight: 1 },
  ),
  left: sometimes(fc.integer({ min: -30, max: 150 }), 15),
  away: fc.array(fc.record({ from: fc.integer({ min: -40, max: 120 }), days: fc.nat({ max: 24 }) }), {
    maxLength: 2,
  }),
  upperCaseInHistory: fc.boolean(),
});

const otherDraft = fc.record({
  slots: fc.integer({ min: 1, max: 2 }),
  zone: fc.constantFrom(...ZONES),
  weekday: fc.nat({ max: 6 }),
  time: fc.constantFrom(...HANDOFF_TIMES),
  /** Where the other rotation starts, in days from this one's start. */
  offset: fc.integer({ min: -60, max: 60 }),
  picks: fc.array(fc.array(fc.nat(), { minLength: 2, maxLength: 2 }), { minLength: 80, maxLength: 80 }),
});

const caseDraft = fc.record({
  teams: fc.integer({ min: 2, max: 6 }),
  people: fc.array(personDraft, { minLength: 5, maxLength: 40 }),
  exclude: sometimes(fc.nat(), 25),
  slots: fc.integer({ min: 1, max: 4 }),
  zone: fc.constantFrom(...ZONES),
  weekday: fc.nat({ max: 6 }),
  time: fc.constantFrom(...HANDOFF_TIMES),
  lengthDays: fc.constantFrom(7, 7, 7, 14),
  startWeek: fc.nat({ max: 70 }),
  publishWeeksAhead: fc.integer({ min: 4, max: 10 }),
  rules: fc.record({
    min_gap_shifts: ruleOf(fc.nat({ max: 4 })),
    distinct_teams: ruleOf(fc.boolean()),
    experienced_partner: ruleOf(fc.nat({ max: 3 })),
    min_tenure_days: ruleOf(fc.nat({ max: 120 })),
    balance: ruleOf(fc.constantFrom(0, 0.5, 1, 2, 3)),
    avoid_repeat_pairs: ruleOf(fc.nat({ max: 10 })),
  }),
  history: fc.array(fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), { maxLength: 24 }),
  /** "now" in days after the last published shift ends (or after the rotation's start). */
  nowOffset: fc.integer({ min: -40, max: 30 }),
  nowHour: fc.nat({ max: 23 }),
  until: sometimes(fc.integer({ min: -20, max: 120 }), 35),
  holidays: fc.array(fc.nat({ max: 400 }), { maxLength: 8 }),
  other: sometimes(otherDraft, 50),
});

interface Case {
  rotation: RotationFile;
  schedule: ScheduleFile;
  people: Person[];
  members: Person[];
  other?: { rotation: RotationFile; schedule: ScheduleFile };
  now: DateTime;
  until?: string;
  holidays: Set<string>;
}

function ruleValue(draft: RuleDraft) {
  if (!draft) return undefined;
  return draft.enforce === 'bare' ? draft.value : { value: draft.value, enforce: draft.enforce };
}

/** Picks `count` distinct people from `from`, driven by the random numbers in `picks`. */
function pickDistinct<T>(from: readonly T[], picks: readonly number[], count: number): T[] {
  const pool = [...from];
  const chosen: T[] = [];
  for (let i = 0; i < count && pool.length > 0; i += 1) {
    const [taken] = pool.splice((picks[i % picks.length] ?? 0) % pool.length, 1);
    chosen.push(taken as T);
  }
  return chosen;
}

type CaseDraft = typeof caseDraft extends fc.Arbitrary<infer T> ? T : never;

function buildCase(draft: CaseDraft): Case {
  const weekday = weekdays[draft.weekday] as RotationFile['shift']['handoff']['weekday'];
  const start = addDays(MONDAY, draft.startWeek * 7 + draft.weekday);
  const slots = SLOT_NAMES.slice(0, draft.slots);
  const teams = Array.from({ length: draft.teams }, (_, index) => `team-${index}`);
  const historyEnd = addDays(start, draft.history.length * draft.lengthDays);
  const nowDate = addDays(historyEnd, draft.nowOffset);
  const now = DateTime.fromISO(`${nowDate}T${String(draft.nowHour).padStart(2, '0')}:00`, { zone: 'utc' });
  const people: Person[] = draft.people.map((person, index) => {
    const entry: Person = {
      github: `p${String(index).padStart(2, '0')}`,
      name: `Person ${index}`,
      team: teams[person.team % teams.length] as string,
      timezone: person.zone,
    };
    if (person.joined !== undefined) entry.joined = addDays(nowDate, person.joined);
    if (person.left !== undefined) entry.left = addDays(nowDate, person.left);
    if (person.away.length > 0) {
      entry.away = person.away.map(({ from, days }) => ({
        from: addDays(nowDate, from),
        to: addDays(nowDate, from + days),
        reason: 'away',
      }));
    }
    return entry;
  });
  const excluded =
    draft.exclude === undefined ? [] : [people[draft.exclude % people.length]?.github as string];
  const rules: NonNullable<RotationFile['rules']> = {};
  for (const [name, rule] of Object.entries(draft.rules) as [RuleName, RuleDraft][]) {
    const value = ruleValue(rule);
    if (value !== undefined) (rules as Record<string, unknown>)[name] = value;
  }
  const rotation: RotationFile = {
    name: 'main',
    members: { teams, ...(excluded.length > 0 ? { exclude: excluded } : {}) },
    slots,
    timezone: draft.zone,
    shift: { length_days: draft.lengthDays, handoff: { weekday, time: draft.time } },
    start,
    publish_weeks_ahead: draft.publishWeeksAhead,
    rules,
  };
  const members = people.filter((person) => !excluded.includes(person.github));
  const loginInHistory = (person: Person) =>
    draft.people[Number(person.github.slice(1))]?.upperCaseInHistory
      ? person.github.toUpperCase()
      : person.github;
  const shifts = draft.history.map((picks, index) => {
    const chosen = pickDistinct(members, picks, slots.length);
    return {
      start: addDays(start, index * draft.lengthDays),
      ...Object.fromEntries(chosen.map((person, slot) => [slots[slot] as string, loginInHistory(person)])),
    } as ScheduleFile['shifts'][number];
  });
  const schedule: ScheduleFile = { rotation: 'main', shifts };

  let other: Case['other'];
  if (draft.other) {
    const o = draft.other;
    const otherWeekday = weekdays[o.weekday] as RotationFile['shift']['handoff']['weekday'];
    const base = addDays(start, o.offset);
    // Move to the other rotation's handoff weekday (2026-01-05 is a Monday, weekday 0).
    const shiftBy = (((o.weekday - (dayIndex(base) % 7)) % 7) + 7) % 7;
    const otherStart = addDays(base, shiftBy);
    const otherSlots = SLOT_NAMES.slice(0, o.slots);
    const otherRotation: RotationFile = {
      name: 'other',
      members: { teams },
      slots: otherSlots,
      timezone: o.zone,
      shift: { length_days: 7, handoff: { weekday: otherWeekday, time: o.time } },
      start: otherStart,
      publish_weeks_ahead: 4,
    };
    const otherShifts = o.picks.map((picks, index) => {
      const chosen = pickDistinct(people, picks, otherSlots.length);
      return {
        start: addDays(otherStart, index * 7),
        ...Object.fromEntries(chosen.map((person, slot) => [otherSlots[slot] as string, person.github])),
      } as ScheduleFile['shifts'][number];
    });
    other = { rotation: otherRotation, schedule: { rotation: 'other', shifts: otherShifts } };
  }
  const holidays = new Set(draft.holidays.map((day) => addDays(start, day - 30)));
  const until = draft.until === undefined ? undefined : addDays(nowDate, draft.until);
  return { rotation, schedule, people, members, other, now, until, holidays };
}

/** Days since 2026-01-05 (a Monday). */
function dayIndex(date: string): number {
  return Math.round(
    (DateTime.fromISO(date, { zone: 'utc' }).toMillis() -
      DateTime.fromISO(MONDAY, { zone: 'utc' }).toMillis()) /
      86_400_000,
  );
}

function inputOf(testCase: Case): ExtendInput {
  const others: OtherRotation[] = testCase.other
    ? [
        {
          name: testCase.other.rotation.name,
          lengthDays: testCase.other.rotation.shift.length_days,
          shifts: timeline(testCase.other.rotation, testCase.other.schedule),
        },
      ]
    : [];
  return {
    rotation: testCase.rotation,
    roster: buildRoster(testCase.people),
    others,
    holidays: testCase.holidays,
    shifts: timeline(testCase.rotation, testCase.schedule),
    now: testCase.now,
    until: testCase.until,
  };
}

// ---------------------------------------------------------------------------------------------
// The reference: what the files say, computed without the planner

const key = (login: string) => login.toLowerCase();

function handoff(rotation: RotationFile, date: string): number {
  return DateTime.fromISO(`${date}T${rotation.shift.handoff.time}`, { zone: rotation.timezone }).toMillis();
}

const midnights = new Map<string, number>();

function midnight(date: string, zone: string): number {
  const cacheKey = `${date} ${zone}`;
  let millis = midnights.get(cacheKey);
  if (millis === undefined) {
    millis = DateTime.fromISO(date, { zone }).toMillis();
    midnights.set(cacheKey, millis);
  }
  return millis;
}

/** Why the person cannot be on call at all in [from, to): away, before joined, after left. */
function unavailable(person: Person, from: number, to: number): string | undefined {
  const zone = person.timezone;
  if (person.joined && from < midnight(person.joined, zone)) return 'before joined';
  if (person.left && to > midnight(addDays(person.left, 1), zone)) return 'after left';
  for (const away of person.away ?? []) {
    if (from < midnight(addDays(away.to, 1), zone) && midnight(away.from, zone) < to) return 'away';
  }
  return undefined;
}

interface Interval {
  from: number;
  to: number;
}

/** Each person's shifts in the other rotation, as instants. */
function otherBusy(testCase: Case): Map<string, (Interval & { start: string })[]> {
  const busy = new Map<string, (Interval & { start: string })[]>();
  if (!testCase.other) return busy;
  const { rotation, schedule } = testCase.other;
  schedule.shifts.forEach((shift, index) => {
    const next = schedule.shifts[index + 1]?.start ?? addDays(shift.start, rotation.shift.length_days);
    for (const slot of rotation.slots) {
      const login = (shift as Record<string, string>)[slot] as string;
      const list = busy.get(key(login)) ?? [];
      list.push({ from: handoff(rotation, shift.start), to: handoff(rotation, next), start: shift.start });
      busy.set(key(login), list);
    }
  });
  return busy;
}

/** The rules as configured: value (undefined when off) and whether they may be relaxed. */
function configured(rotation: RotationFile) {
  const read = (name: RuleName) => {
    const written = rotation.rules?.[name] as unknown;
    if (written === undefined) return undefined;
    const { value, enforce } =
      typeof written === 'object' && written !== null
        ? (written as { value: number | boolean; enforce?: string })
        : { value: written as number | boolean, enforce: undefined };
    // 0 turns a count rule off, but `balance: 0` asks for the strictest balance.
    if (value === false || (value === 0 && name !== 'balance')) return undefined;
    if (name === 'experienced_partner' && rotation.slots.length < 2) return undefined;
    return { value, hard: enforce === 'error' };
  };
  return Object.fromEntries(RELAX_ORDER.map((name) => [name, read(name)])) as Record<
    RuleName,
    { value: number | boolean; hard: boolean } | undefined
  >;
}

interface Planned {
  start: string;
  people: string[];
}

/**
 * The schedule read shift by shift, as the rules define it: per member the prorated load in this
 * rotation (time they could not serve by the roster counts at the group's rate), past shifts,
 * their last shift, and when each pair last shared one.
 */
class Reference {
  private readonly rules: ReturnType<typeof configured>;
  private readonly members: Map<string, Person>;
  private readonly load: Map<string, number>;
  private readonly past = new Map<string, number>();
  private readonly last = new Map<string, number>();
  private readonly pairLast = new Map<string, number>();
  private readonly tenure: number | undefined;
  private readonly eligibleCache = new Map<string, Person[]>();
  position = 0;

  constructor(private readonly testCase: Case) {
    this.rules = configured(testCase.rotation);
    this.members = new Map(testCase.members.map((person) => [key(person.github), person]));
    this.load = new Map([...this.members.keys()].map((login) => [login, 0]));
    this.tenure = this.rules.min_tenure_days?.value as number | undefined;
  }

  private tenureOk(person: Person, start: string): boolean {
    return !this.tenure || !person.joined || start >= addDays(person.joined, this.tenure);
  }

  /** Who could serve [from, to), for balance: free by the roster's dates and past tenure. */
  private eligible(start: string, end: string): Person[] {
    const cacheKey = `${start} ${end}`;
    let found = this.eligibleCache.get(cacheKey);
    if (!found) {
      const from = handoff(this.testCase.rotation, start);
      const to = handoff(this.testCase.rotation, end);
      found = [...this.members.values()].filter(
        (person) => !unavailable(person, from, to) && this.tenureOk(person, start),
      );
      this.eligibleCache.set(cacheKey, found);
    }
    return found;
  }

  /** The rules `people` would break as the next shift, from `start` to `end` (dates). */
  broken(start: string, end: string, people: readonly string[]): Set<RuleName> {
    const { rules, position } = this;
    const keys = people.map(key);
    const found = new Set<RuleName>();
    const gap = rules.min_gap_shifts?.value as number | undefined;
    if (gap !== undefined && keys.some((login) => position - (this.last.get(login) ?? -Infinity) <= gap)) {
      found.add('min_gap_shifts');
    }
    const teams = keys.map((login) => this.members.get(login)?.team);
    if (rules.distinct_teams && new Set(teams).size < teams.length) found.add('distinct_teams');
    const needed = rules.experienced_partner?.value as number | undefined;
    if (needed !== undefined) {
      const newcomers = keys.filter((login) => (this.past.get(login) ?? 0) < needed).length;
      if (newcomers > 1 || (newcomers === 1 && keys.length === 1)) found.add('experienced_partner');
    }
    if (this.tenure && keys.some((login) => !this.tenureOk(this.members.get(login) as Person, start))) {
      found.add('min_tenure_days');
    }
    const repeat = rules.avoid_repeat_pairs?.value as number | undefined;
    if (repeat !== undefined) {
      for (const pair of pairsOf(keys)) {
        if (position - (this.pairLast.get(pair) ?? -Infinity) <= repeat) found.add('avoid_repeat_pairs');
      }
    }
    const balance = rules.balance?.value as number | undefined;
    const others = this.eligible(start, end).filter((person) => !keys.includes(key(person.github)));
    if (balance !== undefined && others.length > 0) {
      const lightest = Math.min(...others.map((person) => this.load.get(key(person.github)) as number));
      if (keys.some((login) => (this.load.get(login) as number) > lightest + balance + 1e-9))
        found.add('balance');
    }
    return found;
  }

  /** Takes the shift of `people` from `start` to `end` into account. */
  record(start: string, end: string, people: readonly string[]): void {
    const { rotation } = this.testCase;
    const keys = people.map(key);
    const eligible = this.eligible(start, end);
    const weight = rotation.shift.length_days / 7;
    const share = eligible.length > 0 ? (keys.length * weight) / eligible.length : 0;
    const eligibleKeys = new Set(eligible.map((person) => key(person.github)));
    for (const [login, value] of this.load) if (!eligibleKeys.has(login)) this.load.set(login, value + share);
    for (const login of keys) {
      if (this.load.has(login)) this.load.set(login, (this.load.get(login) as number) + weight);
      this.past.set(login, (this.past.get(login) ?? 0) + 1);
      this.last.set(login, this.position);
    }
    for (const pair of pairsOf(keys)) this.pairLast.set(pair, this.position);
    this.position += 1;
  }
}

function historyOf(testCase: Case): Planned[] {
  const { rotation } = testCase;
  return testCase.schedule.shifts.map((shift) => ({
    start: shift.start,
    people: rotation.slots.flatMap((slot) => (shift as Record<string, string | undefined>)[slot] ?? []),
  }));
}

/** The reference after the published shifts and `added`. */
function referenceAfter(testCase: Case, added: readonly Planned[]): Reference {
  const reference = new Reference(testCase);
  const all = [...historyOf(testCase), ...added];
  const length = testCase.rotation.shift.length_days;
  all.forEach((shift, index) => {
    reference.record(shift.start, all[index + 1]?.start ?? addDays(shift.start, length), shift.people);
  });
  return reference;
}

/** Each rule broken by an added shift (by index into `added`), under the rules' definitions. */
function brokenRules(testCase: Case, added: readonly Planned[]): Map<number, Set<RuleName>> {
  const reference = referenceAfter(testCase, []);
  const length = testCase.rotation.shift.length_days;
  const broken = new Map<number, Set<RuleName>>();
  added.forEach((shift, index) => {
    const end = added[index + 1]?.start ?? addDays(shift.start, length);
    broken.set(index, reference.broken(shift.start, end, shift.people));
    reference.record(shift.start, end, shift.people);
  });
  return broken;
}

function pairsOf(keys: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < keys.length; i += 1) {
    for (let j = i + 1; j < keys.length; j += 1) pairs.push([keys[i], keys[j]].sort().join(' '));
  }
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// The properties

const cases = caseDraft.map(buildCase);

function firstStart(testCase: Case): string {
  const last = testCase.schedule.shifts[testCase.schedule.shifts.length - 1];
  return last ? addDays(last.start, testCase.rotation.shift.length_days) : testCase.rotation.start;
}

function plannedOf(result: { added: { start: string; assignments: { github: string }[] }[] }): Planned[] {
  return result.added.map((shift) => ({
    start: shift.start,
    people: shift.assignments.map((slot) => slot.github),
  }));
}

describe('schedule extend over random rosters, rules and history', () => {
  it('fills every added slot with distinct people who can serve: never away, before joined, after left, or on call elsewhere', () => {
    fc.assert(
      fc.property(cases, (testCase) => {
        const result = extendSchedule(inputOf(testCase));
        if (!result.ok) return;
        const { rotation } = testCase;
        const length = rotation.shift.length_days;
        const members = new Map(testCase.members.map((person) => [key(person.github), person]));
        const busy = otherBusy(testCase);
        for (const shift of result.added) {
          expect(shift.assignments.map((slot) => slot.slot)).toEqual(rotation.slots);
          const logins = shift.assignments.map((slot) => key(slot.github));
          expect(new Set(logins).size, `${shift.start}: ${logins}`).toBe(rotation.slots.length);
          const from = handoff(rotation, shift.start);
          const to = handoff(rotation, addDays(shift.start, length));
          for (const login of logins) {
            const person = members.get(login);
            expect(person, `${login} is a member`).toBeDefined();
            expect(unavailable(person as Person, from, to), `${login} in ${shift.start}`).toBeUndefined();
            const clash = (busy.get(login) ?? []).find(
              (interval) => interval.from < to && from < interval.to,
            );
            expect(clash, `${login} on call in both rotations at ${shift.start}`).toBeUndefined();
          }
        }
      }),
      { numRuns: 80, seed: 20270104 },
    );
  });

  it('keeps every fairness rule in every added shift, or reports relaxing it there: exactly the rules it breaks; enforce: error is never relaxed', () => {
    let relaxations = 0;
    let failures = 0;
    fc.assert(
      fc.property(cases, (testCase) => {
        const result = extendSchedule(inputOf(testCase));
        if (!result.ok) {
          failures += 1;
          return;
        }
        const rules = configured(testCase.rotation);
        const relaxable = RELAX_ORDER.filter((rule) => rules[rule] !== undefined && !rules[rule]?.hard);
        const starts = new Set(result.added.map((shift) => shift.start));
        relaxations += result.relaxed.length;
        for (const relaxation of result.relaxed) {
          expect(starts.has(relaxation.start), relaxation.start).toBe(true);
          expect(relaxable, `${relaxation.rule} is active and may be relaxed`).toContain(relaxation.rule);
          expect(relaxation.why.length).toBeGreaterThan(0);
        }
        const broken = brokenRules(testCase, plannedOf(result));
        result.added.forEach((shift, index) => {
          const here = result.relaxed
            .filter((relaxation) => relaxation.start === shift.start)
            .map((item) => item.rule);
          // Once each, least important first.
          expect(here).toEqual(RELAX_ORDER.filter((rule) => here.includes(rule)));
          expect(here, `the rules broken in the shift of ${shift.start}`).toEqual(
            RELAX_ORDER.filter((rule) => broken.get(index)?.has(rule)),
          );
        });
      }),
      { numRuns: 100, seed: 20270111 },
    );
    // The generators must reach both outcomes, or the properties above say little.
    expect(relaxations).toBeGreaterThan(10);
    expect(failures).toBeGreaterThan(0);
  });

  it('relaxes only what it must, least important first: no one free could have kept a relaxed rule and every more important one kept', () => {
    let checked = 0;
    fc.assert(
      fc.property(cases, (testCase) => {
        const result = extendSchedule(inputOf(testCase));
        if (!result.ok || result.relaxed.length === 0) return;
        const { rotation } = testCase;
        const rules = configured(rotation);
        const hard = RELAX_ORDER.filter((rule) => rules[rule]?.hard);
        const planned = plannedOf(result);
        const busy = otherBusy(testCase);
        planned.forEach((shift, index) => {
          const relaxed = result.relaxed
            .filter((item) => item.start === shift.start)
            .map((item) => item.rule);
          if (relaxed.length === 0) return;
          const from = handoff(rotation, shift.start);
          const to = handoff(rotation, addDays(shift.start, rotation.shift.length_days));
          const free = testCase.members
            .filter(
              (person) =>
                !unavailable(person, from, to) &&
                !(busy.get(key(person.github)) ?? []).some(
                  (interval) => interval.from < to && from < interval.to,
                ),
            )
            .map((person) => person.github);
          const combinations = choose(free, rotation.slots.length);
          if (combinations.length > 500) return;
          checked += 1;
          const before = referenceAfter(testCase, planned.slice(0, index));
          const end = addDays(shift.start, rotation.shift.length_days);
          const brokenBy = combinations.map((people) => before.broken(shift.start, end, people));
          for (const rule of relaxed) {
            const order = RELAX_ORDER.indexOf(rule);
            const mustKeep = [
              ...hard,
              rule,
              ...RELAX_ORDER.filter(
                (other) =>
                  RELAX_ORDER.indexOf(other) > order &&
                  rules[other] !== undefined &&
                  !relaxed.includes(other),
              ),
            ];
            const keeper = combinations.find((_, at) => mustKeep.every((kept) => !brokenBy[at]?.has(kept)));
            expect(
              keeper,
              `${shift.start}: ${keeper?.join(', ')} keep ${mustKeep.join(', ')}`,
            ).toBeUndefined();
          }
        });
      }),
      { numRuns: 60, seed: 20270115 },
    );
    expect(checked).toBeGreaterThan(10);
  });

  it('gives a schedule that oncall validate accepts: no error on any added shift, and every fairness warning there was reported as relaxed', () => {
    fc.assert(
      fc.property(cases, (testCase) => {
        const result = extendSchedule(inputOf(testCase));
        if (!result.ok) return;
        const entries = result.added.map((shift) => ({
          start: shift.start,
          ...Object.fromEntries(shift.assignments.map(({ slot, github }) => [slot, github])),
        })) as ScheduleFile['shifts'];
        const existing = testCase.schedule.shifts.length;
        const repository: Repository = {
          peopleFile: 'rotations/people.yaml',
          people: { people: testCase.people },
          rotations: [
            {
              dir: 'main',
              rotationFile: 'rotations/main/rotation.yaml',
              scheduleFile: 'rotations/main/schedule.yaml',
              rotation: testCase.rotation,
              schedule: { ...testCase.schedule, shifts: [...testCase.schedule.shifts, ...entries] },
            },
            ...(testCase.other
              ? [
                  {
                    dir: 'other',
                    rotationFile: 'rotations/other/rotation.yaml',
                    scheduleFile: 'rotations/other/schedule.yaml',
                    ...testCase.other,
                  },
                ]
              : []),
          ],
          playbooks: [],
        };
        // Judged from the start of the first added shift, so history is never judged.
        const judgedAt = DateTime.fromMillis(handoff(testCase.rotation, firstStart(testCase)) - 1);
        const atAdded = validateRepository(repository, judgedAt).filter((finding) => {
          const path = finding.at.path ?? [];
          return (
            finding.at.file === 'rotations/main/schedule.yaml' &&
            path[0] === 'shifts' &&
            typeof path[1] === 'number' &&
            path[1] >= existing
          );
        });
        // A horizon under 4 weeks is what --until asked for.
        const errors = atAdded.filter(
          (finding) => finding.severity === 'error' && finding.rule !== 'horizon',
        );
        expect(errors).toEqual([]);
        for (const finding of atAdded) {
          if (finding.severity !== 'warning') continue;
          const shift = result.added[(finding.at.path?.[1] as number) - existing];
          expect(
            result.relaxed.some((item) => item.rule === finding.rule && item.start === shift?.start),
            `${finding.rule} warned but not reported as relaxed: ${finding.message}`,
          ).toBe(true);
        }
      }),
      { numRuns: 80, seed: 20270118 },
    );
  });

  it('is deterministic: the same files and now give the same result', () => {
    fc.assert(
      fc.property(caseDraft, (draft) => {
        const first = extendSchedule(inputOf(buildCase(draft)));
        // Built again from the same files: nothing may hang on object identity or earlier runs.
        const second = extendSchedule(inputOf(buildCase(draft)));
        expect(second).toEqual(first);
      }),
      { numRuns: 40, seed: 20270125 },
    );
  });

  it('covers the horizon, or --until, exactly: contiguous after the last shift, not one shift too many or too few', () => {
    fc.assert(
      fc.property(cases, (testCase) => {
        const result = extendSchedule(inputOf(testCase));
        const { rotation, now, until } = testCase;
        const length = rotation.shift.length_days;
        const first = firstStart(testCase);
        if (!result.ok) {
          expect(daysBetween(first, result.start) % length === 0 && result.start >= first).toBe(true);
          return;
        }
        result.added.forEach((shift, index) => {
          expect(shift.start).toBe(addDays(first, index * length));
        });
        const empty = testCase.schedule.shifts.length === 0;
        // Reached when the next shift would start at (or after) the goal.
        const reached = (nextStart: string) =>
          until !== undefined
            ? nextStart >= until
            : handoff(rotation, nextStart) >= now.plus({ weeks: rotation.publish_weeks_ahead }).toMillis();
        if (result.added.length === 0) {
          expect(empty).toBe(false);
          expect(reached(first)).toBe(true);
          return;
        }
        const last = result.added[result.added.length - 1] as { start: string };
        expect(reached(addDays(last.start, length)), `the schedule reaches the goal`).toBe(true);
        if (result.added.length > 1 || !empty) {
          expect(reached(last.start), `${last.start} is one shift too many`).toBe(false);
        }
      }),
      { numRuns: 100, seed: 20270201 },
    );
  });

  it('when nobody can take a shift: names the week, and lists every member with why they were not chosen', () => {
    let seen = 0;
    fc.assert(
      fc.property(cases, (testCase) => {
        const result = extendSchedule(inputOf(testCase));
        if (result.ok) return;
        seen += 1;
        const { rotation } = testCase;
        expect(result.message).toContain(result.start);
        const from = handoff(rotation, result.start);
        const to = handoff(rotation, addDays(result.start, rotation.shift.length_days));
        const busy = otherBusy(testCase);
        const listed = new Map(result.excluded.map((entry) => [key(entry.github), entry.why]));
        expect([...listed.keys()].sort()).toEqual(
          testCase.members.map((person) => key(person.github)).sort(),
        );
        const free: string[] = [];
        for (const person of testCase.members) {
          const why = listed.get(key(person.github)) as string;
          expect(why.length).toBeGreaterThan(0);
          const cannot =
            unavailable(person, from, to) ??
            (busy.get(key(person.github)) ?? []).find((interval) => interval.from < to && from < interval.to);
          if (!cannot) free.push(person.github);
          // Someone who could serve is not said to be away, and the reverse.
          expect(why.startsWith('available'), `${person.github}: ${why}`).toBe(!cannot);
        }
        const rules = configured(rotation);
        const hard = RELAX_ORDER.filter((rule) => rules[rule]?.hard);
        // Every rule can be relaxed: only too few people can make a shift impossible.
        if (hard.length === 0) expect(free.length).toBeLessThan(rotation.slots.length);
        // Otherwise no combination of the people free then keeps the rules that cannot be relaxed
        // (checked where there are few enough combinations), after the shifts the planner added.
        const combinations = choose(free, rotation.slots.length);
        if (combinations.length > 0 && combinations.length <= 2000) {
          const before = extendSchedule({ ...inputOf(testCase), until: result.start });
          const planned = before.ok ? plannedOf(before) : [];
          expect(planned.length, 'the shifts before the week named').toBe(
            daysBetween(firstStart(testCase), result.start) / rotation.shift.length_days,
          );
          const reference = referenceAfter(testCase, planned);
          const end = addDays(result.start, rotation.shift.length_days);
          for (const people of combinations) {
            const broken = reference.broken(result.start, end, people);
            const kept = hard.filter((rule) => !broken.has(rule));
            expect(
              kept.length,
              `${people.join(', ')} keep ${hard.join(', ')} in ${result.start}`,
            ).toBeLessThan(hard.length);
          }
        }
      }),
      { numRuns: 80, seed: 20270208 },
    );
    expect(seen).toBeGreaterThan(0);
  });
});

/** Every way to pick `count` of `items`, in order. */
function choose<T>(items: readonly T[], count: number): T[][] {
  if (count === 0) return [[]];
  if (items.length < count) return [];
  const [first, ...rest] = items as [T, ...T[]];
  return [...choose(rest, count - 1).map((tail) => [first, ...tail]), ...choose(rest, count)];
}

function daysBetween(from: string, to: string): number {
  return Math.round(
    (DateTime.fromISO(to, { zone: 'utc' }).toMillis() - DateTime.fromISO(from, { zone: 'utc' }).toMillis()) /
      86_400_000,
  );
}
