/**
 * `schedule repair`: after a merged change made future shifts invalid (someone left, booked
 * leave, was removed from the rotation, or is now on call elsewhere then), reassign only those
 * slots, fairly, keeping every other slot and every shift that has started.
 */
import type { DateTime } from 'luxon';
import { loginKey } from '../model/roster.js';
import type { TimedShift } from '../schedule/timeline.js';
import { type Exclusion, type PlannerInput, type Relaxation, ShiftPlanner } from './planner.js';

export interface RepairInput extends PlannerInput {
  shifts: readonly TimedShift[];
  now: DateTime;
}

export interface Move {
  /** Index of the shift in schedule.yaml. */
  index: number;
  start: string;
  slot: string;
  from: string;
  to: string;
  why: string;
}

export type RepairResult =
  | { ok: true; moved: Move[]; relaxed: Relaxation[] }
  | { ok: false; start: string; excluded: Exclusion[]; message: string };

export function repairSchedule(input: RepairInput): RepairResult {
  const planner = new ShiftPlanner(input);
  const assignments = input.shifts.map((shift) => shift.assignments.map((slot) => ({ ...slot })));
  const moved: Move[] = [];
  const relaxed: Relaxation[] = [];
  const now = input.now.toMillis();

  for (const [position, shift] of input.shifts.entries()) {
    const from = shift.startsAt.toMillis();
    const to = shift.endsAt.toMillis();
    const current = assignments[position] ?? [];
    // A shift that has started is history in the making: it changes by an override, not here.
    const invalid =
      from > now
        ? current.flatMap((slot) => {
            const why = planner.conflict(slot.github, from, to);
            return why ? [{ slot, why }] : [];
          })
        : [];
    if (invalid.length > 0) {
      const fixed = current
        .filter((slot) => !invalid.some((entry) => entry.slot === slot))
        .map((slot) => slot.github);
      const choice = planner.choose({
        position,
        start: shift.start,
        from,
        to,
        fixed,
        open: invalid.length,
        nextPosition: nextPositions(assignments, position),
        laterLoad: laterShifts(assignments, position),
      });
      if (!choice.ok) {
        return {
          ok: false,
          start: shift.start,
          excluded: choice.excluded,
          message: `nobody can replace ${invalid.map((entry) => entry.slot.github).join(', ')} in the shift starting ${shift.start}: ${choice.message}`,
        };
      }
      relaxed.push(...choice.relaxed);
      const fixedKeys = new Set(fixed.map(loginKey));
      const incoming = choice.people.filter((login) => !fixedKeys.has(loginKey(login)));
      invalid.forEach(({ slot, why }, index) => {
        const replacement = incoming[index] as string;
        moved.push({
          index: shift.index,
          start: shift.start,
          slot: slot.slot,
          from: slot.github,
          to: replacement,
          why,
        });
        slot.github = replacement;
      });
    }
    planner.record(
      position,
      shift.start,
      from,
      to,
      current.map((slot) => slot.github),
    );
  }
  return { ok: true, moved, relaxed };
}

/** For each member, how many shifts they hold after `position`. */
function laterShifts(assignments: readonly { github: string }[][], position: number): Map<string, number> {
  const count = new Map<string, number>();
  for (const shift of assignments.slice(position + 1)) {
    for (const { github } of shift) count.set(loginKey(github), (count.get(loginKey(github)) ?? 0) + 1);
  }
  return count;
}

/** For each member, the next position after `position` where they are on call. */
function nextPositions(assignments: readonly { github: string }[][], position: number): Map<string, number> {
  const next = new Map<string, number>();
  for (let later = assignments.length - 1; later > position; later -= 1) {
    for (const { github } of assignments[later] ?? []) next.set(loginKey(github), later);
  }
  return next;
}
