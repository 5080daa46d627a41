/**
 * Who is paged, and when. sev:1: both on-call people and the system's point-people, now, at any
 * hour. sev:2: each on-call person inside their work hours now; for each one outside, their slot is
 * paged at the first instant its holder is in work hours: the same person at the start of their
 * next work hours, or, when their shift ends first, the next holder at the later of the handoff and
 * the start of that person's work hours. Routed work (sev:3, bugs, requests): nobody.
 */
import type { DateTime } from 'luxon';
import { loginKey } from '../model/roster.js';
import { firstSlotPage } from '../paging/slot-page.js';
import type { TimedOverride } from '../schedule/overrides.js';
import { slotHolds } from '../schedule/slot-holds.js';
import type { TimedShift } from '../schedule/timeline.js';
import type { OnCall } from '../schedule/who.js';
import { formatInstant } from '../time/wall-clock.js';
import { dayPart, type WorkCalendar } from '../time/work-hours.js';
import type { DeferredSlotPage, PersonPage, Severity } from './decision.js';

export interface PagePlanInput {
  severity: Severity;
  routed: boolean;
  oncall: readonly OnCall[];
  pointPeople: readonly string[];
  /** The published schedule and its overrides, to know who holds a slot later. */
  shifts: readonly TimedShift[];
  overrides: readonly TimedOverride[];
  /** The person's timezone (the rotation's when the roster does not know them). */
  zoneOf(github: string): string;
  calendar: WorkCalendar;
  now: DateTime;
}

/** A page the plan sends, with when its person stops holding their slot (point-people: never). */
export interface ScheduledPage {
  github: string;
  at: DateTime;
  slot?: string;
  holdEnds?: DateTime;
}

export interface PagePlan {
  now: string[];
  later: DeferredSlotPage[];
  people: PersonPage[];
  /** Every page, now and later, for the notification plan. */
  pages: ScheduledPage[];
  /** sev:2 slots with nobody in work hours ahead in the published schedule are paged now; named here for a warning. */
  noWorkHours: string[];
}

export function planPages(input: PagePlanInput): PagePlan {
  const { now, calendar } = input;
  const people: PersonPage[] = [];
  const later: DeferredSlotPage[] = [];
  const pages: ScheduledPage[] = [];
  const noWorkHours: string[] = [];
  const seen = new Set<string>();
  const holdEnd = (slot: string, github: string): DateTime | undefined => {
    const hold = slotHolds(input.shifts, input.overrides, slot, now)[0];
    return hold && loginKey(hold.github) === loginKey(github) ? hold.to : undefined;
  };
  const person = (github: string, role: PersonPage['role'], slot?: string): PersonPage => {
    const zone = input.zoneOf(github);
    return {
      github,
      role,
      ...(slot === undefined ? {} : { slot }),
      zone,
      part: dayPart(now, zone, calendar),
      page: 'none',
    };
  };
  const pageNow = (entry: PersonPage) => {
    entry.page = 'now';
    const holdEnds = entry.slot === undefined ? undefined : holdEnd(entry.slot, entry.github);
    pages.push({
      github: entry.github,
      at: now,
      ...(entry.slot === undefined ? {} : { slot: entry.slot }),
      ...(holdEnds ? { holdEnds } : {}),
    });
  };

  for (const { slot, github } of input.oncall) {
    if (seen.has(loginKey(github))) continue;
    seen.add(loginKey(github));
    const entry = person(github, 'oncall', slot);
    people.push(entry);
    if (input.routed || input.severity === 3) continue;
    if (input.severity === 1 || entry.part === 'work') {
      pageNow(entry);
      continue;
    }
    const found = firstSlotPage(slotHolds(input.shifts, input.overrides, slot, now), input.zoneOf, calendar);
    if (!found) {
      pageNow(entry);
      noWorkHours.push(github);
      continue;
    }
    const at = formatInstant(found.at);
    later.push({ slot, github: found.github, at });
    pages.push({ github: found.github, at: found.at, slot, holdEnds: found.hold.to });
    if (loginKey(found.github) === loginKey(github)) {
      Object.assign(entry, { page: 'later', at });
    } else {
      // Their shift ends before their work hours start: the slot's next holder gets the page.
      entry.handover = { github: found.github, at };
      if (!seen.has(loginKey(found.github))) {
        seen.add(loginKey(found.github));
        people.push({ ...person(found.github, 'next-oncall', slot), page: 'later', at });
      }
    }
  }
  if (!input.routed && input.severity === 1) {
    for (const github of input.pointPeople) {
      if (seen.has(loginKey(github))) continue;
      seen.add(loginKey(github));
      const entry = person(github, 'point-people');
      people.push(entry);
      pageNow(entry);
    }
  }
  // A slot whose next holder is paged now already (for another slot) needs no second page.
  const pagedNow = new Set(pages.filter((page) => +page.at === +now).map((page) => loginKey(page.github)));
  const skip = (github: string, at: DateTime) => +at !== +now && pagedNow.has(loginKey(github));
  return {
    now: people.filter((entry) => entry.page === 'now').map((entry) => entry.github),
    later: later.filter((entry) => !pagedNow.has(loginKey(entry.github))),
    people,
    pages: pages.filter((page) => !skip(page.github, page.at)),
    noWorkHours,
  };
}
