/**
 * The on-call report of a period: the schedule's fairness (shifts, weighted load, holiday shifts,
 * prorated load) and the incidents' weight on people (pages by hours class, comp time), per
 * person and as spreads; as JSON, and as Markdown for an issue, a job summary or a terminal.
 */
import { formatMinutes } from '../handoff/durations.js';
import { compTimeRuleText, formatCompTime } from '../handoff/pages.js';
import type { IncidentReport, IncidentsUnknown } from './incident-report.js';
import { pageChart } from './page-bars.js';
import type { PersonReport, ScheduleReport } from './schedule-report.js';

export interface PersonOnCallReport extends PersonReport {
  /** Pages received in the period; null when the incidents could not be read. */
  pages: number | null;
  /** Of them outside work hours (awake or asleep). */
  offHoursPages: number | null;
  pagesByHours: { work: number; offHours: number; sleep: number } | null;
  /** Suggested comp time in hours (the handoff's rule). */
  compHours: number | null;
}

export interface OnCallReport extends Omit<ScheduleReport, 'people' | 'spread'> {
  people: PersonOnCallReport[];
  spread: ScheduleReport['spread'] & { pages: number | null; offHoursPages: number | null };
  incidents: IncidentReport | IncidentsUnknown;
}

export function onCallReport(
  schedule: ScheduleReport,
  incidents: IncidentReport | IncidentsUnknown,
): OnCallReport {
  const byLogin = new Map(
    (incidents.known ? incidents.pages : []).map((person) => [person.github.toLowerCase(), person]),
  );
  const people: PersonOnCallReport[] = schedule.people.map((row) => {
    if (!incidents.known)
      return { ...row, pages: null, offHoursPages: null, pagesByHours: null, compHours: null };
    const paged = byLogin.get(row.github.toLowerCase());
    const work = paged?.work ?? 0;
    const offHours = paged?.offHours ?? 0;
    const sleep = paged?.sleep ?? 0;
    return {
      ...row,
      pages: work + offHours + sleep,
      offHoursPages: offHours + sleep,
      pagesByHours: { work, offHours, sleep },
      compHours: paged?.compHours ?? 0,
    };
  });
  // Someone paged who is not in the rotation's report (a system's point person): still listed.
  const listed = new Set(people.map((row) => row.github.toLowerCase()));
  if (incidents.known) {
    for (const paged of incidents.pages) {
      if (listed.has(paged.github.toLowerCase())) continue;
      people.push({
        github: paged.github,
        name: paged.github,
        team: '',
        shifts: 0,
        load: 0,
        holidayShifts: 0,
        firstShift: null,
        prorated: 0,
        pages: paged.work + paged.offHours + paged.sleep,
        offHoursPages: paged.offHours + paged.sleep,
        pagesByHours: { work: paged.work, offHours: paged.offHours, sleep: paged.sleep },
        compHours: paged.compHours,
      });
    }
  }
  const spreadOf = (values: Array<number | null>) => {
    const known = values.filter((value): value is number => value !== null);
    return incidents.known && known.length > 0 ? Math.max(...known) - Math.min(...known) : null;
  };
  return {
    ...schedule,
    people,
    spread: {
      ...schedule.spread,
      pages: spreadOf(people.map((row) => row.pages)),
      offHoursPages: spreadOf(people.map((row) => row.offHoursPages)),
    },
    incidents,
  };
}

export function reportMarkdown(report: OnCallReport): string {
  const known = report.incidents.known;
  const header = known
    ? '| person | team | shifts | load | holiday shifts | first shift | prorated load | pages | off-hours pages | comp time |\n' +
      '|---|---|--:|--:|--:|---|--:|--:|--:|---|'
    : '| person | team | shifts | load | holiday shifts | first shift | prorated load |\n|---|---|--:|--:|--:|---|--:|';
  const rows = report.people.map((row) => {
    const base = `| ${row.github} (${row.name}) | ${row.team} | ${row.shifts} | ${row.load} | ${row.holidayShifts} | ${row.firstShift ?? '—'} | ${row.prorated} |`;
    return known
      ? `${base} ${row.pages} | ${row.offHoursPages} | ${formatCompTime(row.compHours ?? 0)} |`
      : base;
  });
  const spread = report.spread;
  const pagesSpread = known ? `, pages ${spread.pages}, off-hours pages ${spread.offHoursPages}` : '';
  return [
    `## On-call report: ${report.rotation}, ${report.from} to ${report.to}`,
    '',
    header,
    ...rows,
    '',
    `Spread (most minus least): shifts ${spread.shifts}, load ${spread.load}, holiday shifts ${spread.holidayShifts}, prorated load ${spread.prorated}${pagesSpread}.`,
    '',
    ...incidentsMarkdown(report),
    '```mermaid',
    report.gantt,
    '```',
    '',
  ].join('\n');
}

function incidentsMarkdown(report: OnCallReport): string[] {
  const incidents = report.incidents;
  if (!incidents.known) return ['### Incidents', '', `Not included: ${incidents.why}.`, ''];
  const minutes = (value: number | null) => (value === null ? '—' : formatMinutes(value));
  const severity = incidents.bySeverity;
  const paged = report.people.filter((row) => (row.pages ?? 0) > 0);
  const totals = incidents.totals;
  return [
    '### Incidents',
    '',
    `${incidents.opened} opened (sev:1 ${severity['sev:1']}, sev:2 ${severity['sev:2']}, sev:3 ${severity['sev:3']}` +
      `${severity.unknown > 0 ? `, no severity ${severity.unknown}` : ''})` +
      `${incidents.routed > 0 ? `, ${incidents.routed} routed to a team backlog` : ''}. ` +
      `Median time to acknowledge ${minutes(incidents.medians.acknowledge)} (${incidents.acknowledged} acknowledged); ` +
      `median time to resolve ${minutes(incidents.medians.resolve)} (${incidents.resolved} resolved).`,
    '',
    `### Pages per person`,
    '',
    `${totals.pages} pages: ${totals.work} in work hours, ${totals.offHours} in off hours, ${totals.sleep} in sleep hours. ` +
      `Comp time suggested in all: ${formatCompTime(totals.compHours)}.`,
    '',
    ...(paged.length === 0
      ? ['Nobody was paged.', '']
      : [
          '```text',
          pageChart(
            paged.map((row) => ({
              label: row.github,
              ...(row.pagesByHours ?? { work: 0, offHours: 0, sleep: 0 }),
            })),
          ),
          '```',
          '',
        ]),
    compTimeRuleText(),
    '',
  ];
}
