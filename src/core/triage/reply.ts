/**
 * The one comment that tells the reporter what the triage decided: what, why (the policy line),
 * who has it, the response target and what happens next. Written the way a good on-call engineer
 * answers: thanks first, no blame, and for a report that is not urgent, why not and what to do if
 * it is after all.
 */
import { DateTime } from 'luxon';
import type { OnCall } from '../schedule/who.js';
import { inertMarkdown } from '../text/inert.js';
import type {
  Kind,
  KindReason,
  PersonPage,
  ResponseTarget,
  Severity,
  SeverityReason,
  SystemMatch,
} from './decision.js';
import { type EscalationStep, nextEscalationStep } from './escalation-path.js';

export interface ReplyInput {
  kind: Kind;
  severity: Severity;
  routed: boolean;
  kindReason: KindReason;
  severityReason: SeverityReason;
  systemMatch: SystemMatch;
  team?: string;
  policy: string;
  author: string;
  /** May use the comment commands and labels (roster or repository member). */
  authorIsMember: boolean;
  rotation: string;
  oncall: readonly OnCall[];
  people: readonly PersonPage[];
  pagedNow: readonly string[];
  target?: ResponseTarget;
  targetMinutes: { business: number; offHours: number };
  escalation?: { ackMinutes: number; path: EscalationStep[] };
  /** Known playbook systems, for the "no playbook matched" note. */
  knownSystems: readonly string[];
  /** Absolute link to a playbook file, when the repository's URL is known. */
  playbookUrl?: string;
  now: DateTime;
}

export function renderReply(input: ReplyInput): string {
  const sections = [
    `### ${headline(input)}`,
    opening(input),
    `**Decided:** ${decided(input)}`,
    `**Why:** ${why(input)}\n\n> ${input.policy}`,
    `**Who has it:** ${whoHasIt(input)}`,
    `**Response target:** ${target(input)}`,
    `**What happens next:**\n${next(input)
      .map((line) => `- ${line}`)
      .join('\n')}`,
  ];
  const unmatched = noPlaybookNote(input);
  if (unmatched) sections.splice(3, 0, unmatched);
  return `${sections.join('\n\n')}\n`;
}

const KIND_NAME: Record<Kind, string> = { incident: 'Incident', bug: 'Bug', request: 'Request' };

function systemName(input: ReplyInput): string | undefined {
  return input.systemMatch.playbook?.title;
}

function headline(input: ReplyInput): string {
  if (input.routed) {
    const what = input.kind === 'incident' ? `sev:${input.severity} incident` : KIND_NAME[input.kind];
    return input.team
      ? `${what}: routed to the ${input.team} team's backlog`
      : `${what}: to be routed to a team's backlog`;
  }
  const label = `sev:${input.severity} incident`;
  const later = input.people.filter((person) => person.page === 'later');
  if (input.pagedNow.length === 0 && later.length > 0)
    return `${label}: the on-call people are paged when their work hours start`;
  if (input.pagedNow.length === 0) return `${label}: nobody could be paged`;
  if (later.length > 0)
    return `${label}: paging ${atAll(input.pagedNow)} now, ${atAll(later.map((p) => p.github))} when work hours start`;
  return `${label}: paging ${input.severity === 1 ? 'the on-call people and point-people' : 'the on-call people'} now`;
}

function opening(input: ReplyInput): string {
  const thanks =
    input.kind === 'request'
      ? `Thanks for the request, @${input.author}.`
      : `Thanks for reporting this, @${input.author}.`;
  if (input.routed) {
    return input.team
      ? `${thanks} It is in the right place: the ${input.team} team will pick it up from its backlog. Nobody is paged for it, and here is why.`
      : `${thanks} Nobody is paged for it; the on-call people will send it to the right team's backlog.`;
  }
  if (input.severity === 1)
    return `${thanks} Users are affected right now, so people are being paged at once, whatever the hour.`;
  if (input.pagedNow.length > 0)
    return `${thanks} It is urgent, so the on-call people in their work hours are paged now.`;
  return `${thanks} It is urgent but not downtime, so the on-call people are paged at the start of their work hours rather than now.`;
}

function decided(input: ReplyInput): string {
  const what =
    input.kind === 'incident'
      ? `a **sev:${input.severity} incident**`
      : `a **${input.kind}** (sev:${input.severity})`;
  const playbook = input.systemMatch.playbook;
  const about = playbook
    ? ` ${input.kind === 'incident' ? 'for' : 'in'} **${playbook.title}** (\`system:${input.systemMatch.system}\`, owned by the ${playbook.team} team)`
    : '';
  const route = input.routed
    ? input.team
      ? `, routed to the ${input.team} team's backlog (\`team:${input.team}\`)`
      : ', not routed to a team yet'
    : '';
  return `${what}${about}${route}.`;
}

function why(input: ReplyInput): string {
  const parts = [kindWhy(input.kindReason, input.kind), severityWhy(input)].filter((part) => part !== '');
  return `${parts.join(' ')} The policy:`;
}

function kindWhy(reason: KindReason, kind: Kind): string {
  if (reason.from === 'severity-label') {
    return `It came in as a ${reason.was}; the severity label makes it an incident.`;
  }
  if (reason.from === 'label' && reason.form !== undefined && reason.form !== kind) {
    return `It came in through the ${reason.form} form, and the team has labelled it \`${kind}\`.`;
  }
  return '';
}

function severityWhy(input: ReplyInput): string {
  const reason = input.severityReason;
  const sev = `\`sev:${input.severity}\``;
  switch (reason.from) {
    case 'label':
      if (reason.formSaysDown === true && input.severity > 1) {
        return (
          `The report says it is down for users, and the team has looked at it and labelled it ${sev}: ` +
          'a severity label set by the team decides over the form. If users still cannot use it, say so below and it can be raised again.'
        );
      }
      if (reason.formSaysDown === false && input.severity === 1) {
        return `The report says it is not down for users, but the team has labelled it ${sev}: it is handled as downtime.`;
      }
      return `The issue is labelled ${sev}.`;
    case 'form':
      return reason.down
        ? 'The report says it is down for users: that is sev:1, downtime.'
        : 'The report says users can still use it, so it is urgent but not downtime: sev:2. ' +
            'sev:1 is kept for downtime, because that is what pages people at any hour.';
    case 'unanswered':
      return 'The report does not say whether it is down for users, so it is handled as urgent but not downtime: sev:2.';
    case 'kind':
      return reason.kind === 'bug'
        ? "Bugs are fixed through the owning team's backlog, where they can be planned and done well, rather than by paging someone."
        : "Requests are planned work for the owning team, so they go to that team's backlog rather than to the on-call people.";
  }
}

function noPlaybookNote(input: ReplyInput): string | undefined {
  const match = input.systemMatch;
  if (match.playbook) return undefined;
  const known =
    input.knownSystems.length > 0 ? input.knownSystems.map((id) => `\`${id}\``).join(', ') : 'none yet';
  const named =
    match.named !== undefined
      ? `The ${match.from === 'label' ? 'label names' : 'report names'} the system "${inertMarkdown(match.named, 80)}", and there is no playbook for it in playbooks/ (systems with a playbook: ${known}).`
      : `The report does not name a system, which is fine (systems with a playbook: ${known}).`;
  const consequence = input.routed
    ? 'So there is no owning team to route it to yet.'
    : input.severity === 1
      ? 'It is handled all the same; there are no point-people to page for it.'
      : 'It is handled all the same.';
  return `**No playbook matched.** ${named} ${consequence} Once the system is known, label the issue \`system:ID\` to link its playbook.`;
}

function whoHasIt(input: ReplyInput): string {
  const oncall = input.people.filter((person) => person.role === 'oncall');
  if (input.routed) {
    if (input.team) {
      return `the ${input.team} team, through its backlog. Nobody is paged or assigned; the team picks it up when it plans its work.`;
    }
    return oncall.length > 0
      ? `the on-call people, ${atAll(oncall.map((p) => p.github))}, to route: they will send it to the right team with \`/route TEAM\`. Nobody is paged.`
      : `nobody yet: no shift of the ${input.rotation} rotation is published now. Someone on the roster will route it with \`/route TEAM\`.`;
  }
  const lines: string[] = [];
  if (oncall.length === 0) {
    lines.push(
      `nobody is on call in the published schedule of the ${input.rotation} rotation right now, so no on-call person could be paged.`,
    );
  } else {
    const pair = oncall.map((p) => `@${p.github}${p.slot ? ` (${p.slot})` : ''}`);
    lines.push(`${joinAnd(pair)} ${oncall.length === 1 ? 'is' : 'are'} on call and assigned.`);
  }
  if (input.severity === 1) {
    const oncallPaged = oncall.filter((p) => p.page === 'now').map((p) => p.github);
    if (oncallPaged.length > 0) {
      const both = oncallPaged.length === oncall.length && oncall.length === 2;
      lines.push(
        `${both ? 'Both are' : `${atAll(oncallPaged)} ${oncallPaged.length === 1 ? 'is' : 'are'}`} paged now.`,
      );
    }
    const point = input.people.filter((person) => person.role === 'point-people');
    const alsoOnCall = (input.systemMatch.playbook?.pointPeople ?? []).filter((github) =>
      oncall.some((p) => p.github.toLowerCase() === github.toLowerCase()),
    );
    if (point.length > 0) {
      lines.push(
        `The point-${point.length === 1 ? 'person' : 'people'} for ${systemName(input)}, ${joinAnd(point.map((p) => `@${p.github}`))}, ${point.length === 1 ? 'is' : 'are'} paged too.`,
      );
    }
    if (alsoOnCall.length > 0) {
      lines.push(
        `(${atAll(alsoOnCall)} ${alsoOnCall.length === 1 ? 'is' : 'are'} also a point-person for it.)`,
      );
    }
    return lines.join(' ');
  }
  const bullets = oncall.map((person) => {
    const clock = `${localClock(input.now, person.zone)}, ${person.zone}`;
    if (person.page === 'now') return `- @${person.github} is in work hours (${clock}): paged now.`;
    const next = person.handover;
    if (next) {
      const zone = input.people.find((p) => p.github === next.github)?.zone ?? person.zone;
      return `- @${person.github} is outside work hours (${clock}), and their shift ends before their work hours start: the ${person.slot ?? 'slot'}'s page goes to @${next.github}, who holds it then, ${moment(next.at, zone)}.`;
    }
    return `- @${person.github} is outside work hours (${clock}): paged at the start of their work hours, ${moment(person.at as string, person.zone)}.`;
  });
  return [lines.join(' '), ...bullets].join('\n');
}

function target(input: ReplyInput): string {
  const t = input.target;
  if (input.routed || !t) {
    if (!input.routed)
      return 'none can be set, because nobody could be paged. Anyone on the roster can page with `/escalate`.';
    return (
      'none, because nobody is paged. Pages are kept for what cannot wait, so the on-call people can answer those fast; ' +
      `an incident is acknowledged within ${input.targetMinutes.business} minutes in business hours and ${input.targetMinutes.offHours} minutes in waking hours.`
    );
  }
  const paged = input.people.filter((person) => person.page === 'now');
  if (t.from === 'deferred-page') {
    const first = input.people
      .filter((person) => person.page === 'later' && person.at)
      .sort((a, b) => Date.parse(a.at as string) - Date.parse(b.at as string))[0];
    const when = first
      ? ` The first page goes to @${first.github} on ${moment(first.at as string, first.zone)}.`
      : '';
    return `acknowledged within **${t.minutes} minutes** of the page, which is sent at the start of work hours: the business-hours target.${when}`;
  }
  if (t.applies === 'business-hours') {
    const working = paged.filter((person) => person.part === 'work');
    return `acknowledged within **${t.minutes} minutes**: business hours apply, as it is work hours for ${joinAnd(
      working.map((p) => `@${p.github} (${localClock(input.now, p.zone)}, ${p.zone})`),
    )}.`;
  }
  const awake = paged.some((person) => person.part === 'waking');
  // The on-call people's clocks say it; the point-people's would only make the line longer.
  const oncallPaged = paged.filter((person) => person.role === 'oncall');
  const shown = oncallPaged.length > 0 ? oncallPaged : paged;
  const clocks = joinAnd(shown.map((p) => `${localClock(input.now, p.zone)} for @${p.github} (${p.zone})`));
  return (
    `acknowledged within **${t.minutes} minutes**: nobody paged is in business hours now (it is ${clocks}), ` +
    `so the ${awake ? 'waking-hours' : 'off-hours'} target applies; in business hours it is ${input.targetMinutes.business} minutes.`
  );
}

function next(input: ReplyInput): string[] {
  const lines: string[] = [];
  const member = input.authorIsMember;
  const raise = member
    ? 'add the `sev:1` label or comment `/sev 1`, and the on-call people are paged at once'
    : 'open a new issue with the Incident form and answer "Yes" to "Is it down for users?": that pages the on-call people at once';
  const playbook = input.systemMatch.playbook;
  const playbookLine = playbook
    ? `Playbook: [${playbook.title}](${input.playbookUrl ?? playbook.path}) (symptoms, diagnosis, mitigation, escalation).`
    : undefined;

  if (input.routed) {
    if (input.team)
      lines.push(
        `It stays open in the ${input.team} team's backlog (filter by \`team:${input.team}\`); updates will appear here.`,
      );
    else
      lines.push(
        'Once routed, it gets the team label and stays open in that backlog; updates will appear here.',
      );
    lines.push(`**If it is actually down for users** (they cannot use it at all): ${raise}.`);
    if (member)
      lines.push(
        'If it is urgent but users can still work, `/sev 2` pages the on-call people in their work hours.',
      );
    if (playbookLine) lines.push(playbookLine);
    return lines;
  }

  const later = input.people.filter((person) => person.page === 'later');
  if (input.pagedNow.length > 0)
    lines.push('The person who takes it comments `/ack`; this issue then shows it as acknowledged.');
  if (later.length > 0) {
    lines.push(
      `${joinAnd(later.map((p) => `@${p.github}`))} ${later.length === 1 ? 'is' : 'are'} paged when their work hours start${later.some((p) => p.role === 'next-oncall') ? ' (once the slot is theirs)' : ''}, unless someone acknowledges or resolves it first.`,
    );
  }
  const escalation = input.escalation;
  if (escalation && escalation.path.length > 0) {
    const steps = escalation.path.map((step) => step.text).join(' → ');
    let line = `If nobody acknowledges within ${escalation.ackMinutes} minutes of a page, it escalates one step every ${escalation.ackMinutes} minutes along ${steps}.`;
    if (input.severity === 2) line += ' For sev:2, people outside their work hours are skipped.';
    // sev:1 pages several steps at once; say where escalation goes from there.
    const upcoming =
      input.severity === 1 ? nextEscalationStep(escalation.path, input.pagedNow) : escalation.path[0];
    if (upcoming && upcoming !== escalation.path[0]) {
      line += ` The steps before ${upcoming.text} are paged already, so that is the next one.`;
    } else if (!upcoming) {
      line += ' Every step is paged already.';
    }
    lines.push(line);
  } else {
    lines.push(
      'The rotation sets no escalation steps, so an unacknowledged page does not escalate by itself.',
    );
  }
  if (input.severity === 2)
    lines.push(`**If it is actually down for users** (they cannot use it at all): ${raise}.`);
  if (playbookLine) lines.push(playbookLine);
  lines.push(
    'Anything that helps (what changed, error messages, who else is affected) is welcome as a comment here.',
  );
  return lines;
}

/** "03:00 Saturday" on the person's clock. */
function localClock(now: DateTime, zone: string): string {
  return now.setZone(zone).setLocale('en-US').toFormat('HH:mm cccc');
}

/** "Monday 2027-01-11 09:00 America/New_York (14:00 UTC)". */
function moment(iso: string, zone: string): string {
  const at = DateTime.fromISO(iso, { setZone: true });
  const local = at.setZone(zone).setLocale('en-US');
  return `${local.toFormat('cccc yyyy-MM-dd HH:mm')} ${zone} (${at.toUTC().toFormat('HH:mm')} UTC)`;
}

/** "@a", "@a and @b", "@a, @b and @c". */
function atAll(logins: readonly string[]): string {
  return joinAnd(logins.map((login) => `@${login}`));
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
