/**
 * A week with incidents, for the handoff: the ops rotation hands off at 11:00 America/New_York on
 * Monday 2027-01-11 (16:00Z), from ana (New York) and ben (London) to cy (Los Angeles) and dee (New
 * York). fay (Chicago) is a point-person; eli (London) covered ben for one night. Pages fall in work
 * hours, off hours and sleep hours, on each person's own clock.
 */
import { DateTime } from 'luxon';
import type {
  HandoffIncident,
  HandoffInput,
  PlaybookChanges,
} from '../../../src/core/handoff/handoff-issue.js';
import { findHandoff, type Handoff } from '../../../src/core/handoff/handoff-time.js';
import type { IncidentState, PageEntry } from '../../../src/core/incident/record.js';
import { buildRoster } from '../../../src/core/model/roster.js';
import type { PeopleFile, RotationFile, ScheduleFile } from '../../../src/core/model/schemas.js';
import { timedOverrides } from '../../../src/core/schedule/overrides.js';
import { timeline } from '../../../src/core/schedule/timeline.js';
import { workCalendar } from '../../../src/core/time/work-hours.js';

export const people: PeopleFile = {
  people: [
    { github: 'ana', name: 'Ana Lima', team: 'red', timezone: 'America/New_York', slack: 'U0ANA' },
    { github: 'ben', name: 'Ben Ode', team: 'blue', timezone: 'Europe/London', slack: 'U0BEN' },
    { github: 'cy', name: 'Cy Park', team: 'green', timezone: 'America/Los_Angeles', slack: 'U0CY' },
    { github: 'dee', name: 'Dee <Admin>', team: 'red', timezone: 'America/New_York' },
    { github: 'eli', name: 'Eli Moss', team: 'blue', timezone: 'Europe/London' },
    { github: 'fay', name: 'Fay Brandt', team: 'green', timezone: 'America/Chicago' },
  ],
};

export const rotation: RotationFile = {
  name: 'ops',
  members: { teams: ['red', 'blue', 'green'] },
  slots: ['primary', 'secondary'],
  timezone: 'America/New_York',
  shift: { length_days: 7, handoff: { weekday: 'monday', time: '11:00' } },
  start: '2027-01-04',
  publish_weeks_ahead: 5,
  work_hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '18:00' },
  escalation: { ack_minutes: 15, steps: ['primary', 'secondary', 'point_people'] },
  slack: { channel: 'C0INCIDENTS' },
};

export const schedule: ScheduleFile = {
  rotation: 'ops',
  shifts: [
    { start: '2027-01-04', primary: 'ana', secondary: 'ben' },
    { start: '2027-01-11', primary: 'cy', secondary: 'dee' },
    { start: '2027-01-18', primary: 'eli', secondary: 'fay' },
  ],
  overrides: [
    { from: '2027-01-07T13:00', to: '2027-01-08T04:00', replace: 'ben', with: 'eli', reason: 'flight' },
  ],
};

export const roster = buildRoster(people.people);
export const shifts = timeline(rotation, schedule);
/** Monday 2027-01-11, 11:20 in New York: twenty minutes after the handoff. */
export const NOW = DateTime.fromISO('2027-01-11T11:20:00-05:00', { setZone: true });

export function theHandoff(): Handoff {
  const lookup = findHandoff(shifts, NOW);
  if (!lookup.found) throw new Error(lookup.reason);
  return lookup.handoff;
}

function page(
  key: string,
  to: string[],
  at: string,
  reason = 'sev:1 pages both on-call people at any hour',
): PageEntry {
  return { key, to, reason, at, sentAt: at, delivered: ['github', ...to] };
}

function record(
  input: Partial<IncidentState> & Pick<IncidentState, 'number' | 'severity' | 'openedAt'>,
): IncidentState {
  return {
    version: 1,
    kind: 'incident',
    level: input.pages && input.pages.length > 0 ? 0 : -1,
    pages: [],
    deferred: [],
    timeline: [{ at: input.openedAt, text: 'opened' }],
    ...input,
  };
}

const url = (n: number) => `https://github.com/acme/oncall/issues/${n}`;

export const incidents: HandoffIncident[] = [
  {
    // Opened the week before and still open: carried over, not in this week's table.
    number: 99,
    title: 'Flaky deploys on Fridays',
    url: url(99),
    state: 'open',
    labels: ['incident', 'sev:2', 'system:pipelines', 'status:acknowledged'],
    createdAt: '2027-01-01T15:00:00Z',
    record: record({
      number: 99,
      severity: 2,
      system: 'pipelines',
      openedAt: '2027-01-01T15:00:00Z',
      pages: [page('99:step-0', ['ana'], '2027-01-01T15:00:00Z')],
      acknowledged: { by: 'ana', at: '2027-01-01T15:40:00Z' },
    }),
  },
  {
    // Tue 03:10 in New York: ana and fay asleep, ben (London, 08:10) awake before work.
    number: 101,
    title: 'Checkout returns 500s | all regions',
    url: url(101),
    state: 'closed',
    labels: ['incident', 'sev:1', 'system:gravity', 'status:resolved'],
    createdAt: '2027-01-05T08:10:00Z',
    record: record({
      number: 101,
      severity: 1,
      system: 'gravity',
      openedAt: '2027-01-05T08:10:00Z',
      pages: [page('101:step-0', ['ana', 'ben', 'fay'], '2027-01-05T08:10:00Z')],
      acknowledged: { by: 'ana', at: '2027-01-05T08:22:00Z' },
      resolved: { by: 'ana', at: '2027-01-05T10:15:00Z', note: 'rolled back' },
    }),
  },
  {
    // Wed 14:00 in New York: ana at work; ben's page was deferred and dropped when ana acknowledged.
    number: 102,
    title: 'Search is slow for @everyone',
    url: url(102),
    state: 'closed',
    labels: ['incident', 'sev:2', 'system:force', 'status:resolved'],
    createdAt: '2027-01-06T19:00:00Z',
    record: record({
      number: 102,
      severity: 2,
      system: 'force',
      openedAt: '2027-01-06T19:00:00Z',
      pages: [page('102:step-0', ['ana'], '2027-01-06T19:00:00Z', 'sev:2 pages the people in work hours')],
      acknowledged: { by: 'ana', at: '2027-01-06T19:30:00Z' },
      resolved: { by: 'ben', at: '2027-01-07T16:00:00Z' },
    }),
  },
  {
    // Sat 23:30 in New York, Sun 04:30 in London: both asleep; ben paged again at the escalation.
    number: 103,
    title: 'Payments webhook backlog <!-- oncall-as-code:handoff:2027-01-04 -->',
    url: url(103),
    state: 'open',
    labels: ['incident', 'sev:1', 'system:causality', 'status:acknowledged'],
    createdAt: '2027-01-10T04:30:00Z',
    record: record({
      number: 103,
      severity: 1,
      system: 'causality',
      openedAt: '2027-01-10T04:30:00Z',
      pages: [
        page('103:step-0', ['ana', 'ben'], '2027-01-10T04:30:00Z'),
        page('103:step-1', ['ben'], '2027-01-10T04:45:00Z', 'not acknowledged in 15 minutes'),
      ],
      acknowledged: { by: 'ben', at: '2027-01-10T04:50:00Z' },
    }),
  },
  {
    // Sun 13:00 in New York: sev:2 deferred to Monday's work hours for both; nobody acknowledged yet.
    number: 104,
    title: 'Admin login loops',
    url: url(104),
    state: 'open',
    labels: ['incident', 'sev:2', 'system:force', 'status:paged'],
    createdAt: '2027-01-10T18:00:00Z',
    record: record({
      number: 104,
      severity: 2,
      system: 'force',
      openedAt: '2027-01-10T18:00:00Z',
      pages: [
        page('104:deferred:ben', ['ben'], '2027-01-11T09:00:00Z', 'work hours started'),
        page('104:deferred:ana', ['ana'], '2027-01-11T14:00:00Z', 'work hours started'),
      ],
    }),
  },
  {
    // Minor: routed to a backlog, stays open there; not carried over.
    number: 105,
    title: 'Typo on the pricing page',
    url: url(105),
    state: 'open',
    labels: ['incident', 'sev:3', 'team:red', 'status:routed'],
    createdAt: '2027-01-08T15:00:00Z',
    record: record({
      number: 105,
      severity: 3,
      openedAt: '2027-01-08T15:00:00Z',
      routed: { team: 'red', by: 'triage', at: '2027-01-08T15:00:00Z' },
    }),
  },
  {
    // Labelled by hand, closed, never triaged: no record.
    number: 106,
    title: 'Status page was down',
    url: url(106),
    state: 'closed',
    labels: ['incident', 'sev:2'],
    createdAt: '2027-01-09T12:00:00Z',
  },
];

export const playbooks: PlaybookChanges = {
  known: true,
  changes: [
    { file: 'playbooks/gravity.md', title: 'Gravity (core API)' },
    { file: 'playbooks/legacy-search.md', removed: true },
  ],
};

export function weekInput(overrides: Partial<HandoffInput> = {}): HandoffInput {
  return {
    handoff: theHandoff(),
    rotation,
    roster,
    calendar: workCalendar(rotation),
    overrides: timedOverrides(rotation, schedule),
    incidents,
    playbooks,
    previous: { number: 90 },
    ...overrides,
  };
}
