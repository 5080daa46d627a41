/**
 * One comment per purpose on an issue or pull request, updated in place. It carries a hidden
 * marker and is only ever found among the bot's own comments, so a quoted marker cannot hijack
 * it. Creating is the one write that is not safe to repeat: after a failed create (a 502 may come
 * after the comment was made) the comment is looked for again before another create, and after a
 * create that got no answer at all (a timeout: GitHub may still make it) it is waited for and
 * never created again in the same run.
 */
import { randomUUID } from 'node:crypto';
import { type GitHub, isUnanswered, NO_RETRY, waitForLanding } from './client.js';

export interface MarkedCommentTarget {
  owner: string;
  repo: string;
  issue_number: number;
  /** The bot's login: only its comments are candidates. */
  botLogin: string;
  /** A short id, e.g. "trade-check"; becomes `<!-- oncall-as-code:trade-check -->`. */
  marker: string;
}

export type UpsertResult = { action: 'created' | 'updated' | 'unchanged'; id: number; url: string };

export function markerComment(marker: string): string {
  return `<!-- oncall-as-code:${marker} -->`;
}

export async function findMarkedComment(github: GitHub, target: MarkedCommentTarget) {
  return (await markedComments(github, target))[0];
}

/** The bot's comments carrying the marker, oldest (lowest id) first. */
async function markedComments(github: GitHub, target: MarkedCommentTarget) {
  const tag = markerComment(target.marker);
  const comments = await github.paginate(github.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issue_number,
    per_page: 100,
  });
  return comments
    .filter(
      (comment) =>
        comment.user?.login.toLowerCase() === target.botLogin.toLowerCase() &&
        (comment.body ?? '').includes(tag),
    )
    .sort((a, b) => a.id - b.id);
}

export async function upsertMarkedComment(
  github: GitHub,
  target: MarkedCommentTarget,
  text: string,
  attempts = 3,
): Promise<UpsertResult> {
  const body = `${markerComment(target.marker)}\n${text}`;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const existing = await findMarkedComment(github, target);
    if (existing) {
      if (existing.body === body) return { action: 'unchanged', id: existing.id, url: existing.html_url };
      const { data } = await github.rest.issues.updateComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: existing.id,
        body,
      });
      return { action: 'updated', id: data.id, url: data.html_url };
    }
    const created = await createOnce(github, target, body);
    // A server error may come after the comment was made: look again before trying again.
    if (created.ok) return created.result;
    if (created.unanswered) {
      const landed = await waitForLanding(github, () => findMarkedComment(github, target));
      if (landed) return { action: 'created', id: landed.id, url: landed.html_url };
      throw unlanded(target, created.error);
    }
    lastError = created.error;
  }
  throw lastError;
}

/** A create whose answer never came and whose comment has not appeared: not made again now. */
function unlanded(target: MarkedCommentTarget, cause: unknown): Error {
  return new Error(
    `creating the ${target.marker} comment on #${target.issue_number} got no answer from GitHub and it has not appeared; it is not sent again in this run (the next run looks for it first)`,
    { cause },
  );
}

/**
 * Claims a one-time job (the first write of a record, the handoff's Slack post) with a marked
 * comment. A comment already there is another run's claim, and this run stands back: these jobs
 * are never retried from an existing claim. Two runs at once may both create the comment; the one
 * whose comment came first (the lowest id) keeps the claim, the other deletes its own and stands
 * back. (Work another run may be doing right now, such as a page or a reply, is done holding a
 * lock instead: see creation-lock.ts.)
 */
export async function claimMarkedComment(
  github: GitHub,
  target: MarkedCommentTarget,
  text: string,
): Promise<{ won: boolean }> {
  // Looked for before every create: one found is another run's, unless it is this one's (a 502
  // after GitHub made it), known by its nonce.
  const created = await createUnlessFound(github, target, text);
  if (!created) return { won: false };
  const first = (await markedComments(github, target))[0];
  if (first === undefined || first.id === created.id) return { won: true };
  await github.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: created.id });
  return { won: false };
}

/**
 * Creates the marked comment when none is found; undefined when another run's is. The comment
 * carries this attempt's nonce, so a comment found after a 502 that GitHub had in fact applied is
 * known as ours, not mistaken for another run's.
 */
async function createUnlessFound(
  github: GitHub,
  target: MarkedCommentTarget,
  text: string,
  attempts = 3,
): Promise<UpsertResult | undefined> {
  const nonce = `<!-- oncall-as-code:claim ${randomUUID()} -->`;
  const body = `${markerComment(target.marker)}\n${text}\n${nonce}`;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const found = await findMarkedComment(github, target);
    if (found) {
      return (found.body ?? '').includes(nonce)
        ? { action: 'created', id: found.id, url: found.html_url }
        : undefined;
    }
    const created = await createOnce(github, target, body);
    // A server error may come after the comment was made: look again before trying again.
    if (created.ok) return created.result;
    if (created.unanswered) {
      const landed = await waitForLanding(github, () => findMarkedComment(github, target));
      if (!landed) throw unlanded(target, created.error);
      return (landed.body ?? '').includes(nonce)
        ? { action: 'created', id: landed.id, url: landed.html_url }
        : undefined;
    }
    lastError = created.error;
  }
  throw lastError;
}

/**
 * One create, never re-sent by the client. A 4xx is thrown; a server error is returned, since the
 * comment may have been made: the caller looks again before another try. No answer at all is
 * returned as `unanswered`: the comment may still be made after the caller looks.
 */
async function createOnce(
  github: GitHub,
  target: MarkedCommentTarget,
  body: string,
): Promise<{ ok: true; result: UpsertResult } | { ok: false; error: unknown; unanswered: boolean }> {
  try {
    const { data } = await github.rest.issues.createComment({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issue_number,
      body,
      ...NO_RETRY,
    });
    return { ok: true, result: { action: 'created', id: data.id, url: data.html_url } };
  } catch (err) {
    const status = (err as { status?: number }).status ?? 0;
    if (status !== 0 && status < 500) throw err;
    return { ok: false, error: err, unanswered: isUnanswered(err) };
  }
}
