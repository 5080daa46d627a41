/**
 * The status page: one static, self-contained HTML document (inline style, no script, nothing
 * fetched) that says who is on call now and next in each rotation, the published schedule ahead,
 * the open incidents at build time, the fairness of the last year, and where to subscribe to the
 * calendars. Plain data in, a string out; the build's instant is an argument.
 *
 * Accessibility is part of the output: one h1 and headings in order; header, nav, main and footer
 * landmarks; tables with a caption and scoped header cells; every time a <time datetime> in its
 * rotation's named zone; meaning never carried by colour alone ("now" is written, not only tinted).
 * Every text from the repository or from GitHub is escaped by the `html` template.
 */
import { DateTime } from 'luxon';
import { findPerson, type Roster } from '../model/roster.js';
import type { PersonReport } from '../report/schedule-report.js';
import type { TimedOverride } from '../schedule/overrides.js';
import type { TimedShift } from '../schedule/timeline.js';
import { type Content, type Html, html, safeHref, trusted } from './html.js';
import type { IncidentsAtBuild, OpenIncident } from './incidents.js';
import type { RotationStatus } from './rotation-status.js';
import { STATUS_PAGE_CSS } from './styles.js';

/** One person's line of the fairness table: a row of the fairness report. */
export type FairnessRow = PersonReport;

export interface FairnessTable {
  /** Start dates of the first and last shift counted. */
  from: string;
  to: string;
  people: readonly FairnessRow[];
  spread: { shifts: number; load: number; holidayShifts: number; prorated: number };
}

export interface StatusRotation {
  name: string;
  timezone: string;
  slots: readonly string[];
  lengthDays: number;
  handoff: { weekday: string; time: string };
  status: RotationStatus;
  /** Absent when nothing is published yet. */
  fairness?: FairnessTable;
  /** The rotation's calendar feed, relative to the site's root: `calendars/engineering.ics`. */
  feed: string;
}

export interface StatusPageInput {
  builtAt: DateTime;
  /** The zone of the build time and the incidents' times: the rotations' own when they share one. */
  zone: string;
  /** "acme/oncall" and its page on GitHub, for the title and links; absent when not known. */
  repository?: { name: string; url: string };
  /** GitHub's address (https://github.com), for links to people's profiles; none when absent. */
  serverUrl?: string;
  roster: Roster;
  rotations: readonly StatusRotation[];
  incidents: IncidentsAtBuild;
  calendars: {
    /** The site's absolute https address, for webcal:// links and URLs to copy; absent when not known. */
    siteUrl?: string;
    /** Each person's feed, relative to the site's root: `calendars/people/alice.ics`. */
    people: readonly { github: string; path: string }[];
  };
}

const LOCALE = 'en-US';

export function renderStatusPage(input: StatusPageInput): string {
  const repo = input.repository;
  const title = repo ? `On-call status · ${repo.name}` : 'On-call status';
  const names = input.rotations.map((rotation) => rotation.name);
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="robots" content="noindex, nofollow">
<meta name="generator" content="oncall-as-code">
<meta name="description" content="${`Who is on call now in ${names.join(', ') || 'no rotation'}, the published schedule, open incidents and calendar feeds.`}">
<title>${title}</title>
<style>${trusted(STATUS_PAGE_CSS)}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<div class="wrap">
${repo ? html`<p class="eyebrow"><a href="${repo.url}">${repo.name}</a></p>` : ''}
<h1>On-call status</h1>
<p class="built">Built ${when(input.builtAt, input.zone)}${input.zone === 'UTC' ? '' : ` (${input.zone})`}. Who is on call is as of that time.</p>
<nav aria-label="On this page"><ul>
<li><a href="#now">On call now</a></li>
<li><a href="#incidents">Open incidents</a></li>
${input.rotations.map((rotation) => html`<li><a href="#${anchor('rotation', rotation.name)}">Rotation ${rotation.name}</a></li>`)}
<li><a href="#calendars">Calendars</a></li>
</ul></nav>
</div>
</header>
<main id="main" class="wrap">
${nowSection(input)}
${incidentsSection(input)}
${input.rotations.map((rotation) => rotationSection(rotation, input))}
${calendarsSection(input)}
</main>
<footer>
<div class="wrap">
<p>Built by oncall-as-code from the files under <code>rotations/</code>${repo ? html` of <a href="${repo.url}">${repo.name}</a>` : ''} and the open issues labelled <code>incident</code>, at ${when(input.builtAt, input.zone)}.</p>
<p>Times are shown in each rotation's timezone, named beside them. Trades and covers are pull requests that edit the rotation's <code>schedule.yaml</code>.</p>
</div>
</footer>
</body>
</html>
`;
  return page.text;
}

function nowSection(input: StatusPageInput): Html {
  return html`<section id="now" aria-labelledby="now-title">
<h2 id="now-title">On call now</h2>
${input.rotations.length === 0 ? html`<p class="notice">No rotation is defined.</p>` : ''}
<div class="cards">
${input.rotations.map((rotation) => nowCard(rotation, input))}
</div>
</section>
`;
}

function nowCard(rotation: StatusRotation, input: StatusPageInput): Html {
  const { status, timezone: zone } = rotation;
  const id = anchor('now', rotation.name);
  const now = status.now;
  const body = now
    ? html`<dl class="oncall">
${now.oncall.map(
  (entry) =>
    html`<dt>${entry.slot}</dt><dd><span class="who">${personLink(entry.github, input)}</span> ${personDetails(entry.github, input.roster, zone)}${
      entry.override
        ? html` <span class="cover">covering ${personName(entry.override.replaces, input.roster)} until ${whenIso(entry.override.to, zone)}${entry.override.reason === undefined ? '' : html` (${entry.override.reason})`}</span>`
        : ''
    }</dd>`,
)}
</dl>
<p class="meta">Shift from ${when(now.shift.startsAt, zone)} to ${when(now.shift.endsAt, zone)}, ${zone}</p>`
    : html`<p class="notice"><strong>Nobody is on call now.</strong> ${gapReason(status, zone)}</p>`;
  const next = status.next
    ? html`<p class="next"><strong>Next</strong> from ${when(status.next.startsAt, zone)}: ${assignments(status.next, input.roster)}</p>`
    : now
      ? html`<p class="notice">No shift is published after this one: publish the next weeks (rotations/${rotation.name}/schedule.yaml).</p>`
      : '';
  return html`<article class="${now ? 'card' : 'card gap'}" aria-labelledby="${id}">
<h3 id="${id}">${rotation.name}</h3>
${body}
${next}
</article>
`;
}

function gapReason(status: RotationStatus, zone: string): Content {
  const published = status.published;
  if (!published) return 'Nothing is published in the schedule yet.';
  if (!status.next) {
    return html`The published schedule ended at ${when(published.to, zone)}: publish the next weeks.`;
  }
  if (status.next.startsAt.toMillis() === published.from.toMillis()) {
    return html`The published schedule starts at ${when(published.from, zone)}.`;
  }
  return 'No published shift holds this time: the schedule has a gap.';
}

function incidentsSection(input: StatusPageInput): Html {
  const incidents = input.incidents;
  const repo = input.repository;
  const onGitHub = repo
    ? html` <a href="${`${repo.url}/issues?q=${encodeURIComponent('is:issue is:open label:incident')}`}">The open incidents on GitHub now</a>`
    : '';
  let body: Html;
  if (!incidents.known) {
    body = html`<p class="notice"><strong>Open incidents: unknown at build time.</strong> ${incidents.reason}.${onGitHub}</p>`;
  } else if (incidents.open.length === 0) {
    body = html`<p class="ok">No open incidents at build time (${when(input.builtAt, input.zone)}).${onGitHub}</p>`;
  } else {
    const count = incidents.open.length;
    body = html`<div class="scroll" role="region" aria-labelledby="incidents-caption" tabindex="0">
<table>
<caption id="incidents-caption">${count} open ${count === 1 ? 'incident' : 'incidents'} at build time${incidents.truncated ? ' (more are open than are listed)' : ''}</caption>
<thead><tr><th scope="col">Incident</th><th scope="col">Severity</th><th scope="col">System</th><th scope="col">Status</th><th scope="col">Opened (${input.zone})</th></tr></thead>
<tbody>
${incidents.open.map((incident) => incidentRow(incident, input.zone))}
</tbody>
</table>
</div>
${onGitHub ? html`<p>${onGitHub}</p>` : ''}`;
  }
  return html`<section id="incidents" aria-labelledby="incidents-title">
<h2 id="incidents-title">Open incidents</h2>
${body}
</section>
`;
}

function incidentRow(incident: OpenIncident, zone: string): Html {
  const href = incident.url === undefined ? undefined : safeHref(incident.url);
  const label = html`#${incident.number} ${incident.title}`;
  const severity = incident.severity
    ? html`<span class="sev sev${incident.severity}">sev:${incident.severity}</span>`
    : html`<span class="sev sev0">not set</span>`;
  return html`<tr><th scope="row">${href ? html`<a href="${href}">${label}</a>` : label}</th><td>${severity}</td><td>${incident.systems.length > 0 ? incident.systems.join(', ') : '—'}</td><td>${incident.status}</td><td>${incident.openedAt ? when(incident.openedAt, zone) : '—'}</td></tr>
`;
}

function rotationSection(rotation: StatusRotation, input: StatusPageInput): Html {
  const id = anchor('rotation', rotation.name);
  const zone = rotation.timezone;
  const handoff = `${capitalize(rotation.handoff.weekday)} ${rotation.handoff.time}`;
  return html`<section id="${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">Rotation ${rotation.name}</h2>
<p class="rotation-meta">${rotation.slots.length} on call at once (${rotation.slots.join(', ')}); shifts of ${rotation.lengthDays} ${rotation.lengthDays === 1 ? 'day' : 'days'} from the ${handoff} handoff; times in ${zone}.</p>
<h3 id="${id}-schedule">Published schedule</h3>
${scheduleTable(rotation, input)}
<h3 id="${id}-fairness">Fairness</h3>
${fairnessTable(rotation, input.roster)}
</section>
`;
}

function scheduleTable(rotation: StatusRotation, input: StatusPageInput): Html {
  const { status, timezone: zone } = rotation;
  const id = anchor('schedule', rotation.name);
  if (status.ahead.length === 0) {
    return html`<p class="notice">No shift is published from now on in rotations/${rotation.name}/schedule.yaml.</p>`;
  }
  // A cover shows in the cell of the person it replaces, in the shifts it overlaps.
  const coversOf = (shift: TimedShift, github: string) =>
    status.covers.filter(
      (cover) =>
        cover.from < shift.endsAt &&
        shift.startsAt < cover.to &&
        cover.replace.toLowerCase() === github.toLowerCase(),
    );
  const current = status.now?.shift;
  const rows = status.ahead.map((shift) => {
    const isNow = shift === current;
    return html`<tr${isNow ? html` class="current"` : ''}><th scope="row">${when(shift.startsAt, zone)}${isNow ? html` <span class="badge">now</span>` : ''}</th><td>${when(shift.endsAt, zone)}</td>${rotation.slots.map(
      (slot) => {
        const github = shift.assignments.find((entry) => entry.slot === slot)?.github;
        if (!github) return html`<td>—</td>`;
        return html`<td>${personName(github, input.roster)}${coversOf(shift, github).map((cover) => html` ${coverText(cover, input.roster, zone)}`)}</td>`;
      },
    )}</tr>
`;
  });
  return html`<div class="scroll" role="region" aria-labelledby="${id}" tabindex="0">
<table>
<caption id="${id}">Published shifts of ${rotation.name} from now on (${status.ahead.length}), times in ${zone}</caption>
<thead><tr><th scope="col">Starts</th><th scope="col">Ends</th>${rotation.slots.map((slot) => html`<th scope="col" style="${`width:${Math.floor(60 / rotation.slots.length)}%`}">${capitalize(slot)}</th>`)}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
</div>
`;
}

function coverText(cover: TimedOverride, roster: Roster, zone: string): Html {
  return html`<span class="cover">covered by ${personName(cover.with, roster)} from ${when(cover.from, zone)} to ${when(cover.to, zone)}${cover.reason === undefined ? '' : html` (${cover.reason})`}</span>`;
}

function fairnessTable(rotation: StatusRotation, roster: Roster): Html {
  const table = rotation.fairness;
  if (!table) return html`<p>Nothing is published yet.</p>`;
  const id = anchor('fairness', rotation.name);
  const spread = table.spread;
  return html`<div class="scroll" role="region" aria-labelledby="${id}" tabindex="0">
<table>
<caption id="${id}">Fairness in ${rotation.name}: shifts starting ${table.from} to ${table.to}</caption>
<thead><tr><th scope="col">Person</th><th scope="col">Team</th><th scope="col" class="num">Shifts</th><th scope="col" class="num">Load</th><th scope="col" class="num">Holiday shifts</th><th scope="col">First shift</th><th scope="col" class="num">Prorated load</th></tr></thead>
<tbody>
${table.people.map(
  (row) =>
    html`<tr><th scope="row">${personName(row.github, roster, row.name)}</th><td>${row.team || '—'}</td><td class="num">${row.shifts}</td><td class="num">${row.load}</td><td class="num">${row.holidayShifts}</td><td>${row.firstShift ?? '—'}</td><td class="num">${row.prorated}</td></tr>
`,
)}
</tbody>
</table>
</div>
<p class="note">Spread, most minus least: shifts ${spread.shifts}, load ${spread.load}, holiday shifts ${spread.holidayShifts}, prorated load ${spread.prorated}. Load counts a week as 1 and a shift with a public holiday as more. Prorated load counts every shift since the rotation started, adjusted for when each person joined, left or was away.</p>
`;
}

function calendarsSection(input: StatusPageInput): Html {
  const site = input.calendars.siteUrl;
  const feedLinks = (path: string, label: string, subscribe: string) => {
    const href = safeHref(path);
    if (!href) return html`${label}`;
    const absolute = site ? `${site.replace(/\/+$/, '')}/${path}` : undefined;
    const webcal = absolute ? safeHref(absolute.replace(/^https?:\/\//i, 'webcal://')) : undefined;
    return html`<a href="${href}">${label}</a>${webcal ? html` · <a href="${webcal}">${subscribe}</a>` : ''}${absolute ? html`<br><code>${absolute}</code>` : ''}`;
  };
  const people = input.calendars.people;
  return html`<section id="calendars" aria-labelledby="calendars-title">
<h2 id="calendars-title">Calendars</h2>
<p>Subscribe to a feed's address; do not import the file, which copies today's shifts once and never updates.</p>
<ul>
<li>Google Calendar (on the web): Other calendars → + → From URL, then paste the address.</li>
<li>Apple Calendar: File → New Calendar Subscription, or open the webcal link.</li>
<li>Outlook: Add calendar → Subscribe from web.</li>
</ul>
<h3>Rotations</h3>
<ul class="feeds">
${input.rotations.map((rotation) => html`<li>${feedLinks(rotation.feed, `${rotation.name}: every shift and cover`, `Add ${rotation.name} to your calendar app`)}</li>`)}
</ul>
<h3>People</h3>
<p>Each person's own shifts and covers. ${site ? html`The address is <code>${site.replace(/\/+$/, '')}/calendars/people/LOGIN.ics</code>, with the GitHub login in lower case.` : 'The file is calendars/people/LOGIN.ics, with the GitHub login in lower case.'}</p>
<details>
<summary>Everyone's calendar (${people.length} ${people.length === 1 ? 'person' : 'people'})</summary>
<ul class="people">
${people.map((person) => {
  const href = safeHref(person.path);
  const name = personName(person.github, input.roster);
  return html`<li>${href ? html`<a href="${href}">${name}</a>` : name}</li>`;
})}
</ul>
</details>
</section>
`;
}

/** "Liam O'Brien @liam"; only the login when the roster does not know the person. */
function personName(login: string, roster: Roster, fallback?: string): Html {
  const name = findPerson(roster, login)?.name ?? fallback;
  return name && name !== login ? html`${name} <span class="login">@${login}</span>` : html`@${login}`;
}

/** The name linked to the person's GitHub profile, when GitHub's address is known. */
function personLink(login: string, input: StatusPageInput): Html {
  const person = findPerson(input.roster, login);
  const label = person ? html`${person.name}` : html`@${login}`;
  const href = input.serverUrl
    ? safeHref(`${input.serverUrl.replace(/\/+$/, '')}/${encodeURIComponent(login)}`)
    : undefined;
  return href ? html`<a href="${href}">${label}</a>` : label;
}

function personDetails(login: string, roster: Roster, zone: string): Html {
  const person = findPerson(roster, login);
  if (!person) return html``;
  const parts = [`@${login}`, person.team, ...(person.timezone === zone ? [] : [person.timezone])];
  return html`<span class="details">${parts.join(' · ')}</span>`;
}

function assignments(shift: TimedShift, roster: Roster): Html {
  return html`${shift.assignments.map(
    ({ slot, github }, index) => html`${index > 0 ? ', ' : ''}${slot} ${personName(github, roster)}`,
  )}`;
}

/** An instant in a zone, as people read it ("Mon 2026-12-14 11:00 EST") and as machines do. */
function when(instant: DateTime, zone: string): Html {
  const local = instant.setZone(zone).setLocale(LOCALE);
  const iso = local.toISO({ suppressMilliseconds: true }) ?? '';
  return html`<time datetime="${iso}">${local.toFormat('ccc yyyy-MM-dd HH:mm ZZZZ')}</time>`;
}

function whenIso(iso: string, zone: string): Html {
  return when(DateTime.fromISO(iso, { setZone: true }), zone);
}

/** An id for an anchor: the prefix and the name, reduced to characters every id may hold. */
function anchor(prefix: string, name: string): string {
  return `${prefix}-${name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-')}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
