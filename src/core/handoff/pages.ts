/**
 * Pages per person over a week, each counted on the paged person's own clock: in work hours, in
 * off hours (awake: 07:00–22:00 outside work hours, weekends and holidays included) or in sleep
 * hours (22:00–07:00). From them, a comp-time suggestion for the off-hours work.
 *
 * The comp-time rule (also in docs/handoff.md and in every handoff issue):
 * - half a day (4 hours) for each night with at least one page in sleep hours; a night runs from
 *   22:00 to 07:00 and is named by the evening it starts on, so three pages in one night are one
 *   night;
 * - one hour for each page in off hours (awake, outside work hours);
 * - nothing for pages in work hours.
 * It is a suggestion for the person and their lead, not a ledger.
 */
import { DateTime } from 'luxon';
import { addDays } from '../time/wall-clock.js';
import { dayPart, type WorkCalendar } from '../time/work-hours.js';

export const COMP_TIME_RULE = {
  /** Hours of comp time per night with a page in sleep hours (half a day). */
  perNightHours: 4,
  /** Hours of comp time per page in off hours (awake, outside work hours). */
  perOffHoursPageHours: 1,
  /** Hours in a day off, for showing the suggestion in days. */
  dayHours: 8,
} as const;

export interface PageEvent {
  to: readonly string[];
  /** When the page went out (ISO 8601). */
  at: string;
}

export interface PersonPages {
  github: string;
  /** The zone the pages were read in: the person's, or the rotation's when the roster has none. */
  zone: string;
  work: number;
  offHours: number;
  sleep: number;
  /** Nights (YYYY-MM-DD of the evening) with at least one page in sleep hours. */
  nights: string[];
  compHours: number;
}

export function tallyPages(input: {
  pages: readonly PageEvent[];
  /** [from, to): the outgoing week. */
  from: DateTime;
  to: DateTime;
  /** People listed even without pages (the outgoing pair), in this order, first. */
  always: readonly string[];
  zoneOf: (login: string) => string;
  calendar: WorkCalendar;
}): PersonPages[] {
  const byLogin = new Map<string, PersonPages & { nightSet: Set<string> }>();
  const entry = (login: string) => {
    const key = login.toLowerCase();
    let found = byLogin.get(key);
    if (!found) {
      found = {
        github: login,
        zone: input.zoneOf(login),
        work: 0,
        offHours: 0,
        sleep: 0,
        nights: [],
        compHours: 0,
        nightSet: new Set(),
      };
      byLogin.set(key, found);
    }
    return found;
  };
  for (const login of input.always) entry(login);
  for (const page of input.pages) {
    const at = DateTime.fromISO(page.at, { setZone: true });
    if (!at.isValid || at < input.from || at >= input.to) continue;
    for (const login of new Set(page.to)) {
      const person = entry(login);
      const part = dayPart(at, person.zone, input.calendar);
      if (part === 'work') person.work += 1;
      else if (part === 'waking') person.offHours += 1;
      else {
        person.sleep += 1;
        person.nightSet.add(nightOf(at, person.zone));
      }
    }
  }
  const always = new Set(input.always.map((login) => login.toLowerCase()));
  return [...byLogin.values()]
    .map(({ nightSet, ...person }) => {
      const nights = [...nightSet].sort();
      return { ...person, nights, compHours: compTimeHours(person.offHours, nights.length) };
    })
    .sort((a, b) => {
      const aFirst = always.has(a.github.toLowerCase());
      const bFirst = always.has(b.github.toLowerCase());
      if (aFirst !== bFirst) return aFirst ? -1 : 1;
      if (aFirst) return 0; // the outgoing pair keeps its slot order
      return a.github.localeCompare(b.github);
    });
}

/** The night an instant in sleep hours belongs to, named by the evening it starts on. */
export function nightOf(at: DateTime, zone: string): string {
  const local = at.setZone(zone);
  const date = local.toISODate() as string;
  return local.hour < 12 ? addDays(date, -1) : date;
}

export function compTimeHours(offHoursPages: number, nights: number): number {
  return offHoursPages * COMP_TIME_RULE.perOffHoursPageHours + nights * COMP_TIME_RULE.perNightHours;
}

/** 0 → "none", 1 → "1 h", 4 → "½ day", 5 → "½ day + 1 h", 8 → "1 day", 13 → "1½ days + 1 h". */
export function formatCompTime(hours: number): string {
  if (hours <= 0) return 'none';
  const halfDay = COMP_TIME_RULE.dayHours / 2;
  const halves = Math.floor(hours / halfDay);
  const rest = hours - halves * halfDay;
  const whole = Math.floor(halves / 2);
  const half = halves % 2 === 1;
  let days = '';
  if (halves > 0) {
    const amount = `${whole > 0 ? whole : ''}${half ? '½' : ''}`;
    days = `${amount} ${halves === 2 ? 'day' : halves === 1 ? 'day' : 'days'}`;
  }
  const extra = rest > 0 ? `${rest} h` : '';
  return [days, extra].filter(Boolean).join(' + ');
}

/** The rule in one paragraph, for the issue body. */
export function compTimeRuleText(): string {
  const { perNightHours, perOffHoursPageHours, dayHours } = COMP_TIME_RULE;
  return (
    `Comp time suggested: half a day (${perNightHours} h) for each night with a page in sleep hours ` +
    `(22:00–07:00; several pages in one night count once), plus ${perOffHoursPageHours} h for each page in ` +
    `off hours (awake, outside work hours); nothing for pages in work hours. A day is ${dayHours} h. ` +
    'It is a suggestion to agree with your lead, not a ledger.'
  );
}
