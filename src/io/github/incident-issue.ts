/**
 * An incident as it lives on GitHub: its issue, its labels and its record comment. Reads the state
 * back from the record, and applies the engine's effects (labels, assignees, replies, closing),
 * each in a way that is safe to repeat.
 */
import type { Effect } from '../../core/incident/effects.js';
import { type IncidentState, RECORD_MARKER, readRecord } from '../../core/incident/record.js';
import type { GitHub } from './client.js';
import { withCreationLock } from './creation-lock.js';
import { findMarkedComment, type MarkedCommentTarget, upsertMarkedComment } from './marked-comment.js';

export interface IssueRef {
  owner: string;
  repo: string;
  issue_number: number;
  botLogin: string;
}

/**
 * The record exists but cannot be read: it is reported, never replaced (a new record would forget
 * the pages sent and page everyone again).
 */
export class DamagedRecord extends Error {
  constructor(
    readonly issueNumber: number,
    readonly why: string,
    readonly commentUrl: string,
  ) {
    super(
      `the incident record of #${issueNumber} cannot be read (${why}); nothing was changed: ${commentUrl}`,
    );
  }
}

/**
 * The state, read only from the bot's own record comment; undefined when there is no record yet.
 * Throws DamagedRecord when the record is there but does not parse.
 */
export async function readIncidentState(github: GitHub, issue: IssueRef): Promise<IncidentState | undefined> {
  const comment = await findMarkedComment(github, target(issue, RECORD_MARKER));
  if (!comment) return undefined;
  const read = readRecord(comment.body ?? '');
  if (read.status === 'ok') return read.state;
  throw new DamagedRecord(
    issue.issue_number,
    read.status === 'none' ? 'it has no state block' : read.why,
    comment.html_url,
  );
}

export async function writeIncidentRecord(github: GitHub, issue: IssueRef, body: string): Promise<void> {
  await upsertMarkedComment(github, target(issue, RECORD_MARKER), body);
}

/**
 * Applies the GitHub effects (pages are the pager's). Replies are found again by a marker per
 * reply, and written holding a lock of their own: a reply mentions people, and a comment made
 * twice notifies them twice even when one is deleted at once. `finished` is false when another
 * run held a reply's lock (it is writing that reply; the next run finds it written).
 */
export async function applyIssueEffects(
  github: GitHub,
  issue: IssueRef,
  effects: readonly Effect[],
  replyKey: string,
  now: Date,
): Promise<{ finished: boolean }> {
  const { owner, repo, issue_number } = issue;
  let replies = 0;
  let finished = true;
  for (const effect of effects) {
    switch (effect.type) {
      case 'labels': {
        if (effect.add.length > 0)
          await github.rest.issues.addLabels({ owner, repo, issue_number, labels: effect.add });
        const current = await github.paginate(github.rest.issues.listLabelsOnIssue, {
          owner,
          repo,
          issue_number,
          per_page: 100,
        });
        for (const name of effect.remove) {
          if (current.some((label) => label.name === name)) {
            await github.rest.issues
              .removeLabel({ owner, repo, issue_number, name })
              .catch((err: { status?: number }) => {
                if (err.status !== 404) throw err;
              });
          }
        }
        break;
      }
      case 'assign':
        await github.rest.issues.addAssignees({ owner, repo, issue_number, assignees: effect.logins });
        break;
      case 'reply': {
        replies += 1;
        const marker = `reply:${replyKey}:${replies}`;
        const written = await withCreationLock(
          github,
          issue,
          `reply:${issue_number}:${replyKey}:${replies}`,
          now,
          () => upsertMarkedComment(github, target(issue, marker), effect.body),
        );
        if (!written.held) finished = false;
        break;
      }
      case 'close':
        await github.rest.issues.update({
          owner,
          repo,
          issue_number,
          state: 'closed',
          state_reason: effect.reason,
        });
        break;
      case 'reopen':
        await github.rest.issues.update({ owner, repo, issue_number, state: 'open' });
        break;
      case 'page':
        break;
    }
  }
  return { finished };
}

function target(issue: IssueRef, marker: string): MarkedCommentTarget {
  return {
    owner: issue.owner,
    repo: issue.repo,
    issue_number: issue.issue_number,
    botLogin: issue.botLogin,
    marker,
  };
}
