/**
 * When a person cannot be on call: before `joined`, after `left`, and while away. Dates are whole
 * days in the person's own timezone, inclusive.
 */
import type { DateTime } from 'luxon';
import { addDays, isValidZone, startOfDay } from '../time/wall-clock.js';
import type { Person } from './schemas.js';

export type UnavailableReason = 'away' | 'before-joined' | 'after-left';

export interface Unavailable {
  reason: UnavailableReason;
  from?: DateTime;
  to?: DateTime;
  /** The dates as written, for messages. */
  label: string;
  /** Index in `away`, for pointing at the entry. */
  awayIndex?: number;
}

export function unavailability(person: Person): Unavailable[] {
  if (!isValidZone(person.timezone)) return [];
  const zone = person.timezone;
  const periods: Unavailable[] = [];
  if (person.joined) {
    periods.push({
      reason: 'before-joined',
      to: startOfDay(person.joined, zone),
      label: `joins ${person.joined}`,
    });
  }
  if (person.left) {
    periods.push({
      reason: 'after-left',
      from: startOfDay(addDays(person.left, 1), zone),
      label: `left ${person.left}`,
    });
  }
  (person.away ?? []).forEach((away, awayIndex) => {
    periods.push({
      reason: 'away',
      from: startOfDay(away.from, zone),
      to: startOfDay(addDays(away.to, 1), zone),
      label: `away ${away.from} to ${away.to}${away.reason ? ` (${away.reason})` : ''}`,
      awayIndex,
    });
  });
  return periods;
}

/** The first period that overlaps [from, to), if any. */
export function conflictWith(
  periods: readonly Unavailable[],
  from: DateTime,
  to: DateTime,
): Unavailable | undefined {
  return periods.find((period) => (!period.from || period.from < to) && (!period.to || from < period.to));
}
