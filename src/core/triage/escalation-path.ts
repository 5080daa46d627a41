/**
 * The rotation's escalation as the reporter reads it: each step with the people it pages now, and
 * the first step the pages sent with the triage do not already cover (where escalation goes next).
 */
import { loginKey } from '../model/roster.js';
import type { OnCall } from '../schedule/who.js';

export interface EscalationStep {
  step: string;
  /** "primary (@alice)", "the point-people (@bob, @liam)", "team eng-leads". */
  text: string;
  people: string[];
  team?: string;
}

export function escalationPath(
  steps: readonly string[],
  oncall: readonly OnCall[],
  pointPeople: readonly string[],
): EscalationStep[] {
  return steps.map((step): EscalationStep => {
    if (step === 'point_people') {
      return {
        step,
        people: [...pointPeople],
        text:
          pointPeople.length > 0
            ? `the point-people (${mentions(pointPeople)})`
            : 'the point-people (none known)',
      };
    }
    if (step.startsWith('team:')) {
      const team = step.slice('team:'.length);
      return { step, people: [], team, text: `team ${team}` };
    }
    if (step.startsWith('user:')) {
      const github = step.slice('user:'.length);
      return { step, people: [github], text: `@${github}` };
    }
    const people = oncall.filter((entry) => entry.slot === step).map((entry) => entry.github);
    return { step, people, text: people.length > 0 ? `${step} (${mentions(people)})` : step };
  });
}

/** The first step with someone not paged yet, or a team; undefined when every step is covered. */
export function nextEscalationStep(
  path: readonly EscalationStep[],
  paged: readonly string[],
): EscalationStep | undefined {
  const done = new Set(paged.map(loginKey));
  return path.find(
    (step) => step.team !== undefined || step.people.some((github) => !done.has(loginKey(github))),
  );
}

export function mentions(logins: readonly string[]): string {
  return logins.map((login) => `@${login}`).join(', ');
}
