/** Pull requests: create, get, list (state/head/base), update; their files, commits and reviews. */
import { Unsupported, validationFailed } from '../errors.js';
import type { IssueRecord, PullRecord } from '../state/records.js';
import type { NewReview } from '../state/store.js';
import {
  actorOf,
  created,
  fields,
  type HandlerTable,
  intParam,
  ok,
  page,
  repoOf,
  sortBy,
} from './context.js';

type PullIssue = IssueRecord & { pull: PullRecord };

interface PullBody {
  title: string;
  head: string;
  head_repo: string;
  base: string;
  body: string;
  draft: boolean;
  issue: number;
  state: 'open' | 'closed';
  maintainer_can_modify: boolean;
}

interface ReviewBody {
  body: string;
  event: NewReview['event'];
  commit_id: string;
  comments: unknown[];
}

export const pullHandlers: HandlerTable = {
  'pulls/list': (ctx) => {
    const repo = repoOf(ctx);
    const state = ctx.query.state ?? 'open';
    const { head, base } = ctx.query;
    const sort = ctx.query.sort ?? 'created';
    if (sort !== 'created' && sort !== 'updated') throw new Unsupported(`pull request sort "${sort}"`);
    const pulls = [...repo.issues.values()].filter((i): i is PullIssue => {
      if (!i.pull) return false;
      if (state !== 'all' && i.state !== state) return false;
      if (base && i.pull.base.ref !== base) return false;
      if (head) {
        const [owner, ref] = head.includes(':') ? head.split(':', 2) : [head, undefined];
        if (i.pull.head.owner.toLowerCase() !== (owner ?? '').toLowerCase()) return false;
        if (ref !== undefined && i.pull.head.ref !== ref) return false;
      }
      return true;
    });
    const key = (i: PullIssue): number =>
      sort === 'updated' ? i.updatedAt.getTime() : i.createdAt.getTime();
    const direction =
      ctx.query.direction ?? (ctx.query.sort === undefined || sort === 'created' ? 'desc' : 'asc');
    return page(
      ctx,
      sortBy(pulls, key, direction, (i) => i.number),
      (i) => ctx.render.pullSimple(repo, i),
    );
  },

  'pulls/create': (ctx) => {
    const repo = repoOf(ctx);
    const body = fields<PullBody>(ctx);
    if (body.issue !== undefined) throw new Unsupported('turning an issue into a pull request');
    if (body.head_repo !== undefined) throw new Unsupported('pull requests from another repository');
    if (!body.title)
      throw validationFailed({ resource: 'PullRequest', field: 'title', code: 'missing_field' });
    const issue = ctx.store.createPull(repo, actorOf(ctx), {
      title: body.title,
      head: body.head ?? '',
      base: body.base ?? repo.defaultBranch,
      body: body.body ?? null,
      draft: body.draft ?? false,
    });
    return created(ctx.render.pull(repo, issue));
  },

  'pulls/get': (ctx) => {
    const repo = repoOf(ctx);
    return ok(ctx.render.pull(repo, ctx.store.pull(repo, intParam(ctx, 'pull_number'))));
  },

  'pulls/update': (ctx) => {
    const repo = repoOf(ctx);
    const issue = ctx.store.pull(repo, intParam(ctx, 'pull_number'));
    const body = fields<PullBody>(ctx);
    ctx.store.updateIssue(repo, issue, actorOf(ctx), {
      ...(body.title !== undefined && { title: body.title }),
      ...(body.body !== undefined && { body: body.body }),
      ...(body.state !== undefined && { state: body.state }),
    });
    if (body.base !== undefined) issue.pull.base.ref = body.base;
    return ok(ctx.render.pull(repo, issue));
  },

  'pulls/list-files': (ctx) => {
    const repo = repoOf(ctx);
    const issue = ctx.store.pull(repo, intParam(ctx, 'pull_number'));
    return page(ctx, issue.pull.files, (f) => ctx.render.file(repo, issue, f));
  },

  'pulls/list-commits': (ctx) => {
    const repo = repoOf(ctx);
    const issue = ctx.store.pull(repo, intParam(ctx, 'pull_number'));
    return page(ctx, ctx.store.pullCommits(repo, issue.pull), (commit) =>
      ctx.render.pullCommit(repo, commit),
    );
  },

  'pulls/list-reviews': (ctx) => {
    const repo = repoOf(ctx);
    const issue = ctx.store.pull(repo, intParam(ctx, 'pull_number'));
    // Oldest first; a pending review is visible only to its author.
    const visible = issue.pull.reviews.filter((r) => r.state !== 'PENDING' || r.user.id === ctx.actor?.id);
    return page(
      ctx,
      sortBy(visible, (r) => r.id, 'asc'),
      (r) => ctx.render.review(repo, issue, r),
    );
  },

  'pulls/create-review': (ctx) => {
    const repo = repoOf(ctx);
    const issue = ctx.store.pull(repo, intParam(ctx, 'pull_number'));
    const body = fields<ReviewBody>(ctx);
    if (body.comments?.length) throw new Unsupported('review comments on lines');
    const review = ctx.store.createReview(issue, actorOf(ctx), {
      ...(body.body !== undefined && { body: body.body }),
      ...(body.event !== undefined && { event: body.event }),
      ...(body.commit_id !== undefined && { commitId: body.commit_id }),
    });
    return ok(ctx.render.review(repo, issue, review));
  },
};
