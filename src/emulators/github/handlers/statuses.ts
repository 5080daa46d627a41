/** Commit statuses: create one, list a ref's statuses, and the combined status (latest per context). */
import { GitHubError, validationFailed } from '../errors.js';
import type { NewStatus } from '../state/store.js';
import type { HandlerContext } from './context.js';
import { actorOf, created, fields, type HandlerTable, ok, page, repoOf } from './context.js';

interface StatusBody {
  state: NewStatus['state'];
  target_url: string | null;
  description: string | null;
  context: string;
}

const MAX_DESCRIPTION = 140;

/** The commit sha a ref names (a sha, a branch, or heads/BRANCH). */
function shaOf(ctx: HandlerContext): string {
  const repo = repoOf(ctx);
  const ref = ctx.pathParams.ref ?? '';
  const commit = ctx.store.resolveRef(repo, ref);
  if (commit) return commit.sha;
  if (/^[0-9a-f]{40}$/i.test(ref) && ctx.store.knowsCommit(repo, ref.toLowerCase())) return ref.toLowerCase();
  throw new GitHubError(404, `No commit found for SHA: ${ref}`);
}

export const statusHandlers: HandlerTable = {
  'repos/create-commit-status': (ctx) => {
    const repo = repoOf(ctx);
    const body = fields<StatusBody>(ctx);
    if ((body.description ?? '').length > MAX_DESCRIPTION) {
      throw validationFailed({
        resource: 'Status',
        field: 'description',
        code: 'custom',
        message: `description is too long (maximum is ${MAX_DESCRIPTION} characters)`,
      });
    }
    const status = ctx.store.createStatus(repo, (ctx.pathParams.sha ?? '').toLowerCase(), actorOf(ctx), {
      state: body.state ?? 'pending',
      description: body.description ?? null,
      targetUrl: body.target_url ?? null,
      ...(body.context !== undefined && { context: body.context }),
    });
    return created(ctx.render.status(repo, status));
  },

  'repos/list-commit-statuses-for-ref': (ctx) => {
    const repo = repoOf(ctx);
    return page(ctx, ctx.store.statusesOf(repo, shaOf(ctx)), (status) => ctx.render.status(repo, status));
  },

  'repos/get-combined-status-for-ref': (ctx) => {
    const repo = repoOf(ctx);
    const sha = shaOf(ctx);
    const latest = new Map<string, ReturnType<typeof ctx.store.statusesOf>[number]>();
    for (const status of ctx.store.statusesOf(repo, sha)) {
      const key = status.context.toLowerCase();
      if (!latest.has(key)) latest.set(key, status);
    }
    return ok(ctx.render.combinedStatus(repo, sha, [...latest.values()]));
  },
};
