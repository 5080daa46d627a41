/**
 * Renders a calendar feed (plain data from core/calendar) as RFC 5545 text with ical-generator.
 * Times are wall clock with TZID = the rotation's zone, so an 11:00 handoff reads 11:00 on both
 * sides of a daylight-saving change; each zone used gets its VTIMEZONE from timezones-ical-library
 * (IANA data compiled by vzic, the tool libical uses). DTSTAMP is the build's `at`, in UTC.
 */
import ical, {
  ICalCalendarMethod,
  ICalEventBusyStatus,
  ICalEventStatus,
  ICalEventTransparency,
} from 'ical-generator';
import type { DateTime } from 'luxon';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import type { CalendarFeed } from '../core/calendar/feeds.js';

let knownZones: ReadonlySet<string> | undefined;

/** True when a VTIMEZONE can be written for `zone` (checked first: the library logs on a miss). */
export function hasVtimezone(zone: string): boolean {
  knownZones ??= new Set(tzlib_get_timezones() as string[]);
  return knownZones.has(zone);
}

function vtimezone(zone: string): string | null {
  if (!hasVtimezone(zone)) return null;
  const block = tzlib_get_ical_block(zone);
  return Array.isArray(block) && typeof block[0] === 'string' ? block[0] : null;
}

export interface RenderOptions {
  /** DTSTAMP of every event: when this feed was built. */
  stamp: DateTime;
  /** SEQUENCE by UID (core/calendar/sequence.ts). */
  sequences: ReadonlyMap<string, number>;
  /** How often a client should refetch, where it listens (X-PUBLISHED-TTL, REFRESH-INTERVAL). */
  refreshSeconds?: number;
}

export function renderFeed(feed: CalendarFeed, options: RenderOptions): string {
  const calendar = ical({
    name: feed.name,
    description: feed.description,
    prodId: { company: 'oncall-as-code', product: 'oncall calendar', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone name: ical-generator would then write DTSTAMP as local time, and RFC
    // 5545 wants it in UTC. The generator alone makes a VTIMEZONE for every event's TZID.
    timezone: { name: null, generator: vtimezone },
    ttl: options.refreshSeconds ?? 3600,
    x: { 'X-WR-TIMEZONE': feed.timezone },
  });
  const stamp = options.stamp.toUTC();
  for (const event of feed.events) {
    // A zone without VTIMEZONE data would leave a TZID nobody can resolve: write UTC instead.
    const zoned = hasVtimezone(event.timezone);
    calendar.createEvent({
      id: event.uid,
      sequence: options.sequences.get(event.uid) ?? 0,
      stamp,
      start: zoned ? event.start.setZone(event.timezone) : event.start.toUTC(),
      end: zoned ? event.end.setZone(event.timezone) : event.end.toUTC(),
      timezone: zoned ? event.timezone : null,
      summary: event.summary,
      description: event.description,
      status: ICalEventStatus.CONFIRMED,
      // Being on call is not a meeting: it must not block the person's free/busy time.
      transparency: ICalEventTransparency.TRANSPARENT,
      busystatus: ICalEventBusyStatus.FREE,
      x: { 'X-ONCALL-KIND': event.kind, 'X-ONCALL-ROTATION': event.rotation },
    });
  }
  return calendar.toString();
}
