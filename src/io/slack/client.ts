/**
 * The one Slack client a run uses: the real `WebClient` of @slack/web-api, built once and passed
 * in, with every wait bounded by the run's deadline so a job ends with a clear failure instead of
 * being killed mid-page.
 *
 * - HTTP-level failures (5xx, network) are retried by the WebClient itself (`retryConfig`), with a
 *   backoff that gives up as soon as the next wait would pass the deadline.
 * - Rate limits are not waited out inside the WebClient (`rejectRateLimitedCalls`): its wait
 *   ignores any deadline. The helpers here wait `Retry-After` when it fits the deadline and fail
 *   with a clear message when it does not; `{ ok: false, error: 'ratelimited' }` is treated alike.
 * - Every other `{ ok: false }` answer is final and surfaces as a SlackCallError naming the method
 *   and Slack's error code. Only `users_not_found` is an answer (`lookupUserByEmail` → undefined).
 *
 * Slack has no idempotency key: a call whose answer was lost (a 5xx after Slack acted) may act
 * twice when retried. Pages carry their dedup key in the message so a repeat can be recognised.
 */
import {
  type FetchFunction,
  type Logger,
  LogLevel,
  type RetryOptions,
  type WebAPICallResult,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from '@slack/web-api';

export interface SlackClientOptions {
  token: string;
  /** Web API root, e.g. the local emulator's `apiUrl`; Slack's (https://slack.com/api/) when omitted. */
  apiUrl?: string;
  /** Epoch milliseconds after which nothing more is sent, waited for or retried. */
  deadline: number;
  /** The clock, for the deadline. */
  now?: () => number;
  /** Milliseconds per second of Slack's Retry-After and of the backoff: 1000 in production; tests shrink it. */
  retryBaseMs?: number;
  /** Retries of a call after an HTTP failure, and after a rate limit, each (default 3). */
  retries?: number;
  /** Where retries, rate limits and the WebClient's warnings are reported. */
  log?: (message: string) => void;
}

/** A Slack call that failed for good: `code` is Slack's error code, or one of this client's own. */
export class SlackCallError extends Error {
  override readonly name = 'SlackCallError';
  constructor(
    /** The Web API method, e.g. "chat.postMessage". */
    readonly method: string,
    /**
     * Slack's `error` (e.g. "channel_not_found"), or: "ratelimited" (still limited after the
     * retries), "deadline" (a wait would pass the run's deadline), "http_NNN" (an HTTP error
     * after the retries), "request_failed" (no answer), "empty_usergroup" (refused before sending),
     * "bad_answer" (an `ok` answer without the field the helper needs).
     */
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** An `{ ok: true }` answer, its fields as Slack sent them. */
export type SlackAnswer = WebAPICallResult & Record<string, unknown>;

export interface SlackUser {
  id: string;
  name: string;
  realName?: string;
  deleted: boolean;
}

export interface SlackMessage {
  /** A channel id, a DM id, or a user id (Slack then posts in the app's DM with them). */
  channel: string;
  /** The notification and fallback text (mrkdwn); always given, blocks or not. */
  text: string;
  /** Block Kit blocks, e.g. from `pageBlocks()`. */
  blocks?: readonly object[];
  /** Reply in the thread of this message. */
  threadTs?: string;
}

export interface SlackClient {
  /** The WebClient itself, for methods without a helper; `call()` adds the rate-limit handling. */
  readonly web: WebClient;
  /** Any Web API method, with the deadline-bounded rate-limit handling and clear errors. */
  call(method: string, args?: Record<string, unknown>): Promise<SlackAnswer>;
  /** Posts a message; returns where it landed (a DM's D… id for a user id) and its ts. */
  postMessage(message: SlackMessage): Promise<{ channel: string; ts: string }>;
  /** The DM channel id with a person, opening it when needed. */
  openDm(userId: string): Promise<string>;
  /**
   * Makes `userIds` the whole membership of a user group; returns the members after. Refuses an
   * empty list without calling Slack (Slack cannot empty a group): the caller alerts the channel.
   */
  setUserGroupMembers(groupId: string, userIds: readonly string[]): Promise<string[]>;
  /** Sets a channel's topic, made one line and cut to Slack's 250 characters; returns the topic set. */
  setTopic(channel: string, text: string): Promise<string>;
  /** The member with this email; undefined when Slack has none (`users_not_found`). */
  lookupUserByEmail(email: string): Promise<SlackUser | undefined>;
  /**
   * Whether a message containing `needle` (in its text or blocks) was posted in `channel` since
   * `sinceMs`: how a page is found again before it is sent a second time.
   */
  hasMessageSince(channel: string, sinceMs: number, needle: string): Promise<boolean>;
}

/** Slack's limit for a channel topic. */
export const TOPIC_MAX_CHARS = 250;

const DEFAULT_RETRIES = 3;

export function createSlackClient(options: SlackClientOptions): SlackClient {
  const now = options.now ?? Date.now;
  const base = options.retryBaseMs ?? 1000;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const log = options.log ?? (() => {});
  const deadline = options.deadline;
  const deadlineText = () => new Date(deadline).toISOString();

  const client = (retryConfig: ReturnType<typeof boundedRetry> | { retries: 0 }) =>
    new WebClient(options.token, {
      ...(options.apiUrl !== undefined && { slackApiUrl: options.apiUrl }),
      logger: quietLogger(log),
      retryConfig,
      rejectRateLimitedCalls: true,
      // Method names only: the token never goes to a URL a caller passes as a "method".
      allowAbsoluteUrls: false,
      fetch: deadlineFetch(now, deadline),
    });
  const web = client(boundedRetry({ retries, base, now, deadline, log }));
  // Posting is never retried blindly: a 5xx may come after Slack posted. The caller looks for
  // the message (hasMessageSince) before posting it again.
  const webOnce = client({ retries: 0 });

  async function call(
    method: string,
    args: Record<string, unknown> = {},
    via: WebClient = web,
  ): Promise<SlackAnswer> {
    for (let attempt = 0; ; attempt++) {
      if (now() >= deadline) {
        throw new SlackCallError(
          method,
          'deadline',
          `Slack ${method} not sent: the run's deadline (${deadlineText()}) has passed`,
        );
      }
      try {
        return (await via.apiCall(method, args)) as SlackAnswer;
      } catch (err) {
        const retryAfter = rateLimitOf(err);
        if (retryAfter === undefined) throw explain(method, err);
        const waitMs = retryAfter * base;
        if (attempt >= retries) {
          throw new SlackCallError(
            method,
            'ratelimited',
            `Slack kept rate-limiting ${method}: gave up after ${attempt + 1} attempts`,
            { cause: err },
          );
        }
        if (now() + waitMs >= deadline) {
          throw new SlackCallError(
            method,
            'deadline',
            `Slack rate-limited ${method} (Retry-After ${retryAfter} s); waiting would pass the run's deadline ` +
              `(${deadlineText()}), so it was not retried`,
            { cause: err },
          );
        }
        log(`Slack rate-limited ${method}: retrying in ${retryAfter} s`);
        await sleep(waitMs);
      }
    }
  }

  return {
    web,
    call,

    async postMessage(message) {
      const result = await call(
        'chat.postMessage',
        {
          channel: message.channel,
          text: message.text,
          ...(message.blocks && { blocks: message.blocks }),
          ...(message.threadTs && { thread_ts: message.threadTs }),
        },
        webOnce,
      );
      return {
        channel: requireString(result, 'channel', 'chat.postMessage'),
        ts: requireString(result, 'ts', 'chat.postMessage'),
      };
    },

    async openDm(userId) {
      const result = await call('conversations.open', { users: userId });
      const channel = result.channel as { id?: unknown } | undefined;
      if (typeof channel?.id !== 'string') {
        throw new SlackCallError(
          'conversations.open',
          'bad_answer',
          'Slack conversations.open answered without channel.id',
        );
      }
      return channel.id;
    },

    async setUserGroupMembers(groupId, userIds) {
      const users = [...new Set(userIds)];
      if (users.length === 0) {
        throw new SlackCallError(
          'usergroups.users.update',
          'empty_usergroup',
          `Refusing to empty Slack user group ${groupId}: Slack cannot remove every member of a group, ` +
            'and an empty on-call group would page nobody. Alert the channel instead.',
        );
      }
      const result = await call('usergroups.users.update', { usergroup: groupId, users: users.join(',') });
      const group = result.usergroup as { users?: unknown } | undefined;
      return Array.isArray(group?.users) ? group.users.map(String) : users;
    },

    async setTopic(channel, text) {
      const topic = fitTopic(text);
      await call('conversations.setTopic', { channel, topic });
      return topic;
    },

    async hasMessageSince(channel, sinceMs, needle) {
      const result = await call('conversations.history', {
        channel,
        oldest: (sinceMs / 1000).toFixed(6),
        limit: 200,
      });
      const messages = (result.messages as { text?: string; blocks?: unknown }[] | undefined) ?? [];
      return messages.some((message) =>
        `${message.text ?? ''}${JSON.stringify(message.blocks ?? [])}`.includes(needle),
      );
    },

    async lookupUserByEmail(email) {
      try {
        const result = await call('users.lookupByEmail', { email });
        const user = result.user as { id?: unknown; name?: unknown; real_name?: unknown; deleted?: unknown };
        if (typeof user?.id !== 'string') {
          throw new SlackCallError(
            'users.lookupByEmail',
            'bad_answer',
            'Slack users.lookupByEmail answered without user.id',
          );
        }
        return {
          id: user.id,
          name: typeof user.name === 'string' ? user.name : user.id,
          ...(typeof user.real_name === 'string' && { realName: user.real_name }),
          deleted: user.deleted === true,
        };
      } catch (err) {
        if (err instanceof SlackCallError && err.code === 'users_not_found') return undefined;
        throw err;
      }
    },
  };
}

/**
 * A topic Slack takes: one line, at most 250 characters. It is cut at a character boundary a
 * person sees (never inside an emoji or an accented letter), counted in UTF-16 units so that it
 * fits however Slack counts, and ends with "…" when cut.
 */
export function fitTopic(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= TOPIC_MAX_CHARS) return line;
  let cut = '';
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(line)) {
    if (cut.length + segment.length > TOPIC_MAX_CHARS - 1) break;
    cut += segment;
  }
  return `${cut.trimEnd()}…`;
}

/**
 * The WebClient's retry policy (node-retry via p-retry): exponential backoff without jitter, so
 * the next wait is known, and a stop as soon as it would pass the deadline.
 */
function boundedRetry(input: {
  retries: number;
  base: number;
  now: () => number;
  deadline: number;
  log: (message: string) => void;
}): RetryOptions {
  const factor = 2;
  const minTimeout = input.base;
  const maxTimeout = 30 * input.base;
  const policy: RetryOptions & {
    onFailedAttempt(error: Error & { attemptNumber?: number; retriesLeft?: number }): void;
  } = {
    retries: input.retries,
    factor,
    minTimeout,
    maxTimeout,
    randomize: false,
    onFailedAttempt(error) {
      if (!error.retriesLeft) return;
      const attempt = error.attemptNumber ?? 1;
      const waitMs = Math.min(minTimeout * factor ** (attempt - 1), maxTimeout);
      if (input.now() + waitMs >= input.deadline) {
        throw new SlackCallError(
          'request',
          'deadline',
          `failed (${error.message}); retrying would pass the run's deadline ` +
            `(${new Date(input.deadline).toISOString()})`,
          { cause: error },
        );
      }
      input.log(
        `Slack request failed (${error.message}): retry ${attempt} of ${input.retries} in ${waitMs} ms`,
      );
    },
  };
  return policy;
}

/** Global fetch, with each request aborted when the run's deadline comes. */
function deadlineFetch(now: () => number, deadline: number): FetchFunction {
  return (url, init) => {
    const remaining = Math.max(1, deadline - now());
    const timeout = AbortSignal.timeout(remaining);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(url, { ...init, signal });
  };
}

/** The Retry-After (seconds) of a rate-limited call; undefined for any other failure. */
function rateLimitOf(err: unknown): number | undefined {
  if (err instanceof WebAPIRateLimitedError) return err.retryAfter;
  if (
    err instanceof WebAPIPlatformError &&
    (err.data.error === 'ratelimited' || err.data.error === 'rate_limited')
  ) {
    const retryAfter = err.data.response_metadata?.retryAfter;
    return typeof retryAfter === 'number' && retryAfter >= 0 ? retryAfter : 1;
  }
  return undefined;
}

/** A WebClient failure as a SlackCallError that names the method and what Slack said. */
function explain(method: string, err: unknown): Error {
  if (err instanceof SlackCallError) {
    // The retry policy does not know the method: name it here.
    return err.method === 'request'
      ? new SlackCallError(method, err.code, `Slack ${method} ${err.message}`, { cause: err })
      : err;
  }
  if (err instanceof WebAPIPlatformError) {
    const details = err.data.response_metadata?.messages?.join('; ');
    return new SlackCallError(
      method,
      err.data.error,
      `Slack ${method} failed: ${err.data.error}${details ? ` (${details})` : ''}`,
      {
        cause: err,
      },
    );
  }
  if (err instanceof WebAPIHTTPError) {
    return new SlackCallError(
      method,
      `http_${err.statusCode}`,
      `Slack ${method} failed: HTTP ${err.statusCode} after retries`,
      {
        cause: err,
      },
    );
  }
  if (err instanceof WebAPIRequestError) {
    return new SlackCallError(
      method,
      'request_failed',
      `Slack ${method} got no answer: ${err.original.message}`,
      { cause: err },
    );
  }
  return err instanceof Error ? err : new Error(String(err));
}

function requireString(result: SlackAnswer, field: string, method: string): string {
  const value = result[field];
  if (typeof value !== 'string')
    throw new SlackCallError(method, 'bad_answer', `Slack ${method} answered without ${field}`);
  return value;
}

/** The WebClient's logger: warnings and errors to `log`, the rest dropped. */
function quietLogger(log: (message: string) => void): Logger {
  let level = LogLevel.WARN;
  let name = 'slack';
  const write = (min: LogLevel, msgs: unknown[]) => {
    const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
    if (order.indexOf(min) >= order.indexOf(level)) log(`${name}: ${msgs.map(String).join(' ')}`);
  };
  return {
    debug: (...msgs) => write(LogLevel.DEBUG, msgs),
    info: (...msgs) => write(LogLevel.INFO, msgs),
    warn: (...msgs) => write(LogLevel.WARN, msgs),
    error: (...msgs) => write(LogLevel.ERROR, msgs),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
