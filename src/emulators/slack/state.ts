/**
 * The Slack emulator's in-memory workspace: users, conversations (channels, DMs, group DMs),
 * user groups and the messages posted. Ids look like Slack's (U…, C…, D…, G…, S…) and are
 * handed out in order, so tests and the demo see the same ids on every run.
 */

export type Clock = () => Date;

export interface SlackUserRecord {
  id: string;
  /** The handle, e.g. "alice". */
  name: string;
  realName: string;
  email: string | null;
  isBot: boolean;
  /** A deactivated account. */
  deleted: boolean;
  tz: string;
}

export type ConversationKind = 'channel' | 'im' | 'mpim';

export interface SlackConversationRecord {
  id: string;
  kind: ConversationKind;
  /** "incidents" for a channel; the user id for a DM; "mpdm-a--b-1" for a group DM. */
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  /** Whether the app's bot is in it (a bot outside a channel cannot post or set its topic). */
  botIsMember: boolean;
  /** The other person of a DM. */
  user?: string;
  members: string[];
  topic: { value: string; creator: string; lastSet: number };
  created: number;
}

export interface SlackUserGroupRecord {
  id: string;
  handle: string;
  name: string;
  description: string;
  users: string[];
  /** A disabled group keeps its members but is not listed unless asked for. */
  disabled: boolean;
  dateCreate: number;
  dateUpdate: number;
  createdBy: string;
  updatedBy: string;
}

export interface SlackMessageRecord {
  /** The conversation id it landed in (a DM's D… id when posted to a user id). */
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  threadTs?: string;
  /** The bot user that posted it. */
  user: string;
  botId: string;
}

export interface NewUser {
  /** Slack member id, e.g. "U01ALICE"; the next free one when omitted. */
  id?: string;
  name: string;
  realName?: string;
  email?: string;
  isBot?: boolean;
  deleted?: boolean;
  tz?: string;
}

export interface NewChannel {
  id?: string;
  /** Without the "#". */
  name: string;
  topic?: string;
  isPrivate?: boolean;
  isArchived?: boolean;
  /** True unless said otherwise. */
  botIsMember?: boolean;
  members?: string[];
}

export interface NewUserGroup {
  id?: string;
  /** The mention handle, e.g. "oncall" for @oncall. */
  handle: string;
  name?: string;
  description?: string;
  users?: string[];
  disabled?: boolean;
}

const USER_ID = /^[UW][A-Z0-9]{2,}$/;
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
const GROUP_ID = /^S[A-Z0-9]{2,}$/;

export class SlackStore {
  readonly users = new Map<string, SlackUserRecord>();
  readonly conversations = new Map<string, SlackConversationRecord>();
  readonly userGroups = new Map<string, SlackUserGroupRecord>();
  readonly messages: SlackMessageRecord[] = [];
  readonly bot: SlackUserRecord;
  readonly botId: string;
  private nextId = 1;
  private lastTs = { seconds: 0, sequence: 0 };

  constructor(
    readonly now: Clock,
    readonly teamId: string,
    botName: string,
  ) {
    this.bot = this.addUser({ id: 'U0BOT', name: botName, realName: botName, isBot: true });
    this.botId = 'B0BOT';
  }

  /** Unix seconds on the emulator's clock. */
  seconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  addUser(input: NewUser): SlackUserRecord {
    const id = input.id ?? this.id('U');
    if (!USER_ID.test(id)) throw new Error(`seed: "${id}" is not a Slack member id (U… or W…)`);
    if (this.users.has(id)) throw new Error(`seed: user ${id} already exists`);
    const email = input.email?.trim() || null;
    if (email && this.userByEmail(email)) throw new Error(`seed: a user with email ${email} already exists`);
    const user: SlackUserRecord = {
      id,
      name: input.name,
      realName: input.realName ?? input.name,
      email,
      isBot: input.isBot ?? false,
      deleted: input.deleted ?? false,
      tz: input.tz ?? 'America/New_York',
    };
    this.users.set(id, user);
    return user;
  }

  addChannel(input: NewChannel): SlackConversationRecord {
    const id = input.id ?? this.id('C');
    if (!CHANNEL_ID.test(id)) throw new Error(`seed: "${id}" is not a Slack channel id (C… or G…)`);
    if (this.conversations.has(id)) throw new Error(`seed: conversation ${id} already exists`);
    const name = input.name.replace(/^#/, '');
    if (this.channelByName(name)) throw new Error(`seed: a channel named #${name} already exists`);
    for (const member of input.members ?? []) this.needUser(member);
    const channel: SlackConversationRecord = {
      id,
      kind: 'channel',
      name,
      isPrivate: input.isPrivate ?? false,
      isArchived: input.isArchived ?? false,
      botIsMember: input.botIsMember ?? true,
      members: [...(input.members ?? [])],
      topic: { value: input.topic ?? '', creator: input.topic ? this.bot.id : '', lastSet: 0 },
      created: this.seconds(),
    };
    this.conversations.set(id, channel);
    return channel;
  }

  addUserGroup(input: NewUserGroup): SlackUserGroupRecord {
    const id = input.id ?? this.id('S');
    if (!GROUP_ID.test(id)) throw new Error(`seed: "${id}" is not a Slack user group id (S…)`);
    if (this.userGroups.has(id)) throw new Error(`seed: user group ${id} already exists`);
    for (const member of input.users ?? []) this.needUser(member);
    const now = this.seconds();
    const group: SlackUserGroupRecord = {
      id,
      handle: input.handle,
      name: input.name ?? input.handle,
      description: input.description ?? '',
      users: [...(input.users ?? [])],
      disabled: input.disabled ?? false,
      dateCreate: now,
      dateUpdate: now,
      createdBy: this.bot.id,
      updatedBy: this.bot.id,
    };
    this.userGroups.set(id, group);
    return group;
  }

  userByEmail(email: string): SlackUserRecord | undefined {
    const key = email.trim().toLowerCase();
    for (const user of this.users.values()) if (user.email?.toLowerCase() === key) return user;
    return undefined;
  }

  channelByName(name: string): SlackConversationRecord | undefined {
    for (const c of this.conversations.values()) if (c.kind === 'channel' && c.name === name) return c;
    return undefined;
  }

  /** The DM between the bot and `userId`, opened on first use like Slack does. */
  openIm(userId: string): { conversation: SlackConversationRecord; created: boolean } {
    for (const c of this.conversations.values()) {
      if (c.kind === 'im' && c.user === userId) return { conversation: c, created: false };
    }
    const conversation: SlackConversationRecord = {
      id: this.id('D'),
      kind: 'im',
      name: userId,
      isPrivate: true,
      isArchived: false,
      botIsMember: true,
      user: userId,
      members: [this.bot.id, userId],
      topic: { value: '', creator: '', lastSet: 0 },
      created: this.seconds(),
    };
    this.conversations.set(conversation.id, conversation);
    return { conversation, created: true };
  }

  /** The group DM of the bot and `userIds` (order does not matter). */
  openMpim(userIds: string[]): { conversation: SlackConversationRecord; created: boolean } {
    const members = [...new Set([this.bot.id, ...userIds])].sort();
    const key = members.join(',');
    for (const c of this.conversations.values()) {
      if (c.kind === 'mpim' && [...c.members].sort().join(',') === key)
        return { conversation: c, created: false };
    }
    const names = members.map((id) => this.users.get(id)?.name ?? id);
    const conversation: SlackConversationRecord = {
      id: this.id('G'),
      kind: 'mpim',
      name: `mpdm-${names.join('--')}-1`,
      isPrivate: true,
      isArchived: false,
      botIsMember: true,
      members,
      topic: { value: '', creator: '', lastSet: 0 },
      created: this.seconds(),
    };
    this.conversations.set(conversation.id, conversation);
    return { conversation, created: true };
  }

  addMessage(input: Omit<SlackMessageRecord, 'ts' | 'user' | 'botId'>): SlackMessageRecord {
    const message: SlackMessageRecord = { ...input, ts: this.ts(), user: this.bot.id, botId: this.botId };
    this.messages.push(message);
    return message;
  }

  /** A message timestamp, "seconds.sequence", unique and increasing like Slack's. */
  private ts(): string {
    const seconds = Math.max(this.seconds(), this.lastTs.seconds);
    const sequence = seconds === this.lastTs.seconds ? this.lastTs.sequence + 1 : 1;
    this.lastTs = { seconds, sequence };
    return `${seconds}.${String(sequence).padStart(6, '0')}`;
  }

  private needUser(id: string): void {
    if (!this.users.has(id)) throw new Error(`seed: no user ${id}; seed it first with seed.user()`);
  }

  private id(prefix: string): string {
    let id: string;
    do id = `${prefix}${String(this.nextId++).padStart(8, '0')}`;
    while (this.users.has(id) || this.conversations.has(id) || this.userGroups.has(id));
    return id;
  }
}
