/**
 * The GitHub emulator's repository settings, through the real Octokit: the caller's permissions,
 * a classic token's `x-oauth-scopes`, Actions workflows and their states, branch protection and
 * rulesets, secrets' names and the workflow permissions of GITHUB_TOKEN. These are what
 * `oncall doctor` reads; every answer is checked against GitHub's OpenAPI description.
 */
import { describe, expect, it } from 'vitest';
import { makeOctokit, TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';

const REPO = `${TEST_REPO.owner}/${TEST_REPO.repo}`;
const env = useGitHubEmulator();

/** The HTTP status and message Octokit rejected with (fails the test if it resolved). */
async function refusal(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  const error = (await promise.then(
    () => undefined,
    (err: unknown) => err,
  )) as { status?: number; response?: { data?: { message?: string } } } | undefined;
  expect(error?.status, 'the request should have been refused').toEqual(expect.any(Number));
  return { status: error?.status ?? 0, message: error?.response?.data?.message ?? '' };
}

function seedWorkflows(): void {
  env.gh.seed.files(REPO, {
    '.github/workflows/tick.yml': 'name: tick\non:\n  schedule:\n    - cron: "2-59/5 * * * *"\n',
    '.github/workflows/incident.yaml': 'name: incident\non: issues\n',
    '.github/workflows/broken.yml': 'name: [unclosed\n',
    '.github/ISSUE_TEMPLATE/bug.yml': 'name: Bug\n',
  });
}

describe('who the token is', () => {
  it("gives the caller's permissions from their role; the owner is admin", async () => {
    const { gh, octokit } = env;
    gh.seed.role(REPO, 'reader', 'read');
    gh.seed.role(REPO, 'lead', 'maintain');
    expect((await octokit.rest.repos.get(TEST_REPO)).data.permissions).toEqual({
      admin: false,
      maintain: false,
      push: true,
      triage: true,
      pull: true,
    });
    expect((await env.as('reader').rest.repos.get(TEST_REPO)).data.permissions).toMatchObject({
      push: false,
      pull: true,
    });
    expect((await env.as('lead').rest.repos.get(TEST_REPO)).data.permissions).toMatchObject({
      maintain: true,
      admin: false,
    });
    expect((await env.as('acme').rest.repos.get(TEST_REPO)).data.permissions?.admin).toBe(true);
  });

  it('sends x-oauth-scopes for a classic token only', async () => {
    const { gh, octokit } = env;
    expect((await octokit.rest.repos.get(TEST_REPO)).headers['x-oauth-scopes']).toBeUndefined();
    const classic = makeOctokit(gh.url, { token: gh.tokenFor('alice', { scopes: ['repo', 'workflow'] }) });
    const answer = await classic.octokit.rest.repos.get(TEST_REPO);
    expect(answer.headers['x-oauth-scopes']).toBe('repo, workflow');
    // Errors carry it too.
    const missing = await classic.octokit.rest.repos
      .get({ owner: 'acme', repo: 'missing' })
      .catch((err: { response: { headers: Record<string, string> } }) => err.response.headers);
    expect(missing).toMatchObject({ 'x-oauth-scopes': 'repo, workflow' });
  });
});

describe('Actions workflows', () => {
  it('lists one workflow per file of .github/workflows on the default branch, active at first', async () => {
    seedWorkflows();
    const { data } = await env.octokit.rest.actions.listRepoWorkflows(TEST_REPO);
    expect(data.total_count).toBe(3);
    expect(data.workflows.map(({ name, path, state }) => ({ name, path, state }))).toEqual(
      expect.arrayContaining([
        { name: 'tick', path: '.github/workflows/tick.yml', state: 'active' },
        { name: 'incident', path: '.github/workflows/incident.yaml', state: 'active' },
        { name: '.github/workflows/broken.yml', path: '.github/workflows/broken.yml', state: 'active' },
      ]),
    );
  });

  it('reads one by id or file name, and shows the 60-day disable', async () => {
    seedWorkflows();
    const { gh, octokit } = env;
    const tick = gh.seed.workflowState(REPO, 'tick.yml', 'disabled_inactivity');
    const byName = await octokit.rest.actions.getWorkflow({ ...TEST_REPO, workflow_id: 'tick.yml' });
    expect(byName.data).toMatchObject({ id: tick.id, state: 'disabled_inactivity' });
    const byId = await octokit.rest.actions.getWorkflow({ ...TEST_REPO, workflow_id: tick.id });
    expect(byId.data.path).toBe('.github/workflows/tick.yml');
    expect(
      (await refusal(octokit.rest.actions.getWorkflow({ ...TEST_REPO, workflow_id: 'nope.yml' }))).status,
    ).toBe(404);
  });

  it('enables and disables a workflow with write access; a reader is refused', async () => {
    seedWorkflows();
    const { gh, octokit } = env;
    gh.seed.workflowState(REPO, 'tick.yml', 'disabled_inactivity');
    expect(
      (await octokit.rest.actions.enableWorkflow({ ...TEST_REPO, workflow_id: 'tick.yml' })).status,
    ).toBe(204);
    const state = async () =>
      (await octokit.rest.actions.getWorkflow({ ...TEST_REPO, workflow_id: 'tick.yml' })).data.state;
    expect(await state()).toBe('active');
    await octokit.rest.actions.disableWorkflow({ ...TEST_REPO, workflow_id: 'tick.yml' });
    expect(await state()).toBe('disabled_manually');
    gh.seed.role(REPO, 'reader', 'read');
    const refused = await refusal(
      env.as('reader').rest.actions.enableWorkflow({ ...TEST_REPO, workflow_id: 'tick.yml' }),
    );
    expect(refused).toEqual({ status: 403, message: 'Must have write rights to Repository.' });
  });

  it('marks a workflow whose file left the default branch as deleted', async () => {
    seedWorkflows();
    const { gh, octokit } = env;
    await octokit.rest.actions.listRepoWorkflows(TEST_REPO);
    gh.seed.files(REPO, { '.github/workflows/incident.yaml': null });
    const { data } = await octokit.rest.actions.getWorkflow({ ...TEST_REPO, workflow_id: 'incident.yaml' });
    expect(data.state).toBe('deleted');
  });
});

describe('branch protection and rulesets', () => {
  it('shows classic protection to an admin, and 404 "Branch not protected" when there is none', async () => {
    const { gh } = env;
    const admin = env.as('acme');
    const read = () => admin.rest.repos.getBranchProtection({ ...TEST_REPO, branch: 'main' });
    expect(await refusal(read())).toEqual({ status: 404, message: 'Branch not protected' });
    gh.seed.protection(REPO, 'main', { requiredChecks: ['validate-pr'], strict: true });
    const { data } = await read();
    expect(data.required_status_checks).toMatchObject({
      contexts: ['validate-pr'],
      checks: [{ context: 'validate-pr', app_id: null }],
      strict: true,
    });
    expect(
      (await refusal(admin.rest.repos.getBranchProtection({ ...TEST_REPO, branch: 'nope' }))).message,
    ).toBe('Branch not found');
  });

  it('refuses branch protection to a token without admin rights', async () => {
    env.gh.seed.protection(REPO, 'main', { requiredChecks: ['validate-pr'] });
    expect(
      await refusal(env.octokit.rest.repos.getBranchProtection({ ...TEST_REPO, branch: 'main' })),
    ).toEqual({
      status: 403,
      message: 'Resource not accessible by integration',
    });
  });

  it('lists the rules of the rulesets that target a branch, to anyone who can read', async () => {
    const { gh, octokit } = env;
    const ruleset = gh.seed.ruleset(REPO, { requiredChecks: ['validate-pr'] });
    gh.seed.ruleset(REPO, { name: 'releases', branches: ['release'], requiredChecks: ['ci'] });
    const { data } = await octokit.rest.repos.getBranchRules({ ...TEST_REPO, branch: 'main' });
    expect(data).toEqual([
      {
        type: 'required_status_checks',
        parameters: {
          required_status_checks: [{ context: 'validate-pr' }],
          strict_required_status_checks_policy: false,
        },
        ruleset_source_type: 'Repository',
        ruleset_source: REPO,
        ruleset_id: ruleset.id,
      },
    ]);
  });

  it('lists a ruleset’s pull_request rule with its code-owner review, and classic protection’s required reviews', async () => {
    const { gh, octokit } = env;
    const ruleset = gh.seed.ruleset(REPO, { name: 'reviews', requiredChecks: [], codeOwnerReview: true });
    const { data } = await octokit.rest.repos.getBranchRules({ ...TEST_REPO, branch: 'main' });
    expect(data).toEqual([
      {
        type: 'pull_request',
        parameters: {
          dismiss_stale_reviews_on_push: false,
          require_code_owner_review: true,
          require_last_push_approval: false,
          required_approving_review_count: 1,
          required_review_thread_resolution: false,
        },
        ruleset_source_type: 'Repository',
        ruleset_source: REPO,
        ruleset_id: ruleset.id,
      },
    ]);
    gh.seed.protection(REPO, 'main', { requiredChecks: ['validate-pr'], codeOwnerReview: true });
    const protection = await env.as('acme').rest.repos.getBranchProtection({ ...TEST_REPO, branch: 'main' });
    expect(protection.data.required_pull_request_reviews).toMatchObject({ require_code_owner_reviews: true });
  });

  it('lists a pull request’s commits with who wrote and committed each, and a collaborator’s permission', async () => {
    const { gh, octokit } = env;
    gh.seed.role(REPO, 'reader', 'read');
    gh.seed.role(REPO, 'ben', 'write');
    const pr = gh.seed.pull(REPO, { title: 'Trade', head: 'trade', author: 'ben' });
    gh.seed.push(REPO, pr.number, undefined, { by: 'dee' });
    gh.seed.push(REPO, pr.number, undefined, { by: null });
    const { data } = await octokit.rest.pulls.listCommits({ ...TEST_REPO, pull_number: pr.number });
    expect(data.map((commit) => [commit.author?.login ?? null, commit.committer?.login ?? null])).toEqual([
      ['ben', 'ben'],
      ['dee', 'dee'],
      [null, null],
    ]);
    expect(data[2]?.sha).toBe(
      gh.store.pull(gh.store.repo(TEST_REPO.owner, TEST_REPO.repo)!, pr.number).pull.head.sha,
    );
    const permission = async (username: string) =>
      (await octokit.rest.repos.getCollaboratorPermissionLevel({ ...TEST_REPO, username })).data.permission;
    expect(await permission('acme')).toBe('admin');
    expect(await permission('ben')).toBe('write');
    expect(await permission('reader')).toBe('read');
    // Someone with no role and no membership has none (an outsider's report pages nobody).
    expect(await permission('stranger')).toBe('none');
  });
});

describe('secrets and workflow permissions', () => {
  it('lists the names of repository and organization secrets to an admin only', async () => {
    const { gh, octokit } = env;
    gh.seed.secret(REPO, 'SLACK_BOT_TOKEN');
    gh.seed.secret(REPO, 'ONCALL_APP_PRIVATE_KEY', 'organization');
    const admin = env.as('acme');
    const repoSecrets = await admin.rest.actions.listRepoSecrets(TEST_REPO);
    expect(repoSecrets.data).toMatchObject({ total_count: 1, secrets: [{ name: 'SLACK_BOT_TOKEN' }] });
    const orgSecrets = await admin.rest.actions.listRepoOrganizationSecrets(TEST_REPO);
    expect(orgSecrets.data.secrets.map((secret) => secret.name)).toEqual(['ONCALL_APP_PRIVATE_KEY']);
    expect((await refusal(octokit.rest.actions.listRepoSecrets(TEST_REPO))).status).toBe(403);
  });

  it("gives GITHUB_TOKEN's default permissions and whether Actions may create pull requests", async () => {
    const { gh } = env;
    const admin = env.as('acme');
    const read = async () =>
      (await admin.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository(TEST_REPO)).data;
    expect(await read()).toEqual({
      default_workflow_permissions: 'read',
      can_approve_pull_request_reviews: false,
    });
    gh.seed.workflowPermissions(REPO, { canApprovePullRequestReviews: true });
    expect((await read()).can_approve_pull_request_reviews).toBe(true);
    expect(
      (
        await refusal(
          env.octokit.rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository(TEST_REPO),
        )
      ).status,
    ).toBe(403);
  });
});
