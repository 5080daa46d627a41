/**
 * The incidents of a repository as the handoff and the report read them: issues labelled
 * `incident`, each with the state read back from its record comment. Open incidents of any age,
 * and those updated since a moment (GitHub's `since` is the last update, so an incident opened
 * earlier but acknowledged or resolved later is included; the caller filters by its own times).
 */
import type { HandoffIncident } from '../../core/handoff/handoff-issue.js';
import type { GitHub } from './client.js';
import { DamagedRecord, readIncidentState } from './incident-issue.js';

export interface IncidentRepoRef {
  owner: string;
  repo: string;
  /** Only this login's record comment is believed. */
  botLogin: string;
}

export async function listIncidentIssues(
  github: GitHub,
  ref: IncidentRepoRef,
  options: { since: string; includeOpen: boolean },
): Promise<HandoffIncident[]> {
  const base = { owner: ref.owner, repo: ref.repo, labels: 'incident', per_page: 100 } as const;
  const [open, recent] = await Promise.all([
    options.includeOpen
      ? github.paginate(github.rest.issues.listForRepo, { ...base, state: 'open' })
      : Promise.resolve([]),
    github.paginate(github.rest.issues.listForRepo, { ...base, state: 'all', since: options.since }),
  ]);
  const issues = new Map<number, (typeof recent)[number]>();
  for (const issue of [...open, ...recent]) if (!issue.pull_request) issues.set(issue.number, issue);
  const incidents: HandoffIncident[] = [];
  for (const issue of [...issues.values()].sort((a, b) => a.number - b.number)) {
    // A damaged record is reported by the incident's own runs; here the issue is listed without it.
    const record = await readIncidentState(github, {
      owner: ref.owner,
      repo: ref.repo,
      issue_number: issue.number,
      botLogin: ref.botLogin,
    }).catch((err: unknown) => {
      if (err instanceof DamagedRecord) return undefined;
      throw err;
    });
    incidents.push({
      number: issue.number,
      title: issue.title,
      url: issue.html_url,
      state: issue.state === 'closed' ? 'closed' : 'open',
      labels: issue.labels.flatMap((label) => {
        const name = typeof label === 'string' ? label : label.name;
        return name ? [name] : [];
      }),
      createdAt: issue.created_at,
      ...(record ? { record } : {}),
    });
  }
  return incidents;
}
