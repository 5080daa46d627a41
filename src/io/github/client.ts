/**
 * The one GitHub client a run uses: the real Octokit with throttling (GitHub's pacing of writes
 * and searches, waiting out rate limits) and retry (5xx with backoff), built once and passed in.
 * Every wait is bounded by the run's deadline, so a job ends with a clear failure instead of
 * being killed mid-write. Automatic retries apply to reads and idempotent writes only: a POST is
 * never sent twice by the client; the callers that create things find them again first.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import { etagCache } from './etag-cache.js';
import { jsonAnswersOnly } from './json-answers.js';

export type GitHub = InstanceType<typeof GitHubClient>;

const GitHubClient = Octokit.plugin(throttling, retry);

export interface GitHubClientOptions {
  token: string;
  /** API root; the local emulator's in tests and the demo. */
  baseUrl?: string;
  /** Epoch milliseconds after which nothing more is waited for or retried. */
  deadline: number;
  /** The clock, for the deadline. */
  now?: () => number;
  /** Seconds unit for waits: 1000 in production; tests and the demo shrink it. */
  retryAfterBaseValue?: number;
  /** GitHub's pacing (one write a second, one search every two): off against the emulator. */
  pacing?: boolean;
  log?: (message: string) => void;
  userAgent?: string;
  /**
   * Milliseconds one HTTP attempt may take (default 30 s, never past the deadline). A request that
   * hangs is cut and fails as a 5xx would: a read is retried, a create is looked for again.
   */
  requestTimeoutMs?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export function createGitHubClient(options: GitHubClientOptions): GitHub {
  const now = options.now ?? Date.now;
  const base = options.retryAfterBaseValue ?? 1000;
  const log = options.log ?? (() => {});
  const fitsDeadline = (seconds: number) => now() + seconds * base < options.deadline;
  const unpaced = options.pacing === false ? unpacedGroups() : {};
  const github = new GitHubClient({
    auth: options.token,
    baseUrl: options.baseUrl,
    userAgent: options.userAgent ?? 'oncall-as-code',
    request: {
      fetch: jsonAnswersOnly(
        fetchWithTimeout(requestTimeout(options.requestTimeoutMs), options.deadline, now),
      ),
    },
    log: { debug: () => {}, info: () => {}, warn: log, error: log },
    retry: {
      retries: 3,
      retryAfterBaseValue: base,
      // 403 and 429 are the throttling plugin's; 4xx answers do not change on a retry.
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451],
    },
    throttle: {
      retryAfterBaseValue: base,
      fallbackSecondaryRateRetryAfter: 60,
      ...unpaced,
      onRateLimit: (
        retryAfter: number,
        request: { method: string; url: string },
        _octokit: unknown,
        retryCount: number,
      ) => {
        const retrying = retryCount < 3 && fitsDeadline(retryAfter);
        log(
          `rate limit on ${request.method} ${request.url}: ${retrying ? `retrying in ${retryAfter}s` : 'giving up (deadline)'}`,
        );
        return retrying;
      },
      onSecondaryRateLimit: (
        retryAfter: number,
        request: { method: string; url: string },
        _octokit: unknown,
        retryCount: number,
      ) => {
        const retrying = retryCount < 3 && fitsDeadline(retryAfter);
        log(
          `secondary rate limit on ${request.method} ${request.url}: ${retrying ? `retrying in ${retryAfter}s` : 'giving up (deadline)'}`,
        );
        return retrying;
      },
    },
  });
  etagCache(github);
  landing.set(github, {
    requestTimeoutMs: requestTimeout(options.requestTimeoutMs),
    deadline: options.deadline,
    now,
  });
  return github;
}

/** Each client's request timeout and deadline, for waiting on a write whose answer never came. */
const landing = new WeakMap<object, { requestTimeoutMs: number; deadline: number; now: () => number }>();

/**
 * Whether a failed request got no answer at all (cut by the request timeout or the deadline, or
 * the connection dropped). Such a write may still be applied by GitHub later, so looking for it
 * at once proves nothing; an answer, even a 5xx, means the request has finished there.
 */
export function isUnanswered(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    !('response' in err && (err as { response?: unknown }).response)
  );
}

/**
 * After a create that got no answer: looks for what it made, at one, two and four request
 * timeouts later (never past the deadline), since GitHub may still apply it. Undefined when it
 * has not appeared by then: the caller must then not create it again in this run (it may land
 * yet); the next run looks for it first.
 */
export async function waitForLanding<T>(
  github: GitHub,
  look: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const policy = landing.get(github) ?? {
    requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
    deadline: 0,
    now: Date.now,
  };
  for (const factor of [1, 2, 4]) {
    const wait = Math.min(factor * policy.requestTimeoutMs, policy.deadline - policy.now());
    if (wait <= 0) break;
    await new Promise((resolve) => setTimeout(resolve, wait));
    const found = await look();
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The timeout asked for, or the default for none or nonsense (0, negative, not a number). */
function requestTimeout(ms: number | undefined): number {
  return ms !== undefined && Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_REQUEST_TIMEOUT_MS;
}

/**
 * fetch with a timeout per attempt: each call (the first and every retry) gets its own, so a
 * retry is not born expired; a caller's own abort signal still works.
 */
function fetchWithTimeout(timeoutMs: number, deadline: number, now: () => number): typeof fetch {
  return (input, init) => {
    const budget = Math.max(1, Math.min(timeoutMs, deadline - now()));
    const timeout = AbortSignal.timeout(budget);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
}

/** Limiter groups without GitHub's minimum spacing, for the local emulator. */
function unpacedGroups() {
  const group = (id: string) => new Bottleneck.Group({ id, maxConcurrent: 10 });
  return { write: group('write'), notifications: group('notifications'), search: group('search') };
}

/** Options for a request that must not be re-sent by the client (it creates something). */
export const NO_RETRY = { request: { retries: 0 } } as const;
