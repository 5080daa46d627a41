/**
 * `schedule extend`: appends shifts after the published ones until the horizon (publish_weeks_ahead
 * weeks after now) or until the last added shift ends at the handoff on or after `until`.
 * Existing shifts are only read. See planner.ts for how each shift's people are chosen.
 */
import type { DateTime } from 'luxon';
import { type Assignment, handoffAt, type TimedShift } from '../schedule/timeline.js';
import { addDays } from '../time/wall-clock.js';
import { type Exclusion, type PlannerInput, type Relaxation, ShiftPlanner } from './planner.js';

export type { Exclusion, OtherRotation, Relaxation } from './planner.js';

export interface ExtendInput extends PlannerInput {
  /** This rotation's published shifts, history included, in order. */
  shifts: readonly TimedShift[];
  now: DateTime;
  until?: string;
}

export interface PlannedShift {
  start: string;
  assignments: Assignment[];
}

export type ExtendResult =
  | { ok: true; added: PlannedShift[]; relaxed: Relaxation[] }
  | { ok: false; start: string; excluded: Exclusion[]; message: string };

export function extendSchedule(input: ExtendInput): ExtendResult {
  const { rotation } = input;
  const length = rotation.shift.length_days;
  const planner = new ShiftPlanner(input);
  for (const [position, shift] of input.shifts.entries()) planner.recordShift(position, shift);

  const added: PlannedShift[] = [];
  const relaxed: Relaxation[] = [];
  const last = input.shifts[input.shifts.length - 1];
  let start = last ? addDays(last.start, length) : rotation.start;
  const horizon = input.now.plus({ weeks: rotation.publish_weeks_ahead }).toMillis();
  // The next shift starts where the last one ends: stop once that reaches the goal.
  const done = (nextStart: string) =>
    input.until !== undefined
      ? nextStart >= input.until
      : handoffAt(rotation, nextStart).toMillis() >= horizon;

  let position = input.shifts.length;
  // An empty schedule gets at least its first shift.
  while ((!last && added.length === 0) || !done(start)) {
    const from = handoffAt(rotation, start).toMillis();
    const to = handoffAt(rotation, addDays(start, length)).toMillis();
    const choice = planner.choose({ position, start, from, to, fixed: [], open: rotation.slots.length });
    if (!choice.ok) {
      return {
        ok: false,
        start,
        excluded: choice.excluded,
        message: `nobody can be found for the shift starting ${start}: ${choice.message}`,
      };
    }
    relaxed.push(...choice.relaxed);
    const assignments = rotation.slots.map((slot, index) => ({
      slot,
      github: choice.people[index] as string,
    }));
    added.push({ start, assignments });
    planner.record(position, start, from, to, choice.people);
    start = addDays(start, length);
    position += 1;
  }
  return { ok: true, added, relaxed };
}
