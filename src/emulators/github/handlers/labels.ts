/** Repository labels (list, create, get, update by name, delete) and the labels of one issue. */
import { GitHubError } from '../errors.js';
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
} from './context.js';
import { labelNames } from './label-names.js';

interface LabelBody {
  name: string;
  new_name: string;
  color: string;
  description: string;
}

export const labelHandlers: HandlerTable = {
  'issues/list-labels-for-repo': (ctx) => {
    const repo = repoOf(ctx);
    return page(ctx, [...repo.labels.values()], (l) => ctx.render.label(repo, l));
  },

  'issues/create-label': (ctx) => {
    const repo = repoOf(ctx);
    actorOf(ctx);
    const body = fields<LabelBody>(ctx);
    const label = ctx.store.createLabel(repo, {
      name: body.name ?? '',
      ...(body.color !== undefined && { color: body.color }),
      ...(body.description !== undefined && { description: body.description }),
    });
    return created(ctx.render.label(repo, label));
  },

  'issues/get-label': (ctx) => {
    const repo = repoOf(ctx);
    const label = ctx.store.label(repo, ctx.pathParams.name ?? '');
    if (!label) throw new GitHubError(404, 'Not Found');
    return ok(ctx.render.label(repo, label));
  },

  'issues/update-label': (ctx) => {
    const repo = repoOf(ctx);
    actorOf(ctx);
    const body = fields<LabelBody>(ctx);
    const label = ctx.store.updateLabel(repo, ctx.pathParams.name ?? '', {
      ...(body.new_name !== undefined && { newName: body.new_name }),
      ...(body.color !== undefined && { color: body.color }),
      ...(body.description !== undefined && { description: body.description }),
    });
    return ok(ctx.render.label(repo, label));
  },

  'issues/delete-label': (ctx) => {
    const repo = repoOf(ctx);
    actorOf(ctx);
    ctx.store.deleteLabel(repo, ctx.pathParams.name ?? '');
    return noContent;
  },

  'issues/list-labels-on-issue': (ctx) => {
    const repo = repoOf(ctx);
    const issue = ctx.store.issue(repo, intParam(ctx, 'issue_number'));
    return page(ctx, ctx.store.labelsOf(repo, issue), (l) => ctx.render.label(repo, l));
  },

  'issues/add-labels': (ctx) => {
    const repo = repoOf(ctx);
    const issue = ctx.store.issue(repo, intParam(ctx, 'issue_number'));
    const names = [...ctx.store.labelsOf(repo, issue).map((l) => l.name), ...labelNames(ctx.body)];
    ctx.store.updateIssue(repo, issue, actorOf(ctx), { labels: names });
    return ok(ctx.store.labelsOf(repo, issue).map((l) => ctx.render.label(repo, l)));
  },

  'issues/set-labels': (ctx) => {
    const repo = repoOf(ctx);
    const issue = ctx.store.issue(repo, intParam(ctx, 'issue_number'));
    ctx.store.updateIssue(repo, issue, actorOf(ctx), { labels: labelNames(ctx.body ?? []) });
    return ok(ctx.store.labelsOf(repo, issue).map((l) => ctx.render.label(repo, l)));
  },

  'issues/remove-label': (ctx) => {
    const repo = repoOf(ctx);
    const issue = ctx.store.issue(repo, intParam(ctx, 'issue_number'));
    const name = (ctx.pathParams.name ?? '').toLowerCase();
    const current = ctx.store.labelsOf(repo, issue);
    if (!current.some((l) => l.name.toLowerCase() === name))
      throw new GitHubError(404, 'Label does not exist');
    const rest = current.filter((l) => l.name.toLowerCase() !== name).map((l) => l.name);
    ctx.store.updateIssue(repo, issue, actorOf(ctx), { labels: rest });
    return ok(ctx.store.labelsOf(repo, issue).map((l) => ctx.render.label(repo, l)));
  },

  'issues/remove-all-labels': (ctx) => {
    const repo = repoOf(ctx);
    const issue = ctx.store.issue(repo, intParam(ctx, 'issue_number'));
    ctx.store.updateIssue(repo, issue, actorOf(ctx), { labels: [] });
    return noContent;
  },
};
