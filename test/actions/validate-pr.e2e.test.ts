/**
 * The validate-pr action as the runner runs it: its committed bundle in a node process, a real
 * recorded pull_request / pull_request_review payload, the local GitHub emulator behind the real
 * Octokit, and two checkouts (base and head) on disk.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { runActionBundle, webhookExample } from '../helpers/action-runner.js';
import { TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';
import { makeRepo, smallRepoFiles } from '../helpers/repo.js';

const REPO = `${TEST_REPO.owner}/${TEST_REPO.repo}`;
const NOW = '2027-01-05T12:00:00-05:00';
const SCHEDULE = 'rotations/ops/schedule.yaml';

/** ben trades with cy: cy takes 2027-02-22 from ben; ben takes 2027-02-15 from cy. */
function checkouts(): { base: string; head: string } {
  const base = makeRepo(smallRepoFiles());
  const head = makeRepo(smallRepoFiles());
  const files = smallRepoFiles();
  const swapped = (files[SCHEDULE] as string)
    .replace(
      '{ start: 2027-02-15, primary: ana, secondary: cy }',
      '{ start: 2027-02-15, primary: ana, secondary: ben }',
    )
    .replace(
      '{ start: 2027-02-22, primary: ben, secondary: dee }',
      '{ start: 2027-02-22, primary: cy, secondary: dee }',
    );
  writeFileSync(path.join(head, SCHEDULE), swapped);
  return { base, head };
}

function pullEvent(
  gh: GitHubEmulator,
  number: number,
  eventName: 'pull_request' | 'pull_request_review',
  action: string,
) {
  const event = webhookExample(eventName, action);
  const pull = gh.store.pull(gh.store.repo(TEST_REPO.owner, TEST_REPO.repo)!, number);
  event.repository.name = TEST_REPO.repo;
  event.repository.full_name = REPO;
  event.repository.owner.login = TEST_REPO.owner;
  event.pull_request.number = number;
  event.pull_request.user.login = pull.user.login;
  event.pull_request.head.sha = pull.pull.head.sha;
  event.pull_request.base.sha = pull.pull.base.sha;
  if ('number' in event) event.number = number;
  return event;
}

async function runCheck(
  gh: GitHubEmulator,
  dirs: { base: string; head: string },
  event: unknown,
  eventName: string,
) {
  return runActionBundle({
    action: 'validate-pr',
    event,
    eventName,
    apiUrl: gh.url,
    repository: REPO,
    inputs: {
      'github-token': 'test-token',
      'base-root': dirs.base,
      'head-root': dirs.head,
      'bot-login': gh.bot.login,
    },
    env: { ONCALL_NOW: NOW, ONCALL_RETRY_BASE_MS: '1', ONCALL_PACING: 'off' },
  });
}

function botComments(gh: GitHubEmulator, number: number) {
  const repo = gh.store.repo(TEST_REPO.owner, TEST_REPO.repo)!;
  return gh.store
    .commentsOn(repo, gh.store.issue(repo, number))
    .filter((comment) => comment.user.login === gh.bot.login);
}

describe('validate-pr, end to end', () => {
  const fixture = useGitHubEmulator();

  it('fails a swap until the other person approves; one comment after three pushes', async () => {
    const { gh } = fixture;
    const dirs = checkouts();
    const pr = gh.seed.pull(REPO, { title: 'Trade with cy', head: 'trade', author: 'ben' });

    const first = await runCheck(
      gh,
      dirs,
      pullEvent(gh, pr.number, 'pull_request', 'opened'),
      'pull_request',
    );
    expect(first.code).toBe(1);
    expect(first.outputs.ok).toBe('false');
    expect(first.outputs.summary).toContain('@cy');
    expect(first.stdout).toContain('waiting for approval from @cy');
    expect(first.summary).toContain('ben takes 2027-02-15 from cy; cy takes 2027-02-22 from ben');

    for (let push = 0; push < 2; push += 1) {
      gh.seed.push(REPO, pr.number);
      const again = await runCheck(
        gh,
        dirs,
        pullEvent(gh, pr.number, 'pull_request', 'synchronize'),
        'pull_request',
      );
      expect(again.code).toBe(1);
    }
    expect(botComments(gh, pr.number)).toHaveLength(1);
    expect(botComments(gh, pr.number)[0]?.body).toContain('must approve');

    gh.seed.review(REPO, pr.number, { author: 'cy', event: 'APPROVE' });
    const approved = await runCheck(
      gh,
      dirs,
      pullEvent(gh, pr.number, 'pull_request_review', 'submitted'),
      'pull_request_review',
    );
    expect(approved.stderr).toBe('');
    expect(approved.code).toBe(0);
    expect(approved.outputs.ok).toBe('true');
    const comments = botComments(gh, pr.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('On-call change check passed');
  });

  it('an approval of an older commit is not consent', async () => {
    const { gh } = fixture;
    const dirs = checkouts();
    const pr = gh.seed.pull(REPO, { title: 'Trade with cy', head: 'trade', author: 'ben' });
    gh.seed.review(REPO, pr.number, { author: 'cy', event: 'APPROVE' });
    gh.seed.push(REPO, pr.number);
    const run = await runCheck(
      gh,
      dirs,
      pullEvent(gh, pr.number, 'pull_request', 'synchronize'),
      'pull_request',
    );
    expect(run.code).toBe(1);
    expect(run.outputs.summary).toContain('@cy');
  });

  it('annotates an edit to history on its line', async () => {
    const { gh } = fixture;
    const dirs = checkouts();
    // 2027-01-04's shift has ended by 2027-01-12: changing it rewrites history.
    const files = smallRepoFiles();
    writeFileSync(
      path.join(dirs.head, SCHEDULE),
      (files[SCHEDULE] as string).replace(
        '{ start: 2027-01-04, primary: ana, secondary: ben }',
        '{ start: 2027-01-04, primary: ana, secondary: fay }',
      ),
    );
    const pr = gh.seed.pull(REPO, { title: 'Fix the record', head: 'history', author: 'ben' });
    const run = await runActionBundle({
      action: 'validate-pr',
      event: pullEvent(gh, pr.number, 'pull_request', 'opened'),
      eventName: 'pull_request',
      apiUrl: gh.url,
      repository: REPO,
      inputs: {
        'github-token': 'test-token',
        'base-root': dirs.base,
        'head-root': dirs.head,
        'bot-login': gh.bot.login,
      },
      env: { ONCALL_NOW: '2027-01-12T12:00:00-05:00', ONCALL_RETRY_BASE_MS: '1', ONCALL_PACING: 'off' },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error title=edit-to-past,file=rotations\/ops\/schedule\.yaml,line=3,col=\d+::/,
    );
  });

  it('passes at once, without a comment, when no file changed', async () => {
    const { gh } = fixture;
    const base = makeRepo(smallRepoFiles());
    const head = makeRepo(smallRepoFiles());
    const pr = gh.seed.pull(REPO, { title: 'Docs', head: 'docs', author: 'ana' });
    const run = await runCheck(
      gh,
      { base, head },
      pullEvent(gh, pr.number, 'pull_request', 'opened'),
      'pull_request',
    );
    expect(run.code).toBe(0);
    expect(run.outputs.summary).toBe('No file changed');
    expect(botComments(gh, pr.number)).toHaveLength(0);
  });
});

describe('validate-pr: consent gathered from GitHub', () => {
  const fixture = useGitHubEmulator();

  it("someone else's commit voids the author's consent; /approve-change on the head restores it, an edited one does not", async () => {
    const { gh } = fixture;
    const dirs = checkouts();
    const pr = gh.seed.pull(REPO, { title: 'Trade with cy', head: 'trade', author: 'ben' });
    gh.seed.push(REPO, pr.number, undefined, { by: 'dee' });
    gh.seed.review(REPO, pr.number, { author: 'cy', event: 'APPROVE' });
    const event = () => pullEvent(gh, pr.number, 'pull_request', 'synchronize');

    const pushedByDee = await runCheck(gh, dirs, event(), 'pull_request');
    expect(pushedByDee.code).toBe(1);
    expect(pushedByDee.outputs.summary).toContain('@ben');
    expect(pushedByDee.outputs.summary).not.toContain('@cy');

    const head = gh.store.pull(gh.store.repo(TEST_REPO.owner, TEST_REPO.repo)!, pr.number).pull.head.sha;
    // Someone with write access edits ben's old command to name the new head: it no longer counts.
    const forged = gh.seed.comment(REPO, pr.number, { author: 'ben', body: `/approve-change ${head}` });
    forged.updatedAt = new Date(forged.createdAt.getTime() + 60_000);
    expect((await runCheck(gh, dirs, event(), 'pull_request')).code).toBe(1);

    gh.seed.comment(REPO, pr.number, { author: 'ben', body: `/approve-change ${'0'.repeat(40)}` });
    expect((await runCheck(gh, dirs, event(), 'pull_request')).code).toBe(1);

    gh.seed.comment(REPO, pr.number, { author: 'ben', body: `/approve-change ${head}\nafter dee's fix` });
    const agreed = await runCheck(gh, dirs, event(), 'pull_request');
    expect(agreed.code).toBe(0);
    expect(agreed.summary).toContain('ben (command)');
  });

  it("a commit GitHub cannot tie to an account voids the author's consent", async () => {
    const { gh } = fixture;
    const dirs = checkouts();
    const pr = gh.seed.pull(REPO, { title: 'Trade with cy', head: 'trade', author: 'ben' });
    gh.seed.push(REPO, pr.number, undefined, { by: null });
    gh.seed.review(REPO, pr.number, { author: 'cy', event: 'APPROVE' });
    const run = await runCheck(
      gh,
      dirs,
      pullEvent(gh, pr.number, 'pull_request', 'synchronize'),
      'pull_request',
    );
    expect(run.code).toBe(1);
    expect(run.outputs.summary).toContain('@ben');
  });

  it('a workflow change needs a code owner from the base CODEOWNERS, not from the head', async () => {
    const { gh } = fixture;
    const files = {
      ...smallRepoFiles(),
      '.github/CODEOWNERS': '/.github/ @ana\n',
      '.github/workflows/validate-pr.yml': 'name: validate-pr\n',
    };
    const base = makeRepo(files);
    const head = makeRepo({
      ...files,
      '.github/CODEOWNERS': '* @ben\n',
      '.github/workflows/validate-pr.yml': 'name: replaced\n',
    });
    const pr = gh.seed.pull(REPO, { title: 'Simplify CI', head: 'ci', author: 'ben' });
    gh.seed.review(REPO, pr.number, { author: 'cy', event: 'APPROVE' });
    const refused = await runCheck(
      gh,
      { base, head },
      pullEvent(gh, pr.number, 'pull_request', 'opened'),
      'pull_request',
    );
    expect(refused.code).toBe(1);
    expect(refused.outputs.summary).toContain('a code owner (@ana)');
    expect(botComments(gh, pr.number)).toHaveLength(1);

    gh.seed.review(REPO, pr.number, { author: 'ana', event: 'APPROVE' });
    const approved = await runCheck(
      gh,
      { base, head },
      pullEvent(gh, pr.number, 'pull_request_review', 'submitted'),
      'pull_request_review',
    );
    expect(approved.code).toBe(0);
    expect(approved.summary).toContain('ana (code owner, review)');
  });

  it('where the base names no admin, a policy change needs an approver GitHub says is a repository admin', async () => {
    const { gh } = fixture;
    const files = smallRepoFiles();
    const base = makeRepo(files);
    const head = makeRepo({
      ...files,
      'rotations/ops/rotation.yaml': `${files['rotations/ops/rotation.yaml']}holidays: US\n`,
    });
    const pr = gh.seed.pull(REPO, { title: 'Holidays', head: 'holidays', author: 'ben' });
    gh.seed.review(REPO, pr.number, { author: 'cy', event: 'APPROVE' });
    const byWriter = await runCheck(
      gh,
      { base, head },
      pullEvent(gh, pr.number, 'pull_request', 'opened'),
      'pull_request',
    );
    expect(byWriter.code).toBe(1);
    expect(byWriter.outputs.summary).toContain('a repository admin');

    gh.seed.role(REPO, 'cy', 'admin');
    const byAdmin = await runCheck(
      gh,
      { base, head },
      pullEvent(gh, pr.number, 'pull_request', 'opened'),
      'pull_request',
    );
    expect(byAdmin.code).toBe(0);
    expect(gh.log.some((entry) => entry.path.endsWith('/collaborators/cy/permission'))).toBe(true);
  });
});

describe('validate-pr on a fork’s pull request', () => {
  const fixture = useGitHubEmulator();

  it('the read-only token cannot comment: the check result, annotations and summary still stand', async () => {
    const { gh } = fixture;
    const dirs = checkouts();
    const pr = gh.seed.pull(REPO, { title: 'Trade with cy', head: 'trade', author: 'ben' });
    gh.inject({
      method: 'POST',
      path: '/repos/{owner}/{repo}/issues/{n}/comments',
      kind: 'status',
      status: 403,
      message: 'Resource not accessible by integration',
    });
    const run = await runCheck(gh, dirs, pullEvent(gh, pr.number, 'pull_request', 'opened'), 'pull_request');
    expect(run.code).toBe(1);
    expect(run.outputs.ok).toBe('false');
    expect(run.summary).toContain('ben takes 2027-02-15 from cy; cy takes 2027-02-22 from ben');
    expect(run.stdout).toContain('could not comment on the pull request (read-only token');
    expect(botComments(gh, pr.number)).toHaveLength(0);
  });
});

describe('validate-pr under faults', () => {
  const fixture = useGitHubEmulator();

  it('a 502 after the comment was created still ends with one comment and the right result', async () => {
    const { gh } = fixture;
    const dirs = checkouts();
    const pr = gh.seed.pull(REPO, { title: 'Trade with cy', head: 'trade', author: 'ben' });
    gh.seed.review(REPO, pr.number, { author: 'cy', event: 'APPROVE' });
    gh.inject({
      method: 'POST',
      path: '/repos/{owner}/{repo}/issues/{n}/comments',
      kind: 'status',
      status: 502,
      afterWrite: true,
    });
    const run = await runCheck(gh, dirs, pullEvent(gh, pr.number, 'pull_request', 'opened'), 'pull_request');
    expect(run.code).toBe(0);
    expect(run.outputs.ok).toBe('true');
    expect(botComments(gh, pr.number)).toHaveLength(1);
    expect(gh.pendingFaults()).toEqual([]);
    // The write was applied before the 502; the bot found its comment instead of posting again.
    const posts = gh.log.filter((entry) => entry.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.applied).toBe(true);
  });

  it('a 403 secondary rate limit with Retry-After is waited out: one comment, correct result', async () => {
    const { gh } = fixture;
    const dirs = checkouts();
    const pr = gh.seed.pull(REPO, { title: 'Trade with cy', head: 'trade', author: 'ben' });
    gh.inject({
      method: 'GET',
      path: '/repos/{owner}/{repo}/pulls/{n}/reviews',
      kind: 'secondary-rate-limit',
      status: 403,
      retryAfter: 2,
    });
    gh.inject({
      method: 'POST',
      path: '/repos/{owner}/{repo}/issues/{n}/comments',
      kind: 'secondary-rate-limit',
      status: 403,
      retryAfter: 1,
    });
    const run = await runCheck(gh, dirs, pullEvent(gh, pr.number, 'pull_request', 'opened'), 'pull_request');
    expect(run.code).toBe(1);
    expect(run.outputs.summary).toContain('@cy');
    expect(botComments(gh, pr.number)).toHaveLength(1);
    expect(gh.pendingFaults()).toEqual([]);
    expect(run.stdout).toContain('secondary rate limit');
  });
});
