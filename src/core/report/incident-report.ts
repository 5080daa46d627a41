/**
 * The incidents of a period in numbers: how many were opened (by severity), how fast they were
 * acknowledged and resolved (medians), and the pages per person by hours class with the
 * comp-time suggestion, counted on each person's own clock as the handoff issue counts them.
 * An incident belongs to the period it was opened in; a page to the period it was sent in, so an
 * incident opened on Sunday night and escalated on Monday counts its pages where they happened.
 */
import type { DateTime } from 'luxon';
import { median } from '../handoff/durations.js';
import type { HandoffIncident } from '../handoff/handoff-issue.js';
import { type PersonPages, tallyPages } from '../handoff/pages.js';
import { minutesBetween } from '../incident/record.js';
import { severityOfLabels } from '../labels.js';
import { findPerson, type Roster } from '../model/roster.js';
import type { RotationFile } from '../model/schemas.js';
import { isValidZone } from '../time/wall-clock.js';
import type { WorkCalendar } from '../time/work-hours.js';

export interface IncidentReport {
  known: true;
  opened: number;
  bySeverity: { 'sev:1': number; 'sev:2': number; 'sev:3': number; unknown: number };
  acknowledged: number;
  resolved: number;
  /** Routed to a team's backlog (not incidents after all). */
  routed: number;
  /** Minutes, over the incidents opened in the period that were acknowledged / resolved. */
  medians: { acknowledge: number | null; resolve: number | null };
  pages: PersonPages[];
  totals: { pages: number; work: number; offHours: number; sleep: number; compHours: number };
}

/** The incidents could not be read: said as unknown, never as "no incidents". */
export interface IncidentsUnknown {
  known: false;
  why: string;
}

export function incidentReport(input: {
  incidents: readonly HandoffIncident[];
  rotation: RotationFile;
  roster: Roster;
  calendar: WorkCalendar;
  /** [from, to) */
  from: DateTime;
  to: DateTime;
  /** Listed in the pages even without any, in this order. */
  people: readonly string[];
}): IncidentReport {
  const { from, to } = input;
  const opened = input.incidents.filter((incident) => {
    const at = Date.parse(incident.record?.openedAt ?? incident.createdAt);
    return at >= from.toMillis() && at < to.toMillis();
  });
  const bySeverity = { 'sev:1': 0, 'sev:2': 0, 'sev:3': 0, unknown: 0 };
  const acknowledgeMinutes: number[] = [];
  const resolveMinutes: number[] = [];
  let routed = 0;
  for (const incident of opened) {
    const record = incident.record;
    const severity = record?.severity ?? severityOfLabels(incident.labels);
    if (severity === 1 || severity === 2 || severity === 3) bySeverity[`sev:${severity}`] += 1;
    else bySeverity.unknown += 1;
    if (!record) continue;
    if (record.acknowledged) acknowledgeMinutes.push(minutesBetween(record.openedAt, record.acknowledged.at));
    if (record.resolved) resolveMinutes.push(minutesBetween(record.openedAt, record.resolved.at));
    if (record.routed) routed += 1;
  }
  const zoneOf = (login: string) => {
    const person = findPerson(input.roster, login);
    return person && isValidZone(person.timezone) ? person.timezone : input.rotation.timezone;
  };
  const pages = tallyPages({
    pages: input.incidents.flatMap((incident) => incident.record?.pages ?? []),
    from,
    to,
    always: input.people,
    zoneOf,
    calendar: input.calendar,
  });
  const sum = (pick: (person: PersonPages) => number) =>
    pages.reduce((total, person) => total + pick(person), 0);
  const work = sum((person) => person.work);
  const offHours = sum((person) => person.offHours);
  const sleep = sum((person) => person.sleep);
  return {
    known: true,
    opened: opened.length,
    bySeverity,
    acknowledged: acknowledgeMinutes.length,
    resolved: resolveMinutes.length,
    routed,
    medians: { acknowledge: median(acknowledgeMinutes) ?? null, resolve: median(resolveMinutes) ?? null },
    pages,
    totals: {
      pages: work + offHours + sleep,
      work,
      offHours,
      sleep,
      compHours: sum((person) => person.compHours),
    },
  };
}
