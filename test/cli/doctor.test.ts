/**
 * `oncall doctor` against the local GitHub and Slack emulators: the real clients over real HTTP,
 * every GitHub answer checked against GitHub's OpenAPI description. Each test starts from a setup
 * where every check passes, breaks one thing, and expects that check (and only it) to fail with
 * its fix.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DoctorCheck } from '../../src/core/doctor/check.js';
import { SHIPPED_WORKFLOWS } from '../../src/core/doctor/workflows.js';
import { desiredLabels } from '../../src/core/labels.js';
import { DEFAULT_BOT_SCOPES } from '../../src/emulators/slack/index.js';
import { TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';
import { makeRepo, runCli } from '../helpers/repo.js';
import { TEST_SLACK_TOKEN, useSlackEmulator } from '../helpers/slack-emulator.js';
import { people, playbooks, rotation, triageRepoFiles } from '../helpers/triage-fixture.js';

const REPO = `${TEST_REPO.owner}/${TEST_REPO.repo}`;
const github = useGitHubEmulator();
const slackEnv = useSlackEmulator();

/** Slack ids of the roster; fay is found by email instead. */
const SLACK_IDS: Record<string, string> = {
  ana: 'U0ANA',
  ben: 'U0BEN',
  cy: 'U0CY',
  dee: 'U0DEE',
  eli: 'U0ELI',
};

/** The triage fixture with Slack: ids (fay by email), and the rotation's user group and channel. */
function doctorRepoFiles(
  change: { people?: (list: typeof people.people) => void } = {},
): Record<string, string> {
  const roster = structuredClone(people.people).map((person) =>
    SLACK_IDS[person.github]
      ? { ...person, slack: SLACK_IDS[person.github] }
      : { ...person, email: `${person.github}@example.com` },
  );
  change.people?.(roster);
  return {
    ...triageRepoFiles(),
    '.github/CODEOWNERS': readFileSync(path.join(process.cwd(), '.github/CODEOWNERS'), 'utf8').replaceAll(
      '@your-org/oncall-admins',
      '@acme/oncall-admins',
    ),
    'rotations/people.yaml': JSON.stringify({ people: roster }, null, 2),
    'rotations/ops/rotation.yaml': JSON.stringify(
      { ...rotation, slack: { usergroup: 'S0ONCALL', channel: 'C0INCIDENTS' } },
      null,
      2,
    ),
  };
}

/** The workflows as this repository ships them (a stand-in when one is not in this checkout). */
function workflowFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const { file } of SHIPPED_WORKFLOWS) {
    let text: string;
    try {
      text = readFileSync(path.join(process.cwd(), '.github/workflows', file), 'utf8');
    } catch {
      text = `name: ${file.replace(/\.yml$/, '')}\non: workflow_dispatch\n`;
    }
    files[`.github/workflows/${file}`] = text;
  }
  return files;
}

let adminToken = '';

/** Everything right: files on GitHub, labels, protection, settings, secret; Slack people and places. */
function seedGreenSetup(): void {
  const { gh } = github;
  gh.seed.files(REPO, workflowFiles());
  gh.seed.labels(
    REPO,
    desiredLabels({ playbooks, teams: ['red', 'blue', 'green'] }).map(({ name, color, description }) => ({
      name,
      color,
      description,
    })),
  );
  gh.seed.protection(REPO, 'main', { requiredChecks: ['validate-pr'], codeOwnerReview: true });
  gh.seed.secret(REPO, 'SLACK_BOT_TOKEN');
  gh.seed.workflowPermissions(REPO, { canApprovePullRequestReviews: true });
  gh.seed.pages(REPO, 'workflow');
  // The repository's owner, with a classic token: admin, so nothing is skipped.
  adminToken = gh.tokenFor('acme', { scopes: ['repo', 'workflow'] });

  const { seed } = slackEnv.slack;
  for (const [login, id] of Object.entries(SLACK_IDS)) seed.user({ id, name: login });
  seed.user({ id: 'U0FAY', name: 'fay', email: 'fay@example.com' });
  seed.channel({ id: 'C0INCIDENTS', name: 'incidents' });
  seed.userGroup({ id: 'S0ONCALL', handle: 'oncall', users: ['U0ANA'] });
}

beforeEach(() => {
  seedGreenSetup();
  vi.stubEnv('GITHUB_API_URL', github.gh.url);
  vi.stubEnv('GITHUB_TOKEN', adminToken);
  vi.stubEnv('GITHUB_REPOSITORY', '');
  vi.stubEnv('SLACK_API_URL', slackEnv.slack.apiUrl);
  vi.stubEnv('SLACK_BOT_TOKEN', TEST_SLACK_TOKEN);
  vi.stubEnv('ONCALL_PACING', 'off');
  vi.stubEnv('ONCALL_RETRY_BASE_MS', '1');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

async function doctor(files = doctorRepoFiles(), extra: string[] = []) {
  const run = await runCli(['doctor', '--root', makeRepo(files), '--repo', REPO, '--json', ...extra]);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  const report = run.json() as { ok: boolean; checks: DoctorCheck[]; summary: Record<string, number> };
  const check = (name: string) => {
    const found = report.checks.find((item) => item.name === name);
    if (!found) throw new Error(`no check ${name} in ${report.checks.map((item) => item.name).join(', ')}`);
    return found;
  };
  const notOk = report.checks.filter((item) => item.status !== 'ok').map((item) => item.name);
  return { ...run, report, check, notOk };
}

describe('oncall doctor', () => {
  it('passes every check on a setup that is right, and exits 0', async () => {
    const run = await doctor();
    expect(run.notOk, JSON.stringify(run.report.checks, null, 2)).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.report.ok).toBe(true);
    expect(run.report.checks.map((check) => check.name)).toEqual([
      'files',
      'github-token',
      'labels',
      ...SHIPPED_WORKFLOWS.map(({ file }) => `workflow:${file.replace(/\.yml$/, '')}`),
      'branch-protection',
      'codeowners',
      'code-owner-review',
      'pages',
      'actions-pull-requests',
      'slack-secret',
      'slack-token',
      'slack-scopes',
      'slack-people',
      'slack-channels',
      'slack-usergroups',
    ]);
    for (const check of run.report.checks) expect(check).toMatchObject({ ok: true, status: 'ok', fix: null });
    expect(run.check('slack-people').detail).toBe(
      'all 6 people resolve to active Slack members (5 by id, 1 by email)',
    );
    // It only reads.
    expect(github.gh.log.filter((entry) => entry.method !== 'GET')).toEqual([]);
    expect(slackEnv.slack.log.map((entry) => entry.method)).not.toContain('chat.postMessage');
  });

  it('prints one line per check with ✓ or ✗, and the fix under a failure', async () => {
    github.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo)?.labels.clear();
    const run = await runCli(['doctor', '--root', makeRepo(doctorRepoFiles()), '--repo', REPO]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✓ files {2,}rotations\/, people\.yaml and playbooks\/ validate/m);
    expect(run.stdout).toMatch(/^✗ labels {2,}missing: incident, bug, /m);
    expect(run.stdout).toMatch(/^ +fix: oncall labels sync --repo acme\/oncall/m);
    expect(run.stdout).toContain('21 ok, 1 failed, 0 skipped');
  });

  it('GitHub Pages off: pages fails, and says where to turn it on', async () => {
    github.gh.seed.pages(REPO, null);
    const run = await doctor();
    expect(run.code).toBe(1);
    expect(run.notOk).toEqual(['pages']);
    expect(run.check('pages')).toMatchObject({
      ok: false,
      status: 'failed',
      fix: 'Settings → Pages → Build and deployment → Source: GitHub Actions',
    });
  });

  it('a missing label: labels fails, and the fix is oncall labels sync', async () => {
    const repo = github.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
    const sev1 = [...(repo?.labels.values() ?? [])].find((label) => label.name === 'sev:1');
    if (repo && sev1) repo.labels.delete(sev1.id);
    github.gh.store.updateLabel(repo as NonNullable<typeof repo>, 'status:paged', { color: '000000' });
    const run = await doctor();
    expect(run.code).toBe(1);
    expect(run.notOk).toEqual(['labels']);
    expect(run.check('labels')).toMatchObject({
      ok: false,
      status: 'failed',
      detail: 'missing: sev:1; a different colour or description: status:paged',
      fix: expect.stringContaining('oncall labels sync --repo acme/oncall'),
    });
  });

  it('a workflow GitHub disabled after 60 days: its check fails with how to enable it', async () => {
    github.gh.seed.workflowState(REPO, 'tick.yml', 'disabled_inactivity');
    const run = await doctor();
    expect(run.code).toBe(1);
    expect(run.notOk).toEqual(['workflow:tick']);
    const tick = run.check('workflow:tick');
    expect(tick.detail).toMatch(/disabled by GitHub after 60 days without activity.*so nothing escalates/);
    expect(tick.fix).toContain('gh workflow enable tick.yml --repo acme/oncall');
    expect(tick.fix).toContain(
      'docs/operations.md#githubs-scheduled-runs-delays-drops-and-the-60-day-disable',
    );
  });

  it('a workflow missing from the default branch but in the checkout: merge it', async () => {
    github.gh.seed.files(REPO, { '.github/workflows/handoff.yml': null });
    const run = await doctor({ ...doctorRepoFiles(), '.github/workflows/handoff.yml': 'name: handoff\n' });
    expect(run.notOk).toEqual(['workflow:handoff']);
    expect(run.check('workflow:handoff')).toMatchObject({
      detail: expect.stringContaining('in your checkout but not on the default branch'),
      fix: 'merge .github/workflows/handoff.yml into the default branch',
    });
  });

  it('a token whose account cannot push: github-token fails and says what it cannot do', async () => {
    github.gh.seed.role(REPO, 'reader', 'read');
    vi.stubEnv('GITHUB_TOKEN', github.gh.tokenFor('reader', { scopes: ['repo'] }));
    const run = await doctor();
    expect(run.code).toBe(1);
    expect(run.check('github-token')).toMatchObject({
      status: 'failed',
      detail: expect.stringContaining('its account has read access to acme/oncall, not write'),
      fix: expect.stringContaining('ask an admin of acme/oncall for write access'),
    });
    // Without admin rights the admin-only checks are skipped, with how to check by hand.
    for (const name of ['branch-protection', 'code-owner-review', 'actions-pull-requests', 'slack-secret']) {
      expect(run.check(name)).toMatchObject({
        ok: true,
        status: 'skipped',
        fix: expect.stringMatching(/by hand/),
      });
    }
    expect(run.notOk.sort()).toEqual([
      'actions-pull-requests',
      'branch-protection',
      'code-owner-review',
      'github-token',
      'slack-secret',
    ]);
  });

  it('a classic token without the repo scope: github-token names the missing scope', async () => {
    vi.stubEnv('GITHUB_TOKEN', github.gh.tokenFor('acme', { scopes: ['read:org', 'gist'] }));
    const run = await doctor();
    expect(run.notOk).toEqual(['github-token']);
    expect(run.check('github-token').detail).toContain(
      'its scopes (read:org, gist) lack repo (or public_repo)',
    );
    expect(run.check('github-token').fix).toContain('gh auth refresh --scopes repo');
  });

  it('the workflow token (no admin): skips what needs admin, and exits 0 when the rest is right', async () => {
    vi.stubEnv('GITHUB_TOKEN', 'ghs_workflowtoken');
    const run = await doctor();
    expect(run.code).toBe(0);
    expect(run.check('github-token').detail).toMatch(/^an installation token/);
    expect(run.report.summary).toEqual({ ok: 18, failed: 0, skipped: 4 });
  });

  it('a branch without protection fails; a ruleset requiring validate-pr passes', async () => {
    github.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo)?.settings.protection.clear();
    const unprotected = await doctor();
    expect(unprotected.notOk).toEqual(['branch-protection', 'code-owner-review']);
    expect(unprotected.check('branch-protection').detail).toMatch(/^main is not protected/);
    github.gh.seed.ruleset(REPO, { requiredChecks: ['validate-pr'] });
    const ruled = await doctor();
    expect(ruled.notOk).toEqual(['code-owner-review']);
    expect(ruled.check('branch-protection').detail).toBe('a ruleset requires validate-pr on main');
    expect(ruled.check('code-owner-review')).toMatchObject({
      status: 'failed',
      detail: "main does not require a code owner's review",
      fix: expect.stringContaining('Require review from Code Owners'),
    });
    github.gh.seed.ruleset(REPO, { name: 'reviews', requiredChecks: [], codeOwnerReview: true });
    const reviewed = await doctor();
    expect(reviewed.notOk).toEqual([]);
    expect(reviewed.check('code-owner-review').detail).toBe(
      "a ruleset requires a code owner's review on main",
    );
  });

  it('classic protection without code-owner review fails code-owner-review alone', async () => {
    github.gh.seed.protection(REPO, 'main', { requiredChecks: ['validate-pr'], codeOwnerReview: false });
    const run = await doctor();
    expect(run.notOk).toEqual(['code-owner-review']);
    expect(run.code).toBe(1);
  });

  it('CODEOWNERS as shipped (the placeholder team), missing, or leaving the machinery unowned: codeowners fails', async () => {
    const shipped = readFileSync(path.join(process.cwd(), '.github/CODEOWNERS'), 'utf8');
    const placeholder = await doctor({ ...doctorRepoFiles(), '.github/CODEOWNERS': shipped });
    expect(placeholder.notOk).toEqual(['codeowners']);
    expect(placeholder.check('codeowners').detail).toMatch(
      /^CODEOWNERS still names the placeholder @your-org\/oncall-admins/,
    );
    const { '.github/CODEOWNERS': _gone, ...without } = doctorRepoFiles();
    expect((await doctor(without)).check('codeowners').detail).toBe(
      'no CODEOWNERS file (.github/CODEOWNERS)',
    );
    const commented = await doctor({
      ...without,
      '.github/CODEOWNERS': '# /.github/ @acme/admins\n/rotations/ @acme/admins\n',
    });
    expect(commented.check('codeowners').detail).toMatch(
      /^CODEOWNERS names no owner for \.github\/workflows\/validate-pr\.yml/,
    );
  });

  it('the Slack app without a scope the system uses: slack-scopes fails and names it', async () => {
    slackEnv.slack.setScopes(DEFAULT_BOT_SCOPES.filter((scope) => scope !== 'usergroups:write'));
    const run = await doctor();
    expect(run.code).toBe(1);
    expect(run.notOk).toEqual(['slack-scopes']);
    expect(run.check('slack-scopes')).toMatchObject({
      detail: 'missing usergroups:write (setting the on-call user group (usergroups.users.update))',
      fix: expect.stringContaining('Bot Token Scopes: add usergroups:write'),
    });
  });

  it('slack ids that do not resolve: slack-people fails, naming each person', async () => {
    slackEnv.slack.seed.user({ id: 'U0GONE', name: 'gone', deleted: true });
    const files = doctorRepoFiles({
      people: (roster) => {
        Object.assign(roster[0] as object, { slack: 'U0GHOST' });
        Object.assign(roster[1] as object, { slack: 'U0GONE' });
        Object.assign(roster[5] as object, { email: 'nobody@example.com' });
      },
    });
    const run = await doctor(files);
    expect(run.code).toBe(1);
    expect(run.notOk).toEqual(['slack-people']);
    const check = run.check('slack-people');
    expect(check.detail).toContain('3 of 6 people do not resolve');
    expect(check.detail).toContain('ana: no Slack member U0GHOST');
    expect(check.detail).toContain('ben: U0GONE is deactivated');
    expect(check.detail).toContain('fay: no Slack account with the email nobody@example.com');
    expect(check.fix).toContain('Copy member ID');
  });

  it('a channel without the bot and a disabled user group fail with their fixes', async () => {
    const { store } = slackEnv.slack;
    const channel = store.conversations.get('C0INCIDENTS');
    if (channel) channel.botIsMember = false;
    const group = store.userGroups.get('S0ONCALL');
    if (group) group.disabled = true;
    const run = await doctor();
    expect(run.notOk).toEqual(['slack-channels', 'slack-usergroups']);
    expect(run.check('slack-channels').fix).toBe('invite the app: `/invite @oncall` in #incidents');
    expect(run.check('slack-usergroups').detail).toBe('S0ONCALL (ops): @oncall is disabled');
  });

  it('no tokens at all: a clear result, each token check failing with what to set, no stack trace', async () => {
    vi.stubEnv('GITHUB_TOKEN', '');
    vi.stubEnv('SLACK_BOT_TOKEN', '');
    const run = await doctor();
    expect(run.code).toBe(1);
    expect(run.check('files').status).toBe('ok');
    expect(run.check('github-token')).toMatchObject({
      status: 'failed',
      detail: 'GITHUB_TOKEN is not set: nothing on GitHub can be checked',
      fix: expect.stringContaining('gh auth token'),
    });
    expect(run.check('slack-token')).toMatchObject({
      status: 'failed',
      fix: expect.stringContaining('SLACK_BOT_TOKEN=xoxb-'),
    });
    expect(run.check('labels')).toMatchObject({
      detail: 'not checked: GITHUB_TOKEN is not set',
      fix: 'see github-token',
    });
    expect(run.check('slack-people').fix).toBe('see slack-token');
    expect(github.gh.log).toEqual([]);
    expect(slackEnv.slack.log).toEqual([]);
  });

  it('tokens GitHub and Slack refuse: the token checks fail, the rest is not checked', async () => {
    vi.stubEnv('GITHUB_TOKEN', 'ghp_whatever');
    github.gh.inject({
      method: 'GET',
      path: '/repos/{owner}/{repo}',
      kind: 'status',
      status: 401,
      message: 'Bad credentials',
    });
    vi.stubEnv('SLACK_BOT_TOKEN', 'xoxp-a-user-token');
    const run = await doctor();
    expect(run.code).toBe(1);
    expect(run.check('github-token').detail).toBe(
      'GitHub refused the token (HTTP 401: Bad credentials): it is wrong, expired or revoked',
    );
    expect(run.check('labels').detail).toMatch(/^not checked: acme\/oncall cannot be read with this token/);
    expect(run.check('slack-token').detail).toMatch(/not a bot token/);
  });

  it('files with errors: files fails with where, and the fix is oncall validate', async () => {
    const files = doctorRepoFiles();
    files['rotations/ops/schedule.yaml'] = (files['rotations/ops/schedule.yaml'] as string).replace(
      '"primary": "ana"',
      '"primary": "nobody"',
    );
    const run = await doctor(files);
    expect(run.notOk).toContain('files');
    expect(run.check('files')).toMatchObject({
      detail: expect.stringMatching(/^\d+ errors?: rotations\/ops\/schedule\.yaml:\d+:\d+ /),
      fix: expect.stringContaining('oncall validate'),
    });
  });

  it.each([
    [['doctor'], /--repo OWNER\/NAME or set GITHUB_REPOSITORY/],
    [['doctor', '--repo', 'not a repo'], /not a repository: use OWNER\/NAME/],
    [['doctor', '--repo', REPO, 'extra'], /unexpected argument "extra"/],
    [['doctor', '--repo', REPO, '--rotation', 'nope'], /unknown rotation "nope"/],
  ])('usage error %j: exit 2', async (args, message) => {
    const run = await runCli([...args, '--root', makeRepo(doctorRepoFiles())]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(github.gh.log).toEqual([]);
  });
});
