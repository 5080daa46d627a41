/**
 * What doctor learnt from GitHub and Slack, as plain data: each fact read, or why it could not be
 * read. The adapters fill it in (src/io/github/doctor.ts, src/io/slack/doctor.ts); the checks
 * judge it. A fact left undefined was not asked for (no token, or an earlier read failed).
 */
import type { ExistingLabel } from '../labels.js';
import type { PagesFact } from './pages.js';

/** A value read, or why not: the HTTP status and Slack's error code when there was one. */
export type Gathered<T> =
  | { ok: true; value: T }
  | { ok: false; status?: number; code?: string; message: string };

/** How GitHub tells token kinds apart: by their prefix (ghp_, github_pat_, ghs_, gho_, ghu_). */
export type TokenKind = 'classic' | 'fine-grained' | 'installation' | 'oauth' | 'app-user' | 'unknown';

export interface RepositoryAccess {
  private: boolean;
  defaultBranch: string;
  /** What the token's account may do; GitHub omits it for some tokens and misreports it for Apps. */
  permissions?: { admin: boolean; maintain?: boolean; push: boolean; triage?: boolean; pull: boolean };
  /** The `x-oauth-scopes` header: classic and OAuth tokens only. */
  oauthScopes?: string[];
}

export interface WorkflowFact {
  /** ".github/workflows/tick.yml". */
  path: string;
  name: string;
  /** active, disabled_inactivity, disabled_manually, disabled_fork, deleted. */
  state: string;
}

export interface GitHubFacts {
  /** Undefined when GITHUB_TOKEN is not set. */
  tokenKind?: TokenKind;
  repo?: Gathered<RepositoryAccess>;
  labels?: Gathered<ExistingLabel[]>;
  workflows?: Gathered<WorkflowFact[]>;
  /** Required status checks of the rulesets that apply to the default branch. */
  rulesetChecks?: Gathered<string[]>;
  /** Whether a ruleset that applies to the default branch requires a code owner's review. */
  rulesetCodeOwnerReview?: Gathered<boolean>;
  /** Classic protection of the default branch; 404 "Branch not protected" when there is none. */
  protection?: Gathered<{ requiredChecks: string[]; codeOwnerReview?: boolean }>;
  repoSecrets?: Gathered<string[]>;
  orgSecrets?: Gathered<string[]>;
  /** Settings → Actions → General → "Allow GitHub Actions to create and approve pull requests". */
  actionsMayCreatePullRequests?: Gathered<boolean>;
  /** Settings → Pages; a 404 when Pages is off. */
  pages?: Gathered<PagesFact>;
}

export interface SlackMember {
  id: string;
  deleted: boolean;
  isBot: boolean;
}

export interface SlackConversation {
  name: string;
  isPrivate: boolean;
  isArchived: boolean;
  /** Whether the app's bot is in it. */
  isMember: boolean;
}

export interface SlackUserGroup {
  id: string;
  handle: string;
  disabled: boolean;
}

export interface SlackFacts {
  /** What SLACK_BOT_TOKEN looks like: missing, a bot token (xoxb-), or something else. */
  token: 'missing' | 'bot' | 'other';
  auth?: Gathered<{ team: string; botUser: string; scopes?: string[] }>;
  /** By channel id. */
  channels?: Record<string, Gathered<SlackConversation>>;
  usergroups?: Gathered<SlackUserGroup[]>;
  /** By GitHub login: the member found (null: none), by `slack` id or by `email`. */
  people?: Record<string, Gathered<SlackMember | null>>;
}

/** A failed read in a few words: "HTTP 403: Resource not accessible by integration". */
export function reason(failure: { status?: number; code?: string; message: string }): string {
  const head = failure.status !== undefined ? `HTTP ${failure.status}` : failure.code;
  return head && !failure.message.startsWith(head) ? `${head}: ${failure.message}` : failure.message;
}
