/**
 * The published schedule as instants. A shift begins at the handoff time on its start date, in
 * the rotation's timezone (wall clock), and ends where the next shift begins; the last one ends
 * `length_days` later at the handoff time.
 */
import type { DateTime } from 'luxon';
import type { RotationFile, ScheduleFile } from '../model/schemas.js';
import { addDays, isValidZone, wallClock } from '../time/wall-clock.js';

export interface Assignment {
  slot: string;
  github: string;
}

export interface TimedShift {
  /** Position in schedule.yaml `shifts`, for messages that point at the line. */
  index: number;
  start: string;
  startsAt: DateTime;
  endsAt: DateTime;
  assignments: Assignment[];
}

export function handoffAt(rotation: RotationFile, date: string): DateTime {
  return wallClock(date, rotation.shift.handoff.time, rotation.timezone);
}

/** Shifts in file order with their instants; assignments in the rotation's slot order. */
export function timeline(rotation: RotationFile, schedule: ScheduleFile): TimedShift[] {
  if (!isValidZone(rotation.timezone)) return [];
  const starts = schedule.shifts.map((shift) => handoffAt(rotation, shift.start));
  return schedule.shifts.map((shift, index) => {
    const startsAt = starts[index] as DateTime;
    const next = starts[index + 1];
    const endsAt =
      next && next > startsAt ? next : handoffAt(rotation, addDays(shift.start, rotation.shift.length_days));
    const assignments = rotation.slots.flatMap((slot) => {
      const github = (shift as Record<string, string | undefined>)[slot];
      return github === undefined ? [] : [{ slot, github }];
    });
    return { index, start: shift.start, startsAt, endsAt, assignments };
  });
}

/** The shift holding `at`, by binary search over ordered shifts; undefined outside the schedule. */
export function shiftAt(shifts: readonly TimedShift[], at: DateTime): TimedShift | undefined {
  let low = 0;
  let high = shifts.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const shift = shifts[middle] as TimedShift;
    if (at < shift.startsAt) high = middle - 1;
    else if (at >= shift.endsAt) low = middle + 1;
    else return shift;
  }
  return undefined;
}
