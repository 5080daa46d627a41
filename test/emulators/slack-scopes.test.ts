/**
 * The Slack emulator's OAuth scopes and users.info, through the project's Slack client: the
 * scopes come back in `x-oauth-scopes` (the WebClient's `response_metadata.scopes`), a call
 * without its scope is answered `missing_scope` like Slack, and users.info finds a member by id.
 */
import { describe, expect, it } from 'vitest';
import { Args, methods } from '../../src/emulators/slack/methods.js';
import { DEFAULT_BOT_SCOPES, scopeNeeded } from '../../src/emulators/slack/scopes.js';
import { SlackCallError } from '../../src/io/slack/client.js';
import { useSlackEmulator } from '../helpers/slack-emulator.js';

const env = useSlackEmulator();

async function slackError(promise: Promise<unknown>): Promise<SlackCallError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(SlackCallError);
  return error as SlackCallError;
}

describe('scopes', () => {
  it('reports the installed scopes on every answer, and the new ones after setScopes', async () => {
    const { slack, client } = env;
    expect((await client.call('auth.test')).response_metadata?.scopes).toEqual([...DEFAULT_BOT_SCOPES]);
    slack.setScopes(['chat:write', 'im:write']);
    expect(slack.scopes).toEqual(['chat:write', 'im:write']);
    expect((await client.call('auth.test')).response_metadata?.scopes).toEqual(['chat:write', 'im:write']);
  });

  it('answers missing_scope with what was needed and what the token has, as Slack does', async () => {
    const { slack, client } = env;
    slack.seed.userGroup({ handle: 'oncall' });
    slack.setScopes(['chat:write']);
    const error = await slackError(client.call('usergroups.list'));
    expect(error.code).toBe('missing_scope');
    const [entry] = slack.requests('usergroups.list');
    expect(entry).toMatchObject({ status: 200, ok: false, error: 'missing_scope' });
    const raw = await fetch(`${slack.apiUrl}usergroups.list`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-any' },
    }).then((response) => response.json());
    expect(raw).toEqual({
      ok: false,
      error: 'missing_scope',
      needed: 'usergroups:read',
      provided: 'chat:write',
    });
  });

  it("needs the scope of the conversation's type: a private channel is groups:*, a DM im:*", async () => {
    const { slack, client } = env;
    slack.seed.user({ id: 'U01ALICE', name: 'alice' });
    slack.seed.channel({ id: 'C0PUBLIC', name: 'incidents' });
    slack.seed.channel({ id: 'G0PRIVATE', name: 'oncall-private', isPrivate: true });
    slack.setScopes(
      DEFAULT_BOT_SCOPES.filter((scope) => scope !== 'groups:history' && scope !== 'im:history'),
    );
    await client.call('conversations.history', { channel: 'C0PUBLIC' });
    const privateError = await slackError(client.call('conversations.history', { channel: 'G0PRIVATE' }));
    expect(privateError.code).toBe('missing_scope');
    const dm = await client.openDm('U01ALICE');
    expect((await slackError(client.hasMessageSince(dm, 0, 'key'))).code).toBe('missing_scope');
  });

  it('knows the scope of every method the emulator serves', () => {
    const store = { conversations: new Map() } as never;
    for (const method of Object.keys(methods)) {
      expect(scopeNeeded(method, new Args({}, () => {}), store), method).not.toBeUndefined();
    }
  });
});

describe('users.info', () => {
  it('finds a member by id, a deactivated one too, and answers user_not_found otherwise', async () => {
    const { slack, client } = env;
    slack.seed.user({ id: 'U01ALICE', name: 'alice', realName: 'Alice Ng', email: 'alice@example.com' });
    slack.seed.user({ id: 'U01GONE', name: 'gone', deleted: true });
    const alice = await client.call('users.info', { user: 'U01ALICE' });
    expect(alice.user).toMatchObject({
      id: 'U01ALICE',
      name: 'alice',
      deleted: false,
      is_bot: false,
      profile: { email: 'alice@example.com' },
    });
    expect((await client.call('users.info', { user: 'U01GONE' })).user).toMatchObject({ deleted: true });
    expect((await slackError(client.call('users.info', { user: 'U09NOBODY' }))).code).toBe('user_not_found');
  });

  it('needs users:read', async () => {
    const { slack, client } = env;
    slack.setScopes(['users:read.email']);
    expect((await slackError(client.call('users.info', { user: slack.bot.id }))).code).toBe('missing_scope');
  });
});
