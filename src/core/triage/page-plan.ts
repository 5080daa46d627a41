/**
 * Who is paged, and when. sev:1: both on-call people and the system's point-people, now, at any
 * hour. sev:2: each on-call person inside their work hours now; each one outside at the start of
 * their next work hours. Routed work (sev:3, bugs, requests): nobody.
 */
import type { DateTime } from 'luxon';
import { loginKey } from '../model/roster.js';
import type { OnCall } from '../schedule/who.js';
import { formatInstant } from '../time/wall-clock.js';
import { dayPart, nextWorkHoursStart, type WorkCalendar } from '../time/work-hours.js';
import type { PersonPage, Severity } from './decision.js';

export interface PagePlanInput {
  severity: Severity;
  routed: boolean;
  oncall: readonly OnCall[];
  pointPeople: readonly string[];
  /** The person's timezone (the rotation's when the roster does not know them). */
  zoneOf(github: string): string;
  calendar: WorkCalendar;
  now: DateTime;
}

export interface PagePlan {
  now: string[];
  later: { github: string; at: string }[];
  people: PersonPage[];
  /** sev:2 people without any work hours ahead are paged now; named here for a warning. */
  noWorkHours: string[];
}

export function planPages(input: PagePlanInput): PagePlan {
  const { now, calendar } = input;
  const people: PersonPage[] = [];
  const noWorkHours: string[] = [];
  const seen = new Set<string>();
  const add = (github: string, role: PersonPage['role'], slot?: string) => {
    if (seen.has(loginKey(github))) return;
    seen.add(loginKey(github));
    const zone = input.zoneOf(github);
    const person: PersonPage = {
      github,
      role,
      ...(slot === undefined ? {} : { slot }),
      zone,
      part: dayPart(now, zone, calendar),
      page: 'none',
    };
    if (!input.routed && input.severity === 1) person.page = 'now';
    if (!input.routed && input.severity === 2 && role === 'oncall') {
      const next = person.part === 'work' ? undefined : nextWorkHoursStart(now, zone, calendar);
      if (person.part === 'work') person.page = 'now';
      else if (next) Object.assign(person, { page: 'later', at: formatInstant(next) });
      else {
        person.page = 'now';
        noWorkHours.push(github);
      }
    }
    people.push(person);
  };
  for (const { slot, github } of input.oncall) add(github, 'oncall', slot);
  if (!input.routed && input.severity === 1)
    for (const github of input.pointPeople) add(github, 'point-people');
  return {
    now: people.filter((person) => person.page === 'now').map((person) => person.github),
    later: people.flatMap((person) =>
      person.page === 'later' && person.at ? [{ github: person.github, at: person.at }] : [],
    ),
    people,
    noWorkHours,
  };
}
