/**
 * OAuth scopes, as Slack checks them: every call needs the scope of its method, and for the
 * conversations.* methods the scope of the conversation's type (a public channel `channels:*`, a
 * private one `groups:*`, a DM `im:*`, a group DM `mpim:*`). A call without it is answered
 * `{ ok: false, error: 'missing_scope', needed, provided }`, which is an answer, not a misuse.
 */
import type { Args } from './methods.js';
import type { ConversationKind, SlackStore } from './state.js';

/**
 * The scopes of a bot installed with everything the emulated methods can need. Tests that want
 * a narrower app start the emulator with `scopes` or call `setScopes()`.
 */
export const DEFAULT_BOT_SCOPES: readonly string[] = [
  'chat:write',
  'chat:write.public',
  'im:write',
  'im:read',
  'im:history',
  'mpim:write',
  'mpim:read',
  'mpim:history',
  'channels:manage',
  'channels:read',
  'channels:history',
  'groups:read',
  'groups:write',
  'groups:history',
  'usergroups:read',
  'usergroups:write',
  'users:read',
  'users:read.email',
];

type Family = 'channels' | 'groups' | 'im' | 'mpim';
type ConversationAccess = 'read' | 'history' | 'write';

const FIXED: Record<string, string | null> = {
  'auth.test': null,
  'chat.postMessage': 'chat:write',
  'usergroups.list': 'usergroups:read',
  'usergroups.users.update': 'usergroups:write',
  'users.info': 'users:read',
  'users.list': 'users:read',
  'users.lookupByEmail': 'users:read.email',
};

const BY_CONVERSATION: Record<string, ConversationAccess> = {
  'conversations.info': 'read',
  'conversations.history': 'history',
  'conversations.setTopic': 'write',
};

/** The scope this call needs; null when none (auth.test), undefined for a method not listed here. */
export function scopeNeeded(method: string, args: Args, store: SlackStore): string | null | undefined {
  if (method in FIXED) return FIXED[method];
  if (method === 'conversations.open') {
    const users = args.list('users') ?? [];
    return users.length > 1 ? 'mpim:write' : 'im:write';
  }
  const access = BY_CONVERSATION[method];
  if (!access) return undefined;
  const conversation = store.conversations.get(args.string('channel') ?? '');
  const family = familyOf(conversation?.kind ?? 'channel', conversation?.isPrivate ?? false);
  // Setting a channel's topic is "manage" for public channels and "write" for the others.
  const verb = access === 'write' && family === 'channels' ? 'manage' : access;
  return `${family}:${verb}`;
}

function familyOf(kind: ConversationKind, isPrivate: boolean): Family {
  if (kind === 'im') return 'im';
  if (kind === 'mpim') return 'mpim';
  return isPrivate ? 'groups' : 'channels';
}
