/**
 * The "On-call status" issue, where the tick keeps its heartbeat: one issue labelled
 * `oncall-status`, opened by the bot, found again by its label and hidden marker (only among the
 * bot's issues, open or closed, so a copied marker cannot hijack it). Its body is rewritten in
 * place: editing an issue body sends no notification. Creating is the one write not safe to
 * repeat: after a failed create (a 502 may come after the issue was made) it is looked for again.
 */
import { STATUS_LABEL, STATUS_MARKER, STATUS_TITLE } from '../../core/heartbeat/heartbeat.js';
import { type GitHub, NO_RETRY } from './client.js';
import { withCreationLock } from './creation-lock.js';
import { markerComment } from './marked-comment.js';

export interface RepoRef {
  owner: string;
  repo: string;
  /** The bot's login: only its issues are candidates. */
  botLogin: string;
}

export interface StatusIssue {
  number: number;
  /** The body without its marker line. */
  text: string;
}

export async function findStatusIssue(github: GitHub, ref: RepoRef): Promise<StatusIssue | undefined> {
  const tag = markerComment(STATUS_MARKER);
  const issues = await github.paginate(github.rest.issues.listForRepo, {
    owner: ref.owner,
    repo: ref.repo,
    labels: STATUS_LABEL,
    state: 'all',
    sort: 'created',
    direction: 'asc',
    per_page: 100,
  });
  const found = issues.find(
    (issue) =>
      !issue.pull_request &&
      issue.user?.login.toLowerCase() === ref.botLogin.toLowerCase() &&
      (issue.body ?? '').includes(tag),
  );
  return found ? { number: found.number, text: stripMarker(found.body ?? '') } : undefined;
}

/**
 * Writes the status text: into the issue found, or a new one. Unchanged text is not written.
 * Creating holds the creation lock, so runs at once make one issue: a run that finds another run
 * creating it writes nothing (`skipped`); the next tick writes its heartbeat there.
 */
export async function writeStatusIssue(
  github: GitHub,
  ref: RepoRef,
  existing: StatusIssue | undefined,
  text: string,
  now: Date,
  attempts = 3,
): Promise<
  { action: 'created' | 'updated' | 'unchanged'; number: number } | { action: 'skipped'; why: string }
> {
  const body = `${markerComment(STATUS_MARKER)}\n${text}`;
  const update = async (found: StatusIssue) => {
    if (found.text === text) return { action: 'unchanged' as const, number: found.number };
    await github.rest.issues.update({ owner: ref.owner, repo: ref.repo, issue_number: found.number, body });
    return { action: 'updated' as const, number: found.number };
  };
  if (existing) return update(existing);
  const locked = await withCreationLock(github, ref, STATUS_MARKER, now, async () => {
    let lastError: unknown;
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      // Looked for again under the lock: another run may have made it since we looked.
      const found = await findStatusIssue(github, ref);
      if (found) return update(found);
      try {
        const { data } = await github.rest.issues.create({
          owner: ref.owner,
          repo: ref.repo,
          title: STATUS_TITLE,
          body,
          labels: [STATUS_LABEL],
          ...NO_RETRY,
        });
        return { action: 'created' as const, number: data.number };
      } catch (err) {
        // A server error may come after the issue was made: look again before trying again.
        const status = (err as { status?: number }).status ?? 0;
        if (status !== 0 && status < 500) throw err;
        lastError = err;
      }
    }
    throw lastError;
  });
  if (locked.held) return locked.value;
  return { action: 'skipped', why: `another run has been creating the status issue since ${locked.since}` };
}

function stripMarker(body: string): string {
  const tag = `${markerComment(STATUS_MARKER)}\n`;
  return body.startsWith(tag) ? body.slice(tag.length) : body;
}
