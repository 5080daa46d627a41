/**
 * The balance summary of a window of the schedule: per member the shifts, load and holiday shifts
 * inside the window, and the prorated load since the rotation started (see prorated-load.ts).
 * The spread is the largest difference between two members' prorated loads at the end.
 */
import { loginKey, type Roster } from '../model/roster.js';
import type { RotationFile } from '../model/schemas.js';
import type { TimedShift } from '../schedule/timeline.js';
import { walkProratedLoads } from './prorated-load.js';

export interface MemberBalance {
  github: string;
  /** Shifts held inside the window. */
  shifts: number;
  /** Weighted load inside the window (a week on call is 1). */
  load: number;
  /** Shifts inside the window that contain a public holiday. */
  holidayShifts: number;
  /** Load since the rotation started, prorated. */
  prorated: number;
  /** Prorated load minus the compared members' average. */
  deviation: number;
}

export interface BalanceSummary {
  from?: string;
  to?: string;
  spread: number;
  holidaySpread: number;
  people: MemberBalance[];
}

/** Members who cannot serve at all in the window (left, away throughout) are not compared. */
export function balanceOver(
  rotation: RotationFile,
  roster: Roster,
  shifts: readonly TimedShift[],
  windowStart: number,
  holidays: ReadonlySet<string> = new Set(),
): BalanceSummary {
  const window = new Map<string, { shifts: number; load: number; holidayShifts: number; serves: boolean }>();
  const row = (key: string) => {
    let found = window.get(key);
    if (!found) {
      found = { shifts: 0, load: 0, holidayShifts: 0, serves: false };
      window.set(key, found);
    }
    return found;
  };
  const { members, loads } = walkProratedLoads(rotation, roster, shifts, holidays, (step) => {
    if (step.position < windowStart) return;
    for (const key of step.eligible) row(key).serves = true;
    for (const { github } of step.shift.assignments) {
      const entry = row(loginKey(github));
      entry.shifts += 1;
      entry.load += step.weight.base;
      if (step.weight.holidays.length > 0) entry.holidayShifts += 1;
    }
  });
  const compared = members.filter((person) => window.get(loginKey(person.github))?.serves);
  const prorated = (login: string) => loads.get(loginKey(login)) ?? 0;
  const average =
    compared.reduce((sum, person) => sum + prorated(person.github), 0) / Math.max(1, compared.length);
  const people = compared
    .map((person) => {
      const entry = row(loginKey(person.github));
      return {
        github: person.github,
        shifts: entry.shifts,
        load: round(entry.load),
        holidayShifts: entry.holidayShifts,
        prorated: round(prorated(person.github)),
        deviation: round(prorated(person.github) - average),
      };
    })
    .sort((a, b) => b.deviation - a.deviation || a.github.localeCompare(b.github));
  const values = people.map((person) => person.prorated);
  const holidayCounts = people.map((person) => person.holidayShifts);
  return {
    from: shifts[windowStart]?.start,
    to: shifts[shifts.length - 1]?.endsAt.toISODate() ?? undefined,
    spread: people.length > 0 ? round(Math.max(...values) - Math.min(...values)) : 0,
    holidaySpread: people.length > 0 ? Math.max(...holidayCounts) - Math.min(...holidayCounts) : 0,
    people,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
