/**
 * The tick (every 5 minutes): for each open incident, send deferred sev:2 pages whose work hours
 * started, escalate unacknowledged pages that are due (each overdue step once, however late the
 * tick), and retry pages that did not go out. Nothing happens to an incident with nothing due.
 * Then Slack: the on-call user groups and channel topics set to who is on call now, only when that
 * changed. Last, the heartbeat in the status issue when everything went through (the dead-man's
 * switch: a stale one alerts the Slack channels). Each part runs whatever happened to the others:
 * Slack down does not stop the incidents, nor GitHub trouble the Slack sync; what failed is
 * retried by the next tick, and the run fails.
 */
import * as core from '@actions/core';
import { tickIncident } from '../../core/incident/engine.js';
import type { Repository } from '../../core/model/repository.js';
import { type IssueRef, readIncidentState } from '../../io/github/incident-issue.js';
import { loadRepository } from '../../io/load-repository.js';
import { commitIncident, isStale, RecordConflict } from '../shared/commit-incident.js';
import { watchHeartbeat } from '../shared/heartbeat.js';
import { incidentContext, openOnCallRepository } from '../shared/incident-context.js';
import { assertKnownTargets } from '../shared/known-targets.js';
import { openFromIssue } from '../shared/open-incident.js';
import { announceHeldPages, pageBudget } from '../shared/page-budget.js';
import { type ActionRuntime, actionRuntime } from '../shared/runtime.js';
import { parseReminderDays, sendReminders } from './reminders.js';
import { syncSlack } from './slack-sync.js';

export async function run(): Promise<void> {
  try {
    const runtime = actionRuntime();
    const { lines, failures } = await tick(runtime, parseReminderDays(core.getInput('reminder-days-before')));
    core.setOutput('summary', lines.join('\n'));
    for (const line of lines) core.info(line);
    if (failures.length > 0) {
      core.setFailed(`tick: some work failed and will be retried on the next tick:\n${failures.join('\n')}`);
    }
  } catch (err) {
    core.setFailed(`tick: ${(err as Error).message}`);
  }
}

/** What the tick did, and what failed (the run then fails; the next tick tries it again). */
export async function tick(
  runtime: ActionRuntime,
  reminderDays?: number | 'off',
): Promise<{ lines: string[]; failures: string[] }> {
  const lines: string[] = [];
  const failures: string[] = [];
  try {
    await tickIncidents(runtime, lines, failures);
  } catch (err) {
    failures.push(`incidents: ${(err as Error).message}`);
  }

  let repository: Repository | undefined;
  try {
    const loaded = await loadRepository(runtime.root);
    repository = loaded.repository;
    const missing = loaded.rotationNames.filter(
      (name) => !repository?.rotations.some((source) => source.dir === name),
    );
    if (!repository || missing.length > 0) {
      // A rotation left out could drop its people from a shared user group: better not sync at all.
      failures.push(
        `Slack: not brought in step: ${!repository ? 'rotations/people.yaml' : missing.map((name) => `rotations/${name}`).join(', ')} ` +
          'did not load (run `oncall validate`)',
      );
    } else {
      const synced = await syncSlack(runtime, repository);
      lines.push(...synced.lines);
      failures.push(...synced.failures);
    }
  } catch (err) {
    failures.push(`Slack: not brought in step: ${(err as Error).message}`);
  }

  // Reminders of the next shift, by Slack DM, once per (shift, person).
  if (repository) {
    try {
      const reminded = await sendReminders(runtime, repository, reminderDays);
      lines.push(...reminded.lines);
      failures.push(...reminded.failures);
    } catch (err) {
      failures.push(`reminders: ${(err as Error).message}`);
    }
  }

  try {
    const beat = await watchHeartbeat(runtime, repository, failures.length === 0);
    lines.push(...beat.lines);
    failures.push(...beat.failures);
  } catch (err) {
    failures.push(`heartbeat: ${(err as Error).message}`);
  }

  return { lines, failures };
}

/** Each open incident: what is due now, committed; trouble with one is collected, not thrown. */
async function tickIncidents(runtime: ActionRuntime, lines: string[], failures: string[]): Promise<void> {
  const repo = await openOnCallRepository(runtime.root, runtime.rotation, runtime.now);
  const issues = await runtime.github.paginate(runtime.github.rest.issues.listForRepo, {
    owner: runtime.owner,
    repo: runtime.repo,
    state: 'open',
    labels: 'incident',
    per_page: 100,
  });
  const before = lines.length;
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
        if (!state) {
          // Its first run never wrote the record (GitHub was down then): open it now, once the
          // incident run has had its chance, so nothing races it.
          if (isStale(issue.created_at, runtime.now.toMillis())) {
            lines.push(await openFromIssue(runtime, repo, issue as unknown as Record<string, any>));
          }
          break;
        }
        assertKnownTargets(state, repo, { number: issue.number, url: issue.html_url });
        let result = tickIncident(state, incidentContext(repo, runtime.now, state.system));
        if (result.effects.some((effect) => effect.type === 'page')) {
          // Something pages: decide again within the page budget (read only when it matters).
          const budget = await pageBudget(runtime, repo, state.reporter?.login, issue.number);
          result = tickIncident(state, { ...incidentContext(repo, runtime.now, state.system), budget });
        }
        const unsent = result.state.pages.some(
          (page) => !page.sentAt && isStale(page.at, runtime.now.toMillis()),
        );
        // A deferred page planned again (the schedule changed) is written down too, though nothing is sent.
        const replanned = JSON.stringify(result.state.deferred) !== JSON.stringify(state.deferred);
        if (result.effects.length === 0 && !unsent && !result.state.unapplied && !replanned) break;
        try {
          const outcome = await commitIncident(
            runtime,
            repo,
            { number: issue.number, title: issue.title, url: issue.html_url },
            result,
            `tick-${runtime.now.toMillis()}`,
            state,
          );
          await announceHeldPages(
            runtime,
            repo,
            { number: issue.number, url: issue.html_url },
            state,
            result.state,
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
  if (lines.length === before) lines.push('nothing due');
}
