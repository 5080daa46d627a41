/**
 * Properties of diffSchedules and timeDelta over random schedules: people moved around between
 * the shifts that have not ended (a random permutation of their slots, some logins rewritten in
 * another case) conserve time on call, each person's net change is exactly the change of the hours
 * they hold, and the people affected are exactly those whose slots differ. Zones and handoff times
 * include daylight-saving changes and half-hour offsets, so shifts are not all 168 hours.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OverrideEntry, RotationFile, ScheduleFile } from '../../../src/core/model/schemas.js';
import { timedOverrides } from '../../../src/core/schedule/overrides.js';
import { type TimedShift, timeline } from '../../../src/core/schedule/timeline.js';
import { addDays } from '../../../src/core/time/wall-clock.js';
import { affectedPeople } from '../../../src/core/trade/consent.js';
import { describeChanges } from '../../../src/core/trade/describe-changes.js';
import { diffSchedules, timeDelta } from '../../../src/core/trade/schedule-diff.js';

const PEOPLE = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
const SLOTS = ['primary', 'secondary'];
const ZONES = ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata'] as const;
/** Handoff days: 2027-01-03 is a Sunday, 2027-01-04 a Monday. */
const HANDOFFS = [
  { weekday: 'monday', first: '2027-01-04', time: '11:00' },
  { weekday: 'sunday', first: '2027-01-03', time: '02:30' }, // in the spring-forward gap of some zones
] as const;

const key = (login: string) => login.toLowerCase();

const caseArbitrary = fc.record({
  zone: fc.constantFrom(...ZONES),
  handoff: fc.constantFrom(...HANDOFFS),
  /** Weeks after the first handoff date, so the schedule lands anywhere in the year. */
  offsetWeeks: fc.integer({ min: 0, max: 52 }),
  crews: fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 7 })), {
    minLength: 2,
    maxLength: 16,
  }),
  /** How many leading shifts are history and keep their people (modulo the count: at least one is not). */
  past: fc.nat({ max: 16 }),
  /** Fisher–Yates draws for the permutation of future slots. */
  draws: fc.array(fc.nat({ max: 1_000 }), { minLength: 32, maxLength: 32 }),
  /** Per future slot: rewrite the login in upper case (no change of person). */
  upper: fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }),
});

interface Built {
  rotation: RotationFile;
  base: ScheduleFile;
  head: ScheduleFile;
}

type Case = typeof caseArbitrary extends fc.Arbitrary<infer T> ? T : never;

function build(input: Case): Built {
  const { zone, handoff, offsetWeeks, crews, past, draws, upper } = input;
  const first = addDays(handoff.first, 7 * offsetWeeks);
  const rotation = {
    name: 'r',
    members: { teams: ['t'] },
    slots: SLOTS,
    timezone: zone,
    shift: { length_days: 7, handoff: { weekday: handoff.weekday, time: handoff.time } },
    start: first,
    publish_weeks_ahead: 5,
  } as RotationFile;
  const baseShifts = crews.map(([a, b], index) => ({
    start: addDays(first, 7 * index),
    primary: PEOPLE[a] as string,
    secondary: PEOPLE[b] as string,
  }));
  // Every slot of the shifts not yet ended, in order; permuted, then written back.
  const kept = past % baseShifts.length;
  const future = baseShifts.slice(kept).flatMap((shift) => [shift.primary, shift.secondary]);
  for (let index = future.length - 1; index > 0; index -= 1) {
    const other = (draws[index % draws.length] as number) % (index + 1);
    [future[index], future[other]] = [future[other] as string, future[index] as string];
  }
  const written = future.map((login, index) => (upper[index % upper.length] ? login.toUpperCase() : login));
  const headShifts = baseShifts.map((shift, index) =>
    index < kept
      ? { ...shift }
      : {
          start: shift.start,
          primary: written[2 * (index - kept)] as string,
          secondary: written[2 * (index - kept) + 1] as string,
        },
  );
  return {
    rotation,
    base: { rotation: 'r', shifts: baseShifts },
    head: { rotation: 'r', shifts: headShifts },
  };
}

/** Hours each person holds across the shifts, by lower-case login. */
function hoursHeld(shifts: readonly TimedShift[]): Map<string, number> {
  const held = new Map<string, number>();
  for (const shift of shifts) {
    const hours = shift.endsAt.diff(shift.startsAt, 'hours').hours;
    for (const { github } of shift.assignments) held.set(key(github), (held.get(key(github)) ?? 0) + hours);
  }
  return held;
}

function sides({ rotation, base, head }: Built) {
  return {
    base: { shifts: timeline(rotation, base), overrides: timedOverrides(rotation, base) },
    head: { shifts: timeline(rotation, head), overrides: timedOverrides(rotation, head) },
  };
}

describe('diffSchedules + timeDelta over random trades', () => {
  it('the generated cases are worth testing: real trades, and shifts that are not 168 hours', () => {
    const cases = fc.sample(caseArbitrary, { numRuns: 300, seed: 20270104 }).map(build);
    const withChanges = cases.filter((built) => {
      const { base, head } = sides(built);
      return diffSchedules(base, head).length > 0;
    });
    expect(withChanges.length).toBeGreaterThan(150);
    const lengths = new Set(
      cases.flatMap((built) =>
        timeline(built.rotation, built.base).map((shift) => shift.endsAt.diff(shift.startsAt, 'hours').hours),
      ),
    );
    for (const hours of [167, 168, 169, 167.5, 168.5]) expect(lengths).toContain(hours);
  });

  it('conserve time: hours gained equal hours lost, and each person’s net is their change in hours held', () => {
    fc.assert(
      fc.property(caseArbitrary, (input) => {
        const built = build(input);
        const { base, head } = sides(built);
        const changes = diffSchedules(base, head);
        // Moving people between existing shifts is only ever slot changes.
        expect(changes.every((change) => change.kind === 'slot')).toBe(true);
        const delta = [...timeDelta(changes).values()];
        const gained = delta.reduce((sum, entry) => sum + entry.gained, 0);
        const lost = delta.reduce((sum, entry) => sum + entry.lost, 0);
        expect(gained).toBeCloseTo(lost, 9);

        const before = hoursHeld(base.shifts);
        const after = hoursHeld(head.shifts);
        const byKey = new Map(delta.map((entry) => [key(entry.github), entry]));
        for (const login of PEOPLE) {
          const entry = byKey.get(login);
          const net = (entry?.gained ?? 0) - (entry?.lost ?? 0);
          expect(net).toBeCloseTo((after.get(login) ?? 0) - (before.get(login) ?? 0), 9);
        }
        // Nobody appears twice under two spellings.
        expect(byKey.size).toBe(delta.length);
      }),
      { numRuns: 300, seed: 20270104 },
    );
  });

  it('affect exactly the people whose slots differ, and nobody for a change of case', () => {
    fc.assert(
      fc.property(caseArbitrary, (input) => {
        const built = build(input);
        const { base, head } = sides(built);
        const changes = diffSchedules(base, head);
        const expected = new Set<string>();
        built.base.shifts.forEach((shift, index) => {
          const after = built.head.shifts[index] as Record<string, string>;
          for (const slot of SLOTS) {
            const was = (shift as Record<string, string>)[slot] as string;
            const now = after[slot] as string;
            if (key(was) !== key(now)) {
              expected.add(key(was));
              expected.add(key(now));
            }
          }
        });
        const affected = affectedPeople(changes);
        expect(new Set(affected.map(key))).toEqual(expected);
        expect(new Set(affected.map(key)).size).toBe(affected.length);
        // Only people with a slot change have hours that move.
        expect(new Set([...timeDelta(changes).keys()])).toEqual(expected);
        // History is never touched: every change is to a shift not kept as past.
        const kept = input.past % built.base.shifts.length;
        for (const change of changes) {
          if (change.kind === 'slot') expect(change.index).toBeGreaterThanOrEqual(kept);
        }
      }),
      { numRuns: 300, seed: 20270111 },
    );
  });

  it('describe every slot change exactly once, a swap as two', () => {
    fc.assert(
      fc.property(caseArbitrary, (input) => {
        const built = build(input);
        const { base, head } = sides(built);
        const changes = diffSchedules(base, head);
        const readable = describeChanges(changes, built.rotation.timezone);
        const parts = readable.flatMap((change) => change.parts);
        expect(parts).toHaveLength(changes.length);
        expect(new Set(parts).size).toBe(changes.length);
        for (const change of readable) {
          expect(change.parts).toHaveLength(change.kind === 'swap' ? 2 : 1);
          if (change.kind === 'swap') {
            const [one, other] = change.parts;
            if (one?.kind !== 'slot' || other?.kind !== 'slot') throw new Error('a swap of non-slots');
            expect(key(one.to)).toBe(key(other.from));
            expect(key(one.from)).toBe(key(other.to));
            expect(change.text).toBe(
              `${one.to} takes ${one.start} from ${one.from}; ${other.to} takes ${other.start} from ${other.from}`,
            );
          }
        }
      }),
      { numRuns: 200, seed: 20270118 },
    );
  });

  it('with covers added and removed as well, hours gained still equal hours lost', () => {
    const coverArbitrary = fc.record({
      shift: fc.nat(),
      slot: fc.integer({ min: 0, max: 1 }),
      with: fc.integer({ min: 0, max: 7 }),
      fromHour: fc.integer({ min: 0, max: 7 * 24 - 1 }),
      hours: fc.integer({ min: 1, max: 48 }),
      inBase: fc.boolean(),
      inHead: fc.boolean(),
    });
    fc.assert(
      fc.property(caseArbitrary, fc.array(coverArbitrary, { maxLength: 6 }), (input, covers) => {
        const built = build(input);
        const overrides = covers.map((cover) => {
          const shift = built.base.shifts[cover.shift % built.base.shifts.length] as Record<string, string>;
          const start = shift.start as string;
          const at = (hour: number) => {
            const day = addDays(start, Math.floor(hour / 24));
            return `${day}T${String(hour % 24).padStart(2, '0')}:00`;
          };
          const entry: OverrideEntry = {
            from: at(cover.fromHour),
            to: at(cover.fromHour + cover.hours),
            replace: shift[SLOTS[cover.slot] as string] as string,
            with: PEOPLE[cover.with] as string,
          };
          return { entry, inBase: cover.inBase, inHead: cover.inHead };
        });
        built.base.overrides = overrides.filter((cover) => cover.inBase).map((cover) => cover.entry);
        built.head.overrides = overrides.filter((cover) => cover.inHead).map((cover) => cover.entry);
        const { base, head } = sides(built);
        const changes = diffSchedules(base, head);
        const delta = [...timeDelta(changes).values()];
        const gained = delta.reduce((sum, entry) => sum + entry.gained, 0);
        const lost = delta.reduce((sum, entry) => sum + entry.lost, 0);
        expect(gained).toBeCloseTo(lost, 9);
        // Everyone named in a cover that changed is affected.
        const affected = new Set(affectedPeople(changes).map(key));
        for (const change of changes) {
          if (change.kind === 'cover-added' || change.kind === 'cover-removed') {
            expect(affected.has(key(change.replace))).toBe(true);
            expect(affected.has(key(change.with))).toBe(true);
          }
        }
        // A cover present on both sides is no change.
        const both = overrides.filter((cover) => cover.inBase && cover.inHead).length;
        const coverChanges = changes.filter((change) => change.kind !== 'slot').length;
        expect(coverChanges).toBeLessThanOrEqual(overrides.length - both);
      }),
      { numRuns: 200, seed: 20270125 },
    );
  });
});
