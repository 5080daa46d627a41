/**
 * Work hours, waking hours and sleep hours of one person, read on that person's own clock.
 *
 * A rotation's `work_hours` (days, start, end) hold in each person's timezone; days not listed are
 * the weekend, and the rotation's public holidays (YYYY-MM-DD, judged by the person's local date)
 * are off. Start and end are wall-clock times, so 09:00 stays 09:00 across daylight-saving changes.
 * An end at or before the start means the hours run past midnight (a night shift): the window then
 * belongs to the day it starts on. Pure: the instant, the zone and the holidays come in as data.
 */
import type { DateTime } from 'luxon';
import type { RotationFile, ShortWeekday } from '../model/schemas.js';
import { addDays, isoWeekday, wallClock } from './wall-clock.js';

export interface WorkHours {
  days: readonly ShortWeekday[];
  /** HH:MM, wall clock in the person's timezone. */
  start: string;
  end: string;
}

/** What a rotation without `work_hours` means: Monday to Friday, 09:00 to 18:00. */
export const DEFAULT_WORK_HOURS: WorkHours = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  start: '09:00',
  end: '18:00',
};

/** Waking hours, every day on the person's clock: 07:00 to 22:00. The rest is sleep hours. */
export const WAKING_HOURS = { start: '07:00', end: '22:00' } as const;

export interface WorkCalendar {
  hours: WorkHours;
  /** Public holidays of the rotation, YYYY-MM-DD: whole days off. */
  holidays: ReadonlySet<string>;
}

/** When a person's day is: in work hours, else awake (waking hours), else asleep (sleep hours). */
export type DayPart = 'work' | 'waking' | 'sleep';

const WEEKDAY_NUMBER: Record<ShortWeekday, number> = {
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  sun: 7,
};

/** A search for the next work hours looks this far ahead: longer than any run of days off. */
const SEARCH_DAYS = 400;

export function rotationWorkHours(rotation: Pick<RotationFile, 'work_hours'>): WorkHours {
  return rotation.work_hours ?? DEFAULT_WORK_HOURS;
}

export function workCalendar(
  rotation: Pick<RotationFile, 'work_hours'>,
  holidays: ReadonlySet<string> = new Set(),
): WorkCalendar {
  return { hours: rotationWorkHours(rotation), holidays };
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate(at: DateTime, zone: string): string {
  return at.setZone(zone).toISODate() as string;
}

/** A work day: one of the listed days and not a public holiday. */
export function isWorkDay(date: string, calendar: WorkCalendar): boolean {
  if (calendar.holidays.has(date)) return false;
  const weekday = isoWeekday(date);
  return calendar.hours.days.some((day) => WEEKDAY_NUMBER[day] === weekday);
}

/**
 * The work hours that begin on local date `date`, as instants, or undefined on a day off. A window
 * that a daylight-saving jump swallows whole (02:00 to 02:30 on a spring-forward night) is empty.
 */
export function workWindow(
  date: string,
  zone: string,
  calendar: WorkCalendar,
): { start: DateTime; end: DateTime } | undefined {
  if (!isWorkDay(date, calendar)) return undefined;
  const { start: startTime, end: endTime } = calendar.hours;
  const start = wallClock(date, startTime, zone);
  const end = wallClock(endTime > startTime ? date : addDays(date, 1), endTime, zone);
  return end > start ? { start, end } : undefined;
}

/** Is `at` inside the person's work hours? */
export function isInWorkHours(at: DateTime, zone: string, calendar: WorkCalendar): boolean {
  const today = localDate(at, zone);
  // Hours that run past midnight started yesterday.
  for (const date of [today, addDays(today, -1)]) {
    const window = workWindow(date, zone, calendar);
    if (window && window.start <= at && at < window.end) return true;
  }
  return false;
}

/**
 * The first start of the person's work hours strictly after `at`; undefined when they have none
 * (no work days listed, or every day for more than a year is a holiday).
 */
export function nextWorkHoursStart(at: DateTime, zone: string, calendar: WorkCalendar): DateTime | undefined {
  if (calendar.hours.days.length === 0) return undefined;
  const today = localDate(at, zone);
  for (let offset = 0; offset <= SEARCH_DAYS; offset += 1) {
    const window = workWindow(addDays(today, offset), zone, calendar);
    if (window && window.start > at) return window.start.setZone(zone);
  }
  return undefined;
}

/** Waking hours, 07:00 to 22:00 on the person's clock, every day of the week. */
export function isWakingHours(at: DateTime, zone: string): boolean {
  const local = at.setZone(zone);
  const minutes = local.hour * 60 + local.minute;
  return minutes >= clockMinutes(WAKING_HOURS.start) && minutes < clockMinutes(WAKING_HOURS.end);
}

/** Sleep hours, 22:00 to 07:00 on the person's clock. */
export function isSleepHours(at: DateTime, zone: string): boolean {
  return !isWakingHours(at, zone);
}

/** Work hours first (a night shift is work), then waking hours, then sleep hours. */
export function dayPart(at: DateTime, zone: string, calendar: WorkCalendar): DayPart {
  if (isInWorkHours(at, zone, calendar)) return 'work';
  return isWakingHours(at, zone) ? 'waking' : 'sleep';
}

function clockMinutes(time: string): number {
  const [hour = '0', minute = '0'] = time.split(':');
  return Number.parseInt(hour, 10) * 60 + Number.parseInt(minute, 10);
}
