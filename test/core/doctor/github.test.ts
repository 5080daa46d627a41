/** The GitHub checks of `oncall doctor`, on facts as plain data: token, labels, workflows, branch, settings. */
import { describe, expect, it } from 'vitest';
import { checkActionsPullRequests, checkSlackSecret } from '../../../src/core/doctor/admin-settings.js';
import { checkBranchProtection } from '../../../src/core/doctor/branch-protection.js';
import type { Gathered, GitHubFacts, RepositoryAccess } from '../../../src/core/doctor/facts.js';
import { checkGitHubToken, gitHubBlocker, tokenKind } from '../../../src/core/doctor/github-token.js';
import { checkLabels } from '../../../src/core/doctor/labels.js';
import { checkWorkflows, SHIPPED_WORKFLOWS } from '../../../src/core/doctor/workflows.js';
import { FIXED_LABELS } from '../../../src/core/labels.js';

const REPO = 'acme/oncall';
const ok = <T>(value: T): Gathered<T> => ({ ok: true, value });
const refused = (status: number, message: string): Gathered<never> => ({ ok: false, status, message });
const WRITE = { admin: false, push: true, pull: true, triage: true };
const READ = { admin: false, push: false, pull: true, triage: false };

function access(extra: Partial<RepositoryAccess> = {}): GitHubFacts['repo'] {
  return ok({ private: true, defaultBranch: 'main', permissions: WRITE, ...extra });
}

describe('tokenKind', () => {
  it.each([
    ['ghp_abc', 'classic'],
    ['github_pat_11ABC', 'fine-grained'],
    ['ghs_abc', 'installation'],
    ['gho_abc', 'oauth'],
    ['ghu_abc', 'app-user'],
    ['0123456789abcdef0123456789abcdef01234567', 'unknown'],
  ])('%s is %s', (token, kind) => {
    expect(tokenKind(token)).toBe(kind);
  });
});

describe('github-token', () => {
  it.each<[string, GitHubFacts, { status: string; detail: RegExp }]>([
    ['no token', {}, { status: 'failed', detail: /^GITHUB_TOKEN is not set/ }],
    [
      'a revoked token',
      { tokenKind: 'classic', repo: refused(401, 'Bad credentials') },
      { status: 'failed', detail: /^GitHub refused the token \(HTTP 401: Bad credentials\)/ },
    ],
    [
      'a repository it cannot see',
      { tokenKind: 'fine-grained', repo: refused(404, 'Not Found') },
      { status: 'failed', detail: /cannot read acme\/oncall \(HTTP 404: Not Found\)/ },
    ],
    [
      'GitHub down',
      { tokenKind: 'classic', repo: refused(502, 'Server Error') },
      { status: 'failed', detail: /did not answer/ },
    ],
    [
      'a classic token with repo',
      { tokenKind: 'classic', repo: access({ oauthScopes: ['repo'] }) },
      { status: 'ok', detail: /can write acme\/oncall \(scopes: repo\)/ },
    ],
    [
      'a classic token with public_repo, on a private repository',
      { tokenKind: 'classic', repo: access({ oauthScopes: ['public_repo'] }) },
      { status: 'failed', detail: /its scopes \(public_repo\) lack repo,/ },
    ],
    [
      'a classic token with public_repo, on a public repository',
      { tokenKind: 'classic', repo: access({ private: false, oauthScopes: ['public_repo'] }) },
      { status: 'ok', detail: /can write/ },
    ],
    [
      'a token with no scopes at all',
      { tokenKind: 'oauth', repo: access({ oauthScopes: [] }) },
      { status: 'failed', detail: /its scopes \(none\) lack repo/ },
    ],
    [
      'a fine-grained token whose account can only read',
      { tokenKind: 'fine-grained', repo: access({ permissions: READ }) },
      { status: 'failed', detail: /has read access to acme\/oncall, not write/ },
    ],
    [
      'a fine-grained token whose account can write',
      { tokenKind: 'fine-grained', repo: access() },
      { status: 'ok', detail: /^a fine-grained token .*does not report what such a token was granted/ },
    ],
    [
      'an installation token whose permissions GitHub misreports',
      { tokenKind: 'installation', repo: access({ permissions: READ }) },
      { status: 'ok', detail: /^an installation token/ },
    ],
  ])('%s', (_, facts, expected) => {
    const check = checkGitHubToken(facts, REPO);
    expect(check.status).toBe(expected.status);
    expect(check.detail).toMatch(expected.detail);
    expect(check.fix === null).toBe(expected.status === 'ok');
  });

  it('a classic token with neither the scope nor write access names both', () => {
    const check = checkGitHubToken(
      { tokenKind: 'classic', repo: access({ oauthScopes: ['gist'], permissions: READ }) },
      REPO,
    );
    expect(check.detail).toMatch(/lack repo, .*; its account has read access/);
    expect(check.fix).toMatch(/add the repo scope .*; ask an admin of acme\/oncall for write access/);
  });

  it('blocks the other GitHub checks when there is no token or no access', () => {
    expect(gitHubBlocker({}, REPO)).toEqual({ why: 'GITHUB_TOKEN is not set', fix: 'see github-token' });
    expect(gitHubBlocker({ tokenKind: 'classic', repo: refused(404, 'Not Found') }, REPO)?.why).toBe(
      'acme/oncall cannot be read with this token (HTTP 404: Not Found)',
    );
    expect(gitHubBlocker({ tokenKind: 'classic', repo: access() }, REPO)).toBeUndefined();
  });
});

describe('labels', () => {
  const wanted = FIXED_LABELS.slice(0, 3);
  it('passes when every label is there (names compared without case)', () => {
    const existing = wanted.map((label) => ({ ...label, name: label.name.toUpperCase() }));
    expect(checkLabels(wanted, ok(existing), REPO, undefined).status).toBe('ok');
  });

  it('names the missing and the drifted labels', () => {
    const existing = [{ name: 'bug', color: '000000', description: wanted[1]?.description ?? null }];
    expect(checkLabels(wanted, ok(existing), REPO, undefined)).toMatchObject({
      status: 'failed',
      detail: 'missing: incident and request; a different colour or description: bug',
      fix: 'oncall labels sync --repo acme/oncall (it creates the missing labels and corrects the others)',
    });
  });

  it('fails when the labels cannot be read, or the files do not load', () => {
    expect(checkLabels(wanted, refused(403, 'Forbidden'), REPO, undefined).detail).toBe(
      'the labels of acme/oncall cannot be read (HTTP 403: Forbidden)',
    );
    expect(checkLabels(undefined, ok([]), REPO, undefined).detail).toMatch(/^not checked: the on-call files/);
  });
});

describe('workflows', () => {
  const all = SHIPPED_WORKFLOWS.map(({ file }) => ({
    path: `.github/workflows/${file}`,
    name: file,
    state: 'active',
  }));
  const run = (listed: typeof all, local: string[] = [], isPublic = false) =>
    checkWorkflows({ listed: ok(listed), local, repository: REPO, isPublic, blocker: undefined });
  const one = (checks: ReturnType<typeof run>, name: string) => checks.find((check) => check.name === name);

  it('one check per shipped workflow; all active passes', () => {
    const checks = run(all);
    expect(checks.map((check) => check.name)).toEqual(
      SHIPPED_WORKFLOWS.map(({ file }) => `workflow:${file.replace('.yml', '')}`),
    );
    expect(checks.every((check) => check.status === 'ok')).toBe(true);
  });

  it('warns in the detail that a public repository loses its scheduled workflows after 60 days', () => {
    expect(one(run(all, [], true), 'workflow:tick')?.detail).toMatch(/public repository: GitHub disables it/);
    expect(one(run(all, [], true), 'workflow:incident')?.detail).toBe('active');
  });

  it.each([
    [
      'disabled_inactivity',
      /disabled by GitHub after 60 days/,
      /gh workflow enable tick\.yml --repo acme\/oncall.*60-day-disable/,
    ],
    ['disabled_manually', /disabled by hand/, /Enable workflow/],
    ['disabled_fork', /is a fork/, /Use this template/],
  ])('%s fails with its fix', (state, detail, fix) => {
    const listed = all.map((w) => (w.path.endsWith('/tick.yml') ? { ...w, state } : w));
    const check = one(run(listed), 'workflow:tick');
    expect(check?.status).toBe('failed');
    expect(check?.detail).toMatch(detail);
    expect(check?.fix).toMatch(fix);
  });

  it('a missing workflow: copy it from the template, or merge it when the checkout has it', () => {
    const listed = all.filter((w) => !w.path.endsWith('/handoff.yml'));
    expect(one(run(listed), 'workflow:handoff')?.fix).toMatch(
      /^copy \.github\/workflows\/handoff\.yml from oncall-as-code/,
    );
    expect(one(run(listed, ['handoff.yml']), 'workflow:handoff')?.fix).toMatch(/^merge /);
    const deleted = all.map((w) => (w.path.endsWith('/handoff.yml') ? { ...w, state: 'deleted' } : w));
    expect(one(run(deleted), 'workflow:handoff')?.status).toBe('failed');
  });

  it('the optional Pages workflow is skipped when absent or disabled by hand, never failed', () => {
    const without = all.filter((w) => !w.path.endsWith('/pages.yml'));
    expect(one(run(without), 'workflow:pages')?.status).toBe('skipped');
    const off = all.map((w) => (w.path.endsWith('/pages.yml') ? { ...w, state: 'disabled_manually' } : w));
    expect(one(run(off), 'workflow:pages')?.status).toBe('skipped');
  });

  it('one failed check when the list cannot be read', () => {
    const checks = checkWorkflows({
      listed: refused(403, 'Resource not accessible by integration'),
      local: [],
      repository: REPO,
      isPublic: false,
      blocker: undefined,
    });
    expect(checks).toEqual([
      expect.objectContaining({
        name: 'workflows',
        status: 'failed',
        fix: expect.stringContaining('Actions: read'),
      }),
    ]);
  });
});

describe('branch-protection', () => {
  const notProtected = refused(404, 'Branch not protected');
  const run = (input: Partial<Parameters<typeof checkBranchProtection>[0]>) =>
    checkBranchProtection({
      branch: 'main',
      rulesetChecks: ok([]),
      protection: notProtected,
      blocker: undefined,
      ...input,
    });

  it('passes when a ruleset or the classic protection requires validate-pr', () => {
    expect(run({ rulesetChecks: ok(['validate-pr']) })).toMatchObject({ status: 'ok' });
    expect(run({ protection: ok({ requiredChecks: ['ci', 'validate-pr'] }) })).toMatchObject({
      status: 'ok',
    });
    // A ruleset is enough even when classic protection cannot be read.
    expect(run({ rulesetChecks: ok(['validate-pr']), protection: refused(403, 'x') }).status).toBe('ok');
  });

  it('fails when main is unprotected, or protected without validate-pr', () => {
    expect(run({}).detail).toMatch(/^main is not protected/);
    expect(run({ protection: ok({ requiredChecks: ['ci'] }) }).detail).toBe(
      'main is protected, but validate-pr is not a required check (required: ci)',
    );
    expect(run({ rulesetChecks: ok(['lint']), protection: refused(403, 'x') }).status).toBe('failed');
  });

  it('is skipped, with how to check by hand, when only an admin could read it', () => {
    const check = run({ protection: refused(403, 'Resource not accessible by integration') });
    expect(check).toMatchObject({
      ok: true,
      status: 'skipped',
      fix: expect.stringMatching(/^check by hand: /),
    });
    // A 404 that is not "Branch not protected" is a token that cannot see the setting.
    expect(run({ protection: refused(404, 'Not Found') }).status).toBe('skipped');
  });
});

describe('admin-only settings', () => {
  it('actions-pull-requests: passes, fails, or is skipped without admin rights', () => {
    expect(checkActionsPullRequests(ok(true), undefined).status).toBe('ok');
    expect(checkActionsPullRequests(ok(false), undefined)).toMatchObject({
      status: 'failed',
      fix: expect.stringContaining('Allow GitHub Actions to create and approve pull requests'),
    });
    expect(checkActionsPullRequests(refused(403, 'Forbidden'), undefined).status).toBe('skipped');
  });

  it('slack-secret: a repository or organization secret passes; none fails; unreadable is skipped', () => {
    expect(checkSlackSecret(ok(['SLACK_BOT_TOKEN']), ok([]), REPO, undefined).status).toBe('ok');
    expect(checkSlackSecret(ok([]), ok(['SLACK_BOT_TOKEN']), REPO, undefined).detail).toMatch(/organization/);
    expect(checkSlackSecret(ok(['OTHER']), ok([]), REPO, undefined)).toMatchObject({
      status: 'failed',
      fix: expect.stringContaining('gh secret set SLACK_BOT_TOKEN --repo acme/oncall'),
    });
    expect(checkSlackSecret(refused(403, 'x'), refused(403, 'x'), REPO, undefined).status).toBe('skipped');
    expect(checkSlackSecret(ok([]), refused(403, 'x'), REPO, undefined).status).toBe('skipped');
  });

  it('fail, pointing at the token, when GitHub cannot be read at all', () => {
    const blocker = { why: 'GITHUB_TOKEN is not set', fix: 'see github-token' };
    expect(checkActionsPullRequests(undefined, blocker)).toMatchObject({
      status: 'failed',
      detail: 'not checked: GITHUB_TOKEN is not set',
      fix: 'see github-token',
    });
  });
});
