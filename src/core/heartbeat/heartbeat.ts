/**
 * The tick's dead-man's switch. Every tick that completes without a failure leaves a heartbeat (the
 * time it ran) in the body of one "On-call status" issue: editing an issue body notifies nobody.
 * Any run that finds the heartbeat older than the threshold tells the rotations' Slack channels,
 * once per gap (the channels told are recorded next to the heartbeat); the tick that ends a gap
 * longer than the threshold says it is running again.
 *
 * Pure: the stored state, now and the channels come in; the messages and the next state go out.
 */
import { DateTime } from 'luxon';
import { whenText, zoneLabel } from '../slack-sync/topic.js';

/** The label of the status issue, which is found again by it and its hidden marker. */
export const STATUS_LABEL = 'oncall-status';
export const STATUS_TITLE = 'On-call status';
/** The issue body's marker: `<!-- oncall-as-code:oncall-status -->`. */
export const STATUS_MARKER = 'oncall-status';
/** Minutes without a successful tick before the channels are told (the actions' default). */
export const DEFAULT_THRESHOLD_MINUTES = 20;

export interface HeartbeatState {
  version: 1;
  /** When the last tick that completed without a failure ran (ISO 8601, UTC). */
  lastTick: string;
  /** The gap already told: the heartbeat it is about, and the channels that got the alert. */
  alerted?: { since: string; channels: string[] };
}

/** A channel to tell, and the timezone its times are written in. */
export interface AlertChannel {
  channel: string;
  timezone: string;
}

export interface SlackNotice {
  channel: string;
  text: string;
}

export interface HeartbeatInput {
  state: HeartbeatState | undefined;
  now: DateTime;
  /** 0 turns the alerts off. */
  thresholdMinutes: number;
  channels: readonly AlertChannel[];
  /** "owner/repo", to say where the tick workflow is. */
  repository: string;
}

export function heartbeatAgeMinutes(state: HeartbeatState, now: DateTime): number {
  return Math.floor((now.toMillis() - Date.parse(state.lastTick)) / 60_000);
}

function isStale(input: HeartbeatInput): input is HeartbeatInput & { state: HeartbeatState } {
  return (
    input.state !== undefined &&
    input.thresholdMinutes > 0 &&
    heartbeatAgeMinutes(input.state, input.now) >= input.thresholdMinutes
  );
}

/**
 * The alerts a run sends when the heartbeat is stale: one to each channel not yet told about this
 * gap. None when it is fresh, when alerts are off, or when no tick has ever left a heartbeat.
 */
export function staleAlerts(input: HeartbeatInput): SlackNotice[] {
  if (!isStale(input)) return [];
  const { state, now } = input;
  const told = state.alerted?.since === state.lastTick ? new Set(state.alerted.channels) : new Set<string>();
  const age = duration(heartbeatAgeMinutes(state, now));
  return input.channels
    .filter((entry) => !told.has(entry.channel))
    .map(({ channel, timezone }) => ({
      channel,
      text:
        `:rotating_light: *The on-call tick has not run successfully since ${at(state.lastTick, timezone)} (${age} ago).* ` +
        'Until it does, unacknowledged pages do not escalate, deferred sev:2 pages are not sent, and the on-call ' +
        'user group and topic are not updated. GitHub may be delaying or skipping its scheduled runs, or the runs ' +
        `fail: in ${input.repository}, open Actions → tick, run it by hand (Run workflow) and read its log. ` +
        'See docs/operations.md.',
    }));
}

/** The state after alerts went out to `channels` (added to those already told about this gap). */
export function withAlerted(state: HeartbeatState, channels: readonly string[]): HeartbeatState {
  const before = state.alerted?.since === state.lastTick ? state.alerted.channels : [];
  return { ...state, alerted: { since: state.lastTick, channels: [...new Set([...before, ...channels])] } };
}

/**
 * After a tick that completed without a failure: the new heartbeat (any gap is over), and, when
 * the gap was longer than the threshold, a note to each channel that the tick runs again.
 */
export function afterSuccessfulTick(input: HeartbeatInput): {
  state: HeartbeatState;
  notices: SlackNotice[];
} {
  const state: HeartbeatState = { version: 1, lastTick: input.now.toUTC().toISO() as string };
  if (!isStale(input)) return { state, notices: [] };
  const since = input.state.lastTick;
  const gap = duration(heartbeatAgeMinutes(input.state, input.now));
  const notices = input.channels.map(({ channel, timezone }) => ({
    channel,
    text:
      `:white_check_mark: *The on-call tick is running again* (${at(state.lastTick, timezone)}). It had not run ` +
      `successfully since ${at(since, timezone)} (${gap}): whatever was due in that time and had not gone out ` +
      '(escalations, deferred pages, the user group and topic) was done by this run, late.',
  }));
  return { state, notices };
}

const STATE_OPEN = '<!-- oncall-heartbeat ';
const STATE_CLOSE = ' -->';

/** The status issue's body as people read it (without its marker), the state hidden at its end. */
export function renderStatus(state: HeartbeatState): string {
  const last = DateTime.fromISO(state.lastTick, { zone: 'utc' }).toFormat("yyyy-MM-dd HH:mm 'UTC'");
  const lines = [
    `## ${STATUS_TITLE}`,
    '',
    `The on-call tick last ran successfully at **${last}**.`,
    '',
    'The tick workflow rewrites this text on every run: it is the heartbeat that tells whether the tick is running. ' +
      `When it is older than the threshold (${DEFAULT_THRESHOLD_MINUTES} minutes unless the actions set ` +
      '`heartbeat-threshold-minutes`), the next incident or tick run alerts the on-call Slack channel. ' +
      'Editing this issue notifies nobody; please do not edit or close it. See docs/operations.md.',
  ];
  if (state.alerted && state.alerted.since === state.lastTick && state.alerted.channels.length > 0) {
    lines.push('', `Alerted about this gap: ${state.alerted.channels.join(', ')}.`);
  }
  lines.push('', `${STATE_OPEN}${JSON.stringify(state)}${STATE_CLOSE}`);
  return lines.join('\n');
}

/** The state in a status issue's body; undefined when it has none or it is damaged. */
export function parseStatus(body: string): HeartbeatState | undefined {
  const start = body.indexOf(STATE_OPEN);
  if (start < 0) return undefined;
  const end = body.indexOf(STATE_CLOSE, start + STATE_OPEN.length);
  if (end < 0) return undefined;
  try {
    const state = JSON.parse(body.slice(start + STATE_OPEN.length, end)) as Partial<HeartbeatState>;
    if (
      state.version !== 1 ||
      typeof state.lastTick !== 'string' ||
      Number.isNaN(Date.parse(state.lastTick))
    ) {
      return undefined;
    }
    const alerted = state.alerted;
    const validAlerted =
      alerted !== undefined &&
      typeof alerted.since === 'string' &&
      Array.isArray(alerted.channels) &&
      alerted.channels.every((channel) => typeof channel === 'string');
    return { version: 1, lastTick: state.lastTick, ...(validAlerted ? { alerted } : {}) };
  } catch {
    return undefined;
  }
}

function at(iso: string, timezone: string): string {
  const instant = DateTime.fromISO(iso, { zone: 'utc' });
  return `${whenText(instant, timezone, true)} ${zoneLabel(instant, timezone)}`;
}

function duration(minutes: number): string {
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}
