/**
 * Escalation steps (`escalation.steps` of the rotation): who each step pages, and how far the
 * pages sent so far already reach. A step is handled when everyone it would page has been paged;
 * for sev:2, people outside their work hours are not paged by escalation (their page is deferred
 * to their work hours), so a step made only of them is passed over.
 */
import { loginKey } from '../model/roster.js';
import type { IncidentState, PageEntry } from './record.js';

export interface OnCallPerson {
  slot: string;
  github: string;
}

export interface IncidentContext {
  /** Now, as an ISO instant. */
  now: string;
  ackMinutes: number;
  steps: readonly string[];
  /** Who is on call now, by slot. */
  oncall: readonly OnCallPerson[];
  pointPeople: readonly string[];
  /** Is this person inside their work hours now (sev:2 pages only them)? */
  inWorkHours(github: string): boolean;
  /**
   * The sev:2 page of a slot from now: who holds it at the first instant they are in work hours
   * (`at` is now when its holder is in work hours now); undefined when nobody holding it is, up to
   * the end of the published schedule. Without it, deferred pages name people, as in older records.
   */
  slotPage?(slot: string): { github: string; at: string } | undefined;
}

export interface StepTargets {
  people: string[];
  team?: string;
}

export function stepTargets(step: string, context: IncidentContext, severity: number): StepTargets {
  let people: string[] = [];
  let team: string | undefined;
  if (step === 'point_people') people = [...context.pointPeople];
  else if (step.startsWith('team:')) team = step.slice('team:'.length);
  else if (step.startsWith('user:')) people = [step.slice('user:'.length)];
  else people = context.oncall.filter((person) => person.slot === step).map((person) => person.github);
  if (severity === 2) people = people.filter((github) => context.inWorkHours(github));
  return { people, team };
}

export function pagedSoFar(pages: readonly PageEntry[]): Set<string> {
  return new Set(pages.flatMap((page) => page.to.map(loginKey)));
}

/** Advances `level` over the steps the pages sent so far already cover. */
export function coveredLevel(state: IncidentState, context: IncidentContext): number {
  const paged = pagedSoFar(state.pages);
  let level = state.level;
  while (level + 1 < context.steps.length) {
    const { people, team } = stepTargets(context.steps[level + 1] as string, context, state.severity);
    if (team !== undefined) break;
    if (!people.every((github) => paged.has(loginKey(github)))) break;
    level += 1;
  }
  return level;
}
