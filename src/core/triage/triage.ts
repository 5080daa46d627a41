/**
 * Triage: from an issue (its title, form body, labels, author), the repository (roster, rotation,
 * playbooks), the rotation's public holidays and now, decide the kind, the severity, the system and
 * its playbook and team, who is on call, who is paged now and who later, the assignees, the labels
 * and the reply to the reporter. Pure: everything comes in as data; nothing is sent from here.
 */
import type { DateTime } from 'luxon';
import { severityLabel, systemLabel, teamLabel } from '../labels.js';
import type { Repository, RotationSource } from '../model/repository.js';
import { buildRoster, findPerson, loginKey } from '../model/roster.js';
import { DEFAULT_NOTIFY_RULES, DEFAULT_SEV2_WORK_HOURS_VIA } from '../paging/notify-plan.js';
import { timedOverrides } from '../schedule/overrides.js';
import { timeline } from '../schedule/timeline.js';
import { whoIsOnCall } from '../schedule/who.js';
import { formatInstant, isValidZone } from '../time/wall-clock.js';
import { isInWorkHours, workCalendar } from '../time/work-hours.js';
import type { KindReason, TriageDecision, TriageEvent, TriageIssue, TriageResult } from './decision.js';
import { escalationPath } from './escalation-path.js';
import { parseIssueForm } from './issue-form.js';
import { decideKind, isKindLabel } from './kind.js';
import { notificationPlan } from './notification-plan.js';
import { planPages } from './page-plan.js';
import { DEFAULT_RESPONSE_TARGETS, POLICY, type ResponseTargets } from './policy.js';
import { renderReply } from './reply.js';
import { responseTarget } from './response-target.js';
import { decideSeverity, isSeverityLabel } from './severity.js';
import { decideSystem, isSystemLabel } from './system.js';
import { unconfirmedReply } from './unconfirmed-reply.js';

export interface TriageInput {
  issue: TriageIssue;
  /** The `issues` event; a `labeled` one only triages again for a kind, severity or system label. */
  event?: TriageEvent;
  repository: Repository;
  rotation: RotationSource;
  /** The rotation's public holidays, YYYY-MM-DD, covering now and the weeks after it. */
  holidays: ReadonlySet<string>;
  now: DateTime;
  /** The repository's web address and branch, to link the playbook from the reply. */
  links?: { repository: string; ref: string };
  targets?: ResponseTargets;
}

/** Associations that may use labels and comment commands, besides everyone on the roster. */
const MEMBER_ASSOCIATIONS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);
const TRIAGE_ACTIONS = new Set(['opened', 'reopened', 'labeled']);

export function triageIssue(input: TriageInput): TriageResult {
  const { issue, event, repository, now } = input;
  const skipped = skipReason(issue, event);
  if (skipped) return { triaged: false, reason: skipped };

  const form = parseIssueForm(issue.body);
  const added = event?.action === 'labeled' ? event.label : undefined;
  const kindFound = decideKind(issue.labels, form, added);
  if (!kindFound) {
    return {
      triaged: false,
      reason:
        'not an incident, bug or request: it has none of those labels and did not come through an intake form',
    };
  }
  let kind = kindFound.kind;
  let kindReason: KindReason = kindFound.reason;
  const { severity, reason: severityReason } = decideSeverity(kind, issue.labels, form, added);
  if (kind !== 'incident' && severity < 3) {
    // Someone labelled a bug or request sev:1 or sev:2: it pages, so it is an incident.
    kindReason = { from: 'severity-label', was: kind };
    kind = 'incident';
  }
  const systemMatch = decideSystem(issue.labels, form, repository.playbooks, added);
  const routed = kind !== 'incident' || severity === 3;
  const team = systemMatch.playbook?.team;

  const { rotation, schedule } = input.rotation;
  const roster = buildRoster(repository.people.people);
  const warnings: string[] = [];
  const zoneOf = (github: string): string => {
    const person = findPerson(roster, github);
    return person && isValidZone(person.timezone) ? person.timezone : rotation.timezone;
  };
  const shifts = timeline(rotation, schedule);
  const overrides = timedOverrides(rotation, schedule);
  const onCallNow = whoIsOnCall(shifts, overrides, now);
  const oncall = onCallNow?.oncall ?? [];
  if (!onCallNow) {
    warnings.push(
      `no shift of the ${rotation.name} rotation is published at ${formatInstant(now)}: nobody is on call`,
    );
  }
  for (const { github } of oncall) {
    if (!findPerson(roster, github)) {
      warnings.push(
        `@${github} is on call but not in the roster: their work hours are read in ${rotation.timezone}`,
      );
    }
  }

  const calendar = workCalendar(rotation, input.holidays);
  const plan = planPages({
    severity,
    routed,
    oncall,
    pointPeople: systemMatch.playbook?.pointPeople ?? [],
    shifts,
    overrides,
    zoneOf,
    calendar,
    now,
  });
  for (const github of plan.noWorkHours) {
    warnings.push(
      `nobody holding @${github}'s slot has work hours ahead in the published schedule: @${github} paged now instead of deferred`,
    );
  }
  const notify = routed
    ? []
    : notificationPlan(plan.pages, {
        severity,
        ackMinutes: rotation.escalation ? rotation.escalation.ack_minutes : undefined,
        rulesOf: (github) => findPerson(roster, github)?.notify ?? rotation.notify ?? DEFAULT_NOTIFY_RULES,
        sev2WorkHoursVia: rotation.sev2_work_hours_via ?? DEFAULT_SEV2_WORK_HOURS_VIA,
        inWorkHours: (github, at) => isInWorkHours(at, zoneOf(github), calendar),
      });
  if (!systemMatch.playbook) {
    warnings.push(
      systemMatch.named === undefined
        ? 'no playbook matched: the issue names no system'
        : `no playbook matched the system "${systemMatch.named}"`,
    );
  }

  const targets = input.targets ?? DEFAULT_RESPONSE_TARGETS;
  const target = routed ? undefined : responseTarget(plan.people, targets);
  const assignees = routed ? [] : unique(oncall.map((entry) => entry.github));
  const labels: string[] = [kind, severityLabel(severity)];
  if (systemMatch.system) labels.push(systemLabel(systemMatch.system));
  if (routed && team) labels.push(teamLabel(team));
  const status = routed
    ? 'status:routed'
    : plan.now.length > 0
      ? 'status:paged'
      : plan.later.length > 0
        ? 'status:deferred'
        : undefined;
  if (status) labels.push(status);
  const unlabel = issue.labels.filter(
    (label) =>
      (isKindLabel(label) && label.toLowerCase() !== kind) ||
      (isSeverityLabel(label) && label.toLowerCase() !== severityLabel(severity)),
  );

  const policy = routed ? POLICY.routed : severity === 1 ? POLICY.sev1 : POLICY.sev2;
  const authorIsMember =
    findPerson(roster, issue.author) !== undefined || MEMBER_ASSOCIATIONS.has(issue.authorAssociation ?? '');
  const playbookPath = systemMatch.playbook?.path;
  const replyPlaybookUrl =
    input.links && playbookPath
      ? `${input.links.repository.replace(/\/+$/, '')}/blob/${input.links.ref}/${playbookPath}`
      : undefined;
  const reply = renderReply({
    kind,
    severity,
    routed,
    kindReason,
    severityReason,
    systemMatch,
    team,
    policy,
    author: issue.author,
    authorIsMember,
    rotation: rotation.name,
    oncall,
    people: plan.people,
    pagedNow: plan.now,
    target,
    targetMinutes: { business: targets.businessHoursMinutes, offHours: targets.offHoursMinutes },
    escalation: rotation.escalation && {
      ackMinutes: rotation.escalation.ack_minutes,
      path: escalationPath(rotation.escalation.steps, oncall, systemMatch.playbook?.pointPeople ?? []),
    },
    knownSystems: repository.playbooks.map((playbook) => playbook.frontMatter.system).sort(),
    playbookUrl: replyPlaybookUrl,
    now,
  });

  // A report from outside the team is answered, but wakes nobody until a roster member confirms it.
  const unconfirmed = !routed && !authorIsMember;
  const decision: TriageDecision = {
    kind,
    severity,
    ...(systemMatch.system ? { system: systemMatch.system } : {}),
    ...(team ? { team } : {}),
    ...(systemMatch.playbook
      ? { playbook: { path: systemMatch.playbook.path, title: systemMatch.playbook.title } }
      : {}),
    oncall,
    page: unconfirmed ? { now: [], later: [] } : { now: plan.now, later: plan.later },
    notify: unconfirmed ? [] : notify,
    assignees: unconfirmed ? [] : assignees,
    labels: unconfirmed ? labels.filter((label) => !label.startsWith('status:')) : labels,
    unlabel,
    routed,
    reply: unconfirmed
      ? unconfirmedReply({
          author: issue.author,
          severity,
          policy,
          playbook: systemMatch.playbook,
          playbookUrl: replyPlaybookUrl,
          unmatched: systemMatch.playbook ? undefined : systemMatch.named,
        })
      : reply,
    why: { kind: kindReason, severity: severityReason, systemMatch, policy },
    people: plan.people,
    ...(target ? { target } : {}),
    warnings,
    reporter: { login: issue.author, member: authorIsMember },
    ...(unconfirmed ? { unconfirmed } : {}),
  };
  return { triaged: true, decision };
}

function skipReason(issue: TriageIssue, event: TriageEvent | undefined): string | undefined {
  if (issue.state === 'closed') return 'the issue is closed';
  if (!event) return undefined;
  if (!TRIAGE_ACTIONS.has(event.action)) return `an issues.${event.action} event does not start a triage`;
  if (event.action === 'labeled') {
    const label = event.label ?? '';
    if (!isKindLabel(label) && !isSeverityLabel(label) && !isSystemLabel(label)) {
      return `the label "${label}" does not change the triage (only incident, bug, request, sev:N and system:ID do)`;
    }
  }
  return undefined;
}

function unique(logins: readonly string[]): string[] {
  const seen = new Set<string>();
  return logins.filter((login) => {
    if (seen.has(loginKey(login))) return false;
    seen.add(loginKey(login));
    return true;
  });
}
