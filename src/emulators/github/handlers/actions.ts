/**
 * GitHub Actions as a repository's settings show it: the workflows (registered from the default
 * branch's `.github/workflows/`, each active or disabled), enabling and disabling one, the secrets'
 * names, and the workflow permissions of GITHUB_TOKEN. Reading secrets and settings needs admin.
 */
import type { WorkflowRecord } from '../state/records.js';
import {
  type HandlerContext,
  type HandlerTable,
  noContent,
  ok,
  paginateRaw,
  repoOf,
  requireRole,
} from './context.js';

function workflowOf(ctx: HandlerContext): WorkflowRecord {
  return ctx.store.workflow(repoOf(ctx), ctx.pathParams.workflow_id ?? '');
}

export const actionsHandlers: HandlerTable = {
  'actions/list-repo-workflows': (ctx) => {
    const repo = repoOf(ctx);
    const all = ctx.store.workflows(repo);
    const { items, headers } = paginateRaw(ctx, all);
    return ok(
      { total_count: all.length, workflows: items.map((w) => ctx.render.workflow(repo, w)) },
      headers,
    );
  },

  'actions/get-workflow': (ctx) => ok(ctx.render.workflow(repoOf(ctx), workflowOf(ctx))),

  'actions/enable-workflow': (ctx) => {
    requireRole(ctx, repoOf(ctx), 'write');
    ctx.store.setWorkflowState(workflowOf(ctx), 'active');
    return noContent;
  },

  'actions/disable-workflow': (ctx) => {
    requireRole(ctx, repoOf(ctx), 'write');
    ctx.store.setWorkflowState(workflowOf(ctx), 'disabled_manually');
    return noContent;
  },

  'actions/list-repo-secrets': (ctx) => {
    const repo = repoOf(ctx);
    requireRole(ctx, repo, 'admin');
    const all = [...repo.settings.secrets.values()];
    const { items, headers } = paginateRaw(ctx, all);
    return ok({ total_count: all.length, secrets: items.map((s) => ctx.render.secret(s)) }, headers);
  },

  'actions/list-repo-organization-secrets': (ctx) => {
    const repo = repoOf(ctx);
    requireRole(ctx, repo, 'admin');
    const all = [...repo.settings.orgSecrets.values()];
    const { items, headers } = paginateRaw(ctx, all);
    return ok({ total_count: all.length, secrets: items.map((s) => ctx.render.secret(s)) }, headers);
  },

  'actions/get-github-actions-default-workflow-permissions-repository': (ctx) => {
    const repo = repoOf(ctx);
    requireRole(ctx, repo, 'admin');
    const { default: permissions, canApprovePullRequestReviews } = repo.settings.workflowPermissions;
    return ok({
      default_workflow_permissions: permissions,
      can_approve_pull_request_reviews: canApprovePullRequestReviews,
    });
  },
};
