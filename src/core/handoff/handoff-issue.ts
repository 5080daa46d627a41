/**
 * The Monday handoff issue: one issue per handoff for the outgoing and the incoming people, with
 * the incidents carried over, the week's incidents with time-to-acknowledge and time-to-resolve,
 * pages per person with a comp-time suggestion, the playbooks changed that week, and the
 * checklist. Plain data in, plain data out: the handoff, the incidents and the playbook changes
 * come in; the title, body, assignees and Slack text come out.
 */

import { DateTime } from 'luxon';
import { type IncidentState, minutesBetween } from '../incident/record.js';
import { severityOfLabels } from '../labels.js';
import { findPerson, type Roster } from '../model/roster.js';
import type { RotationFile } from '../model/schemas.js';
import { escapeSlack } from '../paging/page-message.js';
import { PAGE_BAR_LEGEND, pageBar } from '../report/page-bars.js';
import type { TimedOverride } from '../schedule/overrides.js';
import type { TimedShift } from '../schedule/timeline.js';
import { inertMarkdown } from '../text/inert.js';
import { isValidZone } from '../time/wall-clock.js';
import { rotationWorkHours, type WorkCalendar } from '../time/work-hours.js';
import { HANDOFF_CHECKLIST } from './checklist.js';
import { formatMinutes, median } from './durations.js';
import type { Handoff } from './handoff-time.js';
import { compTimeRuleText, formatCompTime, type PersonPages, tallyPages } from './pages.js';

/** An issue labelled `incident`, with the state read back from its record comment. */
export interface HandoffIncident {
  number: number;
  title: string;
  url: string;
  state: 'open' | 'closed';
  labels: readonly string[];
  /** The issue's created_at: when it was opened if it has no record. */
  createdAt: string;
  /** Absent when the issue has no record comment (or a damaged one). */
  record?: IncidentState;
}

export interface PlaybookChange {
  /** Path in the repository, e.g. playbooks/gravity.md. */
  file: string;
  /** The playbook's title now; absent when the file is gone or has no front matter. */
  title?: string;
  removed?: boolean;
}

export type PlaybookChanges =
  | { known: true; changes: readonly PlaybookChange[] }
  /** The history could not be read (no git, a shallow checkout): said as "unknown", never "none". */
  | { known: false; why: string };

export interface HandoffInput {
  handoff: Handoff;
  rotation: RotationFile;
  roster: Roster;
  calendar: WorkCalendar;
  overrides: readonly TimedOverride[];
  incidents: readonly HandoffIncident[];
  playbooks: PlaybookChanges;
  /** The handoff issue before this one, for a link. */
  previous?: { number: number };
  /** The repository has other rotations: the title names this one. */
  severalRotations?: boolean;
}

export interface IncidentLine {
  number: number;
  title: string;
  url: string;
  severity?: number;
  system?: string;
  openedAt: string;
  /** Markdown, safe to show: only the routed team comes from people, and it is escaped. */
  status: string;
  acknowledged?: { by: string; minutes: number };
  resolvedMinutes?: number;
}

export interface HandoffIssue {
  date: string;
  marker: string;
  title: string;
  body: string;
  /** Outgoing then incoming people, each once (GitHub takes at most 10). */
  assignees: string[];
  outgoing: string[];
  incoming: string[];
  carriedOver: IncidentLine[];
  week: IncidentLine[];
  medians: { acknowledge?: number; resolve?: number };
  pages: PersonPages[];
}

export const HANDOFF_LABEL = 'handoff';
const MARKER_PREFIX = '<!-- oncall-as-code:handoff:';
const MARKER_SUFFIX = ' -->';
const MAX_ASSIGNEES = 10;

/**
 * The hidden marker of a rotation's handoff issue of a date: `handoff:ROTATION:DATE`. The rotation
 * is in it so that two rotations handing off on the same day keep an issue each.
 */
export function handoffMarker(rotation: string, date: string): string {
  return `${MARKER_PREFIX}${rotation}:${date}${MARKER_SUFFIX}`;
}

/**
 * The handoff date of a body the bot wrote for `rotation`; undefined for any other body. A marker
 * without a rotation (written before rotations were named in it) counts as the rotation's.
 */
export function handoffDateOf(body: string | null | undefined, rotation: string): string | undefined {
  const match = /<!-- oncall-as-code:handoff:(?:([a-z0-9][a-z0-9-]*):)?(\d{4}-\d{2}-\d{2}) -->/.exec(
    body ?? '',
  );
  if (!match) return undefined;
  return match[1] === undefined || match[1] === rotation ? match[2] : undefined;
}

/** "On-call handoff: week of DATE"; with several rotations, the rotation's name after it. */
export function handoffTitle(date: string, rotation?: string): string {
  return `On-call handoff: week of ${date}${rotation ? ` (${rotation})` : ''}`;
}

export function buildHandoffIssue(input: HandoffInput): HandoffIssue {
  const { handoff, roster } = input;
  const zone = input.rotation.timezone;
  const outgoingShift = handoff.outgoing;
  const outgoing = outgoingShift ? peopleOf(outgoingShift, input.overrides) : [];
  const incoming = peopleOf(handoff.incoming, input.overrides);
  const assignees = unique([...outgoing, ...incoming]).slice(0, MAX_ASSIGNEES);

  const lines = input.incidents.map(incidentLine).sort((a, b) => a.number - b.number);
  const byNumber = new Map(input.incidents.map((incident) => [incident.number, incident]));
  const carriedOver = lines.filter((line) => {
    const incident = byNumber.get(line.number) as HandoffIncident;
    return incident.state === 'open' && !incident.record?.resolved && !incident.record?.routed;
  });
  const week = outgoingShift
    ? lines.filter((line) => {
        const opened = DateTime.fromISO(line.openedAt);
        return opened >= outgoingShift.startsAt && opened < outgoingShift.endsAt;
      })
    : [];
  const medians = {
    acknowledge: median(week.flatMap((line) => (line.acknowledged ? [line.acknowledged.minutes] : []))),
    resolve: median(
      week.flatMap((line) => (line.resolvedMinutes === undefined ? [] : [line.resolvedMinutes])),
    ),
  };
  const zoneOf = (login: string) => {
    const person = findPerson(roster, login);
    return person && isValidZone(person.timezone) ? person.timezone : zone;
  };
  const pages = outgoingShift
    ? tallyPages({
        pages: input.incidents.flatMap((incident) => incident.record?.pages ?? []),
        from: outgoingShift.startsAt,
        to: outgoingShift.endsAt,
        always: outgoing,
        zoneOf,
        calendar: input.calendar,
      })
    : [];

  const issue: Omit<HandoffIssue, 'body'> = {
    date: handoff.date,
    marker: handoffMarker(input.rotation.name, handoff.date),
    title: handoffTitle(handoff.date, input.severalRotations ? input.rotation.name : undefined),
    assignees,
    outgoing,
    incoming,
    carriedOver,
    week,
    medians,
    pages,
  };
  return { ...issue, body: renderBody(issue, input) };
}

/** How the body reads: times on the rotation's clock, people by name and login. */
interface Render {
  local: (at: string | DateTime) => string;
  who: (login: string) => string;
}

function renderBody(issue: Omit<HandoffIssue, 'body'>, input: HandoffInput): string {
  const zone = input.rotation.timezone;
  const render: Render = {
    local: (at) =>
      (typeof at === 'string' ? DateTime.fromISO(at) : at)
        .setZone(zone)
        .setLocale('en')
        .toFormat('EEE yyyy-MM-dd HH:mm'),
    who: (login) => {
      const person = findPerson(input.roster, login);
      return person ? `${cell(person.name)} (@${login})` : `@${login}`;
    },
  };
  const outgoing = input.handoff.outgoing;
  const weekly = (title: string, section: (shift: TimedShift) => string[]) => [
    `### ${title}`,
    '',
    ...(outgoing ? section(outgoing) : ['No outgoing week.']),
    '',
  ];
  return [
    ...peopleSection(issue, input, render),
    ...carriedOverSection(issue, input.handoff, render),
    ...weekly("This week's incidents", (shift) => weekSection(issue, shift, render)),
    ...weekly('Pages per person', () => pagesSection(issue, input.rotation)),
    ...weekly('Playbooks changed this week', () => playbooksSection(input.playbooks)),
    '### Checklist',
    '',
    ...HANDOFF_CHECKLIST.map((item) => `- [ ] ${item}`),
    '',
    '<sub>Written by oncall-as-code at the handoff. A later run updates this text and keeps the ticked boxes; ' +
      'add notes as comments. The next handoff closes this issue once every box is ticked.</sub>',
  ].join('\n');
}

function peopleSection(issue: Omit<HandoffIssue, 'body'>, input: HandoffInput, render: Render): string[] {
  const { handoff, overrides } = input;
  const outgoing = handoff.outgoing;
  const lines = [
    issue.marker,
    `## ${issue.title}`,
    '',
    `Handoff at ${render.local(handoff.at)} (${input.rotation.timezone}), after standup. The previous and the ` +
      'current on-call people resolve the outstanding items together so the week begins fresh.' +
      (input.previous ? ` Previous handoff: #${input.previous.number}.` : ''),
    '',
    '| | shift | on call |',
    '|---|---|---|',
    outgoing
      ? `| outgoing | ${span(outgoing, render)} | ${issue.outgoing.map(render.who).join(', ')} |`
      : '| outgoing | — | nobody: this is the rotation’s first shift |',
    `| incoming | ${span(handoff.incoming, render)} | ${issue.incoming.map(render.who).join(', ')} |`,
    '',
  ];
  const covers = unique(
    [...(outgoing ? overridesIn(outgoing, overrides) : []), ...overridesIn(handoff.incoming, overrides)].map(
      (cover) =>
        `@${cover.with} for @${cover.replace} ${render.local(cover.from)} → ${render.local(cover.to)}` +
        (cover.reason ? ` (${cell(cover.reason)})` : ''),
    ),
  );
  if (covers.length > 0) lines.push(`Covers (overrides): ${covers.join('; ')}.`, '');
  return lines;
}

function carriedOverSection(issue: Omit<HandoffIssue, 'body'>, handoff: Handoff, render: Render): string[] {
  const lines = ['### Incidents still open (carried over)', ''];
  if (issue.carriedOver.length === 0) return [...lines, 'None: the week begins fresh.', ''];
  return [
    ...lines,
    '| incident | sev | system | opened | open for | status |',
    '|---|---|---|---|---|---|',
    ...issue.carriedOver.map((line) => {
      const age = handoff.at.diff(DateTime.fromISO(line.openedAt), 'minutes').minutes;
      return `| ${link(line)} | ${line.severity ?? '—'} | ${line.system ? cell(line.system) : '—'} | ${render.local(line.openedAt)} | ${formatMinutes(age)} | ${line.status} |`;
    }),
    '',
  ];
}

function weekSection(issue: Omit<HandoffIssue, 'body'>, shift: TimedShift, render: Render): string[] {
  const { week, medians } = issue;
  const window = `from ${render.local(shift.startsAt)} to ${render.local(shift.endsAt)}`;
  if (week.length === 0) return [`None opened ${window}.`];
  const acknowledged = week.filter((line) => line.acknowledged).length;
  const resolved = week.filter((line) => line.resolvedMinutes !== undefined).length;
  const minutes = (value: number | undefined) => (value === undefined ? '—' : formatMinutes(value));
  return [
    `${count(week.length, 'incident')} opened ${window}.`,
    '',
    '| incident | sev | system | opened | time to acknowledge | time to resolve | status |',
    '|---|---|---|---|---|---|---|',
    ...week.map((line) => {
      const tta = line.acknowledged
        ? `${formatMinutes(line.acknowledged.minutes)} (@${line.acknowledged.by})`
        : '—';
      return `| ${link(line)} | ${line.severity ?? '—'} | ${line.system ? cell(line.system) : '—'} | ${render.local(line.openedAt)} | ${tta} | ${minutes(line.resolvedMinutes)} | ${line.status} |`;
    }),
    '',
    `Median time to acknowledge: ${minutes(medians.acknowledge)} (${acknowledged} of ${week.length} acknowledged). ` +
      `Median time to resolve: ${minutes(medians.resolve)} (${resolved} of ${week.length} resolved).`,
  ];
}

function pagesSection(issue: Omit<HandoffIssue, 'body'>, rotation: RotationFile): string[] {
  const hours = rotationWorkHours(rotation);
  const holidays = rotation.holidays ? `, ${rotation.holidays} public holidays off` : '';
  return [
    'Each page counted on the paged person’s own clock: work hours ' +
      `(${weekdays(hours.days)} ${hours.start}–${hours.end}${holidays}), ` +
      'off hours (awake, 07:00–22:00 outside work hours) and sleep hours (22:00–07:00).',
    '',
    '| person | timezone | pages | work hours | off hours | sleep hours | comp time suggested |',
    '|---|---|---|---|---|---|---|',
    ...issue.pages.map((person) => {
      const nights = person.nights.length > 0 ? ` (${count(person.nights.length, 'night')})` : '';
      const bar = pageBar(person) || '—';
      return `| @${person.github} | ${person.zone} | ${bar} | ${person.work} | ${person.offHours} | ${person.sleep}${nights} | ${formatCompTime(person.compHours)} |`;
    }),
    '',
    `<sub>${PAGE_BAR_LEGEND}</sub>`,
    '',
    compTimeRuleText(),
  ];
}

function playbooksSection(playbooks: PlaybookChanges): string[] {
  if (!playbooks.known) return [`Unknown: ${cell(playbooks.why)}.`];
  if (playbooks.changes.length === 0) return ['None.'];
  return playbooks.changes.map(
    (change) =>
      `- \`${change.file}\`${change.removed ? ' (removed)' : change.title ? ` — ${cell(change.title)}` : ''}`,
  );
}

/** The short Slack message: the issue link, who hands off to whom, and the week in numbers. */
export function handoffSlackText(
  issue: HandoffIssue,
  posted: { number: number; url: string },
  roster: Roster,
): string {
  const name = (login: string) => {
    const person = findPerson(roster, login);
    if (person?.slack) return `<@${person.slack}>`;
    return escapeSlack(person?.name ?? login);
  };
  const offHours = issue.pages.reduce((sum, person) => sum + person.offHours + person.sleep, 0);
  const sleep = issue.pages.reduce((sum, person) => sum + person.sleep, 0);
  const lines = [
    `:handshake: *${escapeSlack(issue.title)}*: <${posted.url}|issue #${posted.number}>`,
    `Outgoing: ${issue.outgoing.map(name).join(', ') || 'nobody'} → incoming: ${issue.incoming.map(name).join(', ')}`,
    `Last week: ${count(issue.week.length, 'incident')}, ${issue.carriedOver.length} still open; ` +
      `${count(offHours, 'page')} outside work hours, ${sleep} of them in sleep hours.`,
    'Tick the checklist in the issue once the handoff is done.',
  ];
  return lines.join('\n');
}

function incidentLine(incident: HandoffIncident): IncidentLine {
  const record = incident.record;
  const openedAt = record?.openedAt ?? incident.createdAt;
  const severity = record?.severity ?? severityOfLabels(incident.labels);
  const system = record?.system ?? incident.labels.find((label) => label.startsWith('system:'))?.slice(7);
  return {
    number: incident.number,
    title: incident.title,
    url: incident.url,
    ...(severity === undefined ? {} : { severity }),
    ...(system ? { system } : {}),
    openedAt,
    status: statusOf(incident),
    ...(record?.acknowledged
      ? {
          acknowledged: {
            by: record.acknowledged.by,
            minutes: minutesBetween(openedAt, record.acknowledged.at),
          },
        }
      : {}),
    ...(record?.resolved ? { resolvedMinutes: minutesBetween(openedAt, record.resolved.at) } : {}),
  };
}

function statusOf(incident: HandoffIncident): string {
  const record = incident.record;
  if (!record)
    return incident.state === 'closed' ? 'closed (no incident record)' : 'open (no incident record)';
  if (record.resolved) return 'resolved';
  if (record.routed) return `routed to ${cell(record.routed.team)}`;
  if (incident.state === 'closed') return 'closed';
  if (record.acknowledged) return `acknowledged by @${record.acknowledged.by}`;
  if (record.pages.length > 0) return 'paged, waiting for /ack';
  if (record.deferred.length > 0) return 'page deferred to work hours';
  return 'open';
}

/** The people of a shift in slot order, then whoever covered part of it. */
function peopleOf(shift: TimedShift, overrides: readonly TimedOverride[]): string[] {
  return unique([
    ...shift.assignments.map((assignment) => assignment.github),
    ...overridesIn(shift, overrides).map((cover) => cover.with),
  ]);
}

function overridesIn(shift: TimedShift, overrides: readonly TimedOverride[]): TimedOverride[] {
  const scheduled = new Set(shift.assignments.map((assignment) => assignment.github.toLowerCase()));
  return overrides.filter(
    (cover) =>
      cover.from < shift.endsAt && cover.to > shift.startsAt && scheduled.has(cover.replace.toLowerCase()),
  );
}

function span(shift: TimedShift, render: Render): string {
  return `${render.local(shift.startsAt)} → ${render.local(shift.endsAt)}`;
}

function link(line: IncidentLine): string {
  return `[#${line.number}](${line.url}) ${cell(line.title)}`;
}

/**
 * Text from people inside a Markdown table cell: one line, `|` escaped, HTML inert (so no title can
 * close the hidden marker), and @mentions, #references, links and images broken so listing a title
 * pings nobody and links nowhere (the shared inertMarkdown).
 */
export function cell(text: string): string {
  return inertMarkdown(text);
}

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** [mon, tue, wed, thu, fri] → "Mon–Fri"; [mon, wed] → "Mon, Wed". */
function weekdays(days: readonly string[]): string {
  const positions = WEEK.flatMap((day, index) => (days.includes(day) ? [index] : []));
  const name = (index: number) =>
    `${(WEEK[index] as string)[0]?.toUpperCase()}${(WEEK[index] as string).slice(1)}`;
  const first = positions[0];
  const last = positions.at(-1);
  if (first === undefined || last === undefined) return 'no days';
  if (positions.length >= 3 && last - first === positions.length - 1) return `${name(first)}–${name(last)}`;
  return positions.map(name).join(', ');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
