/**
 * One GitHub emulator per test, and a real Octokit (retry and throttling plugins, tiny delays)
 * pointed at it. After each test the emulator must have recorded no violation; a test that expects
 * some takes them with `gh.takeViolations()` before it ends.
 */
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import { afterEach, beforeEach, expect } from 'vitest';
import {
  type GitHubEmulator,
  type GitHubEmulatorOptions,
  startGitHubEmulator,
} from '../../src/emulators/github/index.js';
import { createGitHubClient, type GitHub } from '../../src/io/github/client.js';

export const TEST_REPO = { owner: 'acme', repo: 'oncall' } as const;

const TestOctokit = Octokit.plugin(retry, throttling);
export type TestOctokit = InstanceType<typeof TestOctokit>;

/** What the throttling plugin reported, for tests to assert on. */
export interface LimitEvents {
  rateLimit: Array<{ retryAfter: number; url: string }>;
  secondaryRateLimit: Array<{ retryAfter: number; url: string }>;
}

export interface ClientOptions {
  token?: string;
  /** How many times the throttling handlers ask for a retry (default 1). */
  limitRetries?: number;
  /** Retries of the retry plugin for 5xx and 429 (default 2). */
  retries?: number;
}

/**
 * An Octokit as production builds it (retry + throttling) but with millisecond waits: the plugins'
 * seconds become milliseconds, and the write/search spacing groups have no minimum gap.
 */
export function makeOctokit(
  baseUrl: string,
  options: ClientOptions = {},
): { octokit: TestOctokit; limits: LimitEvents } {
  const limits: LimitEvents = { rateLimit: [], secondaryRateLimit: [] };
  const limitRetries = options.limitRetries ?? 1;
  const fast = (): Bottleneck.Group => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
  const octokit = new TestOctokit({
    auth: options.token ?? 'test-token',
    baseUrl,
    userAgent: 'oncall-as-code-tests',
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
    retry: { retries: options.retries ?? 2, retryAfterBaseValue: 1 },
    throttle: {
      retryAfterBaseValue: 1,
      write: fast(),
      search: fast(),
      notifications: fast(),
      onRateLimit: (retryAfter, request, _octokit, retryCount) => {
        limits.rateLimit.push({ retryAfter, url: request.url });
        return retryCount < limitRetries;
      },
      onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
        limits.secondaryRateLimit.push({ retryAfter, url: request.url });
        return retryCount < limitRetries;
      },
    },
  });
  return { octokit, limits };
}

export interface EmulatorFixture {
  readonly gh: GitHubEmulator;
  readonly octokit: TestOctokit;
  readonly limits: LimitEvents;
  /** Another client acting as `login` (its own token), e.g. a reviewer. */
  as(login: string): TestOctokit;
}

/**
 * Starts an emulator with the repository acme/oncall before each test, closes it after, and fails
 * the test that left violations. Read the fixture's fields inside tests, not at module level.
 */
export function useGitHubEmulator(options: GitHubEmulatorOptions = {}): EmulatorFixture {
  let current: { gh: GitHubEmulator; octokit: TestOctokit; limits: LimitEvents } | undefined;
  const need = (): NonNullable<typeof current> => {
    if (!current) throw new Error('useGitHubEmulator: the fixture is only ready inside a test');
    return current;
  };

  beforeEach(async () => {
    const gh = await startGitHubEmulator({
      repos: [{ owner: TEST_REPO.owner, name: TEST_REPO.repo }],
      ...options,
    });
    current = { gh, ...makeOctokit(gh.url) };
  });

  afterEach(async () => {
    const gh = current?.gh;
    current = undefined;
    if (!gh) return;
    const report = gh.describeViolations();
    await gh.close();
    expect(report, 'the GitHub emulator recorded contract violations').toBe('');
  });

  return {
    get gh() {
      return need().gh;
    },
    get octokit() {
      return need().octokit;
    },
    get limits() {
      return need().limits;
    },
    as(login: string) {
      const { gh } = need();
      return makeOctokit(gh.url, { token: gh.tokenFor(login) }).octokit;
    },
  };
}

/**
 * The production client (src/io/github/client.ts) pointed at an emulator, with test-sized waits:
 * for tests of the adapters that take that client.
 */
export function productionClient(
  url: string,
  options: Partial<Parameters<typeof createGitHubClient>[0]> = {},
): GitHub {
  return createGitHubClient({
    token: 'test-token',
    baseUrl: url,
    deadline: Date.now() + 60_000,
    pacing: false,
    retryAfterBaseValue: 1,
    ...options,
  });
}
