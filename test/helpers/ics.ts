/**
 * Reads an iCalendar feed back with ical.js, a parser independent of the library that wrote it.
 * Each feed's own VTIMEZONEs are the only zone data ical.js has (it ships none), so times read
 * here are right only when the feed's VTIMEZONE is.
 */
import ICAL from 'ical.js';
import { expect } from 'vitest';

export interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  sequence: number;
  kind: string;
  /** TZID of DTSTART, or "UTC" / "floating". */
  tzid: string;
  /** Wall clock in that zone, `YYYY-MM-DDTHH:MM:SS`. */
  localStart: string;
  localEnd: string;
  /** The instants, as ISO in UTC (milliseconds dropped). */
  start: string;
  end: string;
  /** DTSTAMP as written (must be UTC). */
  stamp: string;
  transparency: string;
}

export interface ParsedFeed {
  name: string;
  description: string;
  timezones: string[];
  events: ParsedEvent[];
}

function utc(time: ICAL.Time): string {
  return time.toJSDate().toISOString().replace('.000Z', 'Z');
}

function text(component: ICAL.Component, name: string): string {
  const value = component.getFirstPropertyValue(name);
  return value === null || value === undefined ? '' : String(value);
}

/** Also checks the format: CRLF line ends, lines folded at 75 octets. */
export function parseFeed(ics: string): ParsedFeed {
  expect(ics.endsWith('\r\n') || ics.endsWith('END:VCALENDAR')).toBe(true);
  for (const line of ics.split('\r\n')) {
    expect(line.includes('\n'), 'bare LF inside a line').toBe(false);
    expect(Buffer.byteLength(line, 'utf8'), `line longer than 75 octets: ${line}`).toBeLessThanOrEqual(75);
  }
  const calendar = new ICAL.Component(ICAL.parse(ics));
  expect(calendar.name).toBe('vcalendar');
  ICAL.TimezoneService.reset();
  const timezones: string[] = [];
  for (const zone of calendar.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(zone);
    timezones.push(text(zone, 'tzid'));
  }
  const events = calendar.getAllSubcomponents('vevent').map((component): ParsedEvent => {
    const event = new ICAL.Event(component);
    const stamp = component.getFirstProperty('dtstamp');
    const stampValue = stamp?.getFirstValue() as ICAL.Time | undefined;
    expect(stampValue?.zone?.tzid, 'DTSTAMP must be UTC').toBe('UTC');
    const startProperty = component.getFirstProperty('dtstart');
    const tzid = (startProperty?.getParameter('tzid') as string | undefined) ?? event.startDate.zone?.tzid;
    return {
      uid: event.uid,
      summary: event.summary,
      description: event.description,
      sequence: event.sequence,
      kind: text(component, 'x-oncall-kind'),
      tzid: tzid ?? 'floating',
      localStart: event.startDate.toString(),
      localEnd: event.endDate.toString(),
      start: utc(event.startDate),
      end: utc(event.endDate),
      stamp: stampValue ? utc(stampValue) : '',
      transparency: text(component, 'transp'),
    };
  });
  return {
    name: text(calendar, 'x-wr-calname'),
    description: text(calendar, 'x-wr-caldesc'),
    timezones,
    events,
  };
}
