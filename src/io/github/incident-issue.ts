/**
 * An incident as it lives on GitHub: its issue, its labels and its record comment. Reads the state
 * back from the record, and applies the engine's effects (labels, assignees, replies, closing),
 * each in a way that is safe to repeat.
 */
import type { Effect } from '../../core/incident/effects.js';
import { type IncidentState, RECORD_MARKER, readRecord } from '../../core/incident/record.js';
import type { GitHub } from './client.js';
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
 * reply and never made twice: the caller holds the incident's lock, so no other run writes them
 * at the same time (a reply mentions people, and one made twice notifies them twice even when
 * one is deleted at once).
 */
export async function applyIssueEffects(
  github: GitHub,
  issue: IssueRef,
  effects: readonly Effect[],
  replyKey: string,
): Promise<void> {
  const { owner, repo, issue_number } = issue;
  let replies = 0;
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
      case 'reply':
        replies += 1;
        await upsertMarkedComment(github, target(issue, `reply:${replyKey}:${replies}`), effect.body);
        break;
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
