/**
 * What protects a branch: classic branch protection (readable by admins only; 404 "Branch not
 * protected" when there is none) and the rules of the repository's rulesets that apply to it
 * (readable by anyone who can read the repository).
 */
import { GitHubError } from '../errors.js';
import { type HandlerTable, ok, paginateRaw, repoOf, requireRole } from './context.js';

export const branchRuleHandlers: HandlerTable = {
  'repos/get-branch-protection': (ctx) => {
    const repo = repoOf(ctx);
    requireRole(ctx, repo, 'admin');
    const branch = ctx.pathParams.branch ?? '';
    if (!repo.git.branches.has(branch)) throw new GitHubError(404, 'Branch not found');
    const protection = repo.settings.protection.get(branch);
    if (!protection) throw new GitHubError(404, 'Branch not protected');
    return ok(ctx.render.branchProtection(repo, branch, protection));
  },

  'repos/get-branch-rules': (ctx) => {
    const repo = repoOf(ctx);
    const rules = ctx.store
      .rulesetsFor(repo, ctx.pathParams.branch ?? '')
      .flatMap((ruleset) => [
        ...(ruleset.requiredChecks.length > 0 ? [ctx.render.statusChecksRule(repo, ruleset)] : []),
        ...(ruleset.codeOwnerReview !== undefined ? [ctx.render.pullRequestRule(repo, ruleset)] : []),
      ]);
    const { items, headers } = paginateRaw(ctx, rules);
    return ok(items, headers);
  },
};
