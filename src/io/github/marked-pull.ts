/**
 * One open pull request per purpose, updated in place: found by its head branch, its author (the
 * bot) and a hidden marker in its body, never by title. Creating is the one write that is not
 * safe to repeat: after a failed create (a 502 may come after the pull request was opened) the
 * pull request is looked for again before another create.
 */
import { type GitHub, NO_RETRY } from './client.js';
import { markerComment } from './marked-comment.js';

export interface MarkedPullTarget {
  owner: string;
  repo: string;
  /** The branch the pull request is from, in this repository. */
  head: string;
  base: string;
  /** The bot's login: only its pull requests are candidates. */
  botLogin: string;
  /** A short id, e.g. "publish"; becomes `<!-- oncall-as-code:publish -->` at the top of the body. */
  marker: string;
}

export type PullUpsertResult = {
  action: 'created' | 'updated' | 'unchanged';
  number: number;
  url: string;
};

const ATTEMPTS = 3;

async function openPullsFrom(github: GitHub, target: MarkedPullTarget) {
  return github.paginate(github.rest.pulls.list, {
    owner: target.owner,
    repo: target.repo,
    state: 'open',
    head: `${target.owner}:${target.head}`,
    per_page: 100,
  });
}

function isOurs(target: MarkedPullTarget, pull: { user: { login: string } | null; body: string | null }) {
  return (
    pull.user?.login.toLowerCase() === target.botLogin.toLowerCase() &&
    (pull.body ?? '').includes(markerComment(target.marker))
  );
}

export async function findMarkedPull(github: GitHub, target: MarkedPullTarget) {
  return (await openPullsFrom(github, target)).find((pull) => isOurs(target, pull));
}

export async function upsertMarkedPull(
  github: GitHub,
  target: MarkedPullTarget,
  content: { title: string; body: string },
): Promise<PullUpsertResult> {
  const body = `${markerComment(target.marker)}\n${content.body}`;
  let lastError: unknown;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const existing = await findMarkedPull(github, target);
    if (existing) {
      if (existing.title === content.title && existing.body === body && existing.base.ref === target.base) {
        return { action: 'unchanged', number: existing.number, url: existing.html_url };
      }
      const { data } = await github.rest.pulls.update({
        owner: target.owner,
        repo: target.repo,
        pull_number: existing.number,
        title: content.title,
        body,
        base: target.base,
      });
      return { action: 'updated', number: data.number, url: data.html_url };
    }
    try {
      const { data } = await github.rest.pulls.create({
        owner: target.owner,
        repo: target.repo,
        head: target.head,
        base: target.base,
        title: content.title,
        body,
        ...NO_RETRY,
      });
      return { action: 'created', number: data.number, url: data.html_url };
    } catch (err) {
      const status = (err as { status?: number }).status ?? 0;
      if (status === 422) {
        // GitHub allows one open pull request per head and base: if it is not ours, say whose it is.
        const other = (await openPullsFrom(github, target)).find((pull) => !isOurs(target, pull));
        if (other) {
          throw new Error(
            `pull request #${other.number} from ${target.head} is already open and was not opened by ${target.botLogin}: close it so the bot can open its own`,
          );
        }
      } else if (status !== 0 && status < 500) {
        throw err;
      }
      // A server error may come after the pull request was opened: look again before trying again.
      lastError = err;
    }
  }
  throw lastError;
}
