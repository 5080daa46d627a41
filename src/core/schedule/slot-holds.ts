/**
 * Who holds one slot over time: from an instant on, the runs of time in which the same person holds
 * it, overrides applied. A handoff or an override's start or end may change the holder; runs of the
 * same person on both sides of a boundary are joined. Pure: the schedule comes in as instants.
 */
import type { DateTime } from 'luxon';
import { loginKey } from '../model/roster.js';
import type { TimedOverride } from './overrides.js';
import type { TimedShift } from './timeline.js';
import { whoIsOnCall } from './who.js';

export interface SlotHold {
  github: string;
  /** From this instant (inclusive) to `to` (exclusive). */
  from: DateTime;
  to: DateTime;
}

/** The holds of `slot` from `from` to the end of the published schedule, in order. */
export function slotHolds(
  shifts: readonly TimedShift[],
  overrides: readonly TimedOverride[],
  slot: string,
  from: DateTime,
): SlotHold[] {
  const holds: SlotHold[] = [];
  for (const shift of shifts) {
    if (shift.endsAt <= from) continue;
    const start = shift.startsAt > from ? shift.startsAt : from;
    // Every instant the holder may change at inside the shift: its start, its end, and overrides' bounds.
    const bounds = [start, shift.endsAt];
    for (const override of overrides) {
      for (const edge of [override.from, override.to])
        if (edge > start && edge < shift.endsAt) bounds.push(edge);
    }
    bounds.sort((a, b) => a.toMillis() - b.toMillis());
    for (let index = 0; index + 1 < bounds.length; index += 1) {
      const begin = bounds[index] as DateTime;
      const end = bounds[index + 1] as DateTime;
      if (end <= begin) continue;
      const now = whoIsOnCall(shifts, overrides, begin);
      // A shift another one overlaps (an integrity error) answers as whoIsOnCall does.
      if (now?.shift !== shift) continue;
      const holder = now.oncall.find((entry) => entry.slot === slot);
      if (!holder) continue;
      const last = holds[holds.length - 1];
      if (last && loginKey(last.github) === loginKey(holder.github) && +last.to === +begin) last.to = end;
      else holds.push({ github: holder.github, from: begin, to: end });
    }
  }
  return holds;
}
