/**
 * The Monday handoff: finds the handoff that just happened (the latest shift start at or before
 * now), opens its issue or updates it, closes earlier handoff issues whose checklist is done, and
 * posts the issue to the rotation's Slack channel once. A scheduled run acts only within the hour
 * after a handoff; a run by hand always acts on the latest one. Repeated or late runs find the
 * issue and the Slack post of the first run by their markers and make neither twice.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { checklistDone, checklistProgress, keepTicks } from '../../core/handoff/checklist.js';
import {
  buildHandoffIssue,
  HANDOFF_LABEL,
  type HandoffIncident,
  handoffDateOf,
  handoffSlackText,
  type PlaybookChanges,
} from '../../core/handoff/handoff-issue.js';
import {
  DEFAULT_HANDOFF_WINDOW_MINUTES,
  findHandoff,
  type Handoff,
  handoffIsRecent,
} from '../../core/handoff/handoff-time.js';
import { timedOverrides } from '../../core/schedule/overrides.js';
import { timeline } from '../../core/schedule/timeline.js';
import { workCalendar } from '../../core/time/work-hours.js';
import type { GitHub } from '../../io/github/client.js';
import {
  ensureHandoffIssue,
  type HandoffIssueOnGitHub,
  listHandoffIssues,
} from '../../io/github/handoff-issues.js';
import { listIncidentIssues } from '../../io/github/incident-issues.js';
import {
  claimMarkedComment,
  findMarkedComment,
  upsertMarkedComment,
} from '../../io/github/marked-comment.js';
import { playbooksChangedBetween } from '../../io/playbook-history.js';
import { type OnCallRepository, openOnCallRepository } from '../shared/incident-context.js';
import { type ActionRuntime, actionRuntime } from '../shared/runtime.js';

export interface HandoffOptions {
  /** Compute and show the issue, write nothing. */
  dryRun: boolean;
  /** A scheduled run acts on a handoff at most this many minutes old. */
  windowMinutes: number;
}

export interface HandoffOutcome {
  lines: string[];
  issue?: { number: number; url: string };
  /** The issue body, for the job summary. */
  body?: string;
}

export async function run(): Promise<void> {
  try {
    const runtime = actionRuntime();
    const window = core.getInput('window-minutes').trim();
    if (window !== '' && !/^[1-9]\d{0,5}$/.test(window)) {
      throw new Error(`the input window-minutes must be a positive whole number of minutes, not "${window}"`);
    }
    const windowMinutes = window === '' ? DEFAULT_HANDOFF_WINDOW_MINUTES : Number.parseInt(window, 10);
    const dryRun = (core.getInput('dry-run') || 'false').toLowerCase() === 'true';
    const outcome = await handoff(runtime, { dryRun, windowMinutes });
    core.setOutput('summary', outcome.lines.join('\n'));
    if (outcome.issue) {
      core.setOutput('issue-number', String(outcome.issue.number));
      core.setOutput('issue-url', outcome.issue.url);
    }
    for (const line of outcome.lines) core.info(line);
    if (outcome.body && process.env.GITHUB_STEP_SUMMARY) {
      await core.summary.addRaw(outcome.body, true).write();
    }
  } catch (err) {
    core.setFailed(`handoff: ${(err as Error).message}`);
  }
}

export async function handoff(runtime: ActionRuntime, options: HandoffOptions): Promise<HandoffOutcome> {
  const repo = await openOnCallRepository(runtime.root, runtime.rotation, runtime.now);
  const { rotation, schedule } = repo.source;
  const byHand = runtime.eventName !== 'schedule';
  const lookup = findHandoff(timeline(rotation, schedule), runtime.now);
  if (!lookup.found) {
    const at = lookup.at;
    const due =
      at !== undefined &&
      at <= runtime.now &&
      (byHand || handoffIsRecent(at, runtime.now, options.windowMinutes));
    if (due) throw new Error(lookup.reason);
    return { lines: [`nothing to do: ${lookup.reason}`] };
  }
  const found = lookup.handoff;
  if (!byHand && !handoffIsRecent(found.at, runtime.now, options.windowMinutes)) {
    return {
      lines: [
        `nothing to do: no handoff in the last ${options.windowMinutes} minutes (the last was ${found.date}); run it by hand to catch up`,
      ],
    };
  }

  const ref = { owner: runtime.owner, repo: runtime.repo, botLogin: runtime.botLogin };
  const findAll = () =>
    listHandoffIssues(runtime.github, ref, HANDOFF_LABEL, (body) => handoffDateOf(body, rotation.name));
  const [incidents, playbooks, handoffIssues] = await Promise.all([
    gatherIncidents(runtime, found),
    playbookChanges(repo, runtime.root, found),
    findAll(),
  ]);
  const previous = handoffIssues
    .filter((issue) => issue.date < found.date)
    .sort((a, b) => b.date.localeCompare(a.date))[0];
  const content = buildHandoffIssue({
    handoff: found,
    rotation,
    roster: repo.roster,
    calendar: workCalendar(rotation, repo.holidays),
    overrides: timedOverrides(rotation, schedule),
    incidents,
    playbooks,
    ...(previous ? { previous: { number: previous.number } } : {}),
    severalRotations: repo.repository.rotations.length > 1,
  });
  const lines: string[] = [];
  if (options.dryRun) {
    lines.push(`dry run: would open or update "${content.title}" for ${content.assignees.join(', ')}`);
    return { lines, body: content.body };
  }

  const ensured = await ensureHandoffIssue(
    runtime.github,
    ref,
    found.date,
    {
      title: content.title,
      body: content.body,
      assignees: content.assignees,
      labels: [HANDOFF_LABEL],
      lockKey: `handoff:${rotation.name}:${found.date}`,
    },
    async () => (await findAll()).find((issue) => issue.date === found.date),
    keepTicks,
    runtime.now.toJSDate(),
  );
  if (ensured.action === 'skipped') {
    lines.push(`${content.title}: not written here: ${ensured.why}; that run opens it and posts it to Slack`);
    return { lines };
  }
  const issue = ensured.issue;
  lines.push(`#${issue.number} ${content.title}: ${ensured.action}`);

  // Earlier handoffs: closed once their checklist is done, left open (and said so) otherwise.
  for (const earlier of handoffIssues) {
    if (earlier.date >= found.date || earlier.state !== 'open') continue;
    lines.push(await closeWhenDone(runtime.github, ref, earlier, issue));
  }

  lines.push(await postToSlack(runtime, repo, content, issue));
  return { lines, issue: { number: issue.number, url: issue.url }, body: content.body };
}

/** Open incidents (any age), and those touched since the outgoing shift began, with their records. */
function gatherIncidents(runtime: ActionRuntime, found: Handoff): Promise<HandoffIncident[]> {
  const since = (found.outgoing?.startsAt ?? found.at).toUTC().toISO() as string;
  return listIncidentIssues(
    runtime.github,
    { owner: runtime.owner, repo: runtime.repo, botLogin: runtime.botLogin },
    { since, includeOpen: true },
  );
}

async function playbookChanges(
  repo: OnCallRepository,
  root: string,
  found: Handoff,
): Promise<PlaybookChanges> {
  if (!found.outgoing) return { known: true, changes: [] };
  const history = await playbooksChangedBetween(
    root,
    found.outgoing.startsAt.toJSDate(),
    found.outgoing.endsAt.toJSDate(),
  );
  if (!history.known) return history;
  return {
    known: true,
    changes: history.files.map((file) => {
      const playbook = repo.repository.playbooks.find((entry) => entry.file === file);
      if (playbook) return { file, title: playbook.frontMatter.title };
      return existsSync(path.join(root, file)) ? { file } : { file, removed: true };
    }),
  };
}

async function closeWhenDone(
  github: GitHub,
  ref: { owner: string; repo: string },
  earlier: HandoffIssueOnGitHub,
  current: { number: number },
): Promise<string> {
  if (!checklistDone(earlier.body)) {
    const { done, total } = checklistProgress(earlier.body);
    return `#${earlier.number} (handoff of ${earlier.date}) left open: ${done} of ${total} checklist boxes ticked`;
  }
  await github.rest.issues.update({
    owner: ref.owner,
    repo: ref.repo,
    issue_number: earlier.number,
    state: 'closed',
    state_reason: 'completed',
  });
  return `#${earlier.number} (handoff of ${earlier.date}) closed: its checklist is done; the week continues in #${current.number}`;
}

/** Posts once per handoff: a marker comment on the issue records the post, and a repeat finds it. */
/** The claim's text while a run posts the handoff to Slack. */
const POSTING = 'Posting to Slack…';
/** A claim older than this belongs to a run that stopped: the job's timeout is 10 minutes. */
const STALE_POST_CLAIM_MS = 15 * 60_000;

async function postToSlack(
  runtime: ActionRuntime,
  repo: OnCallRepository,
  content: ReturnType<typeof buildHandoffIssue>,
  issue: HandoffIssueOnGitHub,
): Promise<string> {
  const channel = repo.source.rotation.slack?.channel;
  if (!runtime.slack) return 'Slack: no slack-token, nothing posted';
  if (!channel) return 'Slack: the rotation has no slack.channel, nothing posted';
  const target = {
    owner: runtime.owner,
    repo: runtime.repo,
    issue_number: issue.number,
    botLogin: runtime.botLogin,
    marker: `handoff-slack:${content.date}`,
  };
  const found = await findMarkedComment(runtime.github, target);
  if (found && !(found.body ?? '').includes(POSTING)) return `Slack: already posted to ${channel}`;
  if (found) {
    // Another run claimed the post. While its claim is fresh, it is posting; a claim left longer
    // than that is a run that stopped (cancelled, timed out) somewhere around the post.
    const claimedAt = Date.parse(found.updated_at ?? found.created_at);
    if (runtime.now.toMillis() - claimedAt < STALE_POST_CLAIM_MS) {
      return `Slack: another run is posting to ${channel}`;
    }
    // It may have posted before it stopped: the channel says. Only then is the post made again.
    if (await runtime.slack.hasMessageSince(channel, claimedAt - 60_000, issue.url)) {
      await upsertMarkedComment(
        runtime.github,
        target,
        `Posted to Slack (channel \`${channel}\`; found there after the posting run stopped).`,
      );
      return `Slack: already posted to ${channel} (found in the channel)`;
    }
    await upsertMarkedComment(runtime.github, target, `${POSTING} (taken over from a run that stopped)`);
  } else {
    // Claim the post first, so of two runs at once only one posts; a failed post gives the claim back.
    const claim = await claimMarkedComment(runtime.github, target, POSTING);
    if (!claim.won) return `Slack: another run is posting to ${channel}`;
  }
  const text = handoffSlackText(content, { number: issue.number, url: issue.url }, repo.roster);
  let posted: { channel: string; ts: string };
  try {
    posted = await runtime.slack.postMessage({ channel, text });
  } catch (err) {
    const mine = await findMarkedComment(runtime.github, target);
    if (mine)
      await runtime.github.rest.issues.deleteComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: mine.id,
      });
    throw err;
  }
  await upsertMarkedComment(
    runtime.github,
    target,
    `Posted to Slack (channel \`${posted.channel}\`, message \`${posted.ts}\`) at ${runtime.now.toUTC().toISO({ suppressMilliseconds: true })}.`,
  );
  return `Slack: posted to ${posted.channel}`;
}
