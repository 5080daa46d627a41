/** The Slack checks of `oncall doctor`, on facts as plain data: token, scopes, people, channels, user groups. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Gathered, SlackFacts } from '../../../src/core/doctor/facts.js';
import {
  ALL_SLACK_SCOPES,
  checkSlackScopes,
  checkSlackToken,
  neededSlackScopes,
  slackBlocker,
} from '../../../src/core/doctor/slack-app.js';
import { checkSlackChannels, checkSlackUserGroups } from '../../../src/core/doctor/slack-destinations.js';
import { checkSlackPeople } from '../../../src/core/doctor/slack-people.js';

const ok = <T>(value: T): Gathered<T> => ({ ok: true, value });
const slackError = (code: string): Gathered<never> => ({ ok: false, code, message: `Slack said ${code}` });
const authed = (scopes?: string[]): SlackFacts => ({
  token: 'bot',
  auth: ok({ team: 'Acme', botUser: 'oncall', ...(scopes && { scopes }) }),
});

describe('the scopes the system needs', () => {
  const scopes = (usage: Parameters<typeof neededSlackScopes>[0]) =>
    neededSlackScopes(usage).map((need) => need.scope);

  it('DMs always; user groups and channels when a rotation names them', () => {
    expect(scopes({ usergroups: false, channels: [] })).toEqual([
      'chat:write',
      'im:write',
      'im:history',
      'users:read',
      'users:read.email',
    ]);
    expect(scopes({ usergroups: true, channels: [{ isPrivate: false }] })).toEqual([
      'chat:write',
      'im:write',
      'im:history',
      'users:read',
      'users:read.email',
      'usergroups:read',
      'usergroups:write',
      'channels:read',
      'channels:manage',
      'channels:history',
    ]);
  });

  it('a private channel needs the groups:* scopes instead', () => {
    expect(
      scopes({ usergroups: false, channels: [{ isPrivate: true }, { isPrivate: true }] }).slice(5),
    ).toEqual(['groups:read', 'groups:write', 'groups:history']);
  });

  it('every scope, for the Slack app a new team creates', () => {
    expect(ALL_SLACK_SCOPES).toHaveLength(13);
    expect(new Set(ALL_SLACK_SCOPES).size).toBe(13);
  });
});

describe('slack-token', () => {
  it.each<[string, SlackFacts, string, RegExp]>([
    ['no token', { token: 'missing' }, 'failed', /^SLACK_BOT_TOKEN is not set/],
    ['a bot token Slack accepts', authed(), 'ok', /^the bot @oncall in the workspace Acme$/],
    [
      'a revoked token',
      { token: 'bot', auth: slackError('token_revoked') },
      'failed',
      /^Slack refused the token/,
    ],
    ['Slack down', { token: 'bot', auth: slackError('http_503') }, 'failed', /^Slack did not answer/],
    ['a user token', { ...authed(), token: 'other' }, 'failed', /not a bot token/],
  ])('%s', (_, facts, status, detail) => {
    const check = checkSlackToken(facts);
    expect(check.status).toBe(status);
    expect(check.detail).toMatch(detail);
  });

  it('blocks the other Slack checks until the token works', () => {
    expect(slackBlocker({ token: 'missing' })?.why).toBe('SLACK_BOT_TOKEN is not set');
    expect(slackBlocker({ token: 'bot', auth: slackError('invalid_auth') })?.why).toBe(
      'Slack refused the token (invalid_auth: Slack said invalid_auth)',
    );
    expect(slackBlocker(authed())).toBeUndefined();
  });
});

describe('slack-scopes', () => {
  const needed = neededSlackScopes({ usergroups: true, channels: [] });
  it('passes with every scope, and names each missing one with what it is for', () => {
    expect(checkSlackScopes(needed, authed(ALL_SLACK_SCOPES), undefined).status).toBe('ok');
    const check = checkSlackScopes(
      needed,
      authed(ALL_SLACK_SCOPES.filter((scope) => scope !== 'im:history' && scope !== 'usergroups:write')),
      undefined,
    );
    expect(check.status).toBe('failed');
    expect(check.detail).toBe(
      'missing im:history (finding a page or reminder already sent, so none goes twice (conversations.history)); ' +
        'usergroups:write (setting the on-call user group (usergroups.users.update))',
    );
    expect(check.fix).toMatch(/add im:history and usergroups:write; then reinstall the app/);
  });

  it('is skipped when Slack does not report the scopes', () => {
    expect(checkSlackScopes(needed, authed(), undefined)).toMatchObject({
      status: 'skipped',
      fix: expect.stringMatching(/^check by hand/),
    });
  });
});

describe('slack-people', () => {
  const lookups = [
    { github: 'ana', by: 'id' as const, value: 'U0ANA' },
    { github: 'ben', by: 'id' as const, value: 'U0BEN' },
    { github: 'fay', by: 'email' as const, value: 'fay@example.com' },
  ];
  const facts = (people: SlackFacts['people']): SlackFacts => ({ ...authed(), people });

  it('passes when everyone resolves to an active person', () => {
    const check = checkSlackPeople(
      lookups,
      facts({
        ana: ok({ id: 'U0ANA', deleted: false, isBot: false }),
        ben: ok({ id: 'U0BEN', deleted: false, isBot: false }),
        fay: ok({ id: 'U0FAY', deleted: false, isBot: false }),
      }),
      undefined,
    );
    expect(check).toMatchObject({
      status: 'ok',
      detail: 'all 3 people resolve to active Slack members (2 by id, 1 by email)',
    });
  });

  it('names who does not resolve, and why', () => {
    const check = checkSlackPeople(
      lookups,
      facts({
        ana: ok(null),
        ben: ok({ id: 'U0BEN', deleted: true, isBot: false }),
        fay: ok({ id: 'B0BOT', deleted: false, isBot: true }),
      }),
      undefined,
    );
    expect(check.detail).toBe(
      '3 of 3 people do not resolve, so they are not paged in Slack nor put in the user group: ' +
        'ana: no Slack member U0ANA; ben: U0BEN is deactivated; fay: B0BOT is a bot, not a person',
    );
    expect(check.fix).toMatch(/^in rotations\/people\.yaml/);
  });

  it('a missing scope points at slack-scopes', () => {
    const check = checkSlackPeople(
      lookups.slice(0, 1),
      facts({ ana: slackError('missing_scope') }),
      undefined,
    );
    expect(check).toMatchObject({
      status: 'failed',
      fix: 'add the missing scope (see slack-scopes), then run doctor again',
    });
  });

  it('nobody to look up passes; files that do not load fail', () => {
    expect(checkSlackPeople([], facts({}), undefined).status).toBe('ok');
    expect(checkSlackPeople(undefined, facts({}), undefined).detail).toMatch(
      /^not checked: the on-call files/,
    );
  });
});

describe('slack-channels and slack-usergroups', () => {
  const targets = [{ id: 'C0INCIDENTS', rotations: ['ops', 'data'] }];
  const channel = (value: Partial<{ isMember: boolean; isArchived: boolean; isPrivate: boolean }>) =>
    ok({ name: 'incidents', isPrivate: false, isArchived: false, isMember: true, ...value });

  it('a channel with the bot passes; without it, archived or unknown fails with a fix', () => {
    const run = (info: Gathered<never> | ReturnType<typeof channel>) =>
      checkSlackChannels(targets, { ...authed(), channels: { C0INCIDENTS: info } }, undefined);
    expect(run(channel({}))).toMatchObject({ status: 'ok', detail: 'the bot is in #incidents' });
    expect(run(channel({ isMember: false }))).toMatchObject({
      detail:
        'C0INCIDENTS (ops, data): the bot is not in #incidents, so it cannot post alerts or set the topic',
      fix: 'invite the app: `/invite @oncall` in #incidents',
    });
    expect(run(channel({ isArchived: true })).detail).toMatch(/archived/);
    expect(run(slackError('channel_not_found')).detail).toMatch(
      /not found — a wrong id, or a private channel/,
    );
    expect(checkSlackChannels([], authed(), undefined).status).toBe('ok');
  });

  it('user groups: present and enabled passes; missing, disabled or unreadable fails', () => {
    const groups = [{ id: 'S0ONCALL', rotations: ['ops'] }];
    const run = (usergroups: SlackFacts['usergroups']) =>
      checkSlackUserGroups(groups, { ...authed(), usergroups }, undefined);
    expect(run(ok([{ id: 'S0ONCALL', handle: 'oncall', disabled: false }])).detail).toBe(
      '@oncall exists and is enabled',
    );
    expect(run(ok([])).detail).toBe('S0ONCALL (ops): no such user group');
    expect(run(ok([{ id: 'S0ONCALL', handle: 'oncall', disabled: true }])).detail).toBe(
      'S0ONCALL (ops): @oncall is disabled',
    );
    expect(run(slackError('paid_teams_only')).fix).toMatch(/paid Slack plan/);
    expect(checkSlackUserGroups([], authed(), undefined).status).toBe('ok');
  });
});

describe('the README', () => {
  it("lists exactly these scopes in the Slack app's manifest", () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const line = /^\s*bot: \[([^\]]+)\]$/m.exec(readme)?.[1] ?? '';
    expect(new Set(line.split(',').map((scope) => scope.trim()))).toEqual(new Set(ALL_SLACK_SCOPES));
  });
});
