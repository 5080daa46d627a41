/**
 * What every on-call Action reads from the runner: the event, the repository, the clock, and the
 * GitHub and Slack clients built once. Only Actions' run() functions call this.
 */
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { DateTime } from 'luxon';
import { DEFAULT_THRESHOLD_MINUTES } from '../../core/heartbeat/heartbeat.js';
import { createGitHubClient, type GitHub } from '../../io/github/client.js';
import { createSlackClient, type SlackClient } from '../../io/slack/client.js';

export interface ActionRuntime {
  event: Record<string, any>;
  eventName: string;
  owner: string;
  repo: string;
  now: DateTime;
  github: GitHub;
  /** Absent when no Slack token is configured: pages then go out as GitHub mentions only. */
  slack?: SlackClient;
  botLogin: string;
  root: string;
  rotation?: string;
  /** Minutes without a successful tick before the Slack channels are told; 0 turns that off. */
  heartbeatThresholdMinutes: number;
  /** Epoch ms (the real clock) after which the run sends and waits for nothing more. */
  deadline?: number;
}

export function actionRuntime(): ActionRuntime {
  const eventPath = requiredEnv('GITHUB_EVENT_PATH');
  const event = JSON.parse(readFileSync(eventPath, 'utf8')) as Record<string, any>;
  const [owner = '', repo = ''] = requiredEnv('GITHUB_REPOSITORY').split('/');
  const deadline = Date.now() + Number.parseInt(core.getInput('deadline-seconds') || '240', 10) * 1000;
  const retryBase = Number.parseInt(process.env.ONCALL_RETRY_BASE_MS ?? '1000', 10);
  const github = createGitHubClient({
    token: core.getInput('github-token', { required: true }),
    baseUrl: process.env.GITHUB_API_URL,
    deadline,
    retryAfterBaseValue: retryBase,
    pacing: process.env.ONCALL_PACING !== 'off',
    log: (message) => core.warning(message),
    requestTimeoutMs: Number.parseFloat(core.getInput('request-timeout-seconds') || '30') * 1000,
  });
  const slackToken = core.getInput('slack-token');
  const slack = slackToken
    ? createSlackClient({
        token: slackToken,
        apiUrl: process.env.SLACK_API_URL || undefined,
        deadline,
        retryBaseMs: retryBase,
        log: (message) => core.warning(message),
      })
    : undefined;
  return {
    event,
    eventName: process.env.GITHUB_EVENT_NAME ?? '',
    owner,
    repo,
    now: actionClock(),
    github,
    slack,
    botLogin: core.getInput('bot-login') || 'github-actions[bot]',
    root: core.getInput('root') || process.env.GITHUB_WORKSPACE || '.',
    rotation: core.getInput('rotation') || undefined,
    heartbeatThresholdMinutes: wholeMinutes('heartbeat-threshold-minutes', DEFAULT_THRESHOLD_MINUTES),
    deadline,
  };
}

/** A whole number of minutes from an input; the default when it is empty. */
function wholeMinutes(name: string, fallback: number): number {
  const text = core.getInput(name).trim();
  if (text === '') return fallback;
  if (!/^\d{1,6}$/.test(text)) {
    throw new Error(`the input ${name} must be a whole number of minutes (0 turns it off), not "${text}"`);
  }
  return Number.parseInt(text, 10);
}

/** The clock; ONCALL_NOW (ISO 8601 with offset) replays a run at a given instant, as --at does. */
export function actionClock(): DateTime {
  const replay = process.env.ONCALL_NOW;
  if (!replay) return DateTime.now();
  const at = DateTime.fromISO(replay, { setZone: true });
  if (!at.isValid) throw new Error(`ONCALL_NOW is not an ISO 8601 date-time: ${replay}`);
  return at;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: this runs inside GitHub Actions`);
  return value;
}
