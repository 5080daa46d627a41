/**
 * What the triage reads (an issue and the event that brought it) and what it decides: plain data,
 * so the incident action, the CLI and the tests share one shape.
 */
import type { Notification } from '../paging/notify-plan.js';
import type { OnCall } from '../schedule/who.js';
import type { DayPart } from '../time/work-hours.js';
import type { Kind } from './forms.js';

export type { Kind } from './forms.js';
export type Severity = 1 | 2 | 3;

export interface TriageIssue {
  title: string;
  /** The issue form's body (`### Heading` then the answer), or any text. */
  body: string | null;
  /** Names of the labels on the issue now. */
  labels: readonly string[];
  /** The reporter's login. */
  author: string;
  /** GitHub's author_association: OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE, ... */
  authorAssociation?: string;
  state?: 'open' | 'closed';
}

/** The `issues` event: opened, reopened or labeled (with the label just added). */
export interface TriageEvent {
  action: string;
  label?: string;
}

export type KindReason =
  /** `form` is the form the issue came through, when there was one. */
  | { from: 'label'; label: Kind; form?: Kind }
  | { from: 'form'; form: Kind }
  /** A bug or request labelled sev:1 or sev:2 is handled as an incident. */
  | { from: 'severity-label'; was: Kind };

export type SeverityReason =
  /** `formSaysDown` is the form's answer when it is there, to explain a label that differs from it. */
  | { from: 'label'; formSaysDown?: boolean }
  | { from: 'form'; down: boolean }
  /** An incident whose report does not say whether it is down for users. */
  | { from: 'unanswered' }
  | { from: 'kind'; kind: 'bug' | 'request' };

export interface SystemMatch {
  /** The playbook's system id, when one matched. */
  system?: string;
  playbook?: { path: string; title: string; team: string; pointPeople: string[] };
  /** What the label or the form named, whether or not a playbook matched. */
  named?: string;
  from: 'label' | 'form' | 'not-sure' | 'none';
}

/**
 * One person the decision is about, on their own clock: an on-call person, a point-person, or the
 * next holder of a slot whose sev:2 page waits past the handoff (`next-oncall`).
 */
export interface PersonPage {
  github: string;
  role: 'oncall' | 'point-people' | 'next-oncall';
  slot?: string;
  zone: string;
  /** Their part of the day now: work hours, waking hours or sleep hours. */
  part: DayPart;
  /** now: paged with the triage; later: at `at`, the start of their next work hours; none: not paged. */
  page: 'now' | 'later' | 'none';
  at?: string;
  /** Their shift ends before their work hours start: their slot's page goes to this person instead. */
  handover?: { github: string; at: string };
}

/** A deferred sev:2 page: for a slot, to the person planned to hold it at `at` (resolved again when sent). */
export interface DeferredSlotPage {
  slot: string;
  github: string;
  at: string;
}

export interface ResponseTarget {
  minutes: number;
  /** Which target applies: business hours (someone paged is in work hours) or outside them. */
  applies: 'business-hours' | 'off-hours';
  /** When the clock starts: now, or at the deferred page (sev:2 with nobody in work hours). */
  from: 'now' | 'deferred-page';
}

export interface TriageDecision {
  kind: Kind;
  severity: Severity;
  /** The playbook's system id; absent when no playbook matched. */
  system?: string;
  /** The playbook's team: the backlog that routed work goes to. */
  team?: string;
  playbook?: { path: string; title: string };
  /** Who is on call now (after overrides), by slot; empty when no shift is published now. */
  oncall: OnCall[];
  page: { now: string[]; later: DeferredSlotPage[] };
  /** The notification plan: each paged person's rules as instants, up to the next escalation step. */
  notify: Notification[];
  assignees: string[];
  /** Labels to add. */
  labels: string[];
  /** Labels to take off: a kind or severity the decision replaced. */
  unlabel: string[];
  /** Routed to a team backlog (sev:3, bugs, requests): nobody paged. */
  routed: boolean;
  /** The comment to the reporter. */
  reply: string;
  why: {
    kind: KindReason;
    severity: SeverityReason;
    systemMatch: SystemMatch;
    /** The policy line that decided the page, quoted in the reply. */
    policy: string;
  };
  people: PersonPage[];
  target?: ResponseTarget;
  /** Things a person should know: nobody on call, a person not in the roster, ... */
  warnings: string[];
  /** The reporter, and whether they are in the roster or a member or collaborator of the owner. */
  reporter: { login: string; member: boolean };
  /**
   * A report from outside the team that would page: nobody is paged (nor assigned) until a roster
   * member confirms it. `page` is then empty; `people` still says who the policy would page.
   */
  unconfirmed?: boolean;
}

export type TriageResult = { triaged: true; decision: TriageDecision } | { triaged: false; reason: string };
