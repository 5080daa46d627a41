/**
 * The cover action: on a new `cover-request` issue, answer ONE comment with the fairest eligible
 * candidates; on `/take` from one of them, open the override pull request (branch
 * `oncall/cover-ISSUE`, schedule.yaml with one override appended, every other byte kept) with both
 * consents recorded, give it the validate-pr commit status, and link it in the issue. A repeated
 * `/take` finds the pull request open and opens no second one. Someone not eligible is told why.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as core from '@actions/core';
import { type CoverCandidates, coverCandidates, whyNotEligible } from '../../core/cover/candidates.js';
import { candidatesComment, periodText, pullBody } from '../../core/cover/messages.js';
import {
  COVER_LABEL,
  type CoverPeriod,
  overrideBound,
  parseCoverForm,
  resolveCoverRequest,
} from '../../core/cover/request.js';
import { timedOverrides } from '../../core/schedule/overrides.js';
import { timeline } from '../../core/schedule/timeline.js';
import { branchSha, readFileAt, resetBranch, writeFileOnBranch } from '../../io/github/branch-files.js';
import { upsertMarkedComment } from '../../io/github/marked-comment.js';
import { findMarkedPull, upsertMarkedPull } from '../../io/github/marked-pull.js';
import { appendOverride } from '../../io/schedule-writer.js';
import { type OnCallRepository, openOnCallRepository } from '../shared/incident-context.js';
import { type ActionRuntime, actionRuntime } from '../shared/runtime.js';
import { checkPullRequest } from '../validate-pr/check-pull-request.js';

export const CANDIDATES_MARKER = 'cover-candidates';
export const CHECK_CONTEXT = 'validate-pr';
const MAX_STATUS_DESCRIPTION = 140;

export async function run(): Promise<void> {
  try {
    const runtime = actionRuntime();
    const serverUrl = process.env.GITHUB_SERVER_URL;
    const runId = process.env.GITHUB_RUN_ID;
    const outcome = await handleCover(runtime, {
      runUrl:
        serverUrl && runId
          ? `${serverUrl}/${runtime.owner}/${runtime.repo}/actions/runs/${runId}`
          : undefined,
    });
    core.setOutput('outcome', outcome.message);
    if (outcome.pull) core.setOutput('pull-request', String(outcome.pull));
    core.info(outcome.message);
  } catch (err) {
    core.setFailed(`cover: ${(err as Error).message}`);
  }
}

export interface CoverOutcome {
  message: string;
  pull?: number;
}

export async function handleCover(
  runtime: ActionRuntime,
  options: { runUrl?: string } = {},
): Promise<CoverOutcome> {
  const { event } = runtime;
  const issue = event.issue as Record<string, any> | undefined;
  if (!issue || issue.pull_request) return { message: 'not an issue: nothing to do' };
  const labels = ((issue.labels as { name?: string }[] | undefined) ?? []).map((label) => label.name);
  if (!labels.includes(COVER_LABEL)) return { message: 'not a cover request: nothing to do' };
  if (issue.state === 'closed') return { message: 'the cover request is closed: nothing to do' };

  const repo = await openOnCallRepository(runtime.root, runtime.rotation, runtime.now);
  const { rotation } = repo.source;
  const zone = rotation.timezone;
  const shifts = timeline(rotation, repo.source.schedule);
  const overrides = timedOverrides(rotation, repo.source.schedule);
  const author = (issue.user?.login as string | undefined) ?? '';
  const resolved = resolveCoverRequest({
    form: parseCoverForm(issue.body as string | undefined),
    author,
    rotation,
    roster: repo.roster,
    shifts,
    overrides,
    now: runtime.now,
  });
  const ref = { owner: runtime.owner, repo: runtime.repo, issue_number: issue.number as number };
  const branch = `oncall/cover-${issue.number}`;
  const pullTarget = {
    owner: runtime.owner,
    repo: runtime.repo,
    head: branch,
    base: '',
    botLogin: runtime.botLogin,
    marker: `cover-${issue.number}`,
  };
  const candidatesOf = (request: CoverPeriod): CoverCandidates =>
    coverCandidates({
      rotation,
      roster: repo.roster,
      shifts,
      overrides,
      everywhere: repo.repository.rotations.map((source) => ({
        name: source.rotation.name,
        shifts: timeline(source.rotation, source.schedule),
        overrides: timedOverrides(source.rotation, source.schedule),
      })),
      requester: request.requester,
      from: request.from,
      to: request.to,
      holidays: repo.holidays,
    });

  if (runtime.eventName === 'issues') {
    if (!['opened', 'reopened', 'labeled', 'edited'].includes(event.action)) {
      return { message: `issues.${event.action}: nothing to do` };
    }
    if (event.action === 'labeled' && event.label?.name !== COVER_LABEL) {
      return { message: 'another label: nothing to do' };
    }
    // Once someone took it, the answer stays as it was.
    if (await findMarkedPull(runtime.github, pullTarget)) {
      return { message: `#${issue.number} is already taken: nothing to do` };
    }
    const target = { ...ref, botLogin: runtime.botLogin, marker: CANDIDATES_MARKER };
    if (!resolved.ok) {
      await upsertMarkedComment(
        runtime.github,
        target,
        `@${author} I could not read this cover request: ${resolved.reason}. Edit the issue to fix it and I will answer again.`,
      );
      return { message: `cover request #${issue.number} not understood: ${resolved.reason}` };
    }
    const result = candidatesOf(resolved.request);
    const written = await upsertMarkedComment(
      runtime.github,
      target,
      candidatesComment(resolved.request, result, zone),
    );
    return {
      message: `cover request #${issue.number}: ${result.candidates.length} candidate(s) (${written.action})`,
    };
  }

  if (runtime.eventName !== 'issue_comment' || event.action !== 'created') {
    return { message: `${runtime.eventName}.${event.action}: nothing to do` };
  }
  const comment = event.comment as Record<string, any>;
  const body = ((comment.body as string | undefined) ?? '').trim();
  if (!/^\/take(\s|$)/.test(body)) return { message: 'not a /take command' };
  const login = (comment.user?.login as string | undefined) ?? '';
  if (comment.user?.type === 'Bot' || login.endsWith('[bot]')) return { message: 'a bot: no answer' };
  const reply = (text: string) =>
    upsertMarkedComment(
      runtime.github,
      { ...ref, botLogin: runtime.botLogin, marker: `reply:comment-${comment.id}` },
      text,
    );

  const { data: repository } = await runtime.github.rest.repos.get({
    owner: runtime.owner,
    repo: runtime.repo,
  });
  pullTarget.base = repository.default_branch;
  const open = await findMarkedPull(runtime.github, pullTarget);
  if (open) {
    await reply(
      `Thanks @${login}, this cover is already taken: #${open.number} is open for it, so nothing new was opened.`,
    );
    return { message: `already taken: #${open.number}`, pull: open.number };
  }
  if (!resolved.ok) {
    await reply(`Thanks @${login}, but this cover request cannot be taken: ${resolved.reason}.`);
    return { message: `refused /take by ${login}: ${resolved.reason}` };
  }
  const request = resolved.request;
  const why = whyNotEligible(candidatesOf(request), login, request.requester);
  if (why) {
    await reply(
      `Thanks @${login}, but you cannot take this cover: ${why}. The candidates are listed in the first answer above.`,
    );
    return { message: `refused /take by ${login}: ${why}` };
  }
  const taker = repo.roster.byLogin.get(login.toLowerCase())?.github ?? login;
  const pull = await openCoverPull(runtime, repo, {
    issue: issue.number as number,
    request,
    taker,
    filedBy: author,
    commentUrl: comment.html_url as string | undefined,
    base: repository.default_branch,
    branch,
    marker: pullTarget.marker,
    ...options,
  });
  await upsertMarkedComment(
    runtime.github,
    { ...ref, botLogin: runtime.botLogin, marker: 'cover-pull' },
    `@${taker} takes it: #${pull.number} (${pull.check.ok ? 'its check passed' : `its check fails: ${pull.check.headline}`}). ` +
      `@${request.requester} is covered from ${periodText(request, zone)} once it is merged.`,
  );
  return { message: `/take by ${taker}: pull request #${pull.number} ${pull.action}`, pull: pull.number };
}

async function openCoverPull(
  runtime: ActionRuntime,
  repo: OnCallRepository,
  input: {
    issue: number;
    request: CoverPeriod;
    taker: string;
    filedBy: string;
    commentUrl?: string;
    base: string;
    branch: string;
    marker: string;
    runUrl?: string;
  },
) {
  const { github } = runtime;
  const target = { owner: runtime.owner, repo: runtime.repo };
  const { rotation, scheduleFile } = repo.source;
  const zone = rotation.timezone;
  const baseSha = await branchSha(github, target, input.base);
  if (!baseSha) throw new Error(`the default branch ${input.base} has no head commit`);
  const onBase = await readFileAt(github, target, baseSha, scheduleFile);
  const checkoutText = await readFile(path.join(runtime.root, scheduleFile), 'utf8');
  if (onBase?.text !== checkoutText) {
    throw new Error(
      `${scheduleFile} on ${input.base} differs from this run's checkout (it changed since); nothing was written: comment /take again`,
    );
  }
  const { request, taker } = input;
  const reason = `cover request #${input.issue}${request.why ? `: ${request.why.split('\n')[0]}` : ''}`.slice(
    0,
    200,
  );
  const after = appendOverride(checkoutText, {
    from: overrideBound(request.from, zone),
    to: overrideBound(request.to, zone),
    replace: request.requester,
    with: taker,
    reason,
  });

  // Consent: whoever filed the request agreed by filing it (the requester, or an admin standing in
  // for someone away), the taker by the command. Judged by the same check as every pull request,
  // on the checkout with the edit applied in memory.
  const check = await checkPullRequest({
    baseRoot: runtime.root,
    edits: new Map([[scheduleFile, after]]),
    approvals: [
      { login: input.filedBy, onHead: true, via: 'request' },
      { login: taker, onHead: true, via: 'command' },
    ],
    now: runtime.now,
  });

  await resetBranch(github, target, input.branch, baseSha);
  const title = `Cover: ${taker} covers ${request.requester} from ${request.from.setZone(zone).toFormat('yyyy-MM-dd HH:mm')}`;
  await writeFileOnBranch(github, target, {
    branch: input.branch,
    path: scheduleFile,
    text: after,
    message: title,
  });
  const headSha = await branchSha(github, target, input.branch);
  if (!headSha) throw new Error(`the branch ${input.branch} disappeared while writing to it`);
  const pull = await upsertMarkedPull(
    github,
    { ...target, head: input.branch, base: input.base, botLogin: runtime.botLogin, marker: input.marker },
    {
      title,
      body: pullBody({
        issue: input.issue,
        request,
        taker,
        filedBy: input.filedBy,
        zone,
        commentUrl: input.commentUrl,
        checkMarkdown: check.markdown,
      }),
    },
  );
  const description =
    check.headline.length > MAX_STATUS_DESCRIPTION
      ? `${check.headline.slice(0, MAX_STATUS_DESCRIPTION - 1)}…`
      : check.headline;
  await github.rest.repos.createCommitStatus({
    ...target,
    sha: headSha,
    state: check.ok ? 'success' : 'failure',
    context: CHECK_CONTEXT,
    description,
    ...(input.runUrl && { target_url: input.runUrl }),
  });
  return { ...pull, check, headSha };
}
