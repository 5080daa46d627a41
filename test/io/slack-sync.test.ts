/**
 * The Slack side of the sync against the emulator, through the project's Slack client: reading
 * the user groups and topics, finding ids by email, and applying planned calls one by one.
 */
import { describe, expect, it } from 'vitest';
import { applySlackSync, lookUpSlackIds, readSlackState } from '../../src/io/slack/sync.js';
import { useSlackEmulator } from '../helpers/slack-emulator.js';

const env = useSlackEmulator();

function seedWorkspace(): void {
  const { seed } = env.slack;
  seed.user({ id: 'U0ANA', name: 'ana', email: 'ana@example.com' });
  seed.user({ id: 'U0BEN', name: 'ben' });
  seed.user({ id: 'U0OLD', name: 'old', email: 'old@example.com', deleted: true });
  seed.channel({ id: 'C0INCIDENTS', name: 'incidents', topic: 'On call: @ana (primary)' });
  seed.channel({ id: 'C0SECRET', name: 'secret', isPrivate: true, botIsMember: false });
  seed.userGroup({ id: 'S0ONCALL', handle: 'oncall', users: ['U0ANA'] });
  seed.userGroup({ id: 'S0OTHER', handle: 'other', users: ['U0BEN'] });
}

describe('readSlackState', () => {
  it('reads the members of the groups asked for and the topics, in one list call and one info call per channel', async () => {
    seedWorkspace();
    const state = await readSlackState(env.client, ['S0ONCALL', 'S0MISSING'], ['C0INCIDENTS']);
    expect([...state.groups]).toEqual([['S0ONCALL', ['U0ANA']]]);
    expect([...state.topics]).toEqual([['C0INCIDENTS', 'On call: @ana (primary)']]);
    expect(env.slack.requests().map((entry) => entry.method)).toEqual([
      'usergroups.list',
      'conversations.info',
    ]);
    expect(env.slack.requests('usergroups.list')[0]?.args).toMatchObject({ include_users: 'true' });
  });

  it('skips the group list when no group is asked for', async () => {
    seedWorkspace();
    await readSlackState(env.client, [], ['C0INCIDENTS']);
    expect(env.slack.requests('usergroups.list')).toEqual([]);
  });

  it("throws when a channel cannot be read (a private one the bot is not in is Slack's channel_not_found)", async () => {
    seedWorkspace();
    await expect(readSlackState(env.client, [], ['C0SECRET'])).rejects.toMatchObject({
      code: 'channel_not_found',
    });
  });
});

describe('lookUpSlackIds', () => {
  it('finds active accounts by email; unknown and deactivated ones are undefined', async () => {
    seedWorkspace();
    const found = await lookUpSlackIds(env.client, [
      { github: 'Ana', email: 'ana@example.com' },
      { github: 'zed', email: 'zed@example.com' },
      { github: 'old', email: 'old@example.com' },
    ]);
    expect([...found]).toEqual([
      ['ana', 'U0ANA'],
      ['zed', undefined],
      ['old', undefined],
    ]);
  });
});

describe('applySlackSync', () => {
  it('makes each call, and one failing does not stop the others', async () => {
    seedWorkspace();
    env.slack.inject({ method: 'usergroups.users.update', kind: 'error', error: 'permission_denied' });
    const applied = await applySlackSync(env.client, [
      { kind: 'set-topic', channel: 'C0INCIDENTS', topic: 'On call: @ben (primary) until Mon 11:00 ET' },
      { kind: 'set-group', usergroup: 'S0ONCALL', users: ['U0BEN'] },
      { kind: 'set-group', usergroup: 'S0OTHER', users: ['U0ANA', 'U0BEN'] },
    ]);
    expect(applied.failures).toEqual([
      expect.stringContaining(
        'the members of user group S0ONCALL (U0BEN) failed: Slack usergroups.users.update failed: permission_denied',
      ),
    ]);
    expect(applied.done).toHaveLength(2);
    expect(env.slack.topic('C0INCIDENTS')).toBe('On call: @ben (primary) until Mon 11:00 ET');
    expect(env.slack.groupMembers('S0ONCALL')).toEqual(['U0ANA']);
    expect(env.slack.groupMembers('S0OTHER')).toEqual(['U0ANA', 'U0BEN']);
  });

  it('posts an alert before its topic, and leaves the topic when the alert did not go out', async () => {
    seedWorkspace();
    const calls = [
      { kind: 'alert', channel: 'C0INCIDENTS', text: 'Nobody on call can be reached' },
      {
        kind: 'set-topic',
        channel: 'C0INCIDENTS',
        topic: 'On call: @gus (primary, not in Slack) until Mon 11:00 ET',
      },
    ] as const;
    env.slack.inject({ method: 'chat.postMessage', kind: 'error', error: 'not_in_channel' });
    const failed = await applySlackSync(env.client, calls);
    expect(failed.failures).toEqual([
      expect.stringContaining('the alert to C0INCIDENTS failed'),
      'Slack: topic of C0INCIDENTS not set: its alert did not go out',
    ]);
    expect(env.slack.topic('C0INCIDENTS')).toBe('On call: @ana (primary)');

    const retried = await applySlackSync(env.client, calls);
    expect(retried.failures).toEqual([]);
    expect(env.slack.messages('C0INCIDENTS').map((message) => message.text)).toEqual([
      'Nobody on call can be reached',
    ]);
    expect(env.slack.topic('C0INCIDENTS')).toBe('On call: @gus (primary, not in Slack) until Mon 11:00 ET');
  });
});
