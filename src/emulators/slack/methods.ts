/**
 * The Web API methods the project uses, answered from the in-memory workspace the way Slack
 * answers them: `{ ok: true, ... }`, or `{ ok: false, error }` with Slack's error codes. Misuse
 * that Slack would refuse (a missing argument, an empty user group, a topic over 250 characters,
 * malformed blocks) is also recorded as a violation, so the test that caused it fails.
 */
import { charCount, checkBlocks } from './blocks.js';
import type { SlackViolationKind } from './request-log.js';
import type {
  SlackConversationRecord,
  SlackMessageRecord,
  SlackStore,
  SlackUserGroupRecord,
  SlackUserRecord,
} from './state.js';

/** An `{ ok: false, error }` answer, with any extra fields Slack adds. */
export class SlackErrorAnswer extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

export interface MethodContext {
  store: SlackStore;
  args: Args;
  violate(kind: SlackViolationKind, message: string): void;
}

export type MethodHandler = (context: MethodContext) => Record<string, unknown>;

const MAX_TEXT = 40_000;
const MAX_TOPIC = 250;
const MAX_DM_USERS = 8;

/** Arguments as Slack reads them: form fields are strings, JSON keeps its types. */
export class Args {
  constructor(
    readonly raw: Record<string, unknown>,
    private readonly violate: (kind: SlackViolationKind, message: string) => void,
  ) {}

  has(name: string): boolean {
    return this.raw[name] !== undefined && this.raw[name] !== null;
  }

  string(name: string): string | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    return typeof value === 'string'
      ? value
      : typeof value === 'number'
        ? String(value)
        : JSON.stringify(value);
  }

  /** A required argument; an empty string counts as missing unless `allowEmpty`. */
  required(name: string, options: { allowEmpty?: boolean } = {}): string {
    const value = this.string(name);
    if (value === undefined || (value === '' && !options.allowEmpty)) {
      this.violate('missing-argument', `missing required argument "${name}"`);
      throw new SlackErrorAnswer('invalid_arguments', {
        response_metadata: { messages: [`[ERROR] missing required field: ${name}`] },
      });
    }
    return value;
  }

  bool(name: string): boolean {
    const value = this.raw[name];
    return value === true || value === 1 || value === 'true' || value === '1';
  }

  /** A list argument: a JSON array, or a comma separated string ("U1,U2", "U1, U2"); "[]" is empty. */
  list(name: string): string[] | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (Array.isArray(value)) return value.map((item) => String(item).trim()).filter(Boolean);
    const text = String(value).trim();
    if (text.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) return parsed.map((item) => String(item).trim()).filter(Boolean);
      } catch {
        // Not JSON: read it as a comma separated list.
      }
    }
    return text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  }

  /** An argument that carries JSON: a string to parse (form encoding) or the value itself (JSON body). */
  json(name: string): { value: unknown } | { invalid: true } | undefined {
    const value = this.raw[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return { value };
    try {
      return { value: JSON.parse(value) as unknown };
    } catch {
      return { invalid: true };
    }
  }
}

export const methods: Record<string, MethodHandler> = {
  'auth.test': ({ store }) => ({
    url: 'https://emulated.slack.com/',
    team: 'Emulated workspace',
    user: store.bot.name,
    team_id: store.teamId,
    user_id: store.bot.id,
    bot_id: store.botId,
    is_enterprise_install: false,
  }),

  'chat.postMessage': ({ store, args, violate }) => {
    const conversation = resolveForPosting(store, args.required('channel'));
    const text = args.string('text') ?? '';
    const blocksArg = args.json('blocks');
    if (blocksArg && 'invalid' in blocksArg) {
      violate('invalid-argument', 'blocks is not valid JSON');
      throw new SlackErrorAnswer('invalid_blocks_format');
    }
    const blocks = blocksArg?.value;
    if (text === '' && blocks === undefined && !args.has('attachments')) {
      violate('missing-argument', 'no text, blocks or attachments: Slack answers no_text');
      throw new SlackErrorAnswer('no_text');
    }
    if (charCount(text) > MAX_TEXT) {
      violate('invalid-argument', `text is ${charCount(text)} characters; Slack's limit is ${MAX_TEXT}`);
      throw new SlackErrorAnswer('msg_too_long');
    }
    if (blocks !== undefined) {
      const problems = checkBlocks(blocks);
      if (problems.length) {
        violate('invalid-argument', `invalid blocks: ${problems.join('; ')}`);
        throw new SlackErrorAnswer('invalid_blocks', {
          errors: problems,
          response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) },
        });
      }
    }
    const threadTs = args.string('thread_ts');
    const message = store.addMessage({
      channel: conversation.id,
      text,
      ...(Array.isArray(blocks) && { blocks }),
      ...(threadTs && { threadTs }),
    });
    return { channel: conversation.id, ts: message.ts, message: renderMessage(message, store) };
  },

  'conversations.info': ({ store, args }) => {
    const conversation = store.conversations.get(args.required('channel'));
    // A private conversation the bot is not in is invisible to it, as in Slack.
    if (!conversation || (conversation.isPrivate && !conversation.botIsMember)) {
      throw new SlackErrorAnswer('channel_not_found');
    }
    return { channel: renderConversation(conversation, store) };
  },

  'conversations.history': ({ store, args }) => {
    const conversation = store.conversations.get(args.required('channel'));
    if (!conversation || (conversation.isPrivate && !conversation.botIsMember)) {
      throw new SlackErrorAnswer('channel_not_found');
    }
    if (conversation.kind === 'channel' && !conversation.botIsMember)
      throw new SlackErrorAnswer('not_in_channel');
    const oldest = Number.parseFloat(args.string('oldest') ?? '0');
    const limit = Math.min(Number.parseInt(args.string('limit') ?? '100', 10) || 100, 999);
    // Newest first, as Slack returns them.
    const messages = store.messages
      .filter((message) => message.channel === conversation.id && Number.parseFloat(message.ts) > oldest)
      .reverse();
    return {
      messages: messages.slice(0, limit).map((message) => renderMessage(message, store)),
      has_more: messages.length > limit,
      pin_count: 0,
    };
  },

  'conversations.open': ({ store, args }) => {
    if (args.has('channel') && !args.has('users')) {
      const conversation = store.conversations.get(args.required('channel'));
      if (!conversation || conversation.kind === 'channel') throw new SlackErrorAnswer('channel_not_found');
      return { no_op: true, already_open: true, channel: { id: conversation.id } };
    }
    const users = [...new Set(args.list('users') ?? [])];
    if (users.length === 0) throw new SlackErrorAnswer('users_list_not_supplied');
    if (users.length > MAX_DM_USERS) throw new SlackErrorAnswer('too_many_users');
    for (const id of users) {
      const user = store.users.get(id);
      if (!user) throw new SlackErrorAnswer('user_not_found');
      if (user.deleted) throw new SlackErrorAnswer('user_disabled');
    }
    const [only] = users;
    const { conversation, created } =
      users.length === 1 && only !== undefined ? store.openIm(only) : store.openMpim(users);
    const channel = args.bool('return_im')
      ? renderConversation(conversation, store)
      : { id: conversation.id };
    return created ? { channel } : { no_op: true, already_open: true, channel };
  },

  'conversations.setTopic': ({ store, args, violate }) => {
    const id = args.required('channel');
    const topic = args.required('topic', { allowEmpty: true });
    const conversation = store.conversations.get(id);
    if (!conversation) throw new SlackErrorAnswer('channel_not_found');
    if (conversation.kind === 'im') throw new SlackErrorAnswer('method_not_supported_for_channel_type');
    if (conversation.isArchived) throw new SlackErrorAnswer('is_archived');
    if (!conversation.botIsMember) throw new SlackErrorAnswer('not_in_channel');
    if (charCount(topic) > MAX_TOPIC) {
      violate('invalid-argument', `topic is ${charCount(topic)} characters; Slack's limit is ${MAX_TOPIC}`);
      throw new SlackErrorAnswer('too_long');
    }
    conversation.topic = { value: topic, creator: store.bot.id, lastSet: store.seconds() };
    return { channel: renderConversation(conversation, store) };
  },

  'usergroups.list': ({ store, args }) => {
    const includeUsers = args.bool('include_users');
    const includeCount = args.bool('include_count');
    const includeDisabled = args.bool('include_disabled');
    const usergroups = [...store.userGroups.values()]
      .filter((group) => includeDisabled || !group.disabled)
      .map((group) => renderUserGroup(group, store, { includeUsers, includeCount }));
    return { usergroups };
  },

  'usergroups.users.update': ({ store, args, violate }) => {
    const id = args.required('usergroup');
    if (!args.has('users')) args.required('users');
    const users = [...new Set(args.list('users') ?? [])];
    if (users.length === 0) {
      violate(
        'invalid-argument',
        'users is empty: Slack cannot remove every member of a user group (it answers invalid_users; ' +
          'usergroups.disable is the way to empty one)',
      );
      throw new SlackErrorAnswer('invalid_users');
    }
    const group = store.userGroups.get(id);
    if (!group) throw new SlackErrorAnswer('no_such_subteam');
    for (const userId of users) {
      const user = store.users.get(userId);
      if (!user || user.deleted) throw new SlackErrorAnswer('invalid_users');
      if (user.isBot) throw new SlackErrorAnswer('invalid_user');
    }
    group.users = users;
    group.dateUpdate = store.seconds();
    group.updatedBy = store.bot.id;
    return { usergroup: renderUserGroup(group, store, { includeUsers: true, includeCount: true }) };
  },

  'users.list': ({ store, args }) => {
    // Pages of `limit` members (Slack's default and most: 200 here), the cursor an offset.
    const limit = Math.min(Math.max(Number.parseInt(args.string('limit') ?? '200', 10) || 200, 1), 200);
    const cursor = args.string('cursor') ?? '';
    const offset =
      cursor === ''
        ? 0
        : Number.parseInt(
            Buffer.from(cursor, 'base64')
              .toString('utf8')
              .replace(/^offset:/, ''),
            10,
          );
    if (!Number.isInteger(offset) || offset < 0) throw new SlackErrorAnswer('invalid_cursor');
    const users = [...store.users.values()];
    const page = users.slice(offset, offset + limit);
    const next =
      offset + limit < users.length ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '';
    return {
      members: page.map((user) => renderUser(user, store)),
      cache_ts: store.seconds(),
      response_metadata: { next_cursor: next },
    };
  },

  'users.info': ({ store, args }) => {
    const user = store.users.get(args.required('user'));
    // A deactivated member is still found, with `deleted: true`, as in Slack.
    if (!user) throw new SlackErrorAnswer('user_not_found');
    return { user: renderUser(user, store) };
  },

  'users.lookupByEmail': ({ store, args }) => {
    const user = store.userByEmail(args.required('email'));
    if (!user) throw new SlackErrorAnswer('users_not_found');
    return { user: renderUser(user, store) };
  },
};

/** Where chat.postMessage puts a message: a conversation id, a user id (their DM), or "#name". */
function resolveForPosting(store: SlackStore, channel: string): SlackConversationRecord {
  const user = store.users.get(channel);
  if (user) {
    if (user.isBot) throw new SlackErrorAnswer('cannot_dm_bot');
    if (user.deleted) throw new SlackErrorAnswer('channel_not_found');
    return store.openIm(user.id).conversation;
  }
  const conversation = store.conversations.get(channel) ?? store.channelByName(channel.replace(/^#/, ''));
  if (!conversation) throw new SlackErrorAnswer('channel_not_found');
  if (conversation.isArchived) throw new SlackErrorAnswer('is_archived');
  if (!conversation.botIsMember) throw new SlackErrorAnswer('not_in_channel');
  return conversation;
}

export function renderMessage(message: SlackMessageRecord, store: SlackStore): Record<string, unknown> {
  return {
    type: 'message',
    text: message.text,
    user: message.user,
    bot_id: message.botId,
    team: store.teamId,
    ts: message.ts,
    ...(message.blocks && { blocks: message.blocks }),
    ...(message.threadTs && { thread_ts: message.threadTs }),
  };
}

export function renderConversation(c: SlackConversationRecord, store: SlackStore): Record<string, unknown> {
  if (c.kind === 'im') {
    return { id: c.id, created: c.created, is_im: true, is_org_shared: false, user: c.user, priority: 0 };
  }
  return {
    id: c.id,
    name: c.name,
    is_channel: c.kind === 'channel',
    is_group: false,
    is_im: false,
    is_mpim: c.kind === 'mpim',
    is_private: c.isPrivate,
    created: c.created,
    is_archived: c.isArchived,
    is_general: false,
    unlinked: 0,
    name_normalized: c.name,
    is_shared: false,
    is_org_shared: false,
    is_member: c.botIsMember,
    creator: store.bot.id,
    topic: { value: c.topic.value, creator: c.topic.creator, last_set: c.topic.lastSet },
    purpose: { value: '', creator: '', last_set: 0 },
  };
}

export function renderUser(user: SlackUserRecord, store: SlackStore): Record<string, unknown> {
  return {
    id: user.id,
    team_id: store.teamId,
    name: user.name,
    deleted: user.deleted,
    real_name: user.realName,
    tz: user.tz,
    is_admin: false,
    is_owner: false,
    is_bot: user.isBot,
    is_app_user: false,
    profile: {
      real_name: user.realName,
      display_name: user.name,
      ...(user.email && { email: user.email }),
      team: store.teamId,
    },
  };
}

export function renderUserGroup(
  group: SlackUserGroupRecord,
  store: SlackStore,
  options: { includeUsers: boolean; includeCount: boolean },
): Record<string, unknown> {
  return {
    id: group.id,
    team_id: store.teamId,
    is_usergroup: true,
    name: group.name,
    description: group.description,
    handle: group.handle,
    is_external: false,
    date_create: group.dateCreate,
    date_update: group.dateUpdate,
    date_delete: group.disabled ? group.dateUpdate : 0,
    auto_type: null,
    created_by: group.createdBy,
    updated_by: group.updatedBy,
    deleted_by: null,
    prefs: { channels: [], groups: [] },
    ...(options.includeUsers && { users: [...group.users] }),
    ...(options.includeCount && { user_count: group.users.length }),
  };
}
