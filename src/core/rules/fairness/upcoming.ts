/** Fairness is judged on shifts that have not ended: history is a record, not something to fix. */
import type { TimedShift } from '../../schedule/timeline.js';
import type { RotationContext } from '../context.js';

export function upcomingShifts({ shifts, now }: RotationContext): TimedShift[] {
  return shifts.filter((shift) => shift.endsAt > now);
}
