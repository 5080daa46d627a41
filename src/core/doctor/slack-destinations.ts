/**
 * Where the system writes in Slack: each rotation's channel exists, is not archived and has the
 * bot in it (to post alerts and set the topic); each rotation's user group exists and is enabled.
 */
import { type Blocker, blocked, type DoctorCheck, FILES_BLOCKER, failed, passed } from './check.js';
import { reason, type SlackFacts } from './facts.js';
import type { SlackTarget } from './needs.js';

export function checkSlackChannels(
  channels: readonly SlackTarget[] | undefined,
  facts: SlackFacts,
  blocker: Blocker | undefined,
): DoctorCheck {
  const name = 'slack-channels';
  if (blocker) return blocked(name, blocker);
  if (!channels) return blocked(name, FILES_BLOCKER);
  if (channels.length === 0)
    return passed(name, 'no rotation names a Slack channel (slack.channel): nothing to check');
  const problems: string[] = [];
  const fixes = new Set<string>();
  for (const target of channels) {
    const of = `${target.id} (${target.rotations.join(', ')})`;
    const info = facts.channels?.[target.id];
    if (!info) {
      problems.push(`${of} was not looked up`);
    } else if (!info.ok) {
      if (info.code === 'channel_not_found') {
        problems.push(`${of}: not found — a wrong id, or a private channel the bot is not in`);
        fixes.add(
          'check `slack.channel` in rotations/NAME/rotation.yaml (the channel details show its id, C…) and `/invite` the app to it',
        );
      } else {
        problems.push(`${of}: ${reason(info)}`);
        if (info.code === 'missing_scope') fixes.add('add the missing scope (see slack-scopes)');
      }
    } else if (info.value.isArchived) {
      problems.push(`${of}: #${info.value.name} is archived`);
      fixes.add('unarchive the channel, or name another one in `slack.channel`');
    } else if (!info.value.isMember) {
      problems.push(
        `${of}: the bot is not in #${info.value.name}, so it cannot post alerts or set the topic`,
      );
      fixes.add(`invite the app: \`/invite @${botName(facts)}\` in #${info.value.name}`);
    }
  }
  if (problems.length === 0) {
    return passed(
      name,
      `the bot is in ${channels.map((target) => channelName(facts, target.id)).join(', ')}`,
    );
  }
  return failed(name, problems.join('; '), [...fixes].join('; ') || 'see the detail');
}

export function checkSlackUserGroups(
  usergroups: readonly SlackTarget[] | undefined,
  facts: SlackFacts,
  blocker: Blocker | undefined,
): DoctorCheck {
  const name = 'slack-usergroups';
  if (blocker) return blocked(name, blocker);
  if (!usergroups) return blocked(name, FILES_BLOCKER);
  if (usergroups.length === 0) {
    return passed(name, 'no rotation names a Slack user group (slack.usergroup): nothing to check');
  }
  const listed = facts.usergroups;
  if (!listed) return failed(name, 'the user groups were not read', 'run doctor again');
  if (!listed.ok) {
    return failed(
      name,
      `the user groups cannot be read (${reason(listed)})`,
      listed.code === 'paid_teams_only'
        ? 'user groups need a paid Slack plan: remove `slack.usergroup` from the rotations, or upgrade'
        : listed.code === 'missing_scope'
          ? 'add the missing scope (see slack-scopes)'
          : 'try again in a few minutes',
    );
  }
  const problems: string[] = [];
  for (const target of usergroups) {
    const of = `${target.id} (${target.rotations.join(', ')})`;
    const group = listed.value.find((item) => item.id === target.id);
    if (!group) problems.push(`${of}: no such user group`);
    else if (group.disabled) problems.push(`${of}: @${group.handle} is disabled`);
  }
  if (problems.length === 0) {
    const handles = usergroups.map((target) => listed.value.find((item) => item.id === target.id)?.handle);
    return passed(
      name,
      `${handles.map((handle) => `@${handle}`).join(', ')} ${handles.length === 1 ? 'exists and is' : 'exist and are'} enabled`,
    );
  }
  return failed(
    name,
    problems.join('; '),
    'set `slack.usergroup` in rotations/NAME/rotation.yaml to the group id (S…: Slack → People → User groups → the ' +
      'group → ⋮ → Copy group ID), and enable a disabled group again there',
  );
}

function channelName(facts: SlackFacts, id: string): string {
  const info = facts.channels?.[id];
  return info?.ok ? `#${info.value.name}` : id;
}

function botName(facts: SlackFacts): string {
  return facts.auth?.ok ? facts.auth.value.botUser : 'the-app';
}
