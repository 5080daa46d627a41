/** Issues: list (with filters), create, get, update; assignees add and remove. */
import { Unsupported } from '../errors.js';
import type { IssueRecord } from '../state/records.js';
import type { IssueChanges } from '../state/store.js';
import {
  actorOf,
  created,
  fields,
  type HandlerTable,
  intParam,
  ok,
  page,
  repoOf,
  sinceFilter,
  sortBy,
} from './context.js';
import { labelNames } from './label-names.js';

interface IssueBody {
  title: string | number | null;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: IssueRecord['stateReason'];
  labels: unknown[];
  assignees: string[];
  assignee: string | null;
  milestone: unknown;
  type: unknown;
}

const UNSUPPORTED_LIST_FILTERS = ['milestone', 'type', 'mentioned', 'issue_field_values'] as const;

export const issueHandlers: HandlerTable = {
  'issues/list-for-repo': (ctx) => {
    const repo = repoOf(ctx);
    for (const name of UNSUPPORTED_LIST_FILTERS) {
      if (ctx.query[name] !== undefined) throw new Unsupported(`the issues list filter "${name}"`);
    }
    const state = ctx.query.state ?? 'open';
    const wanted = (ctx.query.labels ?? '')
      .split(',')
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean);
    const since = sinceFilter(ctx.query);
    const matches = [...repo.issues.values()].filter((issue) => {
      if (state !== 'all' && issue.state !== state) return false;
      if (!since(issue.updatedAt)) return false;
      const names = ctx.store.labelsOf(repo, issue).map((l) => l.name.toLowerCase());
      if (!wanted.every((l) => names.includes(l))) return false;
      if (ctx.query.creator && issue.user.login.toLowerCase() !== ctx.query.creator.toLowerCase())
        return false;
      return assigneeMatches(issue, ctx.query.assignee);
    });
    const sort = ctx.query.sort ?? 'created';
    const key = (i: IssueRecord): number =>
      sort === 'updated' ? i.updatedAt.getTime() : sort === 'comments' ? i.comments : i.createdAt.getTime();
    return page(
      ctx,
      sortBy(matches, key, ctx.query.direction, (i) => i.number),
      (i) => ctx.render.issue(repo, i),
    );
  },

  'issues/create': (ctx) => {
    const repo = repoOf(ctx);
    const body = fields<IssueBody>(ctx);
    rejectUnsupported(body);
    const assignees = [...(body.assignees ?? []), ...(body.assignee ? [body.assignee] : [])];
    const issue = ctx.store.createIssue(repo, actorOf(ctx), {
      title: String(body.title),
      body: body.body ?? null,
      labels: labelNames(body.labels ?? []),
      assignees,
    });
    return created(ctx.render.issue(repo, issue));
  },

  'issues/get': (ctx) => {
    const repo = repoOf(ctx);
    return ok(ctx.render.issue(repo, ctx.store.issue(repo, intParam(ctx, 'issue_number'))));
  },

  'issues/update': (ctx) => {
    const repo = repoOf(ctx);
    const issue = ctx.store.issue(repo, intParam(ctx, 'issue_number'));
    const body = fields<IssueBody>(ctx);
    rejectUnsupported(body);
    const changes: IssueChanges = {};
    if (body.title !== undefined && body.title !== null) changes.title = String(body.title);
    if (body.body !== undefined) changes.body = body.body;
    if (body.state !== undefined) changes.state = body.state;
    if (body.state_reason !== undefined) changes.stateReason = body.state_reason;
    if (body.labels !== undefined) changes.labels = labelNames(body.labels);
    if (body.assignees !== undefined) changes.assignees = body.assignees;
    else if (body.assignee !== undefined) changes.assignees = body.assignee ? [body.assignee] : [];
    ctx.store.updateIssue(repo, issue, actorOf(ctx), changes);
    return ok(ctx.render.issue(repo, issue));
  },

  'issues/add-assignees': (ctx) => {
    const repo = repoOf(ctx);
    actorOf(ctx);
    const issue = ctx.store.issue(repo, intParam(ctx, 'issue_number'));
    ctx.store.addAssignees(issue, fields<{ assignees: string[] }>(ctx).assignees ?? []);
    return created(ctx.render.issue(repo, issue));
  },

  'issues/remove-assignees': (ctx) => {
    const repo = repoOf(ctx);
    actorOf(ctx);
    const issue = ctx.store.issue(repo, intParam(ctx, 'issue_number'));
    ctx.store.removeAssignees(issue, fields<{ assignees: string[] }>(ctx).assignees ?? []);
    return ok(ctx.render.issue(repo, issue));
  },
};

function assigneeMatches(issue: IssueRecord, assignee: string | undefined): boolean {
  if (assignee === undefined || assignee === '') return true;
  if (assignee === 'none') return issue.assignees.length === 0;
  if (assignee === '*') return issue.assignees.length > 0;
  return issue.assignees.some((u) => u.login.toLowerCase() === assignee.toLowerCase());
}

function rejectUnsupported(body: Partial<IssueBody>): void {
  if (body.milestone !== undefined && body.milestone !== null) throw new Unsupported('issue milestones');
  if (body.type !== undefined && body.type !== null) throw new Unsupported('issue types');
}
