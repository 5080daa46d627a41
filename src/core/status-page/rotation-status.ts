/**
 * A rotation as the status page shows it at the build's instant: who is on call now (covers
 * applied), the next shift, the published shifts from the current one on, and the covers not yet
 * over. Pure: the published schedule and the instant come in as data.
 */
import type { DateTime } from 'luxon';
import type { TimedOverride } from '../schedule/overrides.js';
import type { TimedShift } from '../schedule/timeline.js';
import { type OnCallNow, whoIsOnCall } from '../schedule/who.js';

export interface RotationStatus {
  /** The shift holding the instant and who is on call in it; absent in a gap or outside the schedule. */
  now?: OnCallNow;
  /** The shift after the current one, or the first one after the instant when nobody is on call. */
  next?: TimedShift;
  /** The current shift (if any) and every later published one, in order. */
  ahead: TimedShift[];
  /** Covers that end after the instant, in order of their start. */
  covers: TimedOverride[];
  /** The first published handoff and the end of the last published shift; absent when none is published. */
  published?: { from: DateTime; to: DateTime };
}

export function rotationStatus(
  shifts: readonly TimedShift[],
  overrides: readonly TimedOverride[],
  at: DateTime,
): RotationStatus {
  const now = whoIsOnCall(shifts, overrides, at);
  // A shift that ended before the instant is history: the page is about now and what is ahead.
  const ahead = shifts.filter((shift) => shift.endsAt > at);
  const next = ahead.find((shift) => shift.startsAt > at);
  const covers = overrides
    .filter((override) => override.to > at)
    .sort((a, b) => a.from.toMillis() - b.from.toMillis() || a.index - b.index);
  const first = shifts[0];
  const last = shifts[shifts.length - 1];
  return {
    ...(now ? { now } : {}),
    ...(next ? { next } : {}),
    ahead,
    covers,
    ...(first && last ? { published: { from: first.startsAt, to: last.endsAt } } : {}),
  };
}
