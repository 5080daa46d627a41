/**
 * The validate-pr action: on a pull request (or a review of one), judge the change between its
 * base and head checkouts (consent gathered from reviews, commits and /approve-change comments), annotate the offending lines, write the job summary, keep one PR comment up
 * to date, and pass or fail the check. Only this function touches the Actions runtime.
 */
import * as core from '@actions/core';
import { readCodeOwners } from '../../io/changed-files.js';
import { upsertMarkedComment } from '../../io/github/marked-comment.js';
import { actionRuntime } from '../shared/runtime.js';
import { checkPullRequest } from './check-pull-request.js';
import { gatherConsent } from './gather-consent.js';

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
    const baseRoot = core.getInput('base-root') || 'base';
    // Consent is judged from the BASE: its CODEOWNERS names who owns the machinery.
    const consent = await gatherConsent(
      github,
      { owner, repo, pull_number: pull.number, headSha: pull.head.sha },
      await readCodeOwners(baseRoot),
    );
    for (const note of consent.notes) core.warning(note);
    const outcome = await checkPullRequest({
      baseRoot,
      headRoot: core.getInput('head-root') || 'head',
      author: pull.user?.login,
      committers: consent.committers,
      approvals: consent.approvals,
      repositoryAdmins: consent.repositoryAdmins,
      teams: consent.teams,
      headSha: pull.head.sha,
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
    // A passing pull request that changes nothing people or policy care about (sources, docs) gets
    // no comment: the passing check says enough.
    const told = outcome.check?.changes.some((change) => change.kind !== 'file') ?? false;
    if (outcome.ok && !told) return;

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
