/**
 * The period of the status page's fairness table: the shifts starting in the twelve months before
 * the build, through the last published one. A year answers "who has carried how much lately"
 * without growing with the rotation's age; the prorated load column still counts from the start.
 */
import type { DateTime } from 'luxon';
import type { TimedShift } from '../schedule/timeline.js';

export interface FairnessWindow {
  /** Start dates (YYYY-MM-DD) of the first and last shift counted, inclusive. */
  from: string;
  to: string;
}

export function fairnessWindow(
  shifts: readonly TimedShift[],
  at: DateTime,
  zone: string,
): FairnessWindow | undefined {
  const last = shifts[shifts.length - 1];
  if (!last) return undefined;
  const yearAgo = at.setZone(zone).minus({ years: 1 }).toISODate() as string;
  const first = shifts.find((shift) => shift.start >= yearAgo) ?? last;
  return { from: first.start, to: last.start };
}
