/** Issue comments: list (per issue and per repository), create, get, update, delete. */
import type { CommentRecord } from '../state/records.js';
import {
  actorOf,
  created,
  fields,
  type HandlerTable,
  intParam,
  noContent,
  ok,
  page,
  repoOf,
  sinceFilter,
  sortBy,
} from './context.js';

export const commentHandlers: HandlerTable = {
  'issues/list-comments': (ctx) => {
    const repo = repoOf(ctx);
    const issue = ctx.store.issue(repo, intParam(ctx, 'issue_number'));
    const since = sinceFilter(ctx.query);
    // Oldest first, as GitHub lists a conversation.
    const comments = ctx.store.commentsOn(repo, issue).filter((c) => since(c.updatedAt));
    return page(
      ctx,
      sortBy(comments, (c) => c.id, 'asc'),
      (c) => ctx.render.comment(repo, c),
    );
  },

  'issues/list-comments-for-repo': (ctx) => {
    const repo = repoOf(ctx);
    const since = sinceFilter(ctx.query);
    const comments = [...repo.comments.values()].filter((c) => since(c.updatedAt));
    const key = (c: CommentRecord): number =>
      ctx.query.sort === 'updated' ? c.updatedAt.getTime() : c.createdAt.getTime();
    return page(
      ctx,
      sortBy(comments, key, ctx.query.direction ?? 'asc', (c) => c.id),
      (c) => ctx.render.comment(repo, c),
    );
  },

  'issues/create-comment': (ctx) => {
    const repo = repoOf(ctx);
    const issue = ctx.store.issue(repo, intParam(ctx, 'issue_number'));
    const comment = ctx.store.createComment(
      repo,
      issue,
      actorOf(ctx),
      fields<{ body: string }>(ctx).body ?? '',
    );
    return created(ctx.render.comment(repo, comment));
  },

  'issues/get-comment': (ctx) => {
    const repo = repoOf(ctx);
    return ok(ctx.render.comment(repo, ctx.store.comment(repo, intParam(ctx, 'comment_id'))));
  },

  'issues/update-comment': (ctx) => {
    const repo = repoOf(ctx);
    actorOf(ctx);
    const comment = ctx.store.comment(repo, intParam(ctx, 'comment_id'));
    ctx.store.updateComment(comment, fields<{ body: string }>(ctx).body ?? comment.body);
    return ok(ctx.render.comment(repo, comment));
  },

  'issues/delete-comment': (ctx) => {
    const repo = repoOf(ctx);
    actorOf(ctx);
    ctx.store.deleteComment(repo, ctx.store.comment(repo, intParam(ctx, 'comment_id')));
    return noContent;
  },
};
