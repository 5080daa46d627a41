/**
 * One Slack emulator per test, and the project's Slack client (the real WebClient) pointed at it,
 * with waits shrunk: a Retry-After of 1 s waits 1 ms. After each test the emulator must have
 * recorded no violation; a test that expects some takes them with `slack.takeViolations()`.
 */
import { afterEach, beforeEach, expect } from 'vitest';
import {
  type SlackEmulator,
  type SlackEmulatorOptions,
  startSlackEmulator,
} from '../../src/emulators/slack/index.js';
import { createSlackClient, type SlackClient, type SlackClientOptions } from '../../src/io/slack/client.js';

export const TEST_SLACK_TOKEN = 'xoxb-test-token';

/** A client for `slack` as production builds it, with millisecond waits and a deadline a minute away. */
export function makeSlackClient(
  slack: SlackEmulator,
  options: Partial<SlackClientOptions> = {},
): { client: SlackClient; logs: string[] } {
  const logs: string[] = [];
  const client = createSlackClient({
    token: TEST_SLACK_TOKEN,
    apiUrl: slack.apiUrl,
    deadline: Date.now() + 60_000,
    retryBaseMs: 1,
    log: (message) => logs.push(message),
    ...options,
  });
  return { client, logs };
}

export interface SlackFixture {
  readonly slack: SlackEmulator;
  readonly client: SlackClient;
  /** What the client reported (retries, rate limits, the WebClient's warnings). */
  readonly logs: string[];
}

/**
 * Starts an emulator before each test, closes it after, and fails the test that left violations.
 * Read the fixture's fields inside tests, not at module level.
 */
export function useSlackEmulator(options: SlackEmulatorOptions = {}): SlackFixture {
  let current: { slack: SlackEmulator; client: SlackClient; logs: string[] } | undefined;
  const need = (): NonNullable<typeof current> => {
    if (!current) throw new Error('useSlackEmulator: the fixture is only ready inside a test');
    return current;
  };

  beforeEach(async () => {
    const slack = await startSlackEmulator(options);
    current = { slack, ...makeSlackClient(slack) };
  });

  afterEach(async () => {
    const slack = current?.slack;
    current = undefined;
    if (!slack) return;
    const report = slack.describeViolations();
    await slack.close();
    expect(report, 'the Slack emulator recorded violations').toBe('');
  });

  return {
    get slack() {
      return need().slack;
    },
    get client() {
      return need().client;
    },
    get logs() {
      return need().logs;
    },
  };
}
