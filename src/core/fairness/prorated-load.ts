/**
 * Prorated load: each member's load since the rotation started, where time they could not serve
 * (before joining or tenure, after leaving, away) counts as if they had carried the group's rate.
 * So a new hire or someone back from leave is level with the group instead of owing a catch-up
 * streak. A week on call weighs 1 (the base weight; holidays are counted apart).
 */
import { AvailabilityIndex } from '../generate/availability-index.js';
import { type ShiftWeight, shiftWeight } from '../generate/shift-weight.js';
import { loginKey, type Roster, rotationMembers } from '../model/roster.js';
import { ruleSetting } from '../model/rule-settings.js';
import type { Person, RotationFile } from '../model/schemas.js';
import type { TimedShift } from '../schedule/timeline.js';
import { addDays } from '../time/wall-clock.js';

export interface ShiftVisit {
  position: number;
  shift: TimedShift;
  weight: ShiftWeight;
  /** Members who could serve this shift (available and past tenure). */
  eligible: ReadonlySet<string>;
  /** Prorated loads before this shift, by login key. */
  loads: ReadonlyMap<string, number>;
}

export function walkProratedLoads(
  rotation: RotationFile,
  roster: Roster,
  shifts: readonly TimedShift[],
  holidays: ReadonlySet<string>,
  visit: (step: ShiftVisit) => void,
): { members: Person[]; loads: Map<string, number> } {
  const members = rotationMembers(roster, rotation);
  const availability = new AvailabilityIndex(members, loginKey);
  const tenure = ruleSetting(rotation, 'min_tenure_days')?.value ?? 0;
  const loads = new Map(members.map((person) => [loginKey(person.github), 0]));
  // Each member's key and first date past tenure, computed once rather than once per shift.
  const eligibility = members.map((person) => ({
    key: loginKey(person.github),
    tenureFrom: tenure && person.joined ? addDays(person.joined, tenure) : undefined,
  }));
  shifts.forEach((shift, position) => {
    const weight = shiftWeight(shift.start, rotation.shift.length_days, holidays);
    const from = shift.startsAt.toMillis();
    const to = shift.endsAt.toMillis();
    const eligible = new Set<string>();
    for (const { key, tenureFrom } of eligibility) {
      if (availability.conflict(key, from, to)) continue;
      if (tenureFrom === undefined || shift.start >= tenureFrom) eligible.add(key);
    }
    visit({ position, shift, weight, eligible, loads });
    const rate = eligible.size > 0 ? (shift.assignments.length * weight.base) / eligible.size : 0;
    for (const [key, load] of loads) if (!eligible.has(key)) loads.set(key, load + rate);
    for (const { github } of shift.assignments) {
      const key = loginKey(github);
      const load = loads.get(key);
      if (load !== undefined) loads.set(key, load + weight.base);
    }
  });
  return { members, loads };
}
