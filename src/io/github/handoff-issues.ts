/**
 * Handoff issues on GitHub: the bot's issues labelled `handoff`, each found by the hidden marker
 * of its date. Creating is the one write that is not safe to repeat: the issue is looked for
 * first, created only when missing, and after a failed create (a 502 may come after the issue
 * was made) looked for again before another create.
 */
import { type GitHub, NO_RETRY } from './client.js';
import { withCreationLock } from './creation-lock.js';

export interface RepoRef {
  owner: string;
  repo: string;
  /** Only this login's issues are handoff issues: a quoted marker cannot hijack one. */
  botLogin: string;
}

export interface HandoffIssueOnGitHub {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  url: string;
  assignees: string[];
  /** The handoff date from the marker. */
  date: string;
}

export async function listHandoffIssues(
  github: GitHub,
  ref: RepoRef,
  label: string,
  dateOf: (body: string) => string | undefined,
): Promise<HandoffIssueOnGitHub[]> {
  const issues = await github.paginate(github.rest.issues.listForRepo, {
    owner: ref.owner,
    repo: ref.repo,
    labels: label,
    state: 'all',
    per_page: 100,
  });
  const bot = ref.botLogin.toLowerCase();
  return issues.flatMap((issue) => {
    if (issue.pull_request || issue.user?.login.toLowerCase() !== bot) return [];
    const body = issue.body ?? '';
    const date = dateOf(body);
    if (!date) return [];
    return [
      {
        number: issue.number,
        title: issue.title,
        body,
        state: issue.state === 'closed' ? 'closed' : 'open',
        url: issue.html_url,
        assignees: (issue.assignees ?? []).map((user) => user.login),
        date,
      },
    ];
  });
}

export interface WantedIssue {
  title: string;
  body: string;
  assignees: string[];
  labels: string[];
  /** The creation lock's name: one per issue that must exist once. */
  lockKey: string;
}

export type EnsureResult =
  | { action: 'created' | 'updated' | 'unchanged'; issue: HandoffIssueOnGitHub }
  /** Another run holds the creation lock: it makes the issue (and posts it). */
  | { action: 'skipped'; why: string };

/**
 * Finds the handoff issue of `date` and brings it to `wanted` (`merge` adjusts the new body to the
 * one found, e.g. to keep ticked boxes), or creates it when there is none.
 */
export async function ensureHandoffIssue(
  github: GitHub,
  ref: RepoRef,
  date: string,
  wanted: WantedIssue,
  find: () => Promise<HandoffIssueOnGitHub | undefined>,
  merge: (body: string, existing: string) => string,
  now: Date,
  attempts = 3,
): Promise<EnsureResult> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const existing = await find();
    if (existing) {
      const body = merge(wanted.body, existing.body);
      const changed = body !== existing.body || existing.title !== wanted.title;
      if (changed) {
        await github.rest.issues.update({
          owner: ref.owner,
          repo: ref.repo,
          issue_number: existing.number,
          title: wanted.title,
          body,
        });
      }
      const assigned = await addMissingAssignees(
        github,
        ref,
        existing.number,
        existing.assignees,
        wanted.assignees,
      );
      return {
        action: changed || assigned.length > existing.assignees.length ? 'updated' : 'unchanged',
        issue: { ...existing, title: wanted.title, body, assignees: assigned },
      };
    }
    // Created under the creation lock: runs at once (a scheduled run and one by hand) make one.
    const locked = await withCreationLock(github, ref, wanted.lockKey, now, async () => {
      const meanwhile = await find();
      if (meanwhile) return { made: false as const };
      try {
        const { data } = await github.rest.issues.create({
          owner: ref.owner,
          repo: ref.repo,
          title: wanted.title,
          body: wanted.body,
          labels: wanted.labels,
          ...NO_RETRY,
        });
        // Assigned after the create: a create naming someone who cannot be assigned may be refused
        // (422), while adding assignees skips them; a repeat adds whoever is still missing.
        const assigned = await addMissingAssignees(github, ref, data.number, [], wanted.assignees);
        const result: EnsureResult = {
          action: 'created',
          issue: {
            number: data.number,
            title: data.title,
            body: data.body ?? wanted.body,
            state: 'open',
            url: data.html_url,
            assignees: assigned,
            date,
          },
        };
        return { made: true as const, result };
      } catch (err) {
        // A server error may come after the issue was made: look again before trying again.
        const status = (err as { status?: number }).status ?? 0;
        if (status !== 0 && status < 500) throw err;
        return { made: false as const, error: err };
      }
    });
    if (!locked.held) {
      return { action: 'skipped', why: `another run has been creating it since ${locked.since}` };
    }
    if (locked.value.made) return locked.value.result;
    if ('error' in locked.value) lastError = locked.value.error;
  }
  throw lastError;
}

/** Adds the wanted people not yet assigned (never removes anyone); returns the assignees after. */
async function addMissingAssignees(
  github: GitHub,
  ref: RepoRef,
  issueNumber: number,
  current: readonly string[],
  wanted: readonly string[],
): Promise<string[]> {
  const missing = wanted.filter(
    (login) => !current.some((have) => have.toLowerCase() === login.toLowerCase()),
  );
  if (missing.length === 0) return [...current];
  const { data } = await github.rest.issues.addAssignees({
    owner: ref.owner,
    repo: ref.repo,
    issue_number: issueNumber,
    assignees: missing,
  });
  return (data.assignees ?? []).map((user) => user.login);
}
