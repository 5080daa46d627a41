/**
 * The page budget of an incident as the adapters gather it: the rotation's `page_budget` (or the
 * defaults), and how many pages the reporter's other incidents sent in the last hour, read from
 * their records. Held pages are announced in the rotation's channel, so nobody mistakes a held
 * page for silence.
 */
import * as core from '@actions/core';
import { DEFAULT_PAGE_BUDGET, type PageBudget } from '../../core/incident/budget.js';
import type { IncidentState } from '../../core/incident/record.js';
import { inertSlack } from '../../core/text/inert.js';
import { readIncidentState } from '../../io/github/incident-issue.js';
import type { OnCallRepository } from './incident-context.js';
import type { ActionRuntime } from './runtime.js';

export async function pageBudget(
  runtime: ActionRuntime,
  repo: OnCallRepository,
  reporter: string | undefined,
  number: number,
): Promise<PageBudget> {
  const settings = { ...DEFAULT_PAGE_BUDGET, ...repo.source.rotation.page_budget };
  const budget = {
    perIncident: settings.per_incident,
    perReporterHour: settings.per_reporter_hour,
    reporterPagesElsewhere: 0,
  };
  if (!reporter) return budget;
  const hourAgo = runtime.now.toMillis() - 60 * 60_000;
  // Updated in the last hour is a superset of "paged in the last hour": a page writes the record.
  const issues = await runtime.github.paginate(runtime.github.rest.issues.listForRepo, {
    owner: runtime.owner,
    repo: runtime.repo,
    creator: reporter,
    state: 'all',
    since: new Date(hourAgo).toISOString(),
    per_page: 100,
  });
  for (const issue of issues) {
    if (issue.pull_request || issue.number === number) continue;
    let state: IncidentState | undefined;
    try {
      state = await readIncidentState(runtime.github, {
        owner: runtime.owner,
        repo: runtime.repo,
        issue_number: issue.number,
        botLogin: runtime.botLogin,
      });
    } catch {
      // A damaged record elsewhere is reported by its own runs; it counts no pages here.
      continue;
    }
    budget.reporterPagesElsewhere += (state?.pages ?? []).filter(
      (page) => Date.parse(page.at) > hourAgo,
    ).length;
  }
  return budget;
}

/** Tells the channel about each page the budget held back in this run (new in `after`). */
export async function announceHeldPages(
  runtime: ActionRuntime,
  repo: OnCallRepository,
  issue: { number: number; url: string },
  before: IncidentState | undefined,
  after: IncidentState,
): Promise<void> {
  const known = new Set((before?.held ?? []).map((entry) => entry.key));
  const fresh = (after.held ?? []).filter((entry) => !known.has(entry.key));
  const channel = repo.source.rotation.slack?.channel;
  if (fresh.length === 0 || !runtime.slack || !channel) return;
  for (const entry of fresh) {
    const who = [...entry.to, ...(entry.team ? [`team ${entry.team}`] : [])].join(', ');
    try {
      await runtime.slack.postMessage({
        channel,
        text: `:no_bell: Incident <${issue.url}|#${issue.number}>: a page to ${inertSlack(who)} was held back (${inertSlack(entry.reason)}). Look at the issue; anyone on the roster can still \`/escalate\` once the budget allows, or page by hand.`,
      });
    } catch (err) {
      core.warning(`could not tell the channel about the held page ${entry.key}: ${(err as Error).message}`);
    }
  }
}
