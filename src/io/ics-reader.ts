/**
 * Reads an iCalendar export (RFC 5545) with ical.js into plain ExportedEvents for the importer.
 *
 * - Times: UTC ("Z") as is; a TZID the file defines with a VTIMEZONE through that definition;
 *   a TZID without one, when it is an IANA name (Google and PagerDuty use them), through the
 *   IANA rules; floating times (no zone) as wall clock in the rotation's timezone.
 * - Recurring events (RRULE, RDATE, EXDATE, and RECURRENCE-ID exceptions by UID) are expanded,
 *   one event per occurrence, up to `expandUntil`. An event repeating without end while no
 *   bound was given is refused: there is no way to know how much of it is meant.
 * - The file is checked before ical.js reads it, so a broken one is refused with its line:
 *   not iCalendar, BEGIN/END that do not pair, a line that is no content line, too large.
 */
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type {
  EventTime,
  ExportedAttendee,
  ExportedEvent,
  ExportedPerson,
} from '../core/import/exported-event.js';
import { isValidZone } from '../core/time/wall-clock.js';

/** A year of a large organization's on-call feed is well under 1 MiB. */
export const MAX_ICS_BYTES = 20 * 1024 * 1024;
/** Events after expanding recurrences, per file: decades of daily shifts. */
export const MAX_EVENTS = 50_000;
/** One content line, continuation lines joined: exports fold at 75 octets; a long DESCRIPTION fits. */
export const MAX_LINE_CHARS = 100_000;

export class IcsError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

export interface ReadOptions {
  /** The file's name as the user gave it, for messages. */
  file: string;
  fileIndex: number;
  /** Where wall-clock times without a zone are read: the rotation's timezone. */
  zone: string;
  /** Recurring events are expanded up to this instant; without it, endless ones are refused. */
  expandUntil?: DateTime;
}

interface LogicalLine {
  text: string;
  line: number;
}

export function readIcs(input: string, options: ReadOptions): ExportedEvent[] {
  const { file } = options;
  if (Buffer.byteLength(input) > MAX_ICS_BYTES) {
    throw new IcsError(
      file,
      undefined,
      `larger than ${MAX_ICS_BYTES / 1024 / 1024} MiB: export a shorter period`,
    );
  }
  const text = input.replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw new IcsError(file, undefined, 'not a text file, so not iCalendar');
  const lines = logicalLines(text);
  const long = lines.find((entry) => entry.text.length > MAX_LINE_CHARS);
  if (long) {
    throw new IcsError(
      file,
      long.line,
      `a line of ${long.text.length} characters (at most ${MAX_LINE_CHARS}): not a schedule export`,
    );
  }
  const veventLines = checkStructure(lines, file);

  let parsed: unknown;
  try {
    // Lines end as the exporting tool wrote them (CRLF, LF, or CR alone from old Mac tools), as
    // logicalLines reads them; ical.js knows only CRLF and LF.
    parsed = ICAL.parse(text.replace(/\r(?!\n)/g, '\r\n'));
  } catch (err) {
    throw new IcsError(file, lineOf(err as Error, lines), `not valid iCalendar: ${(err as Error).message}`);
  }
  const roots = (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
  const components = roots
    .map((jcal) => new ICAL.Component(jcal as [string, unknown[], unknown[]]))
    .filter((component) => component.name === 'vcalendar');
  const vevents = components.flatMap((calendar) => calendar.getAllSubcomponents('vevent'));
  const lineOfComponent = new Map<ICAL.Component, number>(
    vevents.map((component, index) => [component, veventLines[index] ?? 1]),
  );

  // Exceptions (RECURRENCE-ID) belong to the recurring event with their UID.
  const exceptions = new Map<string, ICAL.Component[]>();
  const masters: ICAL.Component[] = [];
  for (const component of vevents) {
    const uid = String(component.getFirstPropertyValue('uid') ?? '');
    if (component.hasProperty('recurrence-id') && uid !== '') {
      exceptions.set(uid, [...(exceptions.get(uid) ?? []), component]);
    } else {
      masters.push(component);
    }
  }
  const recurringUids = new Set<string>();
  const events: ExportedEvent[] = [];
  const push = (event: ExportedEvent) => {
    events.push(event);
    if (events.length > MAX_EVENTS) {
      throw new IcsError(
        file,
        event.source.line,
        `expands to more than ${MAX_EVENTS} events: pass an earlier --until`,
      );
    }
  };
  for (const component of masters) {
    const line = lineOfComponent.get(component) ?? 1;
    const uid = String(component.getFirstPropertyValue('uid') ?? '');
    let event: ICAL.Event;
    try {
      event = new ICAL.Event(component, { exceptions: exceptions.get(uid) ?? [], strictExceptions: true });
    } catch (err) {
      push(invalid(component, line, options, (err as Error).message));
      continue;
    }
    if (!event.isRecurring()) {
      push(toExported(component, () => [event.startDate, event.endDate], line, options));
      continue;
    }
    recurringUids.add(uid);
    expand(event, component, (item) => lineOfComponent.get(item) ?? line, options, push);
  }
  // Exceptions whose recurring event is not in the file are events of their own.
  for (const [uid, list] of exceptions) {
    if (recurringUids.has(uid)) continue;
    for (const component of list) {
      const event = new ICAL.Event(component, { exceptions: [] });
      push(
        toExported(
          component,
          () => [event.startDate, event.endDate],
          lineOfComponent.get(component) ?? 1,
          options,
        ),
      );
    }
  }
  return events;
}

function expand(
  event: ICAL.Event,
  component: ICAL.Component,
  lineAt: (component: ICAL.Component) => number,
  options: ReadOptions,
  push: (event: ExportedEvent) => void,
): void {
  const line = lineAt(component);
  const endless = component
    .getAllProperties('rrule')
    .some((property) => !(property.getFirstValue() as ICAL.Recur).isFinite());
  const until = options.expandUntil;
  if (endless && !until) {
    throw new IcsError(
      options.file,
      line,
      `event "${event.summary ?? ''}" repeats without end (RRULE without UNTIL or COUNT): pass --until DATE to import it up to that date`,
    );
  }
  // A day of margin: floating times are compared as if they were UTC.
  const limit = until ? until.toSeconds() + 86_400 : Number.POSITIVE_INFINITY;
  const iterator = event.iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (next.toUnixTime() > limit) break;
    let details: ReturnType<ICAL.Event['getOccurrenceDetails']>;
    try {
      details = event.getOccurrenceDetails(next);
    } catch (err) {
      push(invalid(component, line, options, (err as Error).message));
      return;
    }
    const item = details.item.component;
    push(toExported(item, () => [details.startDate, details.endDate], lineAt(item), options));
  }
}

/** One occurrence (or a single event) as plain data. */
function toExported(
  component: ICAL.Component,
  times: () => [ICAL.Time, ICAL.Time],
  line: number,
  options: ReadOptions,
): ExportedEvent {
  const base = described(component, line, options);
  let time: EventTime;
  try {
    const [start, end] = times();
    time = eventTime(component, start, end, options.zone);
  } catch (err) {
    time = { kind: 'invalid', why: (err as Error).message };
  }
  return { ...base, time };
}

function invalid(component: ICAL.Component, line: number, options: ReadOptions, why: string): ExportedEvent {
  return { ...described(component, line, options), time: { kind: 'invalid', why } };
}

function described(
  component: ICAL.Component,
  line: number,
  options: ReadOptions,
): Omit<ExportedEvent, 'time'> {
  const text = (name: string) => {
    try {
      const value = component.getFirstPropertyValue(name);
      return value === null || value === undefined ? undefined : String(value);
    } catch {
      return undefined;
    }
  };
  const uid = text('uid');
  const description = text('description');
  const organizer = component.getFirstProperty('organizer');
  return {
    source: {
      file: options.file,
      line,
      fileIndex: options.fileIndex,
      ...(uid && { uid }),
      summary: text('summary') ?? '',
    },
    ...(description && { description }),
    categories: component
      .getAllProperties('categories')
      .flatMap((property) => property.getValues().map(String))
      .map((value) => value.trim())
      .filter(Boolean),
    attendees: component.getAllProperties('attendee').map(attendeeOf),
    ...(organizer && { organizer: contactOf(organizer) }),
    cancelled: (text('status') ?? '').toUpperCase() === 'CANCELLED',
  };
}

function contactOf(property: ICAL.Property): ExportedPerson {
  const value = String(property.getFirstValue() ?? '').trim();
  const address = value.replace(/^mailto:/i, '');
  const name = parameter(property, 'cn');
  return {
    ...(/^[^\s@]+@[^\s@]+$/.test(address) && { email: address.toLowerCase() }),
    ...(name && { name }),
  };
}

function attendeeOf(property: ICAL.Property): ExportedAttendee {
  const partstat = (parameter(property, 'partstat') ?? '').toUpperCase();
  const role = (parameter(property, 'role') ?? '').toUpperCase();
  return { ...contactOf(property), declined: partstat === 'DECLINED' || role === 'NON-PARTICIPANT' };
}

function parameter(property: ICAL.Property, name: string): string | undefined {
  const value = property.getParameter(name);
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first.trim() : undefined;
}

function eventTime(component: ICAL.Component, start: ICAL.Time, end: ICAL.Time, zone: string): EventTime {
  if (!start) return { kind: 'invalid', why: 'it has no DTSTART' };
  if (start.isDate !== end.isDate) {
    return { kind: 'invalid', why: 'DTSTART and DTEND mix a date with a date-time' };
  }
  if (start.isDate) return { kind: 'all-day', from: dateOf(start), to: dateOf(end) };
  const startZone = tzid(component, 'dtstart') ?? tzid(component, 'recurrence-id');
  const endZone = component.hasProperty('dtend') ? tzid(component, 'dtend') : startZone;
  const from = instant(start, startZone, zone);
  const to = instant(end, endZone, zone);
  if (typeof from === 'string') return { kind: 'invalid', why: from };
  if (typeof to === 'string') return { kind: 'invalid', why: to };
  return { kind: 'timed', start: from, end: to };
}

function tzid(component: ICAL.Component, property: string): string | undefined {
  const found = component.getFirstProperty(property);
  return found ? parameter(found, 'tzid') : undefined;
}

/** The instant of an ICAL.Time, or why it has none. */
function instant(
  time: ICAL.Time,
  tzidParameter: string | undefined,
  fallbackZone: string,
): DateTime | string {
  const wall = {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.hour,
    minute: time.minute,
    second: time.second,
  };
  const zoneId = time.zone?.tzid;
  if (zoneId === 'UTC' || zoneId === 'Z') return DateTime.fromObject(wall, { zone: 'utc' });
  if (tzidParameter !== undefined) {
    // Defined in the file (a VTIMEZONE): ical.js resolved it.
    if (zoneId === tzidParameter) return DateTime.fromSeconds(time.toUnixTime(), { zone: 'utc' });
    if (isValidZone(tzidParameter)) return DateTime.fromObject(wall, { zone: tzidParameter }).toUTC();
    return `its timezone "${tzidParameter}" has no VTIMEZONE in the file and is not an IANA name`;
  }
  const floating = DateTime.fromObject(wall, { zone: fallbackZone });
  return floating.isValid ? floating.toUTC() : `not a valid date-time (${floating.invalidExplanation ?? ''})`;
}

function dateOf(time: ICAL.Time): string {
  return `${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

/** Content lines with continuation lines joined, each with its first physical line. */
function logicalLines(text: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  text.split(/\r\n|\n|\r/).forEach((physical, index) => {
    const previous = lines[lines.length - 1];
    if ((physical.startsWith(' ') || physical.startsWith('\t')) && previous) {
      previous.text += physical.slice(1);
    } else {
      lines.push({ text: physical, line: index + 1 });
    }
  });
  return lines;
}

/**
 * The checks ical.js would fail without a line number: the file begins with BEGIN:VCALENDAR,
 * BEGIN and END pair up, every line is a content line. Returns the line of each VEVENT.
 */
function checkStructure(lines: readonly LogicalLine[], file: string): number[] {
  const content = lines.filter((entry) => entry.text.trim() !== '');
  const first = content[0];
  if (first?.text.trim().toUpperCase() !== 'BEGIN:VCALENDAR') {
    throw new IcsError(
      file,
      first?.line ?? 1,
      'not an iCalendar file: it does not begin with BEGIN:VCALENDAR (export the schedule as .ics)',
    );
  }
  const open: { name: string; line: number }[] = [];
  const vevents: number[] = [];
  for (const entry of content) {
    if (!/^[A-Za-z0-9-]+[;:]/.test(entry.text)) {
      throw new IcsError(file, entry.line, `not an iCalendar content line: "${entry.text.slice(0, 60)}"`);
    }
    const begin = /^BEGIN:(.*)$/i.exec(entry.text);
    if (begin) {
      const name = (begin[1] as string).trim().toUpperCase();
      if (name === 'VEVENT' && open.length === 1) vevents.push(entry.line);
      open.push({ name, line: entry.line });
      continue;
    }
    const end = /^END:(.*)$/i.exec(entry.text);
    if (end) {
      const name = (end[1] as string).trim().toUpperCase();
      const top = open.pop();
      if (!top) throw new IcsError(file, entry.line, `END:${name} closes nothing`);
      if (top.name !== name) {
        throw new IcsError(
          file,
          entry.line,
          `END:${name} does not close BEGIN:${top.name} (line ${top.line})`,
        );
      }
    } else if (open.length === 0) {
      throw new IcsError(file, entry.line, 'a line outside BEGIN:VCALENDAR ... END:VCALENDAR');
    }
  }
  const unclosed = open[open.length - 1];
  if (unclosed) {
    throw new IcsError(
      file,
      unclosed.line,
      `BEGIN:${unclosed.name} is never closed (the file may be cut short)`,
    );
  }
  return vevents;
}

/** ical.js quotes the offending line in its messages; find it in the file. */
function lineOf(err: Error, lines: readonly LogicalLine[]): number | undefined {
  const quoted = /["']([^"']{3,})["']/.exec(err.message)?.[1];
  if (!quoted) return undefined;
  return lines.find((entry) => entry.text.includes(quoted.slice(0, 40)))?.line;
}
