/**
 * Properties of the published schedule as instants, over random rotations in zones with unusual
 * daylight-saving rules (half-hour and 45-minute offsets, half-hour shifts, changes at midnight),
 * handoffs that land in spring-forward gaps and fall-back overlaps, and random valid overrides.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildRoster } from '../../../src/core/model/roster.js';
import { type RotationFile, type ScheduleFile, weekdays } from '../../../src/core/model/schemas.js';
import { checkOverrides } from '../../../src/core/rules/integrity/overrides.js';
import { rotationContext } from '../../../src/core/rules/validate-repository.js';
import { type TimedOverride, timedOverrides } from '../../../src/core/schedule/overrides.js';
import { type TimedShift, timeline } from '../../../src/core/schedule/timeline.js';
import { whoIsOnCall } from '../../../src/core/schedule/who.js';
import { addDays, isoWeekday, parseLocalDateTime } from '../../../src/core/time/wall-clock.js';

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe', // +10:30 / +11, a 30-minute change at 02:00
  'Asia/Kolkata', // +05:30, no daylight saving
  'America/Los_Angeles',
  'Pacific/Chatham', // +12:45 / +13:45, changes at 02:45 / 03:45
  'America/Santiago', // changes at midnight
  'America/Havana', // changes at midnight / 01:00
] as const;

/** Handoff times chosen to fall in gaps and overlaps somewhere in ZONES, plus ordinary ones. */
const TRICKY_TIMES = [
  '00:00',
  '00:30',
  '01:00',
  '01:30',
  '01:45',
  '02:00',
  '02:15',
  '02:30',
  '02:45',
  '03:00',
  '03:30',
  '03:45',
  '11:00',
  '23:30',
  '23:59',
];

const SLOT_NAMES = ['primary', 'secondary', 'tertiary', 'shadow'];
const PEOPLE = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * A daylight-saving change: the day it happens and the wall-clock minutes it skips (spring
 * forward) or repeats (fall back), as the range [from, to] of local date-times around it.
 */
interface Change {
  day: string;
  from: DateTime;
  to: DateTime;
}

/**
 * The changes in `zone` from 2026-06 to 2028-12, found from the offset at noon on consecutive
 * days and bisected to the minute. The fixture checks itself below: every zone but Kolkata has some.
 */
function changesIn(zone: string): Change[] {
  const changes: Change[] = [];
  for (let day = '2026-06-01'; day < '2029-01-01'; day = addDays(day, 1)) {
    let low = DateTime.fromISO(`${day}T12:00`, { zone }).toMillis();
    let high = DateTime.fromISO(`${addDays(day, 1)}T12:00`, { zone }).toMillis();
    const offsetAt = (millis: number) => DateTime.fromMillis(millis, { zone }).offset;
    if (offsetAt(low) === offsetAt(high)) continue;
    while (high - low > MINUTE) {
      const middle = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
      if (offsetAt(middle) === offsetAt(low)) low = middle;
      else high = middle;
    }
    // Wall clocks as plain (UTC-zoned) date-times: the last minute before the change ends at
    // `before`; the clock then reads `after`.
    const wall = (millis: number) =>
      DateTime.fromMillis(millis, { zone }).setZone('utc', { keepLocalTime: true });
    const before = wall(high - MINUTE).plus({ minutes: 1 });
    const after = wall(high);
    const [from, to] = before < after ? [before, after] : [after, before];
    changes.push({ day: from.toISODate() as string, from, to });
  }
  return changes;
}
const CHANGES = new Map<string, Change[]>(ZONES.map((zone) => [zone, changesIn(zone)]));

interface Case {
  rotation: RotationFile;
  schedule: ScheduleFile;
}

const asTime = (hour: number, minute: number) =>
  `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;

const handoffTime = fc.oneof(
  fc.constantFrom(...TRICKY_TIMES),
  fc
    .record({ hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) })
    .map(({ hour, minute }) => asTime(hour, minute)),
);

/** A random rotation and a valid schedule for it: consecutive shifts, distinct people per shift. */
const rotationCase: fc.Arbitrary<Case> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    slotCount: fc.integer({ min: 1, max: 4 }),
    lengthDays: fc.integer({ min: 1, max: 14 }),
    shiftCount: fc.integer({ min: 1, max: 10 }),
  })
  .chain((base) => {
    const changes = CHANGES.get(base.zone) ?? [];
    // Any date in 2026-2028 moved to a random handoff weekday, at any handoff time.
    const anyDay = fc.record({
      start: fc
        .record({ offset: fc.integer({ min: 0, max: 3 * 365 - 7 }), weekday: fc.integer({ min: 1, max: 7 }) })
        .map(({ offset, weekday }) => {
          const day = addDays('2026-01-01', offset);
          return addDays(day, (weekday - isoWeekday(day) + 7) % 7);
        }),
      time: handoffTime,
    });
    // A start chosen so that one of the shifts begins on a change day (the handoff weekday
    // follows from it), at any time or at a wall time the change skips or repeats.
    const onChange = (changes: Change[]) =>
      fc
        .record({
          change: fc.constantFrom(...changes),
          position: fc.integer({ min: 0, max: base.shiftCount - 1 }),
          time: fc.oneof(handoffTime, fc.double({ min: 0, max: 1, noNaN: true })),
        })
        .map(({ change, position, time }) => {
          const minutes =
            typeof time === 'number' ? time * change.to.diff(change.from, 'minutes').minutes : 0;
          const wall = change.from.plus({ minutes: Math.floor(minutes) });
          const day = typeof time === 'number' ? (wall.toISODate() as string) : change.day;
          return {
            start: addDays(day, -position * base.lengthDays),
            time: typeof time === 'number' ? asTime(wall.hour, wall.minute) : time,
          };
        });
    return fc.record({
      base: fc.constant(base),
      placement: changes.length === 0 ? anyDay : fc.oneof(anyDay, onChange(changes)),
      crews: fc.array(fc.shuffledSubarray(PEOPLE, { minLength: base.slotCount, maxLength: base.slotCount }), {
        minLength: base.shiftCount,
        maxLength: base.shiftCount,
      }),
    });
  })
  .map(({ base, placement: { start, time }, crews }) => {
    const slots = SLOT_NAMES.slice(0, base.slotCount);
    const rotation: RotationFile = {
      name: 'prop',
      members: { teams: ['team'] },
      slots,
      timezone: base.zone,
      shift: {
        length_days: base.lengthDays,
        handoff: { weekday: weekdays[isoWeekday(start) - 1] ?? 'monday', time },
      },
      start,
      publish_weeks_ahead: 4,
    };
    const shifts = crews.map((crew, index) => {
      const entry: Record<string, string> = { start: addDays(start, index * base.lengthDays) };
      slots.forEach((slot, position) => {
        entry[slot] = crew[position] as string;
      });
      return entry as ScheduleFile['shifts'][number];
    });
    return { rotation, schedule: { rotation: 'prop', shifts } };
  });

/** An instant to probe: anywhere in the schedule, or right at / next to a handoff. */
const probe = fc.oneof(
  fc.record({ kind: fc.constant('anywhere' as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('handoff' as const),
    shift: fc.nat(),
    delta: fc.constantFrom(-MINUTE, -1, 0, 1, MINUTE),
  }),
);

type ProbePoint = { kind: 'anywhere'; fraction: number } | { kind: 'handoff'; shift: number; delta: number };

const localWall = (instant: DateTime, zone: string) => instant.setZone(zone).toFormat('yyyy-MM-dd HH:mm');

/** The shift holding `at`, by a linear scan that does not share code with shiftAt. */
function holder(shifts: readonly TimedShift[], at: number): TimedShift | undefined {
  return shifts.find((shift) => shift.startsAt.toMillis() <= at && at < shift.endsAt.toMillis());
}

function probeInstant(shifts: readonly TimedShift[], point: ProbePoint): number {
  const first = shifts[0] as TimedShift;
  const last = shifts[shifts.length - 1] as TimedShift;
  if (point.kind === 'anywhere') {
    const span = last.endsAt.toMillis() - first.startsAt.toMillis();
    return first.startsAt.toMillis() + Math.floor(point.fraction * span);
  }
  const shift = shifts[point.shift % shifts.length] as TimedShift;
  return shift.startsAt.toMillis() + point.delta;
}

/** Asserts the whoIsOnCall answer at `at` against the schedule and overrides, from first principles. */
function expectAnswer(
  rotation: RotationFile,
  shifts: readonly TimedShift[],
  overrides: readonly TimedOverride[],
  at: number,
) {
  const answer = whoIsOnCall(shifts, overrides, DateTime.fromMillis(at, { zone: rotation.timezone }));
  const expected = holder(shifts, at);
  if (!expected) {
    expect(answer).toBeUndefined();
    return;
  }
  expect(answer?.shift).toBe(expected);
  const oncall = answer?.oncall ?? [];
  expect(oncall.map((entry) => entry.slot)).toEqual(rotation.slots);
  expect(new Set(oncall.map((entry) => entry.github.toLowerCase())).size).toBe(rotation.slots.length);
  oncall.forEach((entry, position) => {
    const scheduled = expected.assignments[position]?.github;
    const cover = overrides.find(
      (override) =>
        override.replace === scheduled && override.from.toMillis() <= at && at < override.to.toMillis(),
    );
    if (cover) {
      expect(entry.github).toBe(cover.with);
      expect(entry.override?.replaces).toBe(scheduled);
    } else {
      expect(entry).toEqual({ slot: rotation.slots[position], github: scheduled });
    }
  });
}

describe('timeline (property)', () => {
  it('checks the fixture itself: the changes, and that the generator lands handoffs in them', () => {
    const text = (change: Change | undefined) =>
      change && `${change.from.toFormat('yyyy-MM-dd HH:mm')} to ${change.to.toFormat('yyyy-MM-dd HH:mm')}`;
    const find = (zone: string, day: string) => text(CHANGES.get(zone)?.find((change) => change.day === day));
    for (const zone of ZONES) expect(CHANGES.get(zone)?.length).toBe(zone === 'Asia/Kolkata' ? 0 : 5);
    expect(find('America/New_York', '2027-03-14')).toBe('2027-03-14 02:00 to 2027-03-14 03:00');
    expect(find('America/New_York', '2027-11-07')).toBe('2027-11-07 01:00 to 2027-11-07 02:00');
    expect(find('Australia/Lord_Howe', '2027-10-03')).toBe('2027-10-03 02:00 to 2027-10-03 02:30');
    expect(find('Pacific/Chatham', '2027-09-26')).toBe('2027-09-26 02:45 to 2027-09-26 03:45');
    expect(find('America/Santiago', '2027-09-05')).toBe('2027-09-05 00:00 to 2027-09-05 01:00');
    // Over the cases the properties run, handoffs land in gaps and in overlaps, not only near them.
    let inGap = 0;
    let inOverlap = 0;
    for (const { rotation, schedule } of fc.sample(rotationCase, { numRuns: 300, seed: 20270314 })) {
      const zone = rotation.timezone;
      for (const shift of timeline(rotation, schedule)) {
        const wanted = `${shift.start} ${rotation.shift.handoff.time}`;
        if (localWall(shift.startsAt, zone) !== wanted) inGap += 1;
        else if (localWall(shift.startsAt.plus({ hours: 1 }), zone) === wanted) inOverlap += 1;
        else if (localWall(shift.startsAt.plus({ minutes: 30 }), zone) === wanted) inOverlap += 1;
      }
    }
    expect(inGap).toBeGreaterThanOrEqual(20);
    expect(inOverlap).toBeGreaterThanOrEqual(20);
  });

  it('shifts tile time: each ends where the next begins, at the handoff wall clock', () => {
    fc.assert(
      fc.property(rotationCase, ({ rotation, schedule }) => {
        const shifts = timeline(rotation, schedule);
        const zone = rotation.timezone;
        const { length_days: length, handoff } = rotation.shift;
        expect(shifts).toHaveLength(schedule.shifts.length);
        shifts.forEach((shift, index) => {
          expect(shift.index).toBe(index);
          expect(shift.start).toBe(schedule.shifts[index]?.start);
          expect(shift.startsAt.toMillis()).toBeLessThan(shift.endsAt.toMillis());
          const next = shifts[index + 1];
          if (next) expect(shift.endsAt.toMillis()).toBe(next.startsAt.toMillis());
          // One change at most within 14 days, and none moves a clock by more than an hour here.
          const hours = (shift.endsAt.toMillis() - shift.startsAt.toMillis()) / HOUR;
          expect(Math.abs(hours - length * 24)).toBeLessThanOrEqual(1);
          // The handoff is the first instant whose wall clock reaches the handoff time that day:
          // 11:00 stays 11:00, a time in a gap happens when the clock jumps past it, a time that
          // happens twice happens at its first occurrence.
          const wanted = `${shift.start} ${handoff.time}`;
          expect(localWall(shift.startsAt, zone) >= wanted).toBe(true);
          for (const minutes of [1, 30, 60, 120]) {
            expect(localWall(shift.startsAt.minus({ minutes }), zone) < wanted).toBe(true);
          }
          expect(shift.startsAt.second).toBe(0);
          expect(shift.startsAt.millisecond).toBe(0);
        });
        const last = shifts[shifts.length - 1] as TimedShift;
        const after = timeline(rotation, {
          ...schedule,
          shifts: [...schedule.shifts, { ...schedule.shifts[0], start: addDays(last.start, length) }],
        });
        expect(last.endsAt.toMillis()).toBe(after[after.length - 1]?.startsAt.toMillis());
      }),
      { numRuns: 300, seed: 20270314 },
    );
  });

  it('at any instant inside the schedule, exactly one person per slot, from the shift holding it', () => {
    fc.assert(
      fc.property(rotationCase, fc.array(probe, { minLength: 1, maxLength: 12 }), (generated, points) => {
        const { rotation, schedule } = generated;
        const shifts = timeline(rotation, schedule);
        for (const point of points) expectAnswer(rotation, shifts, [], probeInstant(shifts, point));
      }),
      { numRuns: 300, seed: 20271107 },
    );
  });

  it('outside the published schedule, nobody is on call', () => {
    fc.assert(
      fc.property(
        rotationCase,
        fc.integer({ min: 1, max: 400 * 24 * 60 }),
        ({ rotation, schedule }, minutes) => {
          const shifts = timeline(rotation, schedule);
          const first = shifts[0] as TimedShift;
          const last = shifts[shifts.length - 1] as TimedShift;
          const none = (at: DateTime) => expect(whoIsOnCall(shifts, [], at)).toBeUndefined();
          none(first.startsAt.minus(1));
          none(first.startsAt.minus({ minutes }));
          none(last.endsAt);
          none(last.endsAt.plus({ minutes }));
          expect(whoIsOnCall(shifts, [], first.startsAt)?.shift).toBe(first);
          expect(whoIsOnCall(shifts, [], last.endsAt.minus(1))?.shift).toBe(last);
        },
      ),
      { numRuns: 200, seed: 20270328 },
    );
  });

  it('valid overrides keep one distinct person per slot, and apply exactly on [from, to)', () => {
    const overrideSeed = fc.record({
      shift: fc.nat(),
      slot: fc.nat(),
      cover: fc.nat(),
      from: fc.double({ min: 0, max: 1, noNaN: true }),
      to: fc.double({ min: 0, max: 1, noNaN: true }),
      wallClock: fc.boolean(),
    });
    fc.assert(
      fc.property(
        rotationCase,
        fc.array(overrideSeed, { minLength: 1, maxLength: 6 }),
        fc.array(probe, { maxLength: 8 }),
        ({ rotation, schedule }, seeds, points) => {
          const zone = rotation.timezone;
          const shifts = timeline(rotation, schedule);
          const written: NonNullable<ScheduleFile['overrides']> = [];
          const kept: { from: number; to: number; replace: string; with: string }[] = [];
          for (const seed of seeds) {
            const shift = shifts[seed.shift % shifts.length] as TimedShift;
            const replace = shift.assignments[seed.slot % shift.assignments.length]?.github as string;
            const free = PEOPLE.filter((person) => !shift.assignments.some((slot) => slot.github === person));
            const cover = free[seed.cover % free.length] as string;
            // Whole minutes inside the shift, from < to.
            const minutes = Math.floor((shift.endsAt.toMillis() - shift.startsAt.toMillis()) / MINUTE);
            const a = Math.floor(seed.from * minutes);
            const b = Math.floor(seed.to * minutes);
            const from = shift.startsAt.toMillis() + Math.min(a, b) * MINUTE;
            const to = shift.startsAt.toMillis() + Math.max(Math.max(a, b), Math.min(a, b) + 1) * MINUTE;
            // Valid means no two covers of the same person, or by the same person, at once.
            const clash = kept.some(
              (other) =>
                other.from < to && from < other.to && (other.replace === replace || other.with === cover),
            );
            if (clash) continue;
            kept.push({ from, to, replace, with: cover });
            written.push({
              from: boundText(from, zone, seed.wallClock),
              to: boundText(to, zone, seed.wallClock),
              replace,
              with: cover,
            });
          }
          const withOverrides = { ...schedule, overrides: written };
          const overrides = timedOverrides(rotation, withOverrides);
          expect(overrides.map((o) => [o.from.toMillis(), o.to.toMillis()])).toEqual(
            kept.map((o) => [o.from, o.to]),
          );
          // The generator's notion of valid is the integrity rules' notion.
          const roster = buildRoster(
            PEOPLE.map((github) => ({ github, name: github, team: 'team', timezone: zone })),
          );
          const source = {
            dir: 'prop',
            rotationFile: 'rotations/prop/rotation.yaml',
            scheduleFile: 'rotations/prop/schedule.yaml',
            rotation,
            schedule: withOverrides,
          };
          const now = DateTime.fromISO('2026-01-01T00:00Z');
          expect(checkOverrides(rotationContext(source, roster, now))).toEqual([]);

          const instants = points.map((point) => probeInstant(shifts, point));
          for (const override of kept) {
            instants.push(override.from - 1, override.from, override.to - 1, override.to);
          }
          for (const at of instants) expectAnswer(rotation, shifts, overrides, at);
          for (const override of kept) {
            const atFrom = whoIsOnCall(shifts, overrides, DateTime.fromMillis(override.from));
            expect(atFrom?.oncall.some((entry) => entry.github === override.with)).toBe(true);
            const atTo = whoIsOnCall(shifts, overrides, DateTime.fromMillis(override.to));
            const back = atTo?.oncall.find((entry) => entry.override?.replaces === override.replace);
            const sameCoverLater = kept.some(
              (other) =>
                other.replace === override.replace && other.from <= override.to && override.to < other.to,
            );
            if (!sameCoverLater) expect(back).toBeUndefined();
          }
        },
      ),
      { numRuns: 200, seed: 20261130 },
    );
  });
});

/**
 * An override bound as a user would write it: wall clock in the rotation zone when that names the
 * instant unambiguously, else (or when asked) the instant with its offset.
 */
function boundText(millis: number, zone: string, preferWallClock: boolean): string {
  const instant = DateTime.fromMillis(millis, { zone });
  const wall = instant.toFormat("yyyy-MM-dd'T'HH:mm");
  if (preferWallClock && parseLocalDateTime(wall, zone)?.toMillis() === millis) return wall;
  return instant.toISO({ suppressMilliseconds: true }) as string;
}
