/**
 * The Slack app: SLACK_BOT_TOKEN is a bot token Slack accepts, and it has every scope the system
 * uses. The scopes follow from the Web API methods the code calls (src/io/slack): those for DMs
 * always (pages and reminders), those for channels and user groups when a rotation names one. A
 * private channel needs the `groups:*` scopes instead of `channels:*`.
 */
import { type Blocker, blocked, type DoctorCheck, failed, listing, passed, skipped } from './check.js';
import { reason, type SlackFacts } from './facts.js';

export interface ScopeNeed {
  scope: string;
  /** What the system does with it. */
  for: string;
}

export interface SlackUsage {
  usergroups: boolean;
  channels: readonly { isPrivate: boolean }[];
}

const DM_SCOPES: readonly ScopeNeed[] = [
  { scope: 'chat:write', for: 'pages, alerts, reminders and the handoff post (chat.postMessage)' },
  { scope: 'im:write', for: 'opening the DM a page or reminder goes to (conversations.open)' },
  {
    scope: 'im:history',
    for: 'finding a page or reminder already sent, so none goes twice (conversations.history)',
  },
  { scope: 'users:read', for: 'checking Slack ids (users.info, by doctor)' },
  { scope: 'users:read.email', for: 'finding people by email (users.lookupByEmail)' },
];

const USERGROUP_SCOPES: readonly ScopeNeed[] = [
  { scope: 'usergroups:read', for: 'reading the on-call user group (usergroups.list)' },
  { scope: 'usergroups:write', for: 'setting the on-call user group (usergroups.users.update)' },
];

function channelScopes(isPrivate: boolean): ScopeNeed[] {
  const family = isPrivate ? 'groups' : 'channels';
  return [
    { scope: `${family}:read`, for: 'reading the channel topic (conversations.info)' },
    {
      scope: isPrivate ? 'groups:write' : 'channels:manage',
      for: 'setting the channel topic (conversations.setTopic)',
    },
    {
      scope: `${family}:history`,
      for: 'finding a page already posted in the channel (conversations.history)',
    },
  ];
}

/** Every scope the system uses for this repository, each once. */
export function neededSlackScopes(usage: SlackUsage): ScopeNeed[] {
  const all = [...DM_SCOPES];
  if (usage.usergroups) all.push(...USERGROUP_SCOPES);
  for (const isPrivate of new Set(usage.channels.map((channel) => channel.isPrivate))) {
    all.push(...channelScopes(isPrivate));
  }
  const seen = new Set<string>();
  return all.filter((need) => !seen.has(need.scope) && seen.add(need.scope));
}

/** Every scope of every kind of rotation: what the README tells a new Slack app to add. */
export const ALL_SLACK_SCOPES = neededSlackScopes({
  usergroups: true,
  channels: [{ isPrivate: false }, { isPrivate: true }],
}).map((need) => need.scope);

const TOKEN_FIX =
  "export SLACK_BOT_TOKEN=xoxb-… (the Slack app's OAuth & Permissions page → Bot User OAuth Token, " +
  'the value of the repository secret)';

/** Why the Slack checks past the token cannot look, or undefined when Slack accepted it. */
export function slackBlocker(facts: SlackFacts): Blocker | undefined {
  if (facts.token === 'missing') return { why: 'SLACK_BOT_TOKEN is not set', fix: 'see slack-token' };
  if (facts.auth && !facts.auth.ok) {
    return { why: `Slack refused the token (${reason(facts.auth)})`, fix: 'see slack-token' };
  }
  if (!facts.auth) return { why: 'Slack was not asked', fix: 'see slack-token' };
  return undefined;
}

export function checkSlackToken(facts: SlackFacts): DoctorCheck {
  const name = 'slack-token';
  if (facts.token === 'missing') {
    return failed(name, 'SLACK_BOT_TOKEN is not set: Slack cannot be checked', TOKEN_FIX);
  }
  const auth = facts.auth;
  if (!auth) return failed(name, 'Slack was not asked', TOKEN_FIX);
  if (!auth.ok) {
    const refused = ['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive'];
    return refused.includes(auth.code ?? '')
      ? failed(
          name,
          `Slack refused the token (${reason(auth)})`,
          "copy the Bot User OAuth Token again from the Slack app's OAuth & Permissions page (reinstalling the " +
            'app can change it), here and in the repository secret',
        )
      : failed(
          name,
          `Slack did not answer auth.test (${reason(auth)})`,
          'try again in a few minutes (https://slack-status.com)',
        );
  }
  if (facts.token === 'other') {
    return failed(
      name,
      `Slack accepts the token, but it is not a bot token (xoxb-…): it acts as a person, not as the app`,
      "use the app's Bot User OAuth Token (xoxb-…), here and in the repository secret",
    );
  }
  return passed(name, `the bot @${auth.value.botUser} in the workspace ${auth.value.team}`);
}

export function checkSlackScopes(
  needed: readonly ScopeNeed[],
  facts: SlackFacts,
  blocker: Blocker | undefined,
): DoctorCheck {
  const name = 'slack-scopes';
  if (blocker) return blocked(name, blocker);
  const granted = facts.auth?.ok ? facts.auth.value.scopes : undefined;
  const wanted = needed.map((need) => need.scope);
  if (!granted) {
    return skipped(
      name,
      'Slack did not say which scopes the token has (no x-oauth-scopes header)',
      `check by hand: the app's OAuth & Permissions page → Bot Token Scopes has ${listing(wanted)}`,
    );
  }
  const missing = needed.filter((need) => !granted.includes(need.scope));
  if (missing.length === 0)
    return passed(name, `all ${needed.length} scopes the system uses: ${wanted.join(', ')}`);
  return failed(
    name,
    `missing ${missing.map((need) => `${need.scope} (${need.for})`).join('; ')}`,
    `the Slack app's OAuth & Permissions page → Bot Token Scopes: add ${listing(missing.map((need) => need.scope))}; ` +
      'then reinstall the app to the workspace (if Slack shows a new bot token, update it here and in the repository secret)',
  );
}
