/**
 * The incident engine: from the state on the issue, an event and the context (now, who is on
 * call, work hours), the new state and the effects to apply. Pure: the adapters read the issue,
 * call this, page through Slack and write the record back.
 *
 * Every page carries a dedup key recorded in the state before it is sent, so a run repeated, late
 * or concurrent never pages twice for the same (incident, step).
 */

import { loginKey } from '../model/roster.js';
import { inertMarkdown } from '../text/inert.js';
import { overBudget, type PageBudget } from './budget.js';
import { type Effect, statusLabel } from './effects.js';
import { coveredLevel, type IncidentContext, pagedSoFar, stepTargets } from './escalation.js';
import type { DeferredPage, IncidentState, Kind, PageEntry, Severity } from './record.js';

export interface OpenDecision {
  kind: Kind;
  severity: Severity;
  system?: string;
  team?: string;
  page: { now: string[]; later: DeferredPage[] };
  assignees: string[];
  labels: string[];
  reply: string;
  /** Who reported it: a member's (roster, member, collaborator) or an outsider's report. */
  reporter?: { login: string; member: boolean };
  /** An outsider's report: nobody is paged until a roster member confirms it. */
  unconfirmed?: boolean;
}

/** The incident's context with the page budget, when the rotation's is known. */
export type EngineContext = IncidentContext & { budget?: PageBudget };

export interface EngineResult {
  state: IncidentState;
  effects: Effect[];
}

/** A new issue: the triage decision becomes the first state, its pages, labels and the reply. */
export function openIncident(number: number, decision: OpenDecision, context: EngineContext): EngineResult {
  const state: IncidentState = {
    version: 1,
    number,
    kind: decision.kind,
    severity: decision.severity,
    system: decision.system,
    team: decision.team,
    openedAt: context.now,
    level: -1,
    pages: [],
    deferred: decision.page.later.map((entry) => ({ ...entry })),
    timeline: [{ at: context.now, text: `opened as ${describe(decision.kind, decision.severity)}` }],
    ...(decision.reporter ? { reporter: { ...decision.reporter } } : {}),
  };
  return startEpisode(state, decision, context, decision.reply);
}

/**
 * A resolved incident whose issue was reopened (it came back): a new episode, triaged again from
 * the issue as it is now. The record keeps its history and every page sent; the new episode's pages
 * get keys of their own (`N:r1:step-0`), so they are sent although the first episode's were.
 * Time to acknowledge and to resolve count from the reopening.
 */
export function reopenIncident(
  previous: IncidentState,
  decision: OpenDecision,
  context: EngineContext,
  actor: string,
): EngineResult {
  const state = clone(previous);
  delete state.resolved;
  delete state.acknowledged;
  delete state.routed;
  delete state.lastPageAt;
  state.reopened = (previous.reopened ?? 0) + 1;
  state.kind = decision.kind;
  state.severity = decision.severity;
  state.system = decision.system;
  state.team = decision.team;
  state.openedAt = context.now;
  state.level = -1;
  state.deferred = decision.page.later.map((entry) => ({ ...entry }));
  delete state.unconfirmed;
  state.timeline.push({
    at: context.now,
    text: `reopened as ${describe(decision.kind, decision.severity)} (@${actor})`,
  });
  return startEpisode(
    state,
    decision,
    context,
    `@${actor} reopened this issue, so it is handled again.\n\n${decision.reply}`,
  );
}

/** An episode's start, opened or reopened: labels, assignees, the first pages or the deferral, the reply. */
function startEpisode(
  state: IncidentState,
  decision: OpenDecision,
  context: EngineContext,
  reply: string,
): EngineResult {
  const effects: Effect[] = [{ type: 'labels', add: decision.labels, remove: [] }];
  const waits = decision.unconfirmed === true && decision.kind === 'incident' && decision.severity < 3;
  if (waits) {
    // An outsider's report: answered and triaged, but nobody is woken until a member confirms.
    state.unconfirmed = { since: context.now };
    state.deferred = [];
    state.timeline.push({
      at: context.now,
      text: 'reported from outside the team: nobody paged until a roster member confirms (`/confirm`)',
    });
    effects.push({ type: 'reply', body: reply });
    return { state, effects };
  }
  if (decision.assignees.length > 0) effects.push({ type: 'assign', logins: decision.assignees });
  if (decision.page.now.length > 0) {
    effects.push(
      ...page(
        state,
        context,
        `${keyPrefix(state)}:step-0`,
        decision.page.now,
        undefined,
        `sev:${decision.severity} policy`,
      ),
    );
    state.level = coveredLevel(state, context);
  }
  if (state.deferred.length > 0) {
    state.timeline.push({
      at: context.now,
      text: `page deferred to work hours: ${state.deferred.map((entry) => `${entry.slot ? `${entry.slot} ` : ''}@${entry.github} at ${entry.at}`).join(', ')}`,
    });
  }
  if (decision.kind !== 'incident' || decision.severity === 3) {
    state.routed = { team: decision.team ?? 'unassigned', by: 'triage', at: context.now };
    state.timeline.push({
      at: context.now,
      text: `routed to the ${decision.team ?? 'unassigned'} backlog; nobody paged`,
    });
    effects.push(statusLabel('status:routed'));
  } else {
    effects.push(
      statusLabel(state.pages.length > 0 && state.lastPageAt ? 'status:paged' : 'status:deferred'),
    );
  }
  effects.push({ type: 'reply', body: reply });
  return { state, effects };
}

/** The prefix of this episode's dedup keys: `N`, then `N:r1`, `N:r2`… after each reopening. */
function keyPrefix(state: IncidentState): string {
  return state.reopened ? `${state.number}:r${state.reopened}` : `${state.number}`;
}

/** The scheduled tick: deferred pages whose time came, and escalation steps that are due. */
export function tickIncident(previous: IncidentState, context: EngineContext): EngineResult {
  const state = clone(previous);
  const effects: Effect[] = [];
  if (state.resolved || state.acknowledged || state.routed || state.unconfirmed) return { state, effects };

  const due = dueDeferredPages(state, context);
  if (due.length > 0) {
    const paged = pagedThisEpisode(state);
    for (const entry of due) {
      if (paged.has(loginKey(entry.github))) {
        state.timeline.push({
          at: context.now,
          text: `@${entry.github} was paged already: no second page${entry.slot ? ` for ${entry.slot}` : ''}`,
        });
        continue;
      }
      paged.add(loginKey(entry.github));
      effects.push(
        ...page(
          state,
          context,
          `${keyPrefix(state)}:deferred:${loginKey(entry.github)}`,
          [entry.github],
          undefined,
          entry.reason,
          context.now,
          entry.slot,
        ),
      );
    }
    state.level = coveredLevel(state, context);
    effects.push(statusLabel('status:paged'));
  }

  // Each overdue step once, even after missed ticks: step k+1 is due ack_minutes after step k.
  let escalated = false;
  while (state.lastPageAt && state.level + 1 < context.steps.length) {
    const dueAt = Date.parse(state.lastPageAt) + context.ackMinutes * 60_000;
    if (dueAt > Date.parse(context.now)) break;
    const at = new Date(dueAt).toISOString();
    effects.push(...escalateOnce(state, context, at, `not acknowledged within ${context.ackMinutes} min`));
    escalated = true;
  }
  if (escalated) effects.push(statusLabel('status:escalated'));
  return { state, effects };
}

/** Pages the next escalation step (skipping steps with nobody to page), as of `at`. */
function escalateOnce(state: IncidentState, context: EngineContext, at: string, reason: string): Effect[] {
  while (state.level + 1 < context.steps.length) {
    state.level += 1;
    const step = context.steps[state.level] as string;
    // The step names a slot (or the point-people, a team, a user): resolved now, as it fires.
    const { people, team } = stepTargets(step, context, state.severity);
    if (people.length === 0 && team === undefined) continue;
    return page(
      state,
      context,
      `${keyPrefix(state)}:step-${state.level}`,
      people,
      team,
      `${reason}: escalated to ${step}`,
      at,
      step,
    );
  }
  return [];
}

export type Command =
  | { name: 'ack' }
  | { name: 'resolve'; note?: string }
  | { name: 'sev'; severity: Severity }
  | { name: 'escalate' }
  | { name: 'confirm' }
  | { name: 'route'; team: string }
  | { name: 'not-incident'; reason: string };

export interface CommandInput {
  command: Command;
  actor: string;
  /** Pages a new severity's policy calls for now (for /sev 1 and /sev 2). */
  policy?: (severity: Severity) => { now: string[]; later: DeferredPage[] };
}

export function applyCommand(
  previous: IncidentState,
  input: CommandInput,
  context: EngineContext,
): EngineResult {
  const state = clone(previous);
  const effects: Effect[] = [];
  const { command, actor } = input;
  const note = (text: string, quote?: string) =>
    state.timeline.push({
      at: context.now,
      text: `${text} (@${actor})`,
      ...(quote !== undefined ? { quote } : {}),
    });
  if (state.resolved && command.name !== 'sev') {
    return {
      state,
      effects: [
        {
          type: 'reply',
          body: `@${actor} this incident is already resolved; reopen the issue to start again.`,
        },
      ],
    };
  }
  switch (command.name) {
    case 'ack': {
      if (state.acknowledged) {
        effects.push({ type: 'reply', body: `@${actor} already acknowledged by @${state.acknowledged.by}.` });
        break;
      }
      state.acknowledged = { by: actor, at: context.now };
      state.deferred = [];
      note('acknowledged: escalation stopped');
      effects.push(statusLabel('status:acknowledged'), { type: 'assign', logins: [actor] });
      break;
    }
    case 'resolve': {
      state.resolved = { by: actor, at: context.now, ...(command.note ? { note: command.note } : {}) };
      if (!state.acknowledged) state.acknowledged = { by: actor, at: context.now };
      state.deferred = [];
      note('resolved', command.note);
      effects.push(statusLabel('status:resolved'), { type: 'close', reason: 'completed' });
      break;
    }
    case 'confirm': {
      if (!state.unconfirmed) {
        effects.push({
          type: 'reply',
          body: `@${actor} this incident needs no confirmation: it is handled already.`,
        });
        break;
      }
      delete state.unconfirmed;
      note(`confirmed as sev:${state.severity}`);
      effects.push(...pageByPolicy(state, input, context, state.severity, 'confirmed'));
      break;
    }
    case 'sev': {
      const from = state.severity;
      state.severity = command.severity;
      // A member setting the severity has looked at the report: that confirms an outsider's.
      const confirmed = state.unconfirmed !== undefined;
      delete state.unconfirmed;
      note(
        from === command.severity && confirmed
          ? `confirmed as sev:${command.severity}`
          : `severity changed from sev:${from} to sev:${command.severity}`,
      );
      const labels = { type: 'labels' as const, add: [`sev:${command.severity}`], remove: [`sev:${from}`] };
      if (command.severity < 3 && state.kind !== 'incident') {
        // An urgent bug or request is an incident, as triage decides; labelled so, the tick escalates it.
        labels.add.push('incident');
        labels.remove.push(state.kind);
        state.kind = 'incident';
      }
      if (command.severity === 3 && state.team) labels.add.push(`team:${state.team}`);
      effects.push(labels);
      if (command.severity === 3) {
        state.deferred = [];
        state.routed = { team: state.team ?? 'unassigned', by: actor, at: context.now };
        effects.push(statusLabel('status:routed'));
      } else {
        effects.push(
          ...pageByPolicy(state, input, context, command.severity, `raised to sev:${command.severity}`),
        );
      }
      break;
    }
    case 'escalate': {
      const before = state.level;
      const heldBefore = state.held?.length ?? 0;
      const paged = escalateOnce(state, context, context.now, `escalated by @${actor}`);
      if (paged.length === 0 && (state.held?.length ?? 0) > heldBefore) {
        effects.push({
          type: 'reply',
          body: `@${actor} the page budget held this escalation back; the record says why.`,
        });
      } else if (paged.length === 0) {
        state.level = before;
        effects.push({ type: 'reply', body: `@${actor} every escalation step has been paged already.` });
      } else effects.push(...paged, statusLabel('status:escalated'));
      break;
    }
    case 'route': {
      state.routed = { team: command.team, by: actor, at: context.now };
      state.deferred = [];
      state.team = command.team;
      note(`routed to the ${command.team} backlog`);
      effects.push(
        { type: 'labels', add: [`team:${command.team}`], remove: [] },
        statusLabel('status:routed'),
      );
      break;
    }
    case 'not-incident': {
      state.routed = { team: state.team ?? 'unassigned', by: actor, at: context.now, reason: command.reason };
      state.deferred = [];
      state.kind = 'request';
      note('not an incident', command.reason);
      effects.push(
        {
          type: 'labels',
          add: ['request', ...(state.team ? [`team:${state.team}`] : [])],
          remove: ['incident', 'sev:1', 'sev:2'],
        },
        statusLabel('status:routed'),
        {
          type: 'reply',
          body: `Thanks for reporting this. @${actor} looked and it is not an incident: ${inertMarkdown(command.reason)}. It stays open as a request${state.team ? ` in the ${state.team} backlog` : ''}, so it will still be looked at.`,
        },
      );
      break;
    }
  }
  return { state, effects };
}

/** The pages a severity's policy calls for now, to those not paged yet (for `/sev` and `/confirm`). */
function pageByPolicy(
  state: IncidentState,
  input: CommandInput,
  context: EngineContext,
  severity: Severity,
  reason: string,
): Effect[] {
  if (state.acknowledged || state.resolved || !input.policy) return [];
  const effects: Effect[] = [];
  state.routed = undefined;
  const policy = input.policy(severity);
  const paged = pagedSoFar(state.pages);
  const fresh = policy.now.filter((github) => !paged.has(loginKey(github)));
  state.deferred = policy.later.filter((entry) => !paged.has(loginKey(entry.github)));
  if (fresh.length > 0) {
    const suffix = reason === 'confirmed' ? 'confirmed' : `sev-${severity}`;
    effects.push(...page(state, context, `${keyPrefix(state)}:${suffix}`, fresh, undefined, reason));
    state.level = coveredLevel(state, context);
  }
  effects.push(statusLabel(state.pages.length > 0 ? 'status:paged' : 'status:deferred'));
  return effects;
}

function page(
  state: IncidentState,
  context: EngineContext,
  key: string,
  to: string[],
  team: string | undefined,
  reason: string,
  at = context.now,
  step?: string,
): Effect[] {
  // The same key twice is the same page: never send it again.
  if (state.pages.some((entry) => entry.key === key)) return [];
  if (state.held?.some((entry) => entry.key === key)) return [];
  const entry: PageEntry = {
    key,
    to: [...to],
    ...(team ? { team } : {}),
    ...(step ? { step } : {}),
    reason,
    at,
  };
  const over = overBudget(state, context.budget, at);
  if (over) {
    // Held back: recorded (and announced by the adapter), never sent.
    state.held = [...(state.held ?? []), { ...entry, reason: `${reason}; held back by the ${over}` }];
    const who = [...to.map((github) => `@${github}`), ...(team ? [`team ${team}`] : [])].join(', ');
    state.timeline.push({ at, text: `page to ${who} held back (${over})` });
    return [];
  }
  state.pages.push(entry);
  state.lastPageAt = at;
  const who = [...to.map((github) => `@${github}`), ...(team ? [`team ${team}`] : [])].join(', ');
  state.timeline.push({ at, text: `paged ${who} (${reason})` });
  return [{ type: 'page', key, to: [...to], ...(team ? { team } : {}), reason }];
}

interface DuePage {
  github: string;
  slot?: string;
  reason: string;
}

/**
 * The deferred sev:2 pages due now; the others stay in `state.deferred`. A slot's page is resolved
 * again from the schedule as it is now (handoffs, overrides and covers applied): it goes to whoever
 * holds the slot once they are in work hours, so a person whose shift ended is never paged for it.
 * A deferred page of an older record (no slot) pages its person at its time, as it always did.
 */
function dueDeferredPages(state: IncidentState, context: IncidentContext): DuePage[] {
  const now = Date.parse(context.now);
  const due: DuePage[] = [];
  const waiting: DeferredPage[] = [];
  for (const entry of state.deferred) {
    const { slot } = entry;
    if (slot === undefined || !context.slotPage) {
      if (Date.parse(entry.at) <= now) due.push({ github: entry.github, reason: 'work hours started' });
      else waiting.push(entry);
      continue;
    }
    const plan = context.slotPage(slot);
    if (plan && Date.parse(plan.at) > now) {
      const same =
        loginKey(plan.github) === loginKey(entry.github) && Date.parse(plan.at) === Date.parse(entry.at);
      waiting.push(same ? entry : { slot, github: plan.github, at: plan.at });
      // The schedule changed since the plan was written (a trade, a cover): say so in the record.
      if (!same) {
        state.timeline.push({
          at: context.now,
          text: `the schedule changed: ${slot}'s deferred page now goes to @${plan.github} at ${plan.at}`,
        });
      }
    } else if (plan) due.push({ github: plan.github, slot, reason: `work hours started (${slot})` });
    else {
      // Nobody holding the slot has work hours ahead in the published schedule: at its time, its
      // holder now is paged (as the triage does); with nobody holding it, it waits for the schedule.
      const holder = context.oncall.find((person) => person.slot === slot);
      if (holder && Date.parse(entry.at) <= now) {
        due.push({
          github: holder.github,
          slot,
          reason: `nobody holding ${slot} has work hours ahead in the published schedule`,
        });
      } else waiting.push(entry);
    }
  }
  state.deferred = waiting;
  return due;
}

/** Everyone paged in this episode (pages of a resolved episode before a reopening do not count). */
function pagedThisEpisode(state: IncidentState): Set<string> {
  const prefix = `${keyPrefix(state)}:`;
  return pagedSoFar(
    state.reopened ? state.pages.filter((entry) => entry.key.startsWith(prefix)) : state.pages,
  );
}

function describe(kind: Kind, severity: Severity): string {
  return kind === 'incident' ? `an incident, sev:${severity}` : `a ${kind}`;
}

function clone(state: IncidentState): IncidentState {
  return structuredClone(state);
}
