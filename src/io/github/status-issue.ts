/**
 * The "On-call status" issue, where the tick keeps its heartbeat: one issue labelled
 * `oncall-status`, opened by the bot, found again by its label and hidden marker (only among the
 * bot's issues, open or closed, so a copied marker cannot hijack it). Its body is rewritten in
 * place: editing an issue body sends no notification. Creating is the one write not safe to
 * repeat: after a failed create (a 502 may come after the issue was made) it is looked for again.
 */
import { STATUS_LABEL, STATUS_MARKER, STATUS_TITLE } from '../../core/heartbeat/heartbeat.js';
import { type GitHub, NO_RETRY } from './client.js';
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

/** Writes the status text: into the issue found, or a new one. Unchanged text is not written. */
export async function writeStatusIssue(
  github: GitHub,
  ref: RepoRef,
  existing: StatusIssue | undefined,
  text: string,
  attempts = 3,
): Promise<{ action: 'created' | 'updated' | 'unchanged'; number: number }> {
  const body = `${markerComment(STATUS_MARKER)}\n${text}`;
  let found = existing;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (found) {
      if (found.text === text) return { action: 'unchanged', number: found.number };
      await github.rest.issues.update({ owner: ref.owner, repo: ref.repo, issue_number: found.number, body });
      return { action: 'updated', number: found.number };
    }
    try {
      const { data } = await github.rest.issues.create({
        owner: ref.owner,
        repo: ref.repo,
        title: STATUS_TITLE,
        body,
        labels: [STATUS_LABEL],
        ...NO_RETRY,
      });
      // Two ticks at once may both create it: the first one made (found first, oldest) stays,
      // a later one closes its own.
      const first = await findStatusIssue(github, ref);
      if (first && first.number !== data.number) {
        await github.rest.issues.update({
          owner: ref.owner,
          repo: ref.repo,
          issue_number: data.number,
          state: 'closed',
          state_reason: 'not_planned',
        });
        return { action: 'updated', number: first.number };
      }
      return { action: 'created', number: data.number };
    } catch (err) {
      // A server error may come after the issue was made: look again before trying again.
      const status = (err as { status?: number }).status ?? 0;
      if (status !== 0 && status < 500) throw err;
      lastError = err;
      found = await findStatusIssue(github, ref);
    }
  }
  throw lastError;
}

function stripMarker(body: string): string {
  const tag = `${markerComment(STATUS_MARKER)}\n`;
  return body.startsWith(tag) ? body.slice(tag.length) : body;
}
