/**
 * What `oncall doctor` reads from Slack: the token's identity and scopes (auth.test and its
 * `x-oauth-scopes`), the rotations' channels, the user groups, and the member directory, in which
 * each person is found by id or email.
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

  // One read of the member directory (users.list, 200 a page) rather than a call per person:
  // a rotation of hundreds is checked in a few calls, well inside Slack's rate limits.
  const people: Record<string, Gathered<SlackMember | null>> = {};
  if (ask.people.length > 0) {
    const directory = await gather(() => memberDirectory(slack));
    for (const lookup of ask.people) {
      if (!directory.ok) {
        people[lookup.github] = directory;
        continue;
      }
      const found =
        lookup.by === 'id'
          ? directory.value.byId.get(lookup.value)
          : directory.value.byEmail.get(lookup.value.toLowerCase());
      people[lookup.github] = { ok: true, value: found ?? null };
    }
  }
  return { token, auth, channels, ...(usergroups && { usergroups }), people };
}

interface MemberDirectory {
  byId: Map<string, SlackMember>;
  /** By lower-case email, for people.yaml entries with an email and no Slack id. */
  byEmail: Map<string, SlackMember>;
}

/** Every member of the workspace, deactivated ones included (Slack lists them with `deleted`). */
async function memberDirectory(slack: SlackClient): Promise<MemberDirectory> {
  const byId = new Map<string, SlackMember>();
  const byEmail = new Map<string, SlackMember>();
  let cursor = '';
  // A bound on pages, so a cursor that never ends cannot keep the command running.
  for (let page = 0; page < 500; page += 1) {
    const answer = await slack.call('users.list', { limit: 200, ...(cursor && { cursor }) });
    for (const user of (answer.members ?? []) as Record<string, unknown>[]) {
      const member = { id: String(user.id), deleted: user.deleted === true, isBot: user.is_bot === true };
      byId.set(member.id, member);
      const email = (user.profile as { email?: unknown } | undefined)?.email;
      if (typeof email === 'string' && email !== '') byEmail.set(email.toLowerCase(), member);
    }
    cursor = String(answer.response_metadata?.next_cursor ?? '');
    if (cursor === '') break;
  }
  return { byId, byEmail };
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
