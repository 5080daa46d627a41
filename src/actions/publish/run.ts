/**
 * The publish action (weekly): keep every rotation published `publish_weeks_ahead` weeks ahead
 * through ONE pull request. The branch `oncall/publish` is reset to the default branch's head and
 * the extended schedule.yaml files are written on it (so a re-run never stacks commits); the one
 * open pull request from it is found by its marker and updated, or opened. A pull request opened
 * with the workflow token starts no workflow, so the action gives it the `validate-pr` result
 * itself, as a commit status computed with the same check. Nothing to add: nothing is touched.
 */
import * as core from '@actions/core';
import { branchSha, readFileAt, resetBranch, writeFileOnBranch } from '../../io/github/branch-files.js';
import type { GitHub } from '../../io/github/client.js';
import { upsertMarkedPull } from '../../io/github/marked-pull.js';
import { type ActionRuntime, actionRuntime } from '../shared/runtime.js';
import { type PublishPlan, planPublish } from './plan.js';

export const PUBLISH_MARKER = 'publish';
export const CHECK_CONTEXT = 'validate-pr';
/** GitHub refuses a status description longer than this. */
const MAX_STATUS_DESCRIPTION = 140;

export interface PublishOptions {
  branch: string;
  dryRun: boolean;
  /** Set the validate-pr commit status on the pull request's head (off when an App token runs the real check). */
  commitStatus: boolean;
  /** Where the status links to: this workflow run. */
  runUrl?: string;
  /** The ref the checkout is of (GITHUB_REF): it must be the default branch, the pull request's base. */
  checkoutRef?: string;
}

export interface PublishOutcome {
  lines: string[];
  plan: PublishPlan;
  pull?: { number: number; url: string; action: string; headSha: string };
}

export async function run(): Promise<void> {
  try {
    const runtime = actionRuntime();
    const serverUrl = process.env.GITHUB_SERVER_URL;
    const runId = process.env.GITHUB_RUN_ID;
    const outcome = await publish(runtime, {
      branch: core.getInput('branch') || 'oncall/publish',
      dryRun: booleanInput('dry-run', false),
      commitStatus: booleanInput('commit-status', true),
      runUrl:
        serverUrl && runId
          ? `${serverUrl}/${runtime.owner}/${runtime.repo}/actions/runs/${runId}`
          : undefined,
      checkoutRef: process.env.GITHUB_REF || undefined,
    });
    for (const line of outcome.lines) core.info(line);
    const { plan } = outcome;
    core.setOutput('summary', outcome.lines.join('\n'));
    core.setOutput('added', String(plan.request?.shifts ?? 0));
    if (plan.request) core.setOutput('through', plan.request.through);
    if (outcome.pull) {
      core.setOutput('pull-request', String(outcome.pull.number));
      core.setOutput('url', outcome.pull.url);
    }
    if (plan.request) {
      await core.summary.addRaw(`## ${plan.request.title}\n\n${plan.request.body}`).write();
    }
    const failures = [...plan.failures];
    if (plan.check && !plan.check.ok)
      failures.push(`the publish change fails its check: ${plan.check.headline}`);
    if (failures.length > 0) core.setFailed(`publish: ${failures.join('\n')}`);
  } catch (err) {
    const hint =
      (err as { status?: number }).status === 403
        ? ' (the token needs contents, pull-requests and statuses write, and the repository must allow ' +
          'Actions to create pull requests: Settings → Actions → General → Workflow permissions; see docs/publishing.md)'
        : '';
    core.setFailed(`publish: ${(err as Error).message}${hint}`);
  }
}

export async function publish(runtime: ActionRuntime, options: PublishOptions): Promise<PublishOutcome> {
  const plan = await planPublish({
    root: runtime.root,
    rotation: runtime.rotation,
    now: runtime.now,
    author: runtime.botLogin,
  });
  const lines = plan.failures.map((failure) => `could not extend ${failure}`);
  const { request, check } = plan;
  if (!request || !check) {
    lines.push('every rotation is published through its horizon: nothing to publish');
    return { lines, plan };
  }
  lines.push(
    ...plan.publications.map(
      (publication) => `${publication.rotation}: ${publication.added.length} new shift(s)`,
    ),
    `${request.title} (check: ${check.headline})`,
  );
  if (options.dryRun) {
    lines.push('dry run: nothing written', request.body);
    return { lines, plan };
  }

  const { github } = runtime;
  const target = { owner: runtime.owner, repo: runtime.repo };
  const { data: repository } = await github.rest.repos.get(target);
  const base = repository.default_branch;
  if (options.checkoutRef !== undefined && options.checkoutRef !== `refs/heads/${base}`) {
    throw new Error(
      `this run checked out ${options.checkoutRef}, not the default branch ${base}: publish from ${base} (the pull request's base)`,
    );
  }
  if (options.branch === base) {
    throw new Error(`the publish branch cannot be the default branch ${base}: it is reset on every run`);
  }
  const baseSha = await branchSha(github, target, base);
  if (!baseSha) throw new Error(`the default branch ${base} has no head commit`);
  // The new files were computed from the checkout: they apply only if the default branch still
  // holds the same schedules. Otherwise write nothing; the next run starts from the new state.
  for (const edit of plan.edits) {
    const onBase = await readFileAt(github, target, baseSha, edit.file);
    if (onBase?.text !== edit.before) {
      throw new Error(
        `${edit.file} on ${base} differs from this run's checkout (it changed since); nothing was written: run again`,
      );
    }
  }

  const reset = await resetBranch(github, target, options.branch, baseSha);
  lines.push(`branch ${options.branch}: ${reset} at ${base} (${baseSha.slice(0, 7)})`);
  for (const edit of plan.edits) {
    const rotation = plan.publications.find((publication) => publication.scheduleFile === edit.file);
    await writeFileOnBranch(github, target, {
      branch: options.branch,
      path: edit.file,
      text: edit.after,
      message: `${request.title}${plan.edits.length > 1 && rotation ? ` (${rotation.rotation})` : ''}`,
    });
  }
  const headSha = await branchSha(github, target, options.branch);
  if (!headSha) throw new Error(`the branch ${options.branch} disappeared while writing to it`);

  const pull = await upsertMarkedPull(
    github,
    { ...target, head: options.branch, base, botLogin: runtime.botLogin, marker: PUBLISH_MARKER },
    { title: request.title, body: request.body },
  );
  lines.push(`pull request #${pull.number} ${pull.action}: ${pull.url}`);

  if (options.commitStatus) {
    await setCheckStatus(github, target, headSha, check, options.runUrl);
    lines.push(`status ${CHECK_CONTEXT}: ${check.ok ? 'success' : 'failure'} on ${headSha.slice(0, 7)}`);
  }
  return { lines, plan, pull: { ...pull, headSha } };
}

/**
 * The validate-pr result on the pull request's head commit. Safe to repeat (the client may retry
 * it): the latest status of a context is the one that counts.
 */
async function setCheckStatus(
  github: GitHub,
  target: { owner: string; repo: string },
  sha: string,
  check: { ok: boolean; headline: string },
  runUrl: string | undefined,
): Promise<void> {
  const description =
    check.headline.length > MAX_STATUS_DESCRIPTION
      ? `${check.headline.slice(0, MAX_STATUS_DESCRIPTION - 1)}…`
      : check.headline;
  await github.rest.repos.createCommitStatus({
    ...target,
    sha,
    state: check.ok ? 'success' : 'failure',
    context: CHECK_CONTEXT,
    description,
    ...(runUrl && { target_url: runUrl }),
  });
}

function booleanInput(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).trim().toLowerCase();
  if (value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`input ${name} must be true or false (got "${value}")`);
}
