/**
 * The Slack emulator through the real @slack/web-api WebClient (inside the project's Slack client)
 * over real HTTP on loopback: the Web API subset the project uses, seeding, fault injection, the
 * request log and violations. Every test fails if the emulator recorded a violation it did not take.
 */
import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { pageBlocks } from '../../src/core/paging/page-message.js';
import { startSlackEmulator } from '../../src/emulators/slack/index.js';
import { fitTopic, SlackCallError } from '../../src/io/slack/client.js';
import { makeSlackClient, TEST_SLACK_TOKEN, useSlackEmulator } from '../helpers/slack-emulator.js';

const env = useSlackEmulator();

/** The workspace most tests start from. */
function seedWorkspace(): void {
  const { seed } = env.slack;
  seed.user({ id: 'U01ALICE', name: 'alice', realName: 'Alice Ng', email: 'alice@example.com' });
  seed.user({ id: 'U01BOB', name: 'bob', email: 'bob@example.com' });
  seed.user({ id: 'U01CAROL', name: 'carol', email: 'carol@example.com' });
  seed.channel({ id: 'C0INCIDENTS', name: 'incidents', topic: 'On call: nobody yet' });
  seed.userGroup({ id: 'S0ONCALL', handle: 'oncall', name: 'On call', users: ['U01ALICE'] });
}

/** The rejection of `promise` (fails the test if it resolved). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(Error);
  return error;
}

async function callError(promise: Promise<unknown>): Promise<SlackCallError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(SlackCallError);
  return error as SlackCallError;
}

/** The Slack error code a raw WebClient call was refused with. */
async function platformError(promise: Promise<unknown>): Promise<string> {
  const error = (await rejection(promise)) as { data?: { error?: string } };
  expect(error).toMatchObject({ code: 'slack_webapi_platform_error' });
  return error.data?.error ?? '';
}

describe('the server and the envelope', () => {
  it('listens on loopback, answers auth.test as the bot, and logs the call without the token', async () => {
    const { slack, client } = env;
    expect(slack.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    const me = await client.call('auth.test');
    expect(me).toMatchObject({ ok: true, user_id: slack.bot.id, team_id: 'T0ONCALL' });
    expect(me.response_metadata?.scopes).toContain('chat:write');
    expect(slack.log).toEqual([
      { method: 'auth.test', httpMethod: 'POST', args: {}, encoding: 'form', status: 200, ok: true },
    ]);
  });

  it('reads JSON bodies with a Bearer token, and refuses a JSON body without one', async () => {
    seedWorkspace();
    const { slack } = env;
    const post = (headers: Record<string, string>) =>
      fetch(`${slack.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
        body: JSON.stringify({ channel: 'C0INCIDENTS', text: 'hello', token: TEST_SLACK_TOKEN }),
      }).then(async (response) => ({ status: response.status, body: await response.json() }));

    expect(await post({ authorization: `Bearer ${TEST_SLACK_TOKEN}` })).toMatchObject({
      status: 200,
      body: { ok: true, channel: 'C0INCIDENTS' },
    });
    // Slack does not read a token from a JSON body.
    expect(await post({})).toEqual({ status: 200, body: { ok: false, error: 'not_authed' } });
    expect(slack.takeViolations()).toMatchObject([{ kind: 'request', method: 'chat.postMessage' }]);
    expect(slack.requests('chat.postMessage').map((entry) => entry.encoding)).toEqual(['json', 'json']);
  });

  it('refuses tokens it was not given when started with a list', async () => {
    const slack = await startSlackEmulator({ tokens: ['xoxb-good'] });
    try {
      const bad = makeSlackClient(slack, { token: 'xoxb-revoked' }).client;
      expect((await callError(bad.call('auth.test'))).code).toBe('invalid_auth');
      const good = makeSlackClient(slack, { token: 'xoxb-good' }).client;
      expect(await good.call('auth.test')).toMatchObject({ ok: true });
      expect(slack.violations).toEqual([]);
    } finally {
      await slack.close();
    }
  });

  it('records an unknown method and a missing argument as violations, answering like Slack', async () => {
    seedWorkspace();
    const { slack, client } = env;
    const unknown = await callError(client.call('chat.postMessageTypo', { channel: 'C0INCIDENTS' }));
    expect(unknown.code).toBe('unknown_method');
    expect(await platformError(client.web.apiCall('chat.postMessage', { text: 'no channel' }))).toBe(
      'invalid_arguments',
    );
    expect(slack.takeViolations()).toEqual([
      {
        kind: 'unknown-method',
        method: 'chat.postMessageTypo',
        message: expect.stringContaining('unknown_method'),
      },
      {
        kind: 'missing-argument',
        method: 'chat.postMessage',
        message: 'missing required argument "channel"',
      },
    ]);
  });
});

describe('chat.postMessage', () => {
  it('posts text and blocks to a channel by id or #name, and replies in a thread', async () => {
    seedWorkspace();
    const { slack, client } = env;
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Gravity* is down' } }];
    const first = await client.postMessage({ channel: 'C0INCIDENTS', text: 'Gravity is down', blocks });
    expect(first).toEqual({ channel: 'C0INCIDENTS', ts: expect.stringMatching(/^\d+\.\d{6}$/) });
    const reply = await client.postMessage({ channel: '#incidents', text: 'Mitigated', threadTs: first.ts });
    expect(reply.channel).toBe('C0INCIDENTS');
    expect(Number(reply.ts)).toBeGreaterThan(Number(first.ts));

    expect(slack.messages('C0INCIDENTS')).toEqual([
      {
        channel: 'C0INCIDENTS',
        ts: first.ts,
        text: 'Gravity is down',
        blocks,
        user: slack.bot.id,
        botId: 'B0BOT',
      },
      {
        channel: 'C0INCIDENTS',
        ts: reply.ts,
        text: 'Mitigated',
        threadTs: first.ts,
        user: slack.bot.id,
        botId: 'B0BOT',
      },
    ]);
    // The WebClient sends form encoding, with blocks as a JSON string.
    expect(slack.requests('chat.postMessage')[0]).toMatchObject({
      encoding: 'form',
      args: { channel: 'C0INCIDENTS', text: 'Gravity is down', blocks: JSON.stringify(blocks) },
      status: 200,
      ok: true,
    });
  });

  it('posts to a user id in their DM with the bot, the same DM conversations.open gives', async () => {
    seedWorkspace();
    const { slack, client } = env;
    const posted = await client.postMessage({ channel: 'U01ALICE', text: 'You are paged' });
    expect(posted.channel).toMatch(/^D/);
    expect(await client.openDm('U01ALICE')).toBe(posted.channel);
    expect(slack.messages('U01ALICE').map((m) => m.text)).toEqual(['You are paged']);
    expect(slack.messages(posted.channel)).toHaveLength(1);
  });

  it("answers Slack's errors: unknown channel, bot not in the channel, archived, no text", async () => {
    seedWorkspace();
    const { slack, client } = env;
    slack.seed.channel({ id: 'C0PRIVATE', name: 'private', isPrivate: true, botIsMember: false });
    slack.seed.channel({ id: 'C0OLD', name: 'old', isArchived: true });
    const code = async (channel: string) =>
      (await callError(client.postMessage({ channel, text: 'x' }))).code;
    expect(await code('C0MISSING')).toBe('channel_not_found');
    expect(await code('U0NOBODY')).toBe('channel_not_found');
    expect(await code('C0PRIVATE')).toBe('not_in_channel');
    expect(await code('C0OLD')).toBe('is_archived');
    const noText = await callError(client.postMessage({ channel: 'C0INCIDENTS', text: '' }));
    expect(noText).toMatchObject({ code: 'no_text', method: 'chat.postMessage' });
    expect(noText.message).toBe('Slack chat.postMessage failed: no_text');
    expect(slack.takeViolations().map((v) => v.kind)).toEqual(['missing-argument']);
    expect(slack.messages()).toEqual([]);
  });

  it("checks blocks like Slack's Block Kit: a header over 150 characters is refused", async () => {
    seedWorkspace();
    const { slack, client } = env;
    const blocks = [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }];
    const error = await callError(client.postMessage({ channel: 'C0INCIDENTS', text: 'x', blocks }));
    expect(error.code).toBe('invalid_blocks');
    expect(error.message).toContain('must be less than 151 characters [json-pointer:/blocks/0/text/text]');
    expect(slack.takeViolations()).toMatchObject([{ kind: 'invalid-argument', method: 'chat.postMessage' }]);
  });

  it("takes a page's blocks as they are built, with a title full of mentions shown as text", async () => {
    seedWorkspace();
    const { slack, client } = env;
    const page = pageBlocks({
      incident: {
        number: 42,
        title: `<!channel> <@U01BOB> ${'very long title '.repeat(20)}`,
        url: 'https://github.com/acme/oncall/issues/42',
        severity: 1,
        system: 'gravity',
      },
      step: 'primary',
      reason: 'sev:1 pages both on-call people at any hour',
      ackCommand: '/ack',
      key: '42:step-0',
    });
    await client.postMessage({ channel: 'U01ALICE', ...page });
    const [message] = slack.messages('U01ALICE');
    expect(message?.blocks).toEqual(page.blocks);
    expect(JSON.stringify(message)).not.toContain('<!channel>');
    expect(JSON.stringify(message)).not.toContain('<@U01BOB>');
  });
});

describe('conversations.open', () => {
  it('opens a DM once, then reports it already open; a group DM for several people', async () => {
    seedWorkspace();
    const { client } = env;
    const first = await client.call('conversations.open', { users: 'U01BOB' });
    expect(first).toMatchObject({ ok: true, channel: { id: expect.stringMatching(/^D/) } });
    expect(first.already_open).toBeUndefined();
    const again = await client.call('conversations.open', { users: 'U01BOB' });
    expect(again).toMatchObject({ no_op: true, already_open: true, channel: first.channel as object });
    const group = await client.call('conversations.open', { users: 'U01BOB,U01CAROL', return_im: true });
    expect(group.channel).toMatchObject({ id: expect.stringMatching(/^G/), is_mpim: true });
  });

  it('answers user_not_found for an unknown person and user_disabled for a deactivated one', async () => {
    seedWorkspace();
    const { slack, client } = env;
    slack.seed.user({ id: 'U01GONE', name: 'gone', deleted: true });
    expect((await callError(client.openDm('U0NOBODY'))).code).toBe('user_not_found');
    expect((await callError(client.openDm('U01GONE'))).code).toBe('user_disabled');
  });
});

describe('user groups', () => {
  it('lists groups with their members when asked, and replaces the members', async () => {
    seedWorkspace();
    const { slack, client } = env;
    slack.seed.userGroup({ id: 'S0OLD', handle: 'old-oncall', disabled: true });
    const listed = await client.call('usergroups.list', { include_users: true });
    expect(listed.usergroups).toEqual([
      expect.objectContaining({ id: 'S0ONCALL', handle: 'oncall', is_usergroup: true, users: ['U01ALICE'] }),
    ]);
    const withoutUsers = await client.call('usergroups.list', { include_disabled: true });
    expect(
      (withoutUsers.usergroups as Array<Record<string, unknown>>).map((g) => [g.id, 'users' in g]),
    ).toEqual([
      ['S0ONCALL', false],
      ['S0OLD', false],
    ]);

    expect(await client.setUserGroupMembers('S0ONCALL', ['U01BOB', 'U01CAROL', 'U01BOB'])).toEqual([
      'U01BOB',
      'U01CAROL',
    ]);
    expect(slack.groupMembers('S0ONCALL')).toEqual(['U01BOB', 'U01CAROL']);
    expect(slack.requests('usergroups.users.update')[0]?.args).toEqual({
      usergroup: 'S0ONCALL',
      users: 'U01BOB,U01CAROL',
    });
  });

  it('refuses an empty list in the client, before calling Slack', async () => {
    seedWorkspace();
    const { slack, client } = env;
    const error = await callError(client.setUserGroupMembers('S0ONCALL', []));
    expect(error.code).toBe('empty_usergroup');
    expect(error.message).toContain('Alert the channel instead');
    expect(slack.requests('usergroups.users.update')).toEqual([]);
    expect(slack.groupMembers('S0ONCALL')).toEqual(['U01ALICE']);
  });

  it('refuses an empty list sent anyway with invalid_users, like Slack, and records the misuse', async () => {
    seedWorkspace();
    const { slack, client } = env;
    expect(
      await platformError(client.web.usergroups.users.update({ usergroup: 'S0ONCALL', users: '[]' })),
    ).toBe('invalid_users');
    expect(slack.groupMembers('S0ONCALL')).toEqual(['U01ALICE']);
    expect(slack.takeViolations()).toMatchObject([
      {
        kind: 'invalid-argument',
        method: 'usergroups.users.update',
        message: expect.stringContaining('empty'),
      },
    ]);
  });

  it('answers invalid_users for an unknown member and no_such_subteam for an unknown group', async () => {
    seedWorkspace();
    const { slack, client } = env;
    expect((await callError(client.setUserGroupMembers('S0ONCALL', ['U01BOB', 'U0NOBODY']))).code).toBe(
      'invalid_users',
    );
    expect((await callError(client.setUserGroupMembers('S0MISSING', ['U01BOB']))).code).toBe(
      'no_such_subteam',
    );
    expect(slack.groupMembers('S0ONCALL')).toEqual(['U01ALICE']);
  });
});

describe('conversations.setTopic', () => {
  it('sets the topic, cut to 250 characters by the client', async () => {
    seedWorkspace();
    const { slack, client } = env;
    expect(await client.setTopic('C0INCIDENTS', 'On call: @alice (primary),\n@bob (secondary)')).toBe(
      'On call: @alice (primary), @bob (secondary)',
    );
    expect(slack.topic('C0INCIDENTS')).toBe('On call: @alice (primary), @bob (secondary)');
    const long = `On call: ${'🧑‍🚒 alice '.repeat(40)}`;
    const set = await client.setTopic('C0INCIDENTS', long);
    expect(set.length).toBeLessThanOrEqual(250);
    expect(set.endsWith('…')).toBe(true);
    expect(slack.topic('C0INCIDENTS')).toBe(set);
  });

  it('refuses a topic over 250 characters sent anyway with too_long, like Slack', async () => {
    seedWorkspace();
    const { slack, client } = env;
    const code = await platformError(
      client.web.conversations.setTopic({ channel: 'C0INCIDENTS', topic: 'x'.repeat(251) }),
    );
    expect(code).toBe('too_long');
    expect(slack.topic('C0INCIDENTS')).toBe('On call: nobody yet');
    expect(slack.takeViolations()).toMatchObject([
      { kind: 'invalid-argument', method: 'conversations.setTopic' },
    ]);
    // 250 characters are fine, counted as characters, not UTF-16 units.
    await client.web.conversations.setTopic({ channel: 'C0INCIDENTS', topic: '🚒'.repeat(250) });
    expect(slack.topic('C0INCIDENTS')).toBe('🚒'.repeat(250));
  });

  it('answers channel_not_found and not_in_channel', async () => {
    seedWorkspace();
    const { slack, client } = env;
    slack.seed.channel({ id: 'C0ELSEWHERE', name: 'elsewhere', botIsMember: false });
    expect((await callError(client.setTopic('C0MISSING', 'x'))).code).toBe('channel_not_found');
    expect((await callError(client.setTopic('C0ELSEWHERE', 'x'))).code).toBe('not_in_channel');
  });
});

describe('users.lookupByEmail', () => {
  it('finds a member by email, whatever the case, and gives undefined for users_not_found', async () => {
    seedWorkspace();
    const { slack, client } = env;
    expect(await client.lookupUserByEmail('Alice@Example.com')).toEqual({
      id: 'U01ALICE',
      name: 'alice',
      realName: 'Alice Ng',
      deleted: false,
    });
    expect(await client.lookupUserByEmail('nobody@example.com')).toBeUndefined();
    expect(slack.requests('users.lookupByEmail').map((entry) => entry.error)).toEqual([
      undefined,
      'users_not_found',
    ]);
    expect(await platformError(client.web.users.lookupByEmail({ email: 'nobody@example.com' }))).toBe(
      'users_not_found',
    );
  });
});

describe('faults', () => {
  it('answers 429 with Retry-After; the client waits it out and retries', async () => {
    seedWorkspace();
    const { slack } = env;
    // 50 ms per second of Retry-After: a real wait, measurable, still short.
    const { client, logs } = makeSlackClient(slack, { retryBaseMs: 50 });
    slack.inject({ method: 'chat.postMessage', kind: 'rate-limit', retryAfter: 2 });
    const started = Date.now();
    await client.postMessage({ channel: 'C0INCIDENTS', text: 'after the limit' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(slack.requests('chat.postMessage').map((e) => [e.status, e.fault, e.error])).toEqual([
      [429, 'rate-limit', 'ratelimited'],
      [200, undefined, undefined],
    ]);
    expect(logs).toContain('Slack rate-limited chat.postMessage: retrying in 2 s');
    expect(slack.messages('C0INCIDENTS')).toHaveLength(1);
    expect(slack.pendingFaults()).toEqual([]);
  });

  it('fails clearly, without waiting, when Retry-After would pass the deadline', async () => {
    seedWorkspace();
    const { slack } = env;
    const { client } = makeSlackClient(slack, { retryBaseMs: 1000, deadline: Date.now() + 5_000 });
    slack.inject({ method: 'usergroups.users.update', kind: 'rate-limit', retryAfter: 30 });
    const started = Date.now();
    const error = await callError(client.setUserGroupMembers('S0ONCALL', ['U01BOB']));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error.code).toBe('deadline');
    expect(error.message).toMatch(
      /^Slack rate-limited usergroups\.users\.update \(Retry-After 30 s\); waiting would pass the run's deadline/,
    );
    expect(slack.requests('usergroups.users.update')).toHaveLength(1);
  });

  it('gives up after its retries when the limit persists', async () => {
    seedWorkspace();
    const { slack, client } = env;
    slack.inject({ method: 'conversations.setTopic', kind: 'rate-limit', retryAfter: 1, times: 10 });
    const error = await callError(client.setTopic('C0INCIDENTS', 'x'));
    expect(error).toMatchObject({ code: 'ratelimited', method: 'conversations.setTopic' });
    expect(slack.requests('conversations.setTopic')).toHaveLength(4);
  });

  it("treats { ok: false, error: 'ratelimited' } like a 429", async () => {
    seedWorkspace();
    const { slack, client, logs } = env;
    slack.inject({ method: 'chat.postMessage', kind: 'error', error: 'ratelimited', retryAfter: 3 });
    await client.postMessage({ channel: 'C0INCIDENTS', text: 'x' });
    expect(slack.requests('chat.postMessage').map((e) => [e.status, e.ok, e.error])).toEqual([
      [200, false, 'ratelimited'],
      [200, true, undefined],
    ]);
    expect(logs).toContain('Slack rate-limited chat.postMessage: retrying in 3 s');
  });

  it('retries an HTTP 500 with backoff (the WebClient retryConfig) and fails with the status after the retries', async () => {
    seedWorkspace();
    const { slack, client } = env;
    slack.inject({ method: 'users.lookupByEmail', kind: 'status', status: 500 });
    expect((await client.lookupUserByEmail('bob@example.com'))?.id).toBe('U01BOB');
    expect(slack.requests('users.lookupByEmail').map((e) => e.status)).toEqual([500, 200]);

    slack.inject({ method: 'conversations.open', kind: 'status', status: 503, times: 10 });
    const error = await callError(client.openDm('U01BOB'));
    expect(error).toMatchObject({ code: 'http_503', method: 'conversations.open' });
    expect(slack.requests('conversations.open')).toHaveLength(4);
  });

  it('does not retry an HTTP 500 when the backoff would pass the deadline', async () => {
    seedWorkspace();
    const { slack } = env;
    const { client } = makeSlackClient(slack, { retryBaseMs: 1000, deadline: Date.now() + 500 });
    slack.inject({ method: 'conversations.open', kind: 'status', status: 500, times: 5 });
    const error = await callError(client.openDm('U01BOB'));
    expect(error.code).toBe('deadline');
    expect(error.message).toMatch(
      /^Slack conversations\.open failed \(.*statusCode = 500\); retrying would pass the run's deadline/,
    );
    expect(slack.requests('conversations.open')).toHaveLength(1);
  });

  it('sends nothing once the deadline has passed', async () => {
    seedWorkspace();
    const { slack } = env;
    const { client } = makeSlackClient(slack, { deadline: Date.now() - 1 });
    expect((await callError(client.openDm('U01BOB'))).code).toBe('deadline');
    expect(slack.log).toEqual([]);
  });

  it('an HTTP 500 after the write: posting is not retried blindly, and the message is found again', async () => {
    seedWorkspace();
    const { slack, client } = env;
    slack.inject({ method: 'chat.postMessage', kind: 'status', status: 500, afterWrite: true });
    const since = Date.now() - 1000;
    await expect(client.postMessage({ channel: 'C0INCIDENTS', text: 'page 7:step-0' })).rejects.toThrow();
    expect(slack.requests('chat.postMessage').map((e) => [e.status, e.applied])).toEqual([[500, true]]);
    // Slack has no idempotency key: the page's dedup key is how the caller recognises it.
    expect(await client.hasMessageSince('C0INCIDENTS', since, '7:step-0')).toBe(true);
    expect(await client.hasMessageSince('C0INCIDENTS', since, '7:step-1')).toBe(false);
    expect(slack.messages('C0INCIDENTS').map((m) => m.text)).toEqual(['page 7:step-0']);
  });

  it.each([
    ['an HTML page with status 200', 'html', 200],
    ['JSON cut off with status 200', 'truncated-json', 200],
    ['an HTML page with status 502', 'html', 502],
  ] as const)(
    '%s after the write: the call fails, the message was made once and is found again',
    async (_name, body, status) => {
      seedWorkspace();
      const { slack, client } = env;
      slack.inject({ method: 'chat.postMessage', kind: 'malformed', body, status, afterWrite: true });
      const since = Date.now() - 1000;
      await expect(client.postMessage({ channel: 'C0INCIDENTS', text: 'page 8:step-0' })).rejects.toThrow();
      expect(slack.requests('chat.postMessage').map((e) => [e.status, e.fault, e.applied])).toEqual([
        [status, 'malformed', true],
      ]);
      expect(await client.hasMessageSince('C0INCIDENTS', since, '8:step-0')).toBe(true);
      expect(slack.messages('C0INCIDENTS').map((m) => m.text)).toEqual(['page 8:step-0']);
    },
  );

  it('passes other { ok: false } errors through without retrying, and adds latency', async () => {
    seedWorkspace();
    const { slack, client } = env;
    slack.inject({ method: 'conversations.open', kind: 'error', error: 'fatal_error' });
    expect((await callError(client.openDm('U01BOB'))).code).toBe('fatal_error');
    expect(slack.requests('conversations.open')).toHaveLength(1);

    slack.inject({ kind: 'latency', latencyMs: 60 });
    const started = Date.now();
    await client.openDm('U01BOB');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(slack.requests('conversations.open')[1]).toMatchObject({
      fault: 'latency',
      status: 200,
      ok: true,
    });
  });
});

describe('the client, alone', () => {
  it('is one WebClient pointed at the API root it was given', () => {
    const { client, slack } = env;
    expect(client.web).toBeInstanceOf(WebClient);
    expect(client.web.slackApiUrl).toBe(slack.apiUrl);
  });

  it.each([
    ['short', 'On call: alice, bob', 'On call: alice, bob'],
    ['new lines', 'a\n\n b\tc', 'a b c'],
    ['exactly 250', 'x'.repeat(250), 'x'.repeat(250)],
    ['251 becomes 249 and an ellipsis', 'x'.repeat(251), `${'x'.repeat(249)}…`],
  ])('fits a topic: %s', (_name, input, expected) => {
    expect(fitTopic(input)).toBe(expected);
  });

  it('never cuts an emoji in half when fitting a topic', () => {
    const topic = fitTopic(`${'x'.repeat(248)}👩‍👩‍👧‍👦 and more`);
    expect(topic).toBe(`${'x'.repeat(248)}…`);
    expect(topic.length).toBeLessThanOrEqual(250);
    expect(Buffer.from(topic, 'utf8').toString('utf8')).toBe(topic);
  });
});
