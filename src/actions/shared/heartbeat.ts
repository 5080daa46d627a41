/**
 * The tick's dead-man's switch as the actions run it: the tick leaves its heartbeat in the status
 * issue when it completed without a failure; the tick and the incident action alert the Slack
 * channels when the heartbeat is older than the threshold, once per gap (core/heartbeat).
 */
import {
  type AlertChannel,
  afterSuccessfulTick,
  type HeartbeatInput,
  heartbeatAgeMinutes,
  parseStatus,
  renderStatus,
  type SlackNotice,
  staleAlerts,
  withAlerted,
} from '../../core/heartbeat/heartbeat.js';
import type { Repository } from '../../core/model/repository.js';
import { findStatusIssue, type RepoRef, writeStatusIssue } from '../../io/github/status-issue.js';
import { loadRepository } from '../../io/load-repository.js';
import type { ActionRuntime } from './runtime.js';

export interface HeartbeatOutcome {
  lines: string[];
  /** What failed; the alert or heartbeat is tried again by the next run. */
  failures: string[];
}

/**
 * Reads the heartbeat; after a tick that completed without a failure (`tickSucceeded`), writes a
 * new one and says the tick runs again when it ends a long gap; otherwise alerts the channels not
 * yet told about a stale one. GitHub read failures throw; Slack failures are collected.
 */
export async function watchHeartbeat(
  runtime: ActionRuntime,
  repository: Repository | undefined,
  tickSucceeded?: boolean,
): Promise<HeartbeatOutcome> {
  const ref: RepoRef = { owner: runtime.owner, repo: runtime.repo, botLogin: runtime.botLogin };
  const lines: string[] = [];
  const failures: string[] = [];
  const issue = await findStatusIssue(runtime.github, ref);
  const state = issue ? parseStatus(issue.text) : undefined;
  if (issue && !state) lines.push(`heartbeat: status issue #${issue.number} holds no readable heartbeat`);
  const input: HeartbeatInput = {
    state,
    now: runtime.now,
    thresholdMinutes: runtime.heartbeatThresholdMinutes,
    channels: alertChannels(repository),
    repository: `${runtime.owner}/${runtime.repo}`,
  };

  if (tickSucceeded) {
    const next = afterSuccessfulTick(input);
    await send(runtime, next.notices, failures);
    const written = await writeStatusIssue(
      runtime.github,
      ref,
      issue,
      renderStatus(next.state),
      runtime.now.toJSDate(),
    );
    lines.push(
      written.action === 'skipped'
        ? `heartbeat: not written: ${written.why}`
        : `heartbeat: ${written.action} in #${written.number}`,
    );
    if (next.notices.length > 0 && state) {
      lines.push(`heartbeat: the tick runs again after ${heartbeatAgeMinutes(state, runtime.now)} min`);
    }
    return { lines, failures };
  }

  if (!state) return { lines, failures };
  const age = heartbeatAgeMinutes(state, runtime.now);
  const alerts = staleAlerts(input);
  if (alerts.length === 0) {
    if (input.channels.length === 0 && age >= input.thresholdMinutes && input.thresholdMinutes > 0) {
      lines.push(`heartbeat: no successful tick for ${age} min, and no rotation has a Slack channel to tell`);
    }
    return { lines, failures };
  }
  if (!runtime.slack) {
    failures.push(`heartbeat: no successful tick for ${age} min, and no Slack token to alert with`);
    return { lines, failures };
  }
  const sent = await send(runtime, alerts, failures);
  if (sent.length > 0 && issue) {
    await writeStatusIssue(
      runtime.github,
      ref,
      issue,
      renderStatus(withAlerted(state, sent)),
      runtime.now.toJSDate(),
    );
    lines.push(`heartbeat: no successful tick for ${age} min: alerted ${sent.join(', ')}`);
  }
  return { lines, failures };
}

/** Each channel of the repository's rotations once, with the timezone of the first rotation using it. */
export function alertChannels(repository: Repository | undefined): AlertChannel[] {
  const channels = new Map<string, AlertChannel>();
  const rotations = [...(repository?.rotations ?? [])].sort((a, b) => a.dir.localeCompare(b.dir));
  for (const { rotation } of rotations) {
    const channel = rotation.slack?.channel;
    if (channel && !channels.has(channel)) channels.set(channel, { channel, timezone: rotation.timezone });
  }
  return [...channels.values()];
}

/** Posts the notices; returns the channels that got theirs. */
async function send(
  runtime: ActionRuntime,
  notices: readonly SlackNotice[],
  failures: string[],
): Promise<string[]> {
  const sent: string[] = [];
  if (!runtime.slack) return sent;
  for (const notice of notices) {
    try {
      await runtime.slack.postMessage({ channel: notice.channel, text: notice.text });
      sent.push(notice.channel);
    } catch (err) {
      failures.push(`heartbeat: the message to ${notice.channel} failed: ${(err as Error).message}`);
    }
  }
  return sent;
}

/**
 * For runs other than the tick (the incident action): alert the channels when the tick's heartbeat
 * is stale. Never throws: the run's own work is done; what failed is for the log as a warning.
 */
export async function checkTickHeartbeat(runtime: ActionRuntime): Promise<HeartbeatOutcome> {
  try {
    const loaded = await loadRepository(runtime.root);
    return await watchHeartbeat(runtime, loaded.repository);
  } catch (err) {
    return { lines: [], failures: [`heartbeat: not checked: ${(err as Error).message}`] };
  }
}
