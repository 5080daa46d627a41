/**
 * Wall-clock times in IANA zones. A handoff at 11:00 stays at 11:00 across daylight-saving
 * changes; a wall time that does not exist (spring forward) happens at the first valid instant
 * after it; a wall time that happens twice (fall back) happens once, at its first occurrence.
 */
import { DateTime, IANAZone } from 'luxon';

const zoneCache = new Map<string, boolean>();

export function isValidZone(zone: string): boolean {
  let valid = zoneCache.get(zone);
  if (valid === undefined) {
    // Only IANA names: fixed offsets and "local" would silently drift from the team's clock.
    valid = zone.includes('/') || zone === 'UTC' ? IANAZone.isValidZone(zone) : false;
    zoneCache.set(zone, valid);
  }
  return valid;
}

/** `date` is YYYY-MM-DD, `time` is HH:MM (or HH:MM:SS); returns the instant, in `zone`. */
export function wallClock(date: string, time: string, zone: string): DateTime {
  const [hour = 0, minute = 0, second = 0] = time.split(':').map((part) => Number.parseInt(part, 10));
  const [year, month, day] = date.split('-').map((part) => Number.parseInt(part, 10));
  const wanted = { year, month, day, hour, minute, second };
  const instant = DateTime.fromObject(wanted, { zone });
  if (!instant.isValid) throw new RangeError(`not a valid date-time: ${date}T${time} in ${zone}`);
  if (instant.hour === hour && instant.minute === minute) return earliestOccurrence(instant);
  return endOfGap(wanted, zone);
}

/** On a fall-back day the same wall time occurs twice; the earlier one is the one we use. */
function earliestOccurrence(instant: DateTime): DateTime {
  const earlier = instant.minus({ hours: 1 });
  const sameWall = earlier.setZone(instant.zone).toFormat('yyyy-MM-dd HH:mm');
  if (sameWall === instant.toFormat('yyyy-MM-dd HH:mm') && earlier.offset !== instant.offset) return earlier;
  const earlierHalf = instant.minus({ minutes: 30 });
  if (earlierHalf.toFormat('yyyy-MM-dd HH:mm') === instant.toFormat('yyyy-MM-dd HH:mm')) return earlierHalf;
  return instant;
}

/**
 * The wanted wall time fell in a spring-forward gap. The clock jumps at one instant; that instant
 * is the first valid one after the wanted time. Find it between the wanted wall time read with the
 * offset after the jump (earliest candidate) and with the offset before it (latest), to the minute.
 */
function endOfGap(wanted: Record<string, number | undefined>, zone: string): DateTime {
  const utcWall = DateTime.fromObject(wanted, { zone: 'utc' });
  const probe = DateTime.fromObject(wanted, { zone });
  // Offsets on either side of the gap: sample a day before and a day after.
  const before = probe.minus({ days: 1 }).offset;
  const after = probe.plus({ days: 1 }).offset;
  let low = utcWall.minus({ minutes: Math.max(before, after) }).toMillis();
  let high = utcWall.minus({ minutes: Math.min(before, after) }).toMillis();
  const offsetAt = (millis: number) => DateTime.fromMillis(millis, { zone }).offset;
  const beforeOffset = offsetAt(low - 60_000);
  while (high - low > 60_000) {
    const middle = low + Math.floor((high - low) / 120_000) * 60_000;
    if (offsetAt(middle) === beforeOffset) low = middle;
    else high = middle;
  }
  return DateTime.fromMillis(offsetAt(low) === beforeOffset ? high : low, { zone });
}

/** Midnight starting `date` in `zone` (midnight itself may not exist in some zones). */
export function startOfDay(date: string, zone: string): DateTime {
  return wallClock(date, '00:00', zone);
}

/** Adds whole calendar days to YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() as string;
}

/** ISO weekday of YYYY-MM-DD: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  return DateTime.fromISO(date, { zone: 'utc' }).weekday;
}

export function daysBetween(from: string, to: string): number {
  return Math.round(
    DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days,
  );
}

/**
 * An override bound: wall clock in the rotation's zone, or an instant when it carries an offset.
 * Returns undefined when the text is not a real date-time (2026-02-30T10:00).
 */
export function parseLocalDateTime(text: string, zone: string): DateTime | undefined {
  if (/(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const instant = DateTime.fromISO(text, { setZone: true });
    return instant.isValid ? instant.setZone(zone) : undefined;
  }
  const [date = '', time = ''] = text.split('T');
  if (!DateTime.fromISO(date, { zone: 'utc' }).isValid || !DateTime.fromISO(`1970-01-01T${time}`).isValid) {
    return undefined;
  }
  return wallClock(date, time, zone);
}

export function formatInstant(instant: DateTime): string {
  return instant.toISO({ suppressMilliseconds: true }) as string;
}
