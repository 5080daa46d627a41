/**
 * What `oncall doctor` reads from Slack, on the local Slack emulator: the member directory in
 * pages (users.list), each person found by id or email wherever they are in it, a deactivated
 * member seen as such, and someone Slack does not have reported as not found.
 */
import { describe, expect, it } from 'vitest';
import { gatherSlackFacts } from '../../src/io/slack/doctor.js';
import { useSlackEmulator } from '../helpers/slack-emulator.js';

const fixture = useSlackEmulator();

describe('gatherSlackFacts: people', () => {
  it('reads the directory in pages of 200 and finds people on any page, by id or by email', async () => {
    const { slack, client } = fixture;
    for (let i = 0; i < 450; i += 1) {
      slack.seed.user({
        id: `U${String(i).padStart(4, '0')}`,
        name: `person${i}`,
        email: `person${i}@example.com`,
      });
    }
    slack.seed.user({ id: 'U9GONE', name: 'gone', deleted: true });
    const facts = await gatherSlackFacts(client, 'bot', {
      channels: [],
      usergroups: false,
      people: [
        { github: 'first', by: 'id', value: 'U0000' },
        { github: 'last', by: 'id', value: 'U0449' },
        { github: 'mailed', by: 'email', value: 'Person321@Example.com' },
        { github: 'gone', by: 'id', value: 'U9GONE' },
        { github: 'stranger', by: 'email', value: 'nobody@example.com' },
      ],
    });
    expect(facts.people).toEqual({
      first: { ok: true, value: { id: 'U0000', deleted: false, isBot: false } },
      last: { ok: true, value: { id: 'U0449', deleted: false, isBot: false } },
      mailed: { ok: true, value: { id: 'U0321', deleted: false, isBot: false } },
      gone: { ok: true, value: { id: 'U9GONE', deleted: true, isBot: false } },
      stranger: { ok: true, value: null },
    });
    // Three pages for 450 members (and the bot), not a call per person.
    const listed = slack.log.filter((entry) => entry.method === 'users.list');
    expect(listed).toHaveLength(3);
    expect(
      slack.log.filter((entry) => entry.method === 'users.info' || entry.method === 'users.lookupByEmail'),
    ).toEqual([]);
  });

  it('without users:read the directory cannot be read: every person is reported with Slack’s error', async () => {
    const { slack, client } = fixture;
    slack.setScopes(['chat:write', 'im:write']);
    const facts = await gatherSlackFacts(client, 'bot', {
      channels: [],
      usergroups: false,
      people: [{ github: 'ana', by: 'id', value: 'U0ANA' }],
    });
    expect(facts.people?.ana).toMatchObject({ ok: false, code: 'missing_scope' });
  });
});
