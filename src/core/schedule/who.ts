/**
 * Who is on call at an instant: the shift holding it, each slot's person, and an override that
 * replaces that person at that instant. Pure: the schedule and the instant come in as data.
 */
import type { DateTime } from 'luxon';
import { loginKey } from '../model/roster.js';
import type { TimedOverride } from './overrides.js';
import { shiftAt, type TimedShift } from './timeline.js';

export interface OnCall {
  slot: string;
  github: string;
  /** Present when an override put this person here instead of the scheduled one. */
  override?: { replaces: string; from: string; to: string; reason?: string };
}

export interface OnCallNow {
  shift: TimedShift;
  oncall: OnCall[];
}

export function whoIsOnCall(
  shifts: readonly TimedShift[],
  overrides: readonly TimedOverride[],
  at: DateTime,
): OnCallNow | undefined {
  const shift = shiftAt(shifts, at);
  if (!shift) return undefined;
  const oncall = shift.assignments.map(({ slot, github }): OnCall => {
    const cover = overrides.find(
      (override) =>
        loginKey(override.replace) === loginKey(github) && override.from <= at && at < override.to,
    );
    if (!cover) return { slot, github };
    return {
      slot,
      github: cover.with,
      override: {
        replaces: github,
        from: cover.from.toISO({ suppressMilliseconds: true }) as string,
        to: cover.to.toISO({ suppressMilliseconds: true }) as string,
        ...(cover.reason === undefined ? {} : { reason: cover.reason }),
      },
    };
  });
  return { shift, oncall };
}
