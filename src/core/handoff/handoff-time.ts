/**
 * Which handoff a run is about: the latest shift start at or before now. The shift that starts
 * there is the incoming one; the shift that ends there is the outgoing one. Pure: the timeline
 * and the instant come in as data.
 */
import type { DateTime } from 'luxon';
import type { TimedShift } from '../schedule/timeline.js';

export interface Handoff {
  /** The incoming shift's start date (YYYY-MM-DD): the handoff issue's title and marker. */
  date: string;
  /** The handoff instant: the incoming shift's start. */
  at: DateTime;
  incoming: TimedShift;
  /** The shift that ended at this handoff; absent at the rotation's first handoff. */
  outgoing?: TimedShift;
}

export type HandoffLookup =
  | { found: true; handoff: Handoff }
  /** No shift starts at or before now, or the published schedule ended before now. */
  | { found: false; reason: string; at?: DateTime };

/** A scheduled run acts only on a handoff this recent (the workflow runs twice in the hour after it). */
export const DEFAULT_HANDOFF_WINDOW_MINUTES = 60;

export function findHandoff(shifts: readonly TimedShift[], now: DateTime): HandoffLookup {
  let position = -1;
  for (let index = 0; index < shifts.length; index += 1) {
    if ((shifts[index] as TimedShift).startsAt <= now) position = index;
    else break;
  }
  const first = shifts[0];
  if (position < 0 || !first) {
    return {
      found: false,
      reason: first
        ? `no handoff yet: the first shift starts ${first.start}`
        : 'the published schedule has no shifts',
      ...(first ? { at: first.startsAt } : {}),
    };
  }
  const incoming = shifts[position] as TimedShift;
  if (now >= incoming.endsAt) {
    return {
      found: false,
      reason: `no shift is published from the handoff at the end of the ${incoming.start} shift: publish more weeks (oncall schedule extend)`,
      at: incoming.endsAt,
    };
  }
  const outgoing = position > 0 ? shifts[position - 1] : undefined;
  return {
    found: true,
    handoff: { date: incoming.start, at: incoming.startsAt, incoming, ...(outgoing ? { outgoing } : {}) },
  };
}

/** True when `at` lies in the `windowMinutes` up to now: a scheduled run then has a handoff to do. */
export function handoffIsRecent(at: DateTime, now: DateTime, windowMinutes: number): boolean {
  const minutes = now.diff(at, 'minutes').minutes;
  return minutes >= 0 && minutes < windowMinutes;
}
