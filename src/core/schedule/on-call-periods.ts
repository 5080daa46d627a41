/**
 * When each person is actually on call: their shifts minus the parts an override hands to someone
 * else, plus the overrides they cover. Each period says where it is written, for messages.
 */
import type { DateTime } from 'luxon';
import { loginKey } from '../model/roster.js';
import type { TimedOverride } from './overrides.js';
import type { TimedShift } from './timeline.js';

export interface OnCallPeriod {
  github: string;
  from: DateTime;
  to: DateTime;
  /** The data path of the slot or override that puts them there. */
  path: (string | number)[];
  label: string;
}

/** The parts of [from, to) that no override of `login` covers. */
export function uncovered(
  from: DateTime,
  to: DateTime,
  login: string,
  overrides: readonly TimedOverride[],
): [DateTime, DateTime][] {
  const covers = overrides
    .filter(
      (override) =>
        loginKey(override.replace) === loginKey(login) && override.from < to && from < override.to,
    )
    .sort((a, b) => a.from.toMillis() - b.from.toMillis());
  const parts: [DateTime, DateTime][] = [];
  let cursor = from;
  for (const cover of covers) {
    if (cover.from > cursor) parts.push([cursor, cover.from]);
    if (cover.to > cursor) cursor = cover.to;
  }
  if (cursor < to) parts.push([cursor, to]);
  return parts;
}

/** Every on-call period that ends after `after`, overrides applied. */
export function onCallPeriods(
  shifts: readonly TimedShift[],
  overrides: readonly TimedOverride[],
  after: DateTime,
): OnCallPeriod[] {
  const periods: OnCallPeriod[] = [];
  for (const shift of shifts) {
    if (shift.endsAt <= after) continue;
    for (const { slot, github } of shift.assignments) {
      for (const [from, to] of uncovered(shift.startsAt, shift.endsAt, github, overrides)) {
        periods.push({
          github,
          from,
          to,
          path: ['shifts', shift.index, slot],
          label: `the shift of ${shift.start}`,
        });
      }
    }
  }
  for (const override of overrides) {
    if (override.to <= after) continue;
    periods.push({
      github: override.with,
      from: override.from,
      to: override.to,
      path: ['overrides', override.index, 'with'],
      label: `the override of ${override.replace}`,
    });
  }
  return periods;
}
