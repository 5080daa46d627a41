/**
 * The tick (every 5 minutes): for each open incident, send deferred sev:2 pages whose work hours
 * started, escalate unacknowledged pages that are due (each overdue step once, however late the
 * tick), and retry pages that did not go out. Nothing happens to an incident with nothing due.
 */
import * as core from '@actions/core';
import { tickIncident } from '../../core/incident/engine.js';
import { type IssueRef, readIncidentState } from '../../io/github/incident-issue.js';
import { commitIncident, RecordConflict } from '../shared/commit-incident.js';
import { incidentContext, openOnCallRepository } from '../shared/incident-context.js';
import { type ActionRuntime, actionRuntime } from '../shared/runtime.js';

export async function run(): Promise<void> {
  try {
    const runtime = actionRuntime();
    const lines = await tick(runtime);
    core.setOutput('summary', lines.join('\n'));
    for (const line of lines) core.info(line);
  } catch (err) {
    core.setFailed(`tick: ${(err as Error).message}`);
  }
}

export async function tick(runtime: ActionRuntime): Promise<string[]> {
  const repo = await openOnCallRepository(runtime.root, runtime.rotation, runtime.now);
  const issues = await runtime.github.paginate(runtime.github.rest.issues.listForRepo, {
    owner: runtime.owner,
    repo: runtime.repo,
    state: 'open',
    labels: 'incident',
    per_page: 100,
  });
  const lines: string[] = [];
  const failures: string[] = [];
  for (const issue of issues) {
    if (issue.pull_request) continue;
    const ref: IssueRef = {
      owner: runtime.owner,
      repo: runtime.repo,
      issue_number: issue.number,
      botLogin: runtime.botLogin,
    };
    // One incident's trouble must not stop the others: collect it and fail the run at the end.
    try {
      for (let attempt = 1; ; attempt += 1) {
        const state = await readIncidentState(runtime.github, ref);
        if (!state) break;
        const result = tickIncident(state, incidentContext(repo, runtime.now, state.system));
        const unsent = result.state.pages.some((page) => !page.sentAt);
        if (result.effects.length === 0 && !unsent) break;
        try {
          const outcome = await commitIncident(
            runtime,
            repo,
            { number: issue.number, title: issue.title, url: issue.html_url },
            result,
            `tick-${runtime.now.toMillis()}`,
            state,
          );
          lines.push(
            `#${issue.number}: ${outcome.pagesSent.length > 0 ? `paged ${outcome.pagesSent.join(', ')}` : 'updated'}`,
          );
          failures.push(...outcome.pageFailures.map((failure) => `#${issue.number} ${failure}`));
          break;
        } catch (err) {
          if (!(err instanceof RecordConflict) || attempt >= 3) throw err;
        }
      }
    } catch (err) {
      failures.push(`#${issue.number}: ${(err as Error).message}`);
    }
  }
  if (failures.length > 0) {
    throw new Error(`some work failed and will be retried on the next tick:\n${failures.join('\n')}`);
  }
  return lines.length > 0 ? lines : ['nothing due'];
}
