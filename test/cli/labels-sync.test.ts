/**
 * `oncall labels sync` against the local GitHub emulator: the real client over real HTTP, checked
 * against GitHub's OpenAPI description (the fixture fails a test that left violations).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { desiredLabels, planLabelSync } from '../../src/core/labels.js';
import { createGitHubClient } from '../../src/io/github/client.js';
import { applyLabelPlan, listLabels } from '../../src/io/github/labels.js';
import { TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';
import { makeRepo, runCli } from '../helpers/repo.js';
import { playbooks, triageRepoFiles } from '../helpers/triage-fixture.js';

const gh = useGitHubEmulator();
const REPO = `${TEST_REPO.owner}/${TEST_REPO.repo}`;
const WANTED = desiredLabels({ playbooks, teams: ['red', 'blue', 'green'] });

function labelsOnGitHub() {
  const repo = gh.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
  return [...(repo?.labels.values() ?? [])].map(({ name, color, description }) => ({
    name,
    color,
    description,
  }));
}

function writes() {
  return gh.gh.log.filter((entry) => entry.method !== 'GET');
}

beforeEach(() => {
  vi.stubEnv('GITHUB_API_URL', gh.gh.url);
  vi.stubEnv('GITHUB_TOKEN', 'test-token');
  vi.stubEnv('GITHUB_REPOSITORY', '');
  vi.stubEnv('ONCALL_PACING', 'off');
  vi.stubEnv('ONCALL_RETRY_BASE_MS', '1');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('applyLabelPlan with the production client', () => {
  it('creates every label, then finds nothing to do', async () => {
    const github = createGitHubClient({
      token: 'test-token',
      baseUrl: gh.gh.url,
      deadline: Date.now() + 60_000,
      pacing: false,
      retryAfterBaseValue: 1,
    });
    const first = await applyLabelPlan(
      github,
      TEST_REPO,
      planLabelSync(WANTED, await listLabels(github, TEST_REPO)),
    );
    expect(first.failed).toEqual([]);
    expect(first.created).toHaveLength(WANTED.length);
    const again = planLabelSync(WANTED, await listLabels(github, TEST_REPO));
    expect(again.create).toEqual([]);
    expect(again.update).toEqual([]);
    expect(again.unchanged).toHaveLength(WANTED.length);
  });
});

describe('oncall labels sync', () => {
  it('creates the missing labels, updates the drifted ones, leaves others alone; a second run changes nothing', async () => {
    gh.gh.seed.labels(REPO, [
      { name: 'bug', color: 'd73a4a', description: "Something isn't working" },
      { name: 'SEV:1', color: 'b60205', description: 'old words' },
      { name: 'question', color: 'cc317c', description: 'Further information is requested' },
    ]);
    const root = makeRepo(triageRepoFiles());
    const run = await runCli(['labels', 'sync', '--root', root, '--repo', REPO, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const out = run.json();
    expect(out.updated).toEqual(['bug', 'SEV:1']);
    expect(out.created).toEqual(
      WANTED.map((label) => label.name).filter((name) => name !== 'bug' && name !== 'sev:1'),
    );
    expect(out.unchanged).toEqual([]);
    expect(out.failed).toEqual([]);

    const onGitHub = labelsOnGitHub();
    for (const label of WANTED) {
      expect(
        onGitHub.find((item) => item.name.toLowerCase() === label.name),
        label.name,
      ).toMatchObject({
        color: label.color,
        description: label.description,
      });
    }
    expect(onGitHub.find((item) => item.name === 'question')).toMatchObject({ color: 'cc317c' });
    expect(gh.gh.requests('POST', /\/labels$/)).toHaveLength(WANTED.length - 2);
    expect(gh.gh.requests('PATCH', /\/labels\//)).toHaveLength(2);

    const before = writes().length;
    const again = await runCli(['labels', 'sync', '--root', root, '--repo', REPO, '--json']);
    expect(again.code).toBe(0);
    expect(again.json()).toMatchObject({ created: [], updated: [] });
    expect(again.json().unchanged).toHaveLength(WANTED.length);
    expect(writes()).toHaveLength(before);
  });

  it('takes the repository from GITHUB_REPOSITORY', async () => {
    vi.stubEnv('GITHUB_REPOSITORY', REPO);
    const run = await runCli(['labels', 'sync', '--root', makeRepo(triageRepoFiles()), '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json().created).toHaveLength(WANTED.length);
  });

  it('--dry-run reads the labels and writes nothing', async () => {
    gh.gh.seed.labels(REPO, [{ name: 'incident', color: '000000', description: 'x' }]);
    const run = await runCli([
      'labels',
      'sync',
      '--dry-run',
      '--root',
      makeRepo(triageRepoFiles()),
      '--repo',
      REPO,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const out = run.json();
    expect(out.dryRun).toBe(true);
    expect(out.updated).toEqual(['incident']);
    expect(out.created).toHaveLength(WANTED.length - 1);
    expect(out.changes.find((change: { name: string }) => change.name === 'incident')).toMatchObject({
      action: 'update',
      color: 'b60205',
      before: { color: '000000', description: 'x' },
    });
    expect(writes()).toEqual([]);
    expect(labelsOnGitHub()).toHaveLength(1);
  });

  it('--dry-run without a token plans offline and calls nobody', async () => {
    vi.stubEnv('GITHUB_TOKEN', '');
    const run = await runCli(['labels', 'sync', '--dry-run', '--root', makeRepo(triageRepoFiles())]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('no GITHUB_TOKEN');
    expect(run.stdout).toContain('would create sev:1 (#b60205)');
    expect(gh.gh.log).toEqual([]);
  });

  it('collects what GitHub refused, keeps going, and exits 1', async () => {
    gh.gh.inject({
      method: 'POST',
      path: '/repos/{owner}/{repo}/labels',
      kind: 'status',
      status: 403,
      message: 'Resource not accessible by integration',
    });
    const run = await runCli([
      'labels',
      'sync',
      '--root',
      makeRepo(triageRepoFiles()),
      '--repo',
      REPO,
      '--json',
    ]);
    expect(run.code).toBe(1);
    const out = run.json();
    expect(out.failed).toEqual([
      { name: 'incident', action: 'create', message: expect.stringContaining('HTTP 403') },
    ]);
    expect(out.created).toHaveLength(WANTED.length - 1);
  });

  it('a repository the token cannot see: exit 1 with a clear message', async () => {
    const run = await runCli([
      'labels',
      'sync',
      '--root',
      makeRepo(triageRepoFiles()),
      '--repo',
      'acme/missing',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot read the labels of acme\/missing: HTTP 404.*no such repository/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it.each([
    [['labels'], /oncall labels sync/, {}],
    [['labels', 'prune'], /unknown subcommand "prune"/, {}],
    [['labels', 'sync', '--repo', 'not a repo'], /not a repository: use OWNER\/NAME/, {}],
    [['labels', 'sync', '--repo', REPO], /GITHUB_TOKEN is not set/, { GITHUB_TOKEN: '' }],
    [['labels', 'sync'], /--repo OWNER\/NAME or set GITHUB_REPOSITORY/, {}],
  ])('usage error %j: exit 2', async (args, message, env: Record<string, string>) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const run = await runCli([...args, '--root', makeRepo(triageRepoFiles())]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(gh.gh.log).toEqual([]);
  });
});
