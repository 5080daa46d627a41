import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { ShortWeekday } from '../../../src/core/model/schemas.js';
import {
  DEFAULT_WORK_HOURS,
  dayPart,
  isInWorkHours,
  isSleepHours,
  isWakingHours,
  nextWorkHoursStart,
  rotationWorkHours,
  type WorkCalendar,
  type WorkHours,
} from '../../../src/core/time/work-hours.js';

const weekdays: WorkHours = DEFAULT_WORK_HOURS;
const nights: WorkHours = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '22:00', end: '06:00' };
const weekends: WorkHours = { days: ['sat', 'sun'], start: '10:00', end: '16:00' };
const everyDayAt0230: WorkHours = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  start: '02:30',
  end: '12:00',
};
// 2027 US public holidays around the cases below: New Year (Fri 01-01), MLK day (Mon 01-18).
const usHolidays = new Set(['2027-01-01', '2027-01-18']);

function calendar(hours: WorkHours, holidays: ReadonlySet<string> = new Set()): WorkCalendar {
  return { hours, holidays };
}

const instant = (iso: string) => DateTime.fromISO(iso, { setZone: true });

/** The fixture itself: the instant is the local weekday and time the case says it is. */
function expectLocal(at: string, zone: string, local: string) {
  expect(instant(at).setZone(zone).setLocale('en-US').toFormat('ccc HH:mm')).toBe(local);
}

describe('rotationWorkHours', () => {
  it('defaults to Monday to Friday, 09:00 to 18:00, when the rotation has no work_hours', () => {
    expect(rotationWorkHours({})).toEqual({
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '09:00',
      end: '18:00',
    });
  });

  it("uses the rotation's work_hours when it has them", () => {
    const hours = { days: ['sat', 'sun'] as ShortWeekday[], start: '10:00', end: '16:00' };
    expect(rotationWorkHours({ work_hours: hours })).toBe(hours);
  });
});

describe('isInWorkHours', () => {
  // [case, instant, zone, hours, holidays, local weekday and time (fixture check), expected]
  it.each<[string, string, string, WorkHours, ReadonlySet<string>, string, boolean]>([
    [
      'New York, Tuesday at the start (inclusive)',
      '2027-01-05T09:00-05:00',
      'America/New_York',
      weekdays,
      new Set(),
      'Tue 09:00',
      true,
    ],
    [
      'New York, Tuesday one minute before',
      '2027-01-05T08:59-05:00',
      'America/New_York',
      weekdays,
      new Set(),
      'Tue 08:59',
      false,
    ],
    [
      'New York, Tuesday at the end (exclusive)',
      '2027-01-05T18:00-05:00',
      'America/New_York',
      weekdays,
      new Set(),
      'Tue 18:00',
      false,
    ],
    [
      'New York, Saturday noon: weekend',
      '2027-01-09T12:00-05:00',
      'America/New_York',
      weekdays,
      new Set(),
      'Sat 12:00',
      false,
    ],
    [
      'New York, MLK day: public holiday',
      '2027-01-18T10:00-05:00',
      'America/New_York',
      weekdays,
      usHolidays,
      'Mon 10:00',
      false,
    ],
    [
      'New York, the day after MLK day',
      '2027-01-19T10:00-05:00',
      'America/New_York',
      weekdays,
      usHolidays,
      'Tue 10:00',
      true,
    ],
    // One instant, two people: the holiday is judged by each person's local date.
    [
      'Tokyo, Tuesday 10:00 while it is still Monday the 18th in New York',
      '2027-01-19T01:00Z',
      'Asia/Tokyo',
      weekdays,
      usHolidays,
      'Tue 10:00',
      true,
    ],
    [
      'Tokyo, Monday the 18th 10:00: the holiday in Tokyo',
      '2027-01-18T01:00Z',
      'Asia/Tokyo',
      weekdays,
      usHolidays,
      'Mon 10:00',
      false,
    ],
    [
      'London read on its own clock: 14:00 New York is 19:00 London',
      '2027-01-05T14:00-05:00',
      'Europe/London',
      weekdays,
      new Set(),
      'Tue 19:00',
      false,
    ],
    [
      'Kolkata, half-hour offset: 09:00 IST',
      '2027-01-05T03:30Z',
      'Asia/Kolkata',
      weekdays,
      new Set(),
      'Tue 09:00',
      true,
    ],
    [
      'New York, spring-forward week: Monday 09:30 EDT',
      '2027-03-15T09:30-04:00',
      'America/New_York',
      weekdays,
      new Set(),
      'Mon 09:30',
      true,
    ],
    [
      'night shift: Tuesday 23:00',
      '2027-01-05T23:00-05:00',
      'America/New_York',
      nights,
      new Set(),
      'Tue 23:00',
      true,
    ],
    [
      'night shift: Wednesday 03:00 belongs to Tuesday night',
      '2027-01-06T03:00-05:00',
      'America/New_York',
      nights,
      new Set(),
      'Wed 03:00',
      true,
    ],
    [
      'night shift: Saturday 03:00 belongs to Friday night',
      '2027-01-09T03:00-05:00',
      'America/New_York',
      nights,
      new Set(),
      'Sat 03:00',
      true,
    ],
    [
      'night shift: Monday 03:00, Sunday night is off',
      '2027-01-11T03:00-05:00',
      'America/New_York',
      nights,
      new Set(),
      'Mon 03:00',
      false,
    ],
    [
      'weekend-only hours: Sunday 11:00',
      '2027-01-10T11:00-05:00',
      'America/New_York',
      weekends,
      new Set(),
      'Sun 11:00',
      true,
    ],
    [
      'weekend-only hours: Monday 11:00',
      '2027-01-11T11:00-05:00',
      'America/New_York',
      weekends,
      new Set(),
      'Mon 11:00',
      false,
    ],
  ])('%s', (_case, at, zone, hours, holidays, local, expected) => {
    expectLocal(at, zone, local);
    expect(isInWorkHours(instant(at), zone, calendar(hours, holidays))).toBe(expected);
  });
});

describe('nextWorkHoursStart', () => {
  // [case, instant, zone, hours, holidays, local (fixture check), expected start (ISO with offset), expected UTC]
  it.each<[string, string, string, WorkHours, ReadonlySet<string>, string, string, string]>([
    [
      'New York, Tuesday early: the same morning',
      '2027-01-05T07:00-05:00',
      'America/New_York',
      weekdays,
      new Set(),
      'Tue 07:00',
      '2027-01-05T09:00:00-05:00',
      '2027-01-05T14:00:00Z',
    ],
    [
      'New York, inside work hours: the next morning',
      '2027-01-05T10:00-05:00',
      'America/New_York',
      weekdays,
      new Set(),
      'Tue 10:00',
      '2027-01-06T09:00:00-05:00',
      '2027-01-06T14:00:00Z',
    ],
    [
      'New York, Friday 22:00: Monday morning',
      '2027-01-08T22:00-05:00',
      'America/New_York',
      weekdays,
      new Set(),
      'Fri 22:00',
      '2027-01-11T09:00:00-05:00',
      '2027-01-11T14:00:00Z',
    ],
    [
      'New York, Friday before MLK day: Tuesday morning',
      '2027-01-15T20:00-05:00',
      'America/New_York',
      weekdays,
      usHolidays,
      'Fri 20:00',
      '2027-01-19T09:00:00-05:00',
      '2027-01-19T14:00:00Z',
    ],
    [
      'New York, New Year falls on Friday: Monday the 4th',
      '2026-12-31T19:00-05:00',
      'America/New_York',
      weekdays,
      usHolidays,
      'Thu 19:00',
      '2027-01-04T09:00:00-05:00',
      '2027-01-04T14:00:00Z',
    ],
    [
      'New York, over spring forward (Sunday 2027-03-14): 09:00 EDT',
      '2027-03-13T12:00-05:00',
      'America/New_York',
      weekdays,
      new Set(),
      'Sat 12:00',
      '2027-03-15T09:00:00-04:00',
      '2027-03-15T13:00:00Z',
    ],
    [
      'New York, over fall back (Sunday 2027-11-07): 09:00 EST',
      '2027-11-06T12:00-04:00',
      'America/New_York',
      weekdays,
      new Set(),
      'Sat 12:00',
      '2027-11-08T09:00:00-05:00',
      '2027-11-08T14:00:00Z',
    ],
    [
      'London, over fall back (Sunday 2027-10-31): 09:00 GMT',
      '2027-10-30T12:00+01:00',
      'Europe/London',
      weekdays,
      new Set(),
      'Sat 12:00',
      '2027-11-01T09:00:00+00:00',
      '2027-11-01T09:00:00Z',
    ],
    [
      'London while New York has already sprung forward',
      '2027-03-19T20:00Z',
      'Europe/London',
      weekdays,
      new Set(),
      'Fri 20:00',
      '2027-03-22T09:00:00+00:00',
      '2027-03-22T09:00:00Z',
    ],
    [
      'Sydney, over the end of daylight saving (Sunday 2027-04-04)',
      '2027-04-02T19:00+11:00',
      'Australia/Sydney',
      weekdays,
      new Set(),
      'Fri 19:00',
      '2027-04-05T09:00:00+10:00',
      '2027-04-04T23:00:00Z',
    ],
    [
      'a start inside the spring-forward gap: 02:30 happens at 03:00 EDT',
      '2027-03-14T01:00-05:00',
      'America/New_York',
      everyDayAt0230,
      new Set(),
      'Sun 01:00',
      '2027-03-14T03:00:00-04:00',
      '2027-03-14T07:00:00Z',
    ],
    [
      'night shift, Saturday morning: Monday 22:00',
      '2027-01-09T07:00-05:00',
      'America/New_York',
      nights,
      new Set(),
      'Sat 07:00',
      '2027-01-11T22:00:00-05:00',
      '2027-01-12T03:00:00Z',
    ],
  ])('%s', (_case, at, zone, hours, holidays, local, expected, utc) => {
    expectLocal(at, zone, local);
    const next = nextWorkHoursStart(instant(at), zone, calendar(hours, holidays));
    expect(next?.toISO({ suppressMilliseconds: true })).toBe(expected);
    expect(next?.toUTC().toISO({ suppressMilliseconds: true })).toBe(utc);
    // The answer is itself the start of work hours.
    expect(next && isInWorkHours(next, zone, calendar(hours, holidays))).toBe(true);
  });

  it('is undefined for someone with no work days', () => {
    const none = calendar({ days: [], start: '09:00', end: '18:00' });
    expect(nextWorkHoursStart(instant('2027-01-05T07:00-05:00'), 'America/New_York', none)).toBeUndefined();
  });
});

describe('waking hours, sleep hours and the part of the day', () => {
  // [case, instant, zone, local (fixture check), waking, part]
  it.each<[string, string, string, string, boolean, string]>([
    [
      'Saturday 06:59: still sleep hours',
      '2027-01-09T06:59-05:00',
      'America/New_York',
      'Sat 06:59',
      false,
      'sleep',
    ],
    [
      'Saturday 07:00: waking hours begin',
      '2027-01-09T07:00-05:00',
      'America/New_York',
      'Sat 07:00',
      true,
      'waking',
    ],
    [
      'Saturday 21:59: waking hours',
      '2027-01-09T21:59-05:00',
      'America/New_York',
      'Sat 21:59',
      true,
      'waking',
    ],
    [
      'Saturday 22:00: sleep hours begin',
      '2027-01-09T22:00-05:00',
      'America/New_York',
      'Sat 22:00',
      false,
      'sleep',
    ],
    [
      'Tuesday 10:00: work hours come first',
      '2027-01-05T10:00-05:00',
      'America/New_York',
      'Tue 10:00',
      true,
      'work',
    ],
    [
      'Tuesday 19:00: after work, awake',
      '2027-01-05T19:00-05:00',
      'America/New_York',
      'Tue 19:00',
      true,
      'waking',
    ],
    [
      '03:00 New York is 08:00 London: awake there',
      '2027-01-09T03:00-05:00',
      'Europe/London',
      'Sat 08:00',
      true,
      'waking',
    ],
    [
      '03:00 New York is 00:00 Los Angeles: asleep there',
      '2027-01-09T03:00-05:00',
      'America/Los_Angeles',
      'Sat 00:00',
      false,
      'sleep',
    ],
  ])('%s', (_case, at, zone, local, waking, part) => {
    expectLocal(at, zone, local);
    expect(isWakingHours(instant(at), zone)).toBe(waking);
    expect(isSleepHours(instant(at), zone)).toBe(!waking);
    expect(dayPart(instant(at), zone, calendar(weekdays))).toBe(part);
  });
});
