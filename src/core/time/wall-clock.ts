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

/**
 * On a fall-back day the same wall time occurs twice; the earlier one is the one we use. It can
 * only be the second occurrence if the offset was larger a few hours before; then the first
 * occurrence is the same wall time read with that larger offset.
 */
function earliestOccurrence(instant: DateTime): DateTime {
  const millis = instant.toMillis();
  const offsetBefore = instant.zone.offset(millis - 3 * 3_600_000);
  if (offsetBefore <= instant.offset) return instant;
  const earlier = millis - (offsetBefore - instant.offset) * 60_000;
  if (instant.zone.offset(earlier) !== offsetBefore) return instant;
  return DateTime.fromMillis(earlier, { zone: instant.zone });
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

// Calendar-date arithmetic runs for every person of every shift, so it uses plain UTC day
// numbers instead of zone-aware DateTime objects: dates have no zone.
const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Adds whole calendar days to YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** ISO weekday of YYYY-MM-DD: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(date: string): number {
  // Day 0 (1970-01-01) was a Thursday.
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * True when a date-time ends in a UTC offset no clock can show, like +25:00 or +05:99: Luxon
 * reads any two digits there and would silently move the instant by days.
 */
export function hasImpossibleOffset(dateTime: string): boolean {
  const time = dateTime.slice(dateTime.indexOf('T') + 1);
  const offset = /[+-](\d{2}):?(\d{2})?$/.exec(time);
  return offset !== null && (Number(offset[1]) > 23 || Number(offset[2] ?? 0) > 59);
}

/**
 * An override bound: wall clock in the rotation's zone, or an instant when it carries an offset.
 * Returns undefined when the text is not a real date-time (2026-02-30T10:00).
 */
export function parseLocalDateTime(text: string, zone: string): DateTime | undefined {
  if (/(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    if (hasImpossibleOffset(text)) return undefined;
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
