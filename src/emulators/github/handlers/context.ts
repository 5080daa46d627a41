/** What a route handler gets and gives back, and the small helpers every handler needs. */
import { GitHubError, notFound } from '../errors.js';
import { type Page, paginate } from '../pagination.js';
import type { Renderer } from '../render.js';
import type { RepoRecord, RepoRole, UserRecord } from '../state/records.js';
import type { GitHubStore } from '../state/store.js';

export interface HandlerContext {
  store: GitHubStore;
  render: Renderer;
  /** The authenticated user; null for a request without a token. */
  actor: UserRecord | null;
  pathParams: Record<string, string>;
  query: Record<string, string>;
  /** The request body, already checked against the operation's schema. */
  body: unknown;
  /** The full request URL, for pagination links. */
  url: URL;
  /** Set by a "search-incomplete" fault. */
  searchIncomplete: boolean;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: HandlerContext) => HandlerResult;

/** Handlers by OpenAPI operationId, e.g. "issues/create". */
export type HandlerTable = Record<string, Handler>;

export function repoOf(ctx: HandlerContext): RepoRecord {
  const repo = ctx.store.repo(ctx.pathParams.owner ?? '', ctx.pathParams.repo ?? '');
  if (!repo) throw notFound();
  return repo;
}

export function actorOf(ctx: HandlerContext): UserRecord {
  if (!ctx.actor) throw new GitHubError(401, 'Requires authentication');
  return ctx.actor;
}

const ROLE_ORDER: readonly RepoRole[] = ['read', 'triage', 'write', 'maintain', 'admin'];

/** The actor, refused with 403 unless their role in `repo` is at least `role`. */
export function requireRole(ctx: HandlerContext, repo: RepoRecord, role: RepoRole): UserRecord {
  const actor = actorOf(ctx);
  const has = ctx.store.role(repo, actor);
  if (ROLE_ORDER.indexOf(has) < ROLE_ORDER.indexOf(role)) {
    // GitHub's words: an App's token is "not accessible by integration", a person lacks the rights.
    throw new GitHubError(
      403,
      actor.type === 'Bot'
        ? 'Resource not accessible by integration'
        : `Must have ${role} rights to Repository.`,
    );
  }
  return actor;
}

export function intParam(ctx: HandlerContext, name: string): number {
  const value = Number.parseInt(ctx.pathParams[name] ?? '', 10);
  if (Number.isNaN(value)) throw notFound();
  return value;
}

/** The request body as an object of optional fields (the schema has already been checked). */
export function fields<T>(ctx: HandlerContext): Partial<T> {
  return (ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body : {}) as Partial<T>;
}

export function ok(body: unknown, headers?: Record<string, string>): HandlerResult {
  return headers ? { status: 200, body, headers } : { status: 200, body };
}

export function created(body: unknown): HandlerResult {
  return { status: 201, body };
}

export const noContent: HandlerResult = { status: 204 };

/** One page of `all` and its Link header, for lists wrapped in an object ({ total_count, ... }). */
export function paginateRaw<T>(ctx: HandlerContext, all: readonly T[]): Page<T> {
  return paginate(all, ctx.url, ctx.query);
}

export function page<T>(ctx: HandlerContext, all: readonly T[], render: (item: T) => unknown): HandlerResult {
  const { items, headers }: Page<T> = paginate(all, ctx.url, ctx.query);
  return ok(items.map(render), headers);
}

/**
 * Sorting shared by the list endpoints: newest first unless asked otherwise. Ties (GitHub's
 * timestamps have whole seconds) go by `tie`, usually the number or id, in the same direction.
 */
export function sortBy<T>(
  items: T[],
  key: (item: T) => number,
  direction: string | undefined,
  tie: (item: T) => number = () => 0,
): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => sign * (key(a) - key(b) || tie(a) - tie(b)));
}

export function sinceFilter(query: Record<string, string>): (date: Date) => boolean {
  if (!query.since) return () => true;
  const since = new Date(query.since).getTime();
  return (date) => date.getTime() >= since;
}
