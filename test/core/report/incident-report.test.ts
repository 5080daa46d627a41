/**
 * The incidents of a period in numbers: opened by severity, median time to acknowledge and to
 * resolve, pages per person by hours class on each person's own clock (across a DST change), and
 * the comp-time totals; and the text bar chart that shows them.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { HandoffIncident } from '../../../src/core/handoff/handoff-issue.js';
import type { IncidentState } from '../../../src/core/incident/record.js';
import { buildRoster } from '../../../src/core/model/roster.js';
import type { RotationFile } from '../../../src/core/model/schemas.js';
import { incidentReport } from '../../../src/core/report/incident-report.js';
import { onCallReport, reportMarkdown } from '../../../src/core/report/on-call-report.js';
import { pageBar, pageChart } from '../../../src/core/report/page-bars.js';
import type { ScheduleReport } from '../../../src/core/report/schedule-report.js';
import { workCalendar } from '../../../src/core/time/work-hours.js';

const ZONE = 'America/New_York';
const rotation = {
  name: 'ops',
  timezone: ZONE,
  start: '2027-03-01',
  slots: ['primary', 'secondary'],
  shift: { length_days: 7, handoff: { weekday: 'mon', time: '11:00' } },
  members: ['ana', 'ben'],
} as unknown as RotationFile;
const roster = buildRoster([
  { github: 'ana', name: 'Ana', team: 'red', timezone: 'America/New_York' },
  { github: 'ben', name: 'Ben', team: 'blue', timezone: 'Europe/London' },
] as never);
const calendar = workCalendar(rotation);
// US clocks spring forward on 2027-03-14; London's on 2027-03-28.
const from = DateTime.fromISO('2027-03-08', { zone: ZONE });
const to = DateTime.fromISO('2027-03-22', { zone: ZONE });

function incident(
  number: number,
  state: Partial<IncidentState> & Pick<IncidentState, 'openedAt'>,
): HandoffIncident {
  return {
    number,
    title: `incident ${number}`,
    url: `https://github.com/acme/oncall/issues/${number}`,
    state: state.resolved ? 'closed' : 'open',
    labels: ['incident'],
    createdAt: state.openedAt,
    record: {
      version: 1,
      number,
      kind: 'incident',
      severity: 2,
      level: 0,
      pages: [],
      deferred: [],
      timeline: [],
      ...state,
    },
  };
}

function report(incidents: HandoffIncident[]) {
  return incidentReport({ incidents, rotation, roster, calendar, from, to, people: ['ana', 'ben'] });
}

describe('incidentReport', () => {
  it('counts the incidents opened in [from, to) by severity, with median TTA and TTR', () => {
    const result = report([
      // Before the period: not counted, even though it was resolved inside it.
      incident(1, {
        openedAt: '2027-03-07T23:00:00-05:00',
        resolved: { by: 'ana', at: '2027-03-08T02:00:00-05:00' },
      }),
      incident(2, {
        openedAt: '2027-03-09T10:00:00-05:00',
        severity: 1,
        acknowledged: { by: 'ana', at: '2027-03-09T10:04:00-05:00' },
        resolved: { by: 'ana', at: '2027-03-09T11:00:00-05:00' },
      }),
      incident(3, {
        openedAt: '2027-03-15T10:00:00-04:00',
        acknowledged: { by: 'ben', at: '2027-03-15T10:10:00-04:00' },
        resolved: { by: 'ben', at: '2027-03-15T13:00:00-04:00' },
      }),
      incident(4, {
        openedAt: '2027-03-16T10:00:00-04:00',
        severity: 3,
        routed: { team: 'red', by: 'ana', at: '2027-03-16T10:05:00-04:00' },
      }),
      // The last minute of the period counts; the first minute after does not.
      incident(5, { openedAt: '2027-03-21T23:59:00-04:00' }),
      incident(6, { openedAt: '2027-03-22T00:00:00-04:00' }),
    ]);
    expect(result.opened).toBe(4);
    expect(result.bySeverity).toEqual({ 'sev:1': 1, 'sev:2': 2, 'sev:3': 1, unknown: 0 });
    expect(result.acknowledged).toBe(2);
    expect(result.resolved).toBe(2);
    expect(result.routed).toBe(1);
    // TTA 4 and 10 → 7; TTR 60 and 180 → 120.
    expect(result.medians).toEqual({ acknowledge: 7, resolve: 120 });
  });

  it('takes the severity from the labels when an incident has no record', () => {
    const bare: HandoffIncident = {
      number: 9,
      title: 'no record',
      url: 'u',
      state: 'open',
      labels: ['incident', 'sev:1'],
      createdAt: '2027-03-10T15:00:00Z',
    };
    const result = report([bare]);
    expect(result.opened).toBe(1);
    expect(result.bySeverity['sev:1']).toBe(1);
    expect(result.medians).toEqual({ acknowledge: null, resolve: null });
  });

  it('classes each page on the paged person’s own clock, across the US DST change, and suggests comp time', () => {
    const result = report([
      incident(2, {
        openedAt: '2027-03-09T03:00:00-05:00',
        pages: [
          // 03:00 in New York (sleep for ana), 08:00 in London (awake, before work for ben).
          { key: '2:step-0', to: ['ana', 'ben'], reason: 'sev:1', at: '2027-03-09T08:00:00Z' },
          // Same night for ana (03:20): one night, not two.
          { key: '2:step-1', to: ['ana'], reason: 'escalation', at: '2027-03-09T08:20:00Z' },
        ],
      }),
      incident(3, {
        openedAt: '2027-03-15T10:00:00-04:00',
        pages: [
          // After the US change: 10:00 EDT is 14:00Z; in London (still GMT) 14:00, work hours for both.
          { key: '3:step-0', to: ['ana', 'ben'], reason: 'sev:2', at: '2027-03-15T14:00:00Z' },
          // 21:30 EDT on Tuesday: ana awake off hours; ben (01:30 in London) asleep.
          { key: '3:step-1', to: ['ana', 'ben'], reason: 'escalation', at: '2027-03-17T01:30:00Z' },
        ],
      }),
      // Outside the period: not counted.
      incident(6, {
        openedAt: '2027-03-22T09:00:00-04:00',
        pages: [{ key: '6:step-0', to: ['ana'], reason: 'x', at: '2027-03-22T13:00:00Z' }],
      }),
    ]);
    const ana = result.pages.find((person) => person.github === 'ana');
    const ben = result.pages.find((person) => person.github === 'ben');
    expect(ana).toMatchObject({
      zone: 'America/New_York',
      work: 1,
      offHours: 1,
      sleep: 2,
      nights: ['2027-03-08'],
    });
    expect(ben).toMatchObject({
      zone: 'Europe/London',
      work: 1,
      offHours: 1,
      sleep: 1,
      nights: ['2027-03-16'],
    });
    // One night (4 h) + one off-hours page (1 h) each.
    expect(ana?.compHours).toBe(5);
    expect(ben?.compHours).toBe(5);
    expect(result.totals).toEqual({ pages: 7, work: 2, offHours: 2, sleep: 3, compHours: 10 });
  });
});

describe('onCallReport and its Markdown', () => {
  const schedule: ScheduleReport = {
    rotation: 'ops',
    from: '2027-03-08',
    to: '2027-03-21',
    people: [
      {
        github: 'ana',
        name: 'Ana',
        team: 'red',
        shifts: 1,
        load: 1,
        holidayShifts: 0,
        firstShift: '2027-03-01',
        prorated: 1,
      },
      {
        github: 'ben',
        name: 'Ben',
        team: 'blue',
        shifts: 1,
        load: 1,
        holidayShifts: 0,
        firstShift: '2027-03-01',
        prorated: 1,
      },
    ],
    spread: { shifts: 0, load: 0, holidayShifts: 0, prorated: 0 },
    gantt: 'gantt',
  };

  it('adds pages, off-hours pages and comp time per person, lists a paged point person, and spreads them', () => {
    const incidents = report([
      incident(2, {
        openedAt: '2027-03-09T03:00:00-05:00',
        pages: [{ key: '2:step-0', to: ['ana', 'fay'], reason: 'sev:1', at: '2027-03-09T08:00:00Z' }],
      }),
    ]);
    const full = onCallReport(schedule, incidents);
    expect(full.people.map((row) => [row.github, row.pages, row.offHoursPages, row.compHours])).toEqual([
      ['ana', 1, 1, 4],
      ['ben', 0, 0, 0],
      ['fay', 1, 1, 4],
    ]);
    expect(full.spread).toMatchObject({ pages: 1, offHoursPages: 1 });
    const text = reportMarkdown(full);
    expect(text).toContain('| pages | off-hours pages | comp time |');
    expect(text).toMatch(/^\| ana \(Ana\) \| red \| 1 \| 1 \| 0 \| 2027-03-01 \| 1 \| 1 \| 1 \| ½ day \|$/m);
    expect(text).toContain(
      '1 opened (sev:1 0, sev:2 1, sev:3 0). Median time to acknowledge — (0 acknowledged)',
    );
    expect(text).toMatch(/```text\nana {2}░ {2}1\nfay {2}░ {2}1\n█ work hours/);
    expect(text).toContain('Comp time suggested in all: 1 day.');
  });

  it('says the incidents are unknown, never none, when they could not be read', () => {
    const full = onCallReport(schedule, { known: false, why: 'GitHub answered 502' });
    expect(full.people.every((row) => row.pages === null && row.compHours === null)).toBe(true);
    expect(full.spread).toMatchObject({ pages: null, offHoursPages: null });
    const text = reportMarkdown(full);
    expect(text).toContain('Not included: GitHub answered 502.');
    expect(text).not.toContain('| pages |');
    expect(text).not.toContain('Nobody was paged');
  });
});

describe('page bars', () => {
  it('one character per page, by hours class', () => {
    expect(pageBar({ work: 3, offHours: 1, sleep: 2 })).toBe('███▒░░');
    expect(pageBar({ work: 0, offHours: 0, sleep: 0 })).toBe('');
  });

  it('scales a long bar down, keeping every class that has a page, and marks it', () => {
    const bar = pageBar({ work: 100, offHours: 1, sleep: 20 }, 10);
    expect(bar.endsWith('…')).toBe(true);
    expect(bar).toContain('▒');
    expect(bar.length).toBeLessThanOrEqual(13);
  });

  it('aligns labels and totals, with a legend', () => {
    expect(
      pageChart([
        { label: 'ana', work: 2, offHours: 0, sleep: 1 },
        { label: 'benedict', work: 0, offHours: 1, sleep: 0 },
      ]),
    ).toBe(
      [
        'ana       ██░  3',
        'benedict  ▒    1',
        '█ work hours · ▒ off hours (awake) · ░ sleep hours (22:00–07:00)',
      ].join('\n'),
    );
  });
});
