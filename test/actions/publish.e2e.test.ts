/**
 * The publish action as the runner runs it: its committed bundle in a node process, a checkout of
 * the on-call repository on disk, and the local GitHub emulator (holding the same files on main)
 * behind the real Octokit. The published schedule ends 2027-03-01; at NOW the horizon (5 weeks)
 * reaches past 2027-03-08, so two shifts are due.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { runActionBundle } from '../helpers/action-runner.js';
import { TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';
import { makeRepo, runCli, smallRepoFiles } from '../helpers/repo.js';

const REPO = `${TEST_REPO.owner}/${TEST_REPO.repo}`;
const SCHEDULE = 'rotations/ops/schedule.yaml';
const NOW = '2027-02-05T12:00:00-05:00';
const BRANCH = 'oncall/publish';

async function runPublish(
  gh: GitHubEmulator,
  root: string,
  now = NOW,
  inputs: Record<string, string> = {},
  env: Record<string, string> = {},
) {
  return runActionBundle({
    action: 'publish',
    event: { schedule: '17 6 * * 1' },
    eventName: 'schedule',
    apiUrl: gh.url,
    repository: REPO,
    inputs: { 'github-token': 'test-token', root, 'bot-login': gh.bot.login, ...inputs },
    env: {
      ONCALL_NOW: now,
      ONCALL_RETRY_BASE_MS: '1',
      ONCALL_PACING: 'off',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '42',
      GITHUB_REF: 'refs/heads/main',
      ...env,
    },
  });
}

function state(gh: GitHubEmulator) {
  const repo = gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
  if (!repo) throw new Error('no repository');
  const pulls = [...repo.issues.values()].filter((issue) => issue.pull);
  const main = gh.store.branchHead(repo, 'main');
  const branch = gh.store.branchHead(repo, BRANCH);
  return {
    repo,
    pulls,
    main,
    branch,
    ahead: main && branch ? gh.store.commitsAhead(repo, main.sha, branch.sha) : 0,
    text: (commit: typeof main) => commit?.files.get(SCHEDULE)?.content.toString('utf8'),
  };
}

/** The schedule `oncall schedule extend` writes at the same instant, on a copy of the checkout. */
async function extendedByCli(root: string): Promise<string> {
  const copy = makeRepo({});
  cpSync(root, copy, { recursive: true });
  const result = await runCli(['schedule', 'extend', '--root', copy], NOW);
  expect(result.code).toBe(0);
  return readFileSync(path.join(copy, SCHEDULE), 'utf8');
}

describe('publish, end to end', () => {
  const fixture = useGitHubEmulator({
    repos: [{ owner: TEST_REPO.owner, name: TEST_REPO.repo, files: smallRepoFiles() }],
  });

  it('opens one pull request with the new shifts, the mentions and a success status; a re-run updates it', async () => {
    const { gh, octokit } = fixture;
    const root = makeRepo(smallRepoFiles());

    const first = await runPublish(gh, root);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.outputs).toMatchObject({ added: '2', through: '2027-03-15', 'pull-request': '1' });

    const after = state(gh);
    expect(after.pulls).toHaveLength(1);
    const pr = after.pulls[0];
    expect(pr?.title).toBe('Publish on-call shifts through 2027-03-15');
    expect(pr?.user.login).toBe(gh.bot.login);
    expect(pr?.pull?.head.ref).toBe(BRANCH);
    expect(pr?.body).toContain('<!-- oncall-as-code:publish -->');
    expect(pr?.body).toContain('**no approval is needed**');
    expect(pr?.body).toMatch(/\| Mon 2027-03-01 11:00 \| Mon 2027-03-08 11:00 \| @\w+ \| @\w+ \|/);
    expect(pr?.body).toMatch(/\| Mon 2027-03-08 11:00 \| Mon 2027-03-15 11:00 \| @\w+ \| @\w+ \|/);
    expect(pr?.body).toMatch(/### Newly scheduled\n\n(@\w+, )+@\w+: you are on call/);
    await expect(pr?.body).toMatchFileSnapshot('__snapshots__/publish/pull-request-body.md');

    // The branch is main plus one commit: main's schedule with the generator's two shifts appended,
    // exactly what `oncall schedule extend` writes. main itself is untouched.
    expect(after.ahead).toBe(1);
    expect(after.text(after.main)).toBe(smallRepoFiles()[SCHEDULE]);
    expect(after.text(after.branch)).toBe(await extendedByCli(root));
    const files = await octokit.rest.pulls.listFiles({ ...TEST_REPO, pull_number: 1 });
    expect(files.data.map((file) => [file.filename, file.status, file.additions, file.deletions])).toEqual([
      [SCHEDULE, 'modified', 2, 0],
    ]);

    // The check the workflow token cannot start: its result is the head commit's validate-pr status.
    const status = await octokit.rest.repos.getCombinedStatusForRef({
      ...TEST_REPO,
      ref: after.branch?.sha ?? '',
    });
    expect(status.data.state).toBe('success');
    expect(status.data.statuses).toEqual([
      expect.objectContaining({
        context: 'validate-pr',
        state: 'success',
        description: 'On-call change check passed',
        target_url: 'https://github.com/acme/oncall/actions/runs/42',
      }),
    ]);

    // Again, later the same day: the same pull request, the branch rebuilt on main (one commit ahead).
    const second = await runPublish(gh, root, '2027-02-05T18:00:00-05:00');
    expect(second.code).toBe(0);
    expect(second.outputs['pull-request']).toBe('1');
    const again = state(gh);
    expect(again.pulls).toHaveLength(1);
    expect(again.ahead).toBe(1);
    expect(again.pulls[0]?.pull?.head.sha).toBe(again.branch?.sha);
    expect(gh.requests('POST', '/repos/acme/oncall/pulls')).toHaveLength(1);
    const restatus = await octokit.rest.repos.getCombinedStatusForRef({
      ...TEST_REPO,
      ref: again.branch?.sha ?? '',
    });
    expect(restatus.data.state).toBe('success');
  });

  it('a 502 after the pull request was opened still ends with one pull request, found again', async () => {
    const { gh } = fixture;
    const root = makeRepo(smallRepoFiles());
    gh.inject({
      method: 'POST',
      path: '/repos/{owner}/{repo}/pulls',
      kind: 'status',
      status: 502,
      afterWrite: true,
    });
    const run = await runPublish(gh, root);
    expect(run.code).toBe(0);
    expect(gh.pendingFaults()).toEqual([]);
    const posts = gh.requests('POST', '/repos/acme/oncall/pulls');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.applied).toBe(true);
    const after = state(gh);
    expect(after.pulls).toHaveLength(1);
    expect(gh.store.statusesOf(after.repo, after.branch?.sha ?? '')).toHaveLength(1);
  });

  it('a 502 on the branch create and on the file write is checked before trying again', async () => {
    const { gh } = fixture;
    const root = makeRepo(smallRepoFiles());
    gh.inject({
      method: 'POST',
      path: '/repos/{owner}/{repo}/git/refs',
      kind: 'status',
      status: 502,
      afterWrite: true,
    });
    gh.inject({
      method: 'PUT',
      path: '/repos/{owner}/{repo}/contents/**',
      kind: 'status',
      status: 502,
      afterWrite: true,
    });
    const run = await runPublish(gh, root);
    expect(run.code).toBe(0);
    expect(gh.pendingFaults()).toEqual([]);
    expect(gh.requests('PUT', /\/contents\//)).toHaveLength(1);
    const after = state(gh);
    expect(after.ahead).toBe(1);
    expect(after.pulls).toHaveLength(1);
  });

  it('does nothing when every rotation is published through its horizon, and leaves an obsolete pull request', async () => {
    const { gh } = fixture;
    const root = makeRepo(smallRepoFiles());
    // Nothing due on 2027-01-05: the schedule reaches 2027-03-01, past the horizon of 2027-02-09.
    const idle = await runPublish(gh, root, '2027-01-05T12:00:00-05:00');
    expect(idle.code).toBe(0);
    expect(idle.outputs.added).toBe('0');
    expect(idle.outputs.summary).toContain('nothing to publish');
    expect(gh.log).toEqual([]);

    // A publish pull request is open; then the same weeks are published another way (merged by hand).
    expect((await runPublish(gh, root)).code).toBe(0);
    const extended = await extendedByCli(root);
    gh.seed.files(REPO, { [SCHEDULE]: extended }, { message: 'Publish by hand' });
    writeFileSync(path.join(root, SCHEDULE), extended);
    const writes = gh.log.filter((entry) => entry.method !== 'GET').length;
    const before = state(gh);

    const obsolete = await runPublish(gh, root);
    expect(obsolete.code).toBe(0);
    expect(obsolete.outputs.added).toBe('0');
    expect(gh.log.filter((entry) => entry.method !== 'GET')).toHaveLength(writes);
    const after = state(gh);
    expect(after.pulls).toHaveLength(1);
    expect(after.pulls[0]?.state).toBe('open');
    expect(after.branch?.sha).toBe(before.branch?.sha);
  });

  it('writes nothing when main changed since the checkout, and fails so the next run starts afresh', async () => {
    const { gh } = fixture;
    const root = makeRepo(smallRepoFiles());
    gh.seed.files(REPO, { [SCHEDULE]: `${smallRepoFiles()[SCHEDULE]}# a comment added on main\n` });
    const run = await runPublish(gh, root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${SCHEDULE} on main differs from this run's checkout`);
    expect(gh.log.filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('refuses a checkout of another branch than the default one', async () => {
    const { gh } = fixture;
    const root = makeRepo(smallRepoFiles());
    const run = await runPublish(gh, root, NOW, {}, { GITHUB_REF: 'refs/heads/feature' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('this run checked out refs/heads/feature, not the default branch main');
    expect(gh.log.filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('a dry run logs the pull request and writes nothing', async () => {
    const { gh } = fixture;
    const root = makeRepo(smallRepoFiles());
    const run = await runPublish(gh, root, NOW, { 'dry-run': 'true' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Publish on-call shifts through 2027-03-15');
    expect(run.stdout).toContain('dry run: nothing written');
    expect(gh.log).toEqual([]);
  });
});
