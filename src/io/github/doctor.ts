/**
 * What `oncall doctor` reads from GitHub, each read on its own: one that fails (no admin rights
 * for branch protection, say) is recorded with its status and message and does not stop the
 * others. Only reads; nothing is written. Judging the facts is the core's (src/core/doctor).
 */
import type { Gathered, GitHubFacts, RepositoryAccess, TokenKind } from '../../core/doctor/facts.js';
import type { GitHub } from './client.js';
import { listLabels, type RepoRef } from './labels.js';

export async function gatherGitHubFacts(
  github: GitHub,
  repo: RepoRef,
  tokenKind: TokenKind,
): Promise<GitHubFacts> {
  const access = await gather(async (): Promise<RepositoryAccess> => {
    const { data, headers } = await github.rest.repos.get({ ...repo });
    const scopes = headers['x-oauth-scopes'];
    return {
      private: data.private,
      defaultBranch: data.default_branch,
      ...(data.permissions && { permissions: data.permissions }),
      ...(typeof scopes === 'string' && {
        oauthScopes: scopes
          .split(',')
          .map((scope) => scope.trim())
          .filter(Boolean),
      }),
    };
  });
  // Nothing else can be read from a repository the token cannot see.
  if (!access.ok) return { tokenKind, repo: access };
  const branch = access.value.defaultBranch;

  const [labels, workflows, rules, protection, repoSecrets, orgSecrets, actionsMayCreatePullRequests, pages] =
    await Promise.all([
      gather(() => listLabels(github, repo)),
      gather(async () => {
        const all = await github.paginate(github.rest.actions.listRepoWorkflows, { ...repo, per_page: 100 });
        return all.map(({ path, name, state }) => ({ path, name, state }));
      }),
      gather(() => github.paginate(github.rest.repos.getBranchRules, { ...repo, branch, per_page: 100 })),
      gather(async () => {
        const { data } = await github.rest.repos.getBranchProtection({ ...repo, branch });
        const required = data.required_status_checks;
        const contexts = [
          ...(required?.contexts ?? []),
          ...(required?.checks ?? []).map((check) => check.context),
        ];
        return {
          requiredChecks: [...new Set(contexts)],
          codeOwnerReview: data.required_pull_request_reviews?.require_code_owner_reviews === true,
        };
      }),
      gather(async () => {
        const all = await github.paginate(github.rest.actions.listRepoSecrets, { ...repo, per_page: 100 });
        return all.map((secret) => secret.name);
      }),
      gather(async () => {
        const all = await github.paginate(github.rest.actions.listRepoOrganizationSecrets, {
          ...repo,
          per_page: 100,
        });
        return all.map((secret) => secret.name);
      }),
      gather(async () => {
        const { data } = await github.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({
          ...repo,
        });
        return data.can_approve_pull_request_reviews;
      }),
      gather(async () => {
        const { data } = await github.rest.repos.getPages({ ...repo });
        return { buildType: data.build_type ?? 'legacy', url: data.html_url ?? '' };
      }),
    ]);
  // One read of the branch's rules gives both facts: the required checks and the code-owner review.
  const rulesetChecks: Gathered<string[]> = rules.ok
    ? {
        ok: true,
        value: rules.value.flatMap((rule) =>
          rule.type === 'required_status_checks'
            ? (rule.parameters?.required_status_checks ?? []).map((check) => check.context)
            : [],
        ),
      }
    : rules;
  const rulesetCodeOwnerReview: Gathered<boolean> = rules.ok
    ? {
        ok: true,
        value: rules.value.some(
          (rule) => rule.type === 'pull_request' && rule.parameters?.require_code_owner_review === true,
        ),
      }
    : rules;
  return {
    tokenKind,
    repo: access,
    labels,
    workflows,
    rulesetChecks,
    rulesetCodeOwnerReview,
    protection,
    repoSecrets,
    orgSecrets,
    actionsMayCreatePullRequests,
    pages,
  };
}

/** The value, or the HTTP status and GitHub's message of the refusal. */
async function gather<T>(read: () => Promise<T>): Promise<Gathered<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (err) {
    const failure = err as { status?: number; message?: string; response?: { data?: { message?: unknown } } };
    const message =
      typeof failure.response?.data?.message === 'string'
        ? failure.response.data.message
        : (failure.message ?? String(err));
    return {
      ok: false,
      ...(typeof failure.status === 'number' && { status: failure.status }),
      message,
    };
  }
}
