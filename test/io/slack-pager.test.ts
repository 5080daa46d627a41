import { describe, expect, it } from 'vitest';
import type { Person } from '../../src/core/model/schemas.js';
import { sendPage } from '../../src/io/slack/pager.js';
import { useSlackEmulator } from '../helpers/slack-emulator.js';

const people: Record<string, Person> = {
  alice: { github: 'alice', name: 'Alice', team: 'red', timezone: 'UTC', slack: 'U01ALICE' },
  bob: { github: 'bob', name: 'Bob', team: 'blue', timezone: 'UTC', email: 'bob@example.com' },
};
const incident = {
  number: 7,
  title: 'Gravity <!channel> down',
  url: 'https://github.com/acme/oncall/issues/7',
  severity: 1 as const,
};

describe('sendPage', () => {
  const fixture = useSlackEmulator();

  function seed() {
    const { slack } = fixture;
    slack.seed.user({ id: 'U01ALICE', name: 'alice', email: 'alice@example.com' });
    slack.seed.user({ id: 'U01BOB', name: 'bob', email: 'bob@example.com' });
    slack.seed.channel({ id: 'C0INCIDENTS', name: 'incidents', botIsMember: true });
  }

  const page = () => ({
    key: '7:step-0',
    decidedAt: Date.now() - 1000,
    to: ['alice', 'bob'],
    reason: 'sev:1 policy',
    step: 'primary',
  });

  it('DMs each person (by id, else by email) and posts once in the channel', async () => {
    seed();
    const { slack, client } = fixture;
    const outcome = await sendPage(client, page(), incident, (login) => people[login], 'C0INCIDENTS');
    expect(outcome).toEqual({ ok: true, delivered: ['alice', 'bob', 'C0INCIDENTS'], failures: [] });
    expect(slack.messages('U01ALICE')).toHaveLength(1);
    expect(slack.messages('U01BOB')).toHaveLength(1);
    expect(slack.messages('C0INCIDENTS')).toHaveLength(1);
  });

  it('a 500 after Slack posted: the retry finds the page by its dedup key and never posts it twice', async () => {
    seed();
    const { slack, client } = fixture;
    slack.inject({ method: 'chat.postMessage', kind: 'status', status: 500, afterWrite: true });
    const first = await sendPage(client, page(), incident, (login) => people[login], 'C0INCIDENTS');
    expect(first.ok).toBe(false);
    expect(first.delivered).toEqual(['bob', 'C0INCIDENTS']);
    // The next tick retries with what was recorded as delivered.
    const retry = await sendPage(
      client,
      page(),
      incident,
      (login) => people[login],
      'C0INCIDENTS',
      first.delivered,
    );
    expect(retry).toEqual({ ok: true, delivered: ['bob', 'C0INCIDENTS', 'alice'], failures: [] });
    expect(slack.messages('U01ALICE')).toHaveLength(1);
    expect(slack.messages('U01BOB')).toHaveLength(1);
    expect(slack.messages('C0INCIDENTS')).toHaveLength(1);
  });

  it('an unresolvable person is a failure for them only', async () => {
    seed();
    const { client } = fixture;
    const outcome = await sendPage(
      client,
      { ...page(), to: ['alice', 'nobody'] },
      incident,
      (login) =>
        login === 'nobody' ? { github: 'nobody', name: 'N', team: 'x', timezone: 'UTC' } : people[login],
      'C0INCIDENTS',
    );
    expect(outcome.delivered).toEqual(['alice', 'C0INCIDENTS']);
    expect(outcome.failures).toEqual([
      { target: 'nobody', why: expect.stringContaining('no Slack member id') },
    ]);
  });
});
