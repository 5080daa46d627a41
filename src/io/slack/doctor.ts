/**
 * What `oncall doctor` reads from Slack: the token's identity and scopes (auth.test and its
 * `x-oauth-scopes`), the rotations' channels, the user groups, and each person by id or email.
 * Each read on its own; a refusal is recorded with Slack's error code. Only reads.
 */
import type {
  Gathered,
  SlackConversation,
  SlackFacts,
  SlackMember,
  SlackUserGroup,
} from '../../core/doctor/facts.js';
import type { SlackLookup } from '../../core/doctor/needs.js';
import { SlackCallError, type SlackClient } from './client.js';

export interface SlackQuestions {
  channels: readonly string[];
  usergroups: boolean;
  people: readonly SlackLookup[];
}

export async function gatherSlackFacts(
  slack: SlackClient,
  token: SlackFacts['token'],
  ask: SlackQuestions,
): Promise<SlackFacts> {
  const auth = await gather(async () => {
    const answer = await slack.call('auth.test');
    const scopes = answer.response_metadata?.scopes;
    return {
      team: String(answer.team ?? answer.team_id ?? ''),
      botUser: String(answer.user ?? answer.user_id ?? ''),
      ...(Array.isArray(scopes) && { scopes: scopes.map(String) }),
    };
  });
  if (!auth.ok) return { token, auth };

  const channels: Record<string, Gathered<SlackConversation>> = {};
  for (const id of ask.channels) {
    channels[id] = await gather(async () => {
      const answer = await slack.call('conversations.info', { channel: id });
      const channel = (answer.channel ?? {}) as Record<string, unknown>;
      return {
        name: String(channel.name ?? id),
        isPrivate: channel.is_private === true,
        isArchived: channel.is_archived === true,
        isMember: channel.is_member === true,
      };
    });
  }

  const usergroups = ask.usergroups
    ? await gather(async (): Promise<SlackUserGroup[]> => {
        const answer = await slack.call('usergroups.list', { include_disabled: true });
        const groups = (answer.usergroups ?? []) as Record<string, unknown>[];
        return groups.map((group) => ({
          id: String(group.id),
          handle: String(group.handle ?? group.id),
          disabled: typeof group.date_delete === 'number' && group.date_delete > 0,
        }));
      })
    : undefined;

  const people: Record<string, Gathered<SlackMember | null>> = {};
  for (const lookup of ask.people) {
    people[lookup.github] = await gather(async () => {
      const [method, args, notFound] =
        lookup.by === 'id'
          ? ['users.info', { user: lookup.value }, 'user_not_found']
          : ['users.lookupByEmail', { email: lookup.value }, 'users_not_found'];
      try {
        const user = ((await slack.call(method, args)).user ?? {}) as Record<string, unknown>;
        return { id: String(user.id), deleted: user.deleted === true, isBot: user.is_bot === true };
      } catch (err) {
        if (err instanceof SlackCallError && err.code === notFound) return null;
        throw err;
      }
    });
  }
  return { token, auth, channels, ...(usergroups && { usergroups }), people };
}

/** The value, or Slack's error code and message. */
async function gather<T>(read: () => Promise<T>): Promise<Gathered<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (err) {
    return err instanceof SlackCallError
      ? { ok: false, code: err.code, message: err.message }
      : { ok: false, message: (err as Error).message ?? String(err) };
  }
}
