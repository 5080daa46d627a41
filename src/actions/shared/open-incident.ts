/**
 * Opening an incident from its issue: triage, the first state, the reply and the first pages.
 * The incident action does it when the issue arrives; the tick does it for an issue whose first
 * run never got as far as writing the record (GitHub down then), so no report is ever left
 * unanswered. Reopening a resolved incident starts it again the same way.
 */
import type { PageBudget } from '../../core/incident/budget.js';
import { openIncident, reopenIncident } from '../../core/incident/engine.js';
import type { IncidentState } from '../../core/incident/record.js';
import type { TriageIssue } from '../../core/triage/decision.js';
import { commitIncident, type IssueSummary } from './commit-incident.js';
import { incidentContext, type OnCallRepository, triage } from './incident-context.js';
import { announceHeldPages } from './page-budget.js';
import type { ActionRuntime } from './runtime.js';

export async function openFromIssue(
  runtime: ActionRuntime,
  repo: OnCallRepository,
  issue: Record<string, any>,
  event?: { action: string; label?: string },
  links?: { repository: string; ref: string },
  budget?: PageBudget,
): Promise<string> {
  const summary: IssueSummary = { number: issue.number, title: issue.title ?? '', url: issue.html_url ?? '' };
  const triaged = triage(repo, triageIssueOf(issue), runtime.now, event, links);
  if (!triaged.triaged) return `not triaged: ${triaged.reason}`;
  const decision = triaged.decision;
  const result = openIncident(summary.number, decision, {
    ...incidentContext(repo, runtime.now, decision.system),
    ...(budget ? { budget } : {}),
  });
  if (decision.unlabel.length > 0)
    result.effects.unshift({ type: 'labels', add: [], remove: decision.unlabel });
  const committed = await commitIncident(runtime, repo, summary, result, 'triage', undefined);
  await announceHeldPages(runtime, repo, summary, undefined, result.state);
  return `triaged #${summary.number}: ${decision.kind} sev:${decision.severity}; paged ${committed.pagesSent.join(', ') || 'nobody'}`;
}

/**
 * A resolved incident's issue reopened: triaged again as it is now, and handled as a new episode
 * of the same record (reopenIncident): paged by the policy again, with keys of its own.
 */
export async function reopenFromIssue(
  runtime: ActionRuntime,
  repo: OnCallRepository,
  issue: Record<string, any>,
  previous: IncidentState,
  actor: string,
  links?: { repository: string; ref: string },
  by?: { member: boolean; budget?: PageBudget },
): Promise<string> {
  const summary: IssueSummary = { number: issue.number, title: issue.title ?? '', url: issue.html_url ?? '' };
  // The one who reopened reports the comeback: off the roster, it waits for a member to confirm.
  const reopened = by
    ? { ...triageIssueOf(issue), author: actor, authorAssociation: by.member ? 'MEMBER' : 'NONE' }
    : triageIssueOf(issue);
  const triaged = triage(repo, reopened, runtime.now, { action: 'reopened' }, links);
  if (!triaged.triaged) return `reopened, not triaged: ${triaged.reason}`;
  const decision = triaged.decision;
  const result = reopenIncident(
    previous,
    decision,
    { ...incidentContext(repo, runtime.now, decision.system), ...(by?.budget ? { budget: by.budget } : {}) },
    actor,
  );
  if (decision.unlabel.length > 0)
    result.effects.unshift({ type: 'labels', add: [], remove: decision.unlabel });
  const episode = result.state.reopened ?? 1;
  const committed = await commitIncident(runtime, repo, summary, result, `reopen-${episode}`, previous);
  await announceHeldPages(runtime, repo, summary, previous, result.state);
  return `reopened #${summary.number} (episode ${episode + 1}): ${decision.kind} sev:${decision.severity}; paged ${committed.pagesSent.join(', ') || 'nobody'}`;
}

export function triageIssueOf(issue: Record<string, any>): TriageIssue {
  return {
    title: issue.title ?? '',
    body: issue.body ?? null,
    labels: ((issue.labels as ({ name?: string } | string)[] | undefined) ?? [])
      .map((label) => (typeof label === 'string' ? label : (label.name ?? '')))
      .filter(Boolean),
    author: issue.user?.login ?? '',
    authorAssociation: issue.author_association,
    state: issue.state,
  };
}
