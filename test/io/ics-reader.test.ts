/**
 * Reading iCalendar exports with ical.js: the fixtures of test/fixtures/ics (PagerDuty, Opsgenie,
 * Grafana OnCall and Google Calendar shapes) give the right instants across the 2027 New York
 * daylight-saving change; recurring events expand with their exception; all-day events stay
 * dates; zones without VTIMEZONE; broken files are refused with their line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { ExportedEvent } from '../../src/core/import/exported-event.js';
import { IcsError, MAX_LINE_CHARS, readIcs } from '../../src/io/ics-reader.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/ics');
const ZONE = 'America/New_York';

function read(name: string, expandUntil?: DateTime): ExportedEvent[] {
  const text = readFileSync(path.join(FIXTURES, name), 'utf8');
  return readIcs(text, { file: name, fileIndex: 0, zone: ZONE, ...(expandUntil && { expandUntil }) });
}

/** Start and end as UTC instants, or the all-day dates. */
function times(event: ExportedEvent): string[] {
  const { time } = event;
  if (time.kind === 'timed') return [time.start.toUTC().toISO() ?? '', time.end.toUTC().toISO() ?? ''];
  if (time.kind === 'all-day') return [time.from, time.to];
  return [`invalid: ${time.why}`];
}

function ics(...lines: string[]): string {
  return `${['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR'].join('\r\n')}\r\n`;
}

function refusal(text: string, expandUntil?: DateTime): { line: number | undefined; message: string } {
  try {
    readIcs(text, { file: 'x.ics', fileIndex: 0, zone: ZONE, ...(expandUntil && { expandUntil }) });
  } catch (err) {
    expect(err).toBeInstanceOf(IcsError);
    return { line: (err as IcsError).line, message: (err as Error).message };
  }
  throw new Error('the file was not refused');
}

describe('the fixtures', () => {
  it('PagerDuty: UTC times, a bare-email ATTENDEE, the line of each event', () => {
    const events = read('pagerduty-primary.ics');
    expect(events).toHaveLength(6);
    expect(events[1]).toMatchObject({
      source: {
        file: 'pagerduty-primary.ics',
        line: 14,
        uid: 'Q0PRI2',
        summary: 'On Call - Jane Doe - Ops Escalation',
      },
      attendees: [{ email: 'jane.doe@example.com', declined: false }],
      cancelled: false,
    });
    expect(events.map(times).slice(0, 3)).toEqual([
      ['2027-03-01T16:00:00.000Z', '2027-03-08T16:00:00.000Z'],
      ['2027-03-08T16:00:00.000Z', '2027-03-10T23:00:00.000Z'],
      ['2027-03-10T23:00:00.000Z', '2027-03-11T14:00:00.000Z'],
    ]);
  });

  it('Opsgenie: TZID times through the VTIMEZONE, 11:00 before and after 2027-03-14', () => {
    const events = read('opsgenie.ics');
    expect(events).toHaveLength(11);
    const cy = events.find((event) => event.source.summary === 'ops_schedule - Cy Young') as ExportedEvent;
    // 11:00 EST is 16:00 UTC; a week later 11:00 EDT is 15:00 UTC.
    expect(times(cy)).toEqual(['2027-03-08T16:00:00.000Z', '2027-03-15T15:00:00.000Z']);
  });

  it('Grafana OnCall: LF line ends, a cancelled event kept as cancelled', () => {
    const events = read('grafana-oncall.ics');
    expect(events.map((event) => event.source.summary)).toContain('[L2] ben');
    const cancelled = events.filter((event) => event.cancelled);
    expect(cancelled.map((event) => [event.source.line, times(event)])).toEqual([
      [75, ['2027-03-20T00:00:00.000Z', '2027-03-20T00:00:00.000Z']],
    ]);
  });

  it('Google Calendar: RRULE every other week with its changed occurrence, all-day dates, ATTENDEE details', () => {
    const events = read('google-calendar.ics');
    const recurring = events.filter((event) => event.source.uid === '5r2k0oncall@google.com');
    expect(recurring.map((event) => [event.source.summary, ...times(event)])).toEqual([
      ['On-call: Ana & Ben', '2027-03-01T16:00:00.000Z', '2027-03-08T16:00:00.000Z'],
      // The exception (RECURRENCE-ID) replaces the occurrence of 2027-03-15, in daylight time.
      ['On-call: Ana & Cy', '2027-03-15T15:00:00.000Z', '2027-03-22T15:00:00.000Z'],
      ['On-call: Ana & Ben', '2027-03-29T15:00:00.000Z', '2027-04-05T15:00:00.000Z'],
    ]);
    expect(recurring[1]?.source.line).toBe(39);
    expect(recurring[1]?.description).toBe('Ben swapped with Cy');
    const allDay = events.filter((event) => event.time.kind === 'all-day').map(times);
    // An all-day event without DTEND lasts one day.
    expect(allDay).toEqual([
      ['2027-03-08', '2027-03-15'],
      ['2027-03-22', '2027-03-29'],
      ['2027-04-05', '2027-04-06'],
    ]);
    const lunch = events.find((event) => event.source.summary === 'Team lunch');
    expect(lunch?.organizer).toEqual({ email: 'dee@example.com', name: 'Dee Lee' });
    expect(lunch?.attendees).toEqual([
      { email: 'dee@example.com', name: 'Dee Lee', declined: false },
      { email: 'fay@example.com', name: 'Fay Wong', declined: true },
    ]);
  });
});

describe('several calendars in one file (per-person exports joined with cat)', () => {
  it('reads every calendar, with the line of each event', () => {
    const one = ics(
      'BEGIN:VEVENT',
      'UID:a',
      'DTSTART:20270301T160000Z',
      'DTEND:20270308T160000Z',
      'SUMMARY:ana',
      'END:VEVENT',
    );
    const two = ics(
      'BEGIN:VEVENT',
      'UID:b',
      'DTSTART:20270301T160000Z',
      'DTEND:20270308T160000Z',
      'SUMMARY:ben',
      'END:VEVENT',
    );
    const events = readIcs(`${one}${two}`, { file: 'team.ics', fileIndex: 0, zone: ZONE });
    expect(events.map((event) => [event.source.line, event.source.summary])).toEqual([
      [3, 'ana'],
      [12, 'ben'],
    ]);
  });
});

describe('times', () => {
  it('a TZID with no VTIMEZONE: the IANA zone; floating: the rotation zone; an unknown zone is reported', () => {
    const events = readIcs(
      ics(
        'BEGIN:VEVENT',
        'UID:a',
        'DTSTART;TZID=Europe/Berlin:20270301T110000',
        'DTEND;TZID=Europe/Berlin:20270308T110000',
        'SUMMARY:ana',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:b',
        'DTSTART:20270301T110000',
        'DURATION:P7D',
        'SUMMARY:ben',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:c',
        'DTSTART;TZID=Eastern Standard Time:20270301T110000',
        'DTEND;TZID=Eastern Standard Time:20270308T110000',
        'SUMMARY:cy',
        'END:VEVENT',
      ),
      { file: 'x.ics', fileIndex: 0, zone: ZONE },
    );
    expect(events.map(times)).toEqual([
      ['2027-03-01T10:00:00.000Z', '2027-03-08T10:00:00.000Z'],
      // Floating: 11:00 in the rotation's zone, still standard time on 2027-03-08.
      ['2027-03-01T16:00:00.000Z', '2027-03-08T16:00:00.000Z'],
      ['invalid: its timezone "Eastern Standard Time" has no VTIMEZONE in the file and is not an IANA name'],
    ]);
  });

  it('an unreadable DTSTART is kept, marked invalid, with its line', () => {
    const events = readIcs(ics('BEGIN:VEVENT', 'UID:a', 'DTSTART:2027', 'SUMMARY:ana', 'END:VEVENT'), {
      file: 'x.ics',
      fileIndex: 0,
      zone: ZONE,
    });
    expect(events.map((event) => [event.source.line, times(event)])).toEqual([
      [3, ['invalid: invalid date-time value: "2027--T::"']],
    ]);
  });
});

describe('recurrence bounds', () => {
  const endless = ics(
    'BEGIN:VEVENT',
    'UID:weekly',
    'DTSTART;TZID=America/New_York:20270301T110000',
    'DTEND;TZID=America/New_York:20270308T110000',
    'RRULE:FREQ=WEEKLY',
    'SUMMARY:ana on call',
    'END:VEVENT',
  );

  it('an event repeating without end is refused when no bound is given', () => {
    expect(refusal(endless)).toEqual({
      line: 3,
      message:
        'event "ana on call" repeats without end (RRULE without UNTIL or COUNT): pass --until DATE to import it up to that date',
    });
  });

  it('with a bound it expands up to it, 11:00 New York time throughout', () => {
    const events = readIcs(endless, {
      file: 'x.ics',
      fileIndex: 0,
      zone: ZONE,
      expandUntil: DateTime.fromISO('2027-03-22T11:00', { zone: ZONE }),
    });
    expect(events.map((event) => times(event)[0])).toEqual([
      '2027-03-01T16:00:00.000Z',
      '2027-03-08T16:00:00.000Z',
      '2027-03-15T15:00:00.000Z',
      '2027-03-22T15:00:00.000Z',
    ]);
  });

  it('an expansion too large is refused', () => {
    const daily = endless.replace('FREQ=WEEKLY', 'FREQ=HOURLY');
    expect(refusal(daily, DateTime.fromISO('2035-01-01', { zone: ZONE })).message).toBe(
      'expands to more than 50000 events: pass an earlier --until',
    );
  });
});

describe('line ends', () => {
  it('CRLF, LF and CR alone (old Mac tools) give the same events', () => {
    const text = readFileSync(path.join(FIXTURES, 'opsgenie.ics'), 'utf8');
    expect(text).toContain('\r\n');
    const as = (ends: string) =>
      readIcs(text.replace(/\r\n|\n/g, ends), { file: 'x.ics', fileIndex: 0, zone: ZONE }).map((event) => [
        event.source.summary,
        ...times(event),
      ]);
    const crlf = as('\r\n');
    expect(crlf.length).toBeGreaterThan(3);
    expect(as('\n')).toEqual(crlf);
    expect(as('\r')).toEqual(crlf);
  });
});

describe('broken files are refused with their line', () => {
  it.each([
    [
      'not iCalendar',
      'hello\nworld\n',
      1,
      'not an iCalendar file: it does not begin with BEGIN:VCALENDAR (export the schedule as .ics)',
    ],
    [
      'cut short',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n',
      2,
      'BEGIN:VEVENT is never closed (the file may be cut short)',
    ],
    [
      'END of another component',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR\r\n',
      3,
      'END:VTODO does not close BEGIN:VEVENT (line 2)',
    ],
    [
      'a line that is no content line',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n<html>\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      3,
      'not an iCalendar content line: "<html>"',
    ],
    [
      'bad parameters (ical.js)',
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nX-A;B:c\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
      3,
      "not valid iCalendar: Invalid parameters in 'X-A;B:c'",
    ],
    ['a binary file', 'BEGIN:VCALENDAR\u0000', undefined, 'not a text file, so not iCalendar'],
  ])('%s', (_name, text, line, message) => {
    expect(refusal(text)).toEqual({ line, message });
  });

  it('a line over the line limit, folded or not, with its line; one at the limit is read', () => {
    const event = (summary: string) =>
      ics(
        'BEGIN:VEVENT',
        'UID:a',
        'DTSTART:20270301T160000Z',
        'DTEND:20270308T160000Z',
        summary,
        'END:VEVENT',
      );
    const over = `SUMMARY:${'D'.repeat(2_000_000)}`;
    const message = `a line of ${over.length} characters (at most ${MAX_LINE_CHARS}): not a schedule export`;
    expect(refusal(event(over))).toEqual({ line: 7, message });
    const folded = (over.match(/.{1,74}/g) ?? []).join('\r\n ');
    expect(refusal(event(folded))).toEqual({ line: 7, message });
    const atLimit = `SUMMARY:${'D'.repeat(MAX_LINE_CHARS - 'SUMMARY:'.length)}`;
    const read = readIcs(event(atLimit), { file: 'x.ics', fileIndex: 0, zone: ZONE });
    expect(read.map((item) => item.source.summary.length)).toEqual([MAX_LINE_CHARS - 'SUMMARY:'.length]);
  });

  it('a file over the size limit', () => {
    const huge = ics(`X-PAD:${'x'.repeat(21 * 1024 * 1024)}`);
    expect(refusal(huge)).toEqual({
      line: undefined,
      message: 'larger than 20 MiB: export a shorter period',
    });
  });
});
