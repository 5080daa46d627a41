/** Git references: read, create, move (fast-forward or forced) and delete branches. */
import { GitHubError, notFound, Unsupported } from '../errors.js';
import { created, fields, type HandlerTable, noContent, ok, repoOf } from './context.js';

interface CreateRefBody {
  ref: string;
  sha: string;
}

interface UpdateRefBody {
  sha: string;
  force: boolean;
}

/** "heads/NAME" (as the ref endpoints take it) → the branch name; tags are not emulated. */
function branchOf(ref: string): string {
  const name = ref.replace(/^refs\//, '');
  if (name.startsWith('tags/')) throw new Unsupported('tags');
  if (!name.startsWith('heads/') || name.length <= 'heads/'.length) throw notFound();
  return name.slice('heads/'.length);
}

export const gitHandlers: HandlerTable = {
  'git/get-ref': (ctx) => {
    const repo = repoOf(ctx);
    const branch = branchOf(ctx.pathParams.ref ?? '');
    const commit = ctx.store.branchHead(repo, branch);
    if (!commit) throw notFound();
    return ok(ctx.render.gitRef(repo, branch, commit.sha));
  },

  'git/create-ref': (ctx) => {
    const repo = repoOf(ctx);
    const body = fields<CreateRefBody>(ctx);
    const ref = body.ref ?? '';
    if (!ref.startsWith('refs/') || ref.split('/').length < 3) {
      throw new GitHubError(422, `${ref} is not a valid ref name.`);
    }
    if (ref.startsWith('refs/tags/')) throw new Unsupported('tags');
    if (!ref.startsWith('refs/heads/')) throw new Unsupported(`references outside refs/heads/ (${ref})`);
    const branch = ref.slice('refs/heads/'.length);
    const commit = ctx.store.createBranch(repo, branch, body.sha ?? '');
    return created(ctx.render.gitRef(repo, branch, commit.sha));
  },

  'git/update-ref': (ctx) => {
    const repo = repoOf(ctx);
    const branch = branchOf(ctx.pathParams.ref ?? '');
    const body = fields<UpdateRefBody>(ctx);
    const commit = ctx.store.moveBranch(repo, branch, body.sha ?? '', body.force ?? false);
    return ok(ctx.render.gitRef(repo, branch, commit.sha));
  },

  'git/delete-ref': (ctx) => {
    const repo = repoOf(ctx);
    ctx.store.deleteBranch(repo, branchOf(ctx.pathParams.ref ?? ''));
    return noContent;
  },
};
