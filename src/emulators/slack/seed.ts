/**
 * Seeding for tests and the demo: a workspace as it was before the run (people, channels, user
 * groups, messages an earlier run posted). The HTTP API always acts as the app's bot.
 */
import type {
  NewChannel,
  NewUser,
  NewUserGroup,
  SlackConversationRecord,
  SlackMessageRecord,
  SlackStore,
  SlackUserGroupRecord,
  SlackUserRecord,
} from './state.js';

export class SlackSeeder {
  constructor(private readonly store: SlackStore) {}

  /** A member of the workspace, e.g. { id: 'U01ALICE', name: 'alice', email: 'alice@example.com' }. */
  user(input: NewUser): SlackUserRecord {
    return this.store.addUser(input);
  }

  /** A channel, e.g. { id: 'C0INCIDENTS', name: 'incidents' }; the bot is in it unless `botIsMember: false`. */
  channel(input: NewChannel): SlackConversationRecord {
    return this.store.addChannel(input);
  }

  /** A user group, e.g. { id: 'S0ONCALL', handle: 'oncall', users: ['U01ALICE'] }. */
  userGroup(input: NewUserGroup): SlackUserGroupRecord {
    return this.store.addUserGroup(input);
  }

  /** A message the bot posted before, in a conversation id (or a user id: their DM). */
  message(
    channel: string,
    input: { text: string; blocks?: unknown[]; threadTs?: string },
  ): SlackMessageRecord {
    const conversation = this.store.users.has(channel)
      ? this.store.openIm(channel).conversation
      : this.store.conversations.get(channel);
    if (!conversation) throw new Error(`seed: no conversation ${channel}; seed it first with seed.channel()`);
    return this.store.addMessage({
      channel: conversation.id,
      text: input.text,
      ...(input.blocks && { blocks: input.blocks }),
      ...(input.threadTs && { threadTs: input.threadTs }),
    });
  }
}
