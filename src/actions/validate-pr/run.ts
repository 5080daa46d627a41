/**
 * The validate-pr action: on a pull request (or a review of one) that touches the on-call files,
 * judge the change, annotate the offending lines, write the job summary, keep one PR comment up
 * to date, and pass or fail the check. Only this function touches the Actions runtime.
 */
import * as core from '@actions/core';
import type { GitHub } from '../../io/github/client.js';
import { upsertMarkedComment } from '../../io/github/marked-comment.js';
import { actionRuntime } from '../shared/runtime.js';
import { checkPullRequest } from './check-pull-request.js';

interface PullRequestEvent {
  pull_request?: { number: number; user: { login: string } | null; head: { sha: string } };
}

export async function run(): Promise<void> {
  try {
    const { event, owner, repo, github, now, botLogin } = actionRuntime();
    const pull = (event as PullRequestEvent).pull_request;
    if (!pull) {
      core.setFailed('validate-pr runs on pull_request and pull_request_review events only');
      return;
    }
    const approvals = await approvingReviewers(github, owner, repo, pull.number, pull.head.sha);
    const outcome = await checkPullRequest({
      baseRoot: core.getInput('base-root') || 'base',
      headRoot: core.getInput('head-root') || 'head',
      author: pull.user?.login,
      approvals,
      now,
    });

    for (const item of outcome.errors) {
      core.error(item.message, {
        title: item.rule,
        file: item.file,
        startLine: item.line,
        startColumn: item.column,
      });
    }
    for (const item of outcome.warnings) {
      core.warning(item.message, {
        title: item.rule,
        file: item.file,
        startLine: item.line,
        startColumn: item.column,
      });
    }
    await core.summary.addRaw(outcome.markdown).write();

    core.setOutput('ok', String(outcome.ok));
    core.setOutput('summary', outcome.headline);
    // A pull request that touches no on-call file gets no comment: the passing check says enough.
    if (outcome.changed.length === 0) return;

    try {
      await upsertMarkedComment(
        github,
        { owner, repo, issue_number: pull.number, botLogin, marker: 'trade-check' },
        outcome.markdown,
      );
    } catch (err) {
      // A fork's pull request gets a read-only token: the check result still stands without the comment.
      const status = (err as { status?: number }).status;
      if (status !== 403) throw err;
      core.warning(
        'could not comment on the pull request (read-only token, e.g. from a fork); see the job summary',
      );
    }

    if (!outcome.ok) core.setFailed(outcome.headline);
  } catch (err) {
    core.setFailed(`validate-pr: ${(err as Error).message}`);
  }
}

/** Logins whose latest review is an approval of the head commit. */
async function approvingReviewers(
  github: GitHub,
  owner: string,
  repo: string,
  pull_number: number,
  sha: string,
) {
  const reviews = await github.paginate(github.rest.pulls.listReviews, {
    owner,
    repo,
    pull_number,
    per_page: 100,
  });
  const latest = new Map<string, { state: string; commit: string | null | undefined }>();
  for (const review of reviews) {
    const login = review.user?.login;
    // Comments do not replace an approval or a change request.
    if (!login || review.state === 'COMMENTED' || review.state === 'PENDING') continue;
    latest.set(login.toLowerCase(), { state: review.state, commit: review.commit_id });
  }
  const logins: string[] = [];
  for (const review of reviews) {
    const login = review.user?.login;
    if (!login) continue;
    const last = latest.get(login.toLowerCase());
    if (last?.state === 'APPROVED' && last.commit === sha && !logins.includes(login)) logins.push(login);
  }
  return logins;
}
