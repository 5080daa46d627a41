/**
 * The GitHub emulator through the real Octokit (retry + throttling plugins) over real HTTP on
 * loopback: the REST subset the project uses, OpenAPI checking, fault injection, the request log
 * and conditional requests. Every test fails if the emulator recorded a violation it did not take.
 */
import { describe, expect, it } from 'vitest';
import { type GitHubEmulator, startGitHubEmulator } from '../../src/emulators/github/index.js';
import { makeOctokit, productionClient, TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';

const REPO = `${TEST_REPO.owner}/${TEST_REPO.repo}`;
const env = useGitHubEmulator();

/** What Octokit rejects with for an HTTP error (its RequestError, named "HttpError"). */
interface HttpError extends Error {
  status: number;
  response?: { data: unknown; headers: Record<string, string | undefined> };
}

/** The rejection of `promise` as Octokit's HTTP error (fails the test if it resolved). */
async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toMatchObject({ name: 'HttpError', status: expect.any(Number) });
  return error as HttpError;
}

describe('repository and authenticated user', () => {
  it('serves the repository and the bot as GET /user, on loopback only', async () => {
    const { gh, octokit } = env;
    expect(gh.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const repo = await octokit.rest.repos.get(TEST_REPO);
    expect(repo.data).toMatchObject({ full_name: REPO, default_branch: 'main', private: false });
    expect(repo.data.url.startsWith(gh.url)).toBe(true);
    const me = await octokit.rest.users.getAuthenticated();
    expect(me.data).toMatchObject({ login: 'oncall-bot[bot]', type: 'Bot' });
    expect((await rejection(octokit.rest.repos.get({ owner: 'acme', repo: 'missing' }))).status).toBe(404);
  });

  it('acts as the user a token belongs to', async () => {
    const me = await env.as('alice').rest.users.getAuthenticated();
    expect(me.data.login).toBe('alice');
  });
});

describe('issues', () => {
  it('creates, reads and updates an issue, with labels, assignees and state', async () => {
    const { octokit } = env;
    const created = await octokit.rest.issues.create({
      ...TEST_REPO,
      title: 'Gravity is down',
      body: 'All requests fail',
      labels: ['incident', 'sev:1'],
      assignees: ['alice'],
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      number: 1,
      state: 'open',
      title: 'Gravity is down',
      user: { login: 'oncall-bot[bot]' },
      assignees: [{ login: 'alice' }],
      html_url: `https://github.com/${REPO}/issues/1`,
    });
    expect(created.data.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual([
      'incident',
      'sev:1',
    ]);
    expect(created.data.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const updated = await octokit.rest.issues.update({
      ...TEST_REPO,
      issue_number: 1,
      title: 'Gravity was down',
      labels: ['incident', 'sev:2'],
      assignees: ['bob'],
      state: 'closed',
      state_reason: 'completed',
    });
    expect(updated.data).toMatchObject({
      title: 'Gravity was down',
      state: 'closed',
      state_reason: 'completed',
      assignees: [{ login: 'bob' }],
      closed_by: { login: 'oncall-bot[bot]' },
    });
    expect(updated.data.closed_at).not.toBeNull();

    const read = await octokit.rest.issues.get({ ...TEST_REPO, issue_number: 1 });
    expect(read.data.title).toBe('Gravity was down');
    expect((await rejection(octokit.rest.issues.get({ ...TEST_REPO, issue_number: 99 }))).status).toBe(404);
  });

  it('lists issues by state, labels and since, newest first; issues and pulls share numbers', async () => {
    const { gh, octokit } = env;
    gh.seed.issue(REPO, {
      title: 'old',
      author: 'carol',
      labels: ['bug'],
      at: new Date('2026-01-01T00:00:00Z'),
    });
    gh.seed.pull(REPO, { title: 'trade', head: 'trade-1', author: 'dana' });
    gh.seed.issue(REPO, { title: 'new', author: 'carol', labels: ['incident', 'sev:1'] });
    gh.seed.issue(REPO, { title: 'done', author: 'carol', labels: ['incident'], state: 'closed' });

    const open = await octokit.rest.issues.listForRepo(TEST_REPO);
    expect(open.data.map((i) => [i.number, i.title])).toEqual([
      [3, 'new'],
      [2, 'trade'],
      [1, 'old'],
    ]);
    expect(open.data.find((i) => i.number === 2)?.pull_request).toBeDefined();

    const incidents = await octokit.rest.issues.listForRepo({
      ...TEST_REPO,
      state: 'all',
      labels: 'incident',
    });
    expect(incidents.data.map((i) => i.title)).toEqual(['done', 'new']);
    const both = await octokit.rest.issues.listForRepo({ ...TEST_REPO, labels: 'incident,sev:1' });
    expect(both.data.map((i) => i.title)).toEqual(['new']);
    const recent = await octokit.rest.issues.listForRepo({ ...TEST_REPO, since: '2026-06-01T00:00:00Z' });
    expect(recent.data.map((i) => i.title)).not.toContain('old');
    const mine = await octokit.rest.issues.listForRepo({ ...TEST_REPO, state: 'all', creator: 'dana' });
    expect(mine.data.map((i) => i.number)).toEqual([2]);
  });

  it('paginates with Link headers that octokit.paginate follows', async () => {
    const { gh, octokit } = env;
    for (let n = 1; n <= 7; n++) gh.seed.issue(REPO, { title: `issue ${n}`, author: 'carol' });

    const first = await octokit.rest.issues.listForRepo({ ...TEST_REPO, per_page: 3 });
    expect(first.data).toHaveLength(3);
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain('page=3');

    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...TEST_REPO, per_page: 3 });
    expect(all.map((i) => i.number)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    const pages = gh.requests('GET', `/repos/${REPO}/issues`).slice(1);
    expect(pages.map((e) => e.query.page ?? '1')).toEqual(['1', '2', '3']);
  });

  it('adds and removes assignees', async () => {
    const { gh, octokit } = env;
    gh.seed.issue(REPO, { title: 'page me', author: 'carol' });
    const added = await octokit.rest.issues.addAssignees({
      ...TEST_REPO,
      issue_number: 1,
      assignees: ['alice', 'bob'],
    });
    expect(added.status).toBe(201);
    expect(added.data.assignees?.map((u) => u.login)).toEqual(['alice', 'bob']);
    const removed = await octokit.rest.issues.removeAssignees({
      ...TEST_REPO,
      issue_number: 1,
      assignees: ['alice'],
    });
    expect(removed.data.assignees?.map((u) => u.login)).toEqual(['bob']);
    expect(removed.data.assignee?.login).toBe('bob');
  });
});

describe('comments', () => {
  it('creates, lists (since, pages), reads, updates and deletes comments', async () => {
    const { gh, octokit } = env;
    gh.seed.repo({ owner: 'other', name: 'repo' });
    const issue = gh.seed.issue(REPO, { title: 'incident', author: 'carol' });
    gh.seed.comment(REPO, issue.number, {
      body: 'early',
      author: 'carol',
      at: new Date('2026-01-01T00:00:00Z'),
    });
    const created = await octokit.rest.issues.createComment({
      ...TEST_REPO,
      issue_number: 1,
      body: 'Paged alice',
    });
    expect(created.status).toBe(201);
    expect(created.data.html_url).toBe(`https://github.com/${REPO}/issues/1#issuecomment-${created.data.id}`);

    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      ...TEST_REPO,
      issue_number: 1,
      per_page: 1,
    });
    expect(all.map((c) => c.body)).toEqual(['early', 'Paged alice']);
    const since = await octokit.rest.issues.listComments({
      ...TEST_REPO,
      issue_number: 1,
      since: '2026-06-01T00:00:00Z',
    });
    expect(since.data.map((c) => c.body)).toEqual(['Paged alice']);

    const id = created.data.id;
    await octokit.rest.issues.updateComment({
      ...TEST_REPO,
      comment_id: id,
      body: 'Paged alice; acknowledged',
    });
    const read = await octokit.rest.issues.getComment({ ...TEST_REPO, comment_id: id });
    expect(read.data.body).toBe('Paged alice; acknowledged');
    expect((await octokit.rest.issues.get({ ...TEST_REPO, issue_number: 1 })).data.comments).toBe(2);

    const deleted = await octokit.rest.issues.deleteComment({ ...TEST_REPO, comment_id: id });
    expect(deleted.status).toBe(204);
    expect((await rejection(octokit.rest.issues.getComment({ ...TEST_REPO, comment_id: id }))).status).toBe(
      404,
    );
    expect((await octokit.rest.issues.get({ ...TEST_REPO, issue_number: 1 })).data.comments).toBe(1);
  });

  it("gives each author's association with the repository", async () => {
    const gh = await startGitHubEmulator({
      repos: [{ owner: 'acme', name: 'oncall', members: { alice: 'MEMBER' } }],
    });
    try {
      gh.seed.issue(REPO, { title: 'x', author: 'stranger' });
      gh.seed.comment(REPO, 1, { body: '/ack', author: 'alice' });
      gh.seed.comment(REPO, 1, { body: '/ack', author: 'stranger' });
      const { octokit } = makeOctokit(gh.url);
      const comments = await octokit.rest.issues.listComments({ ...TEST_REPO, issue_number: 1 });
      expect(comments.data.map((c) => [c.user?.login, c.author_association])).toEqual([
        ['alice', 'MEMBER'],
        ['stranger', 'NONE'],
      ]);
      expect(gh.violations).toEqual([]);
    } finally {
      await gh.close();
    }
  });
});

describe('labels', () => {
  it('creates, reads, renames, lists and deletes repository labels', async () => {
    const { octokit } = env;
    const created = await octokit.rest.issues.createLabel({
      ...TEST_REPO,
      name: 'sev:1',
      color: 'B60205',
      description: 'Downtime',
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ name: 'sev:1', color: 'b60205', description: 'Downtime' });
    const duplicate = await rejection(octokit.rest.issues.createLabel({ ...TEST_REPO, name: 'SEV:1' }));
    expect(duplicate.status).toBe(422);
    expect(duplicate.response?.data).toMatchObject({ errors: [{ code: 'already_exists' }] });

    expect((await octokit.rest.issues.getLabel({ ...TEST_REPO, name: 'sev:1' })).data.description).toBe(
      'Downtime',
    );
    const renamed = await octokit.rest.issues.updateLabel({
      ...TEST_REPO,
      name: 'sev:1',
      new_name: 'sev:downtime',
    });
    expect(renamed.data.name).toBe('sev:downtime');
    await octokit.rest.issues.createLabel({ ...TEST_REPO, name: 'incident', color: 'd93f0b' });
    const listed = await octokit.rest.issues.listLabelsForRepo(TEST_REPO);
    expect(listed.data.map((l) => l.name)).toEqual(['sev:downtime', 'incident']);

    expect((await octokit.rest.issues.deleteLabel({ ...TEST_REPO, name: 'sev:downtime' })).status).toBe(204);
    expect(
      (await rejection(octokit.rest.issues.getLabel({ ...TEST_REPO, name: 'sev:downtime' }))).status,
    ).toBe(404);
  });

  it('adds, sets and removes the labels of an issue, creating missing ones', async () => {
    const { gh, octokit } = env;
    gh.seed.labels(REPO, [{ name: 'incident', color: 'd93f0b' }]);
    gh.seed.issue(REPO, { title: 'x', author: 'carol', labels: ['incident'] });
    const added = await octokit.rest.issues.addLabels({
      ...TEST_REPO,
      issue_number: 1,
      labels: ['sev:2', 'system:gravity'],
    });
    expect(added.data.map((l) => l.name)).toEqual(['incident', 'sev:2', 'system:gravity']);
    expect(added.data[1]).toMatchObject({ color: 'ededed', description: null });

    const removed = await octokit.rest.issues.removeLabel({ ...TEST_REPO, issue_number: 1, name: 'sev:2' });
    expect(removed.data.map((l) => l.name)).toEqual(['incident', 'system:gravity']);
    const missing = await rejection(
      octokit.rest.issues.removeLabel({ ...TEST_REPO, issue_number: 1, name: 'sev:2' }),
    );
    expect(missing.status).toBe(404);

    const set = await octokit.rest.issues.setLabels({ ...TEST_REPO, issue_number: 1, labels: ['sev:1'] });
    expect(set.data.map((l) => l.name)).toEqual(['sev:1']);
    const onIssue = await octokit.rest.issues.listLabelsOnIssue({ ...TEST_REPO, issue_number: 1 });
    expect(onIssue.data.map((l) => l.name)).toEqual(['sev:1']);
  });
});

describe('search', () => {
  it('finds issues with repo:, is:, label:, in:title, author: and free text', async () => {
    const { gh, octokit } = env;
    gh.seed.repo({ owner: 'acme', name: 'elsewhere' });
    gh.seed.issue(REPO, {
      title: 'Gravity down',
      body: 'api 500s',
      author: 'carol',
      labels: ['incident', 'sev:1'],
    });
    gh.seed.issue(REPO, {
      title: 'Slow dashboard',
      body: 'gravity is slow',
      author: 'dana',
      labels: ['incident'],
    });
    gh.seed.issue(REPO, { title: 'Gravity flake', author: 'carol', labels: ['bug'], state: 'closed' });
    gh.seed.pull(REPO, { title: 'Gravity playbook', head: 'playbook', author: 'carol' });
    gh.seed.issue('acme/elsewhere', { title: 'Gravity elsewhere', author: 'carol', labels: ['incident'] });

    const search = async (q: string): Promise<string[]> =>
      (await octokit.rest.search.issuesAndPullRequests({ q })).data.items.map((i) => i.title);

    expect(await search(`repo:${REPO} is:issue is:open label:"sev:1"`)).toEqual(['Gravity down']);
    expect(await search(`repo:${REPO} is:issue gravity`)).toEqual([
      'Gravity flake',
      'Slow dashboard',
      'Gravity down',
    ]);
    expect(await search(`repo:${REPO} is:issue gravity in:title`)).toEqual(['Gravity flake', 'Gravity down']);
    expect(await search(`repo:${REPO} is:pr`)).toEqual(['Gravity playbook']);
    expect(await search(`repo:${REPO} is:closed author:carol`)).toEqual(['Gravity flake']);
    expect(await search(`repo:${REPO} label:incident -label:sev:1`)).toEqual(['Slow dashboard']);
    expect(await search('label:incident "gravity elsewhere"')).toEqual(['Gravity elsewhere']);

    const result = await octokit.rest.search.issuesAndPullRequests({ q: `repo:${REPO}`, per_page: 2 });
    expect(result.data).toMatchObject({ total_count: 4, incomplete_results: false });
    expect(result.data.items).toHaveLength(2);
    expect(result.headers.link).toContain('rel="next"');
  });

  it('refuses qualifiers it does not understand instead of ignoring them', async () => {
    const { gh, octokit } = env;
    const error = await rejection(
      octokit.rest.search.issuesAndPullRequests({ q: 'repo:acme/oncall milestone:v1' }),
    );
    expect(error.status).toBe(422);
    expect(gh.takeViolations()).toMatchObject([
      { kind: 'unsupported', operationId: 'search/issues-and-pull-requests' },
    ]);
  });
});

describe('pull requests', () => {
  it('creates, reads, lists (head, base, state) and updates pull requests', async () => {
    const { gh, octokit } = env;
    gh.seed.issue(REPO, { title: 'an issue first', author: 'carol' });
    const created = await octokit.rest.pulls.create({
      ...TEST_REPO,
      title: 'Trade: alice takes 2026-12-14',
      head: 'trade/alice-carol',
      base: 'main',
      body: 'Consent from both',
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      number: 2,
      state: 'open',
      merged: false,
      head: { ref: 'trade/alice-carol' },
    });
    expect(created.data.html_url).toBe(`https://github.com/${REPO}/pull/2`);
    expect(created.data.head.sha).toMatch(/^[0-9a-f]{40}$/);

    const again = await rejection(
      octokit.rest.pulls.create({ ...TEST_REPO, title: 'again', head: 'trade/alice-carol', base: 'main' }),
    );
    expect(again.status).toBe(422);
    expect(JSON.stringify(again.response?.data)).toContain('A pull request already exists');

    gh.seed.pull(REPO, { title: 'publish', head: 'publish', base: 'release', author: 'oncall-bot[bot]' });
    const byHead = await octokit.rest.pulls.list({ ...TEST_REPO, head: 'acme:trade/alice-carol' });
    expect(byHead.data.map((p) => p.number)).toEqual([2]);
    const byBase = await octokit.rest.pulls.list({ ...TEST_REPO, base: 'release' });
    expect(byBase.data.map((p) => p.title)).toEqual(['publish']);

    const closed = await octokit.rest.pulls.update({
      ...TEST_REPO,
      pull_number: 2,
      state: 'closed',
      title: 'Withdrawn',
    });
    expect(closed.data).toMatchObject({ state: 'closed', title: 'Withdrawn' });
    expect(
      (await octokit.rest.pulls.list({ ...TEST_REPO, state: 'closed' })).data.map((p) => p.number),
    ).toEqual([2]);
    expect((await octokit.rest.pulls.get({ ...TEST_REPO, pull_number: 2 })).data.title).toBe('Withdrawn');
    expect((await rejection(octokit.rest.pulls.get({ ...TEST_REPO, pull_number: 1 }))).status).toBe(404);
  });

  it('lists the files and reviews of a pull request; reviews carry the head commit', async () => {
    const { gh, octokit } = env;
    const pull = gh.seed.pull(REPO, {
      title: 'Trade',
      head: 'trade',
      author: 'carol',
      files: [
        {
          filename: 'rotations/engineering/schedule.yaml',
          status: 'modified',
          additions: 2,
          deletions: 2,
          patch: '@@ -1 +1 @@',
        },
      ],
    });
    const files = await octokit.rest.pulls.listFiles({ ...TEST_REPO, pull_number: pull.number });
    expect(files.data).toMatchObject([
      { filename: 'rotations/engineering/schedule.yaml', changes: 4, status: 'modified' },
    ]);

    const firstSha = pull.pull.head.sha;
    const approval = await env.as('alice').rest.pulls.createReview({
      ...TEST_REPO,
      pull_number: pull.number,
      event: 'APPROVE',
    });
    expect(approval.data).toMatchObject({ state: 'APPROVED', user: { login: 'alice' }, commit_id: firstSha });

    const newSha = gh.seed.push(REPO, pull.number);
    await octokit.rest.pulls.createReview({
      ...TEST_REPO,
      pull_number: pull.number,
      event: 'COMMENT',
      body: 'Checked',
    });
    const reviews = await octokit.rest.pulls.listReviews({ ...TEST_REPO, pull_number: pull.number });
    expect(reviews.data.map((r) => [r.user?.login, r.state, r.commit_id])).toEqual([
      ['alice', 'APPROVED', firstSha],
      ['oncall-bot[bot]', 'COMMENTED', newSha],
    ]);

    const own = await rejection(
      env.as('carol').rest.pulls.createReview({ ...TEST_REPO, pull_number: pull.number, event: 'APPROVE' }),
    );
    expect(own.status).toBe(422);
  });
});

describe('OpenAPI checking', () => {
  it('records a request body of the wrong type and answers 422', async () => {
    const { gh, octokit } = env;
    const error = await rejection(
      octokit.request('POST /repos/{owner}/{repo}/issues', {
        ...TEST_REPO,
        title: 'ok',
        labels: 'sev:1',
      } as never),
    );
    expect(error.status).toBe(422);
    const violations = gh.takeViolations();
    expect(violations).toEqual([
      expect.objectContaining({
        kind: 'body',
        method: 'POST',
        path: `/repos/${REPO}/issues`,
        operationId: 'issues/create',
      }),
    ]);
    expect(violations[0]?.message).toContain('/labels');
    expect(gh.store.repo('acme', 'oncall')?.issues.size).toBe(0);
  });

  it('records unknown keys in a body and misspelt query parameters', async () => {
    const { gh, octokit } = env;
    await rejection(
      octokit.request('POST /repos/{owner}/{repo}/issues', { ...TEST_REPO, title: 'x', lables: [] } as never),
    );
    await rejection(
      octokit.request('GET /repos/{owner}/{repo}/issues', { ...TEST_REPO, label: 'x' } as never),
    );
    expect(gh.takeViolations().map((v) => [v.kind, v.message])).toEqual([
      ['body', '(root): unknown key "lables"'],
      ['query', '(root): unknown key "label"'],
    ]);
  });

  it('records an unknown route and answers 404', async () => {
    const { gh, octokit } = env;
    const error = await rejection(octokit.request('GET /repos/{owner}/{repo}/no-such-thing', TEST_REPO));
    expect(error.status).toBe(404);
    expect(error.response?.data).toMatchObject({ message: 'Not Found' });
    expect(gh.takeViolations()).toMatchObject([
      { kind: 'unknown-route', path: `/repos/${REPO}/no-such-thing` },
    ]);

    const badNumber = octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
      ...TEST_REPO,
      issue_number: 'first' as unknown as number,
    });
    expect((await rejection(badNumber)).status).toBe(404);
    expect(gh.takeViolations()).toMatchObject([{ kind: 'path', operationId: 'issues/get' }]);
  });

  it('records a route GitHub has but the emulator does not implement', async () => {
    const { gh, octokit } = env;
    expect((await rejection(octokit.rest.repos.listBranches(TEST_REPO))).status).toBe(404);
    expect(gh.takeViolations()).toMatchObject([
      { kind: 'not-implemented', operationId: 'repos/list-branches' },
    ]);
  });
});

describe('fault injection', () => {
  it('5xx answers are retried by the retry plugin until they stop', async () => {
    const { gh, octokit } = env;
    gh.inject({ method: 'GET', path: '/repos/{owner}/{repo}', kind: 'status', status: 502, times: 2 });
    const repo = await octokit.rest.repos.get(TEST_REPO);
    expect(repo.status).toBe(200);
    expect(gh.requests('GET', `/repos/${REPO}`).map((e) => [e.status, e.fault])).toEqual([
      [502, 'status'],
      [502, 'status'],
      [200, undefined],
    ]);
    expect(gh.pendingFaults()).toEqual([]);
  });

  it('a 5xx that outlasts the retries reaches the caller, with Retry-After and the message', async () => {
    const { gh, octokit } = env;
    gh.inject({ path: '/repos/*/*/issues', kind: 'status', status: 503, retryAfter: 0, times: 3 });
    const error = await rejection(octokit.rest.issues.listForRepo(TEST_REPO));
    expect(error.status).toBe(503);
    expect(error.response?.headers['retry-after']).toBe('0');
    expect(error.message).toContain('Service Unavailable');
    expect(gh.requests('GET')).toHaveLength(3);
    gh.inject({ path: '/repos/*/*/issues', kind: 'status', status: 500 });
    expect(
      (await rejection(octokit.rest.issues.listForRepo({ ...TEST_REPO, request: { retries: 0 } }))).status,
    ).toBe(500);
  });

  it('404 and 429 are answered as asked: 404 is final, 429 is retried', async () => {
    const { gh, octokit } = env;
    gh.inject({ method: 'GET', path: '/repos/acme/oncall/labels', kind: 'status', status: 404 });
    expect((await rejection(octokit.rest.issues.listLabelsForRepo(TEST_REPO))).status).toBe(404);
    gh.inject({ method: 'GET', path: '/repos/acme/oncall/labels', kind: 'status', status: 429 });
    expect((await octokit.rest.issues.listLabelsForRepo(TEST_REPO)).status).toBe(200);
    expect(gh.requests('GET').map((e) => e.status)).toEqual([404, 429, 200]);
  });

  it('a secondary rate limit (403 + Retry-After) goes to onSecondaryRateLimit and is retried', async () => {
    const { gh, octokit, limits } = env;
    gh.inject({ method: 'POST', path: '/repos/**', kind: 'secondary-rate-limit', retryAfter: 7 });
    const created = await octokit.rest.issues.create({ ...TEST_REPO, title: 'after the limit' });
    expect(created.data.number).toBe(1);
    expect(limits.secondaryRateLimit).toEqual([{ retryAfter: 7, url: '/repos/{owner}/{repo}/issues' }]);
    const [limited, retried] = gh.requests('POST');
    expect(limited).toMatchObject({ status: 403, fault: 'secondary-rate-limit' });
    expect(retried).toMatchObject({ status: 201 });
  });

  it('a secondary rate limit can also come as 429, and is final when the handler declines', async () => {
    const { gh } = env;
    const { octokit, limits } = makeOctokit(gh.url, { limitRetries: 0 });
    gh.inject({ path: '/search/issues', kind: 'secondary-rate-limit', status: 429, retryAfter: 3 });
    const error = await rejection(
      octokit.rest.search.issuesAndPullRequests({ q: 'repo:acme/oncall', request: { retries: 0 } }),
    );
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/secondary rate limit/);
    expect(limits.secondaryRateLimit).toEqual([{ retryAfter: 3, url: '/search/issues' }]);
    expect(gh.requests('GET', '/search/issues')).toHaveLength(1);
  });

  it('the primary rate limit (x-ratelimit-remaining: 0) goes to onRateLimit with the reset', async () => {
    const { gh, octokit, limits } = env;
    gh.inject({
      path: '/repos/{owner}/{repo}/issues/{number}/comments',
      kind: 'rate-limit',
      resetInSeconds: 2,
    });
    gh.seed.issue(REPO, { title: 'x', author: 'carol' });
    await octokit.rest.issues.createComment({ ...TEST_REPO, issue_number: 1, body: 'hello' });
    expect(limits.rateLimit).toHaveLength(1);
    expect(limits.rateLimit[0]?.retryAfter).toBeGreaterThanOrEqual(2);
    const [limited] = gh.requests('POST');
    expect(limited).toMatchObject({ status: 403, fault: 'rate-limit' });
    expect(gh.store.repo('acme', 'oncall')?.comments.size).toBe(1);
  });

  it('latency delays the answer', async () => {
    const { gh, octokit } = env;
    gh.inject({ path: '/user', kind: 'latency', latencyMs: 120 });
    const started = performance.now();
    await octokit.rest.users.getAuthenticated();
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(gh.requests('GET', '/user')[0]).toMatchObject({ status: 200, fault: 'latency' });
  });

  it('"after write": the change is applied, then the client gets a 502 (a retry duplicates it)', async () => {
    const { gh, octokit } = env;
    gh.seed.issue(REPO, { title: 'incident', author: 'carol' });
    const path = `/repos/${REPO}/issues/1/comments`;
    gh.inject({ method: 'POST', path, kind: 'status', status: 502, afterWrite: true });
    const error = await rejection(
      octokit.rest.issues.createComment({
        ...TEST_REPO,
        issue_number: 1,
        body: 'Paged alice',
        request: { retries: 0 },
      }),
    );
    expect(error.status).toBe(502);
    const comments = await octokit.rest.issues.listComments({ ...TEST_REPO, issue_number: 1 });
    expect(comments.data.map((c) => c.body)).toEqual(['Paged alice']);
    expect(gh.requests('POST', path)[0]).toMatchObject({ status: 502, fault: 'status', applied: true });

    // With retries on, the retry plugin sends the write again: callers must make writes idempotent.
    gh.inject({ method: 'POST', path, kind: 'status', status: 502, afterWrite: true });
    await octokit.rest.issues.createComment({ ...TEST_REPO, issue_number: 1, body: 'Escalated' });
    const after = await octokit.rest.issues.listComments({ ...TEST_REPO, issue_number: 1 });
    expect(after.data.map((c) => c.body)).toEqual(['Paged alice', 'Escalated', 'Escalated']);
  });

  it('search can report incomplete results', async () => {
    const { gh, octokit } = env;
    gh.seed.issue(REPO, { title: 'x', author: 'carol' });
    gh.inject({ path: '/search/issues', kind: 'search-incomplete' });
    const partial = await octokit.rest.search.issuesAndPullRequests({ q: `repo:${REPO}` });
    expect(partial.data).toMatchObject({ incomplete_results: true, total_count: 1 });
    const full = await octokit.rest.search.issuesAndPullRequests({ q: `repo:${REPO}` });
    expect(full.data.incomplete_results).toBe(false);
  });
});

describe('request log', () => {
  it('records method, path, query, body, status, operation and arrival of every request', async () => {
    const { gh, octokit } = env;
    await octokit.rest.issues.create({ ...TEST_REPO, title: 'logged', labels: ['bug'] });
    await octokit.rest.issues.listForRepo({ ...TEST_REPO, state: 'all', per_page: 5 });
    await octokit.rest.issues.removeLabel({ ...TEST_REPO, issue_number: 1, name: 'bug' });
    expect(gh.log).toEqual([
      {
        method: 'POST',
        path: `/repos/${REPO}/issues`,
        query: {},
        body: { title: 'logged', labels: ['bug'] },
        status: 201,
        operationId: 'issues/create',
        receivedAt: expect.any(Number),
      },
      {
        method: 'GET',
        path: `/repos/${REPO}/issues`,
        query: { state: 'all', per_page: '5' },
        body: undefined,
        status: 200,
        operationId: 'issues/list-for-repo',
        receivedAt: expect.any(Number),
      },
      {
        method: 'DELETE',
        path: `/repos/${REPO}/issues/1/labels/bug`,
        query: {},
        body: undefined,
        status: 200,
        operationId: 'issues/remove-label',
        receivedAt: expect.any(Number),
      },
    ]);
  });
});

describe('conditional requests', () => {
  it('sends an ETag on GETs and 304 for a matching If-None-Match until the resource changes', async () => {
    const { gh, octokit } = env;
    gh.seed.issue(REPO, { title: 'watched', author: 'carol' });
    const first = await octokit.rest.issues.get({ ...TEST_REPO, issue_number: 1 });
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);

    const notModified = await rejection(
      octokit.rest.issues.get({ ...TEST_REPO, issue_number: 1, headers: { 'if-none-match': etag } }),
    );
    expect(notModified.status).toBe(304);

    await octokit.rest.issues.update({ ...TEST_REPO, issue_number: 1, title: 'changed' });
    const changed = await octokit.rest.issues.get({
      ...TEST_REPO,
      issue_number: 1,
      headers: { 'if-none-match': etag },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(gh.requests('GET').map((e) => e.status)).toEqual([200, 304, 200]);
  });

  it('uses the emulator clock for timestamps', async () => {
    const gh: GitHubEmulator = await startGitHubEmulator({
      repos: [{ owner: 'acme', name: 'oncall' }],
      now: () => new Date('2026-12-07T16:00:00.250Z'),
    });
    try {
      const { octokit } = makeOctokit(gh.url);
      const issue = await octokit.rest.issues.create({ ...TEST_REPO, title: 'at a fixed time' });
      expect(issue.data.created_at).toBe('2026-12-07T16:00:00Z');
      expect(gh.violations).toEqual([]);
    } finally {
      await gh.close();
    }
  });
});

describe('forcing overlap and waiting for late writes', () => {
  const emu = useGitHubEmulator();

  it('a barrier holds requests until all of them have arrived, then serves each', async () => {
    const client = productionClient(emu.gh.url);
    emu.gh.inject({ method: 'GET', path: '/repos/{owner}/{repo}/issues', kind: 'barrier', times: 3 });
    const arrivals: number[] = [];
    const answered: number[] = [];
    const read = async (delayMs: number) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      arrivals.push(Date.now());
      await client.rest.issues.listForRepo({ ...TEST_REPO });
      answered.push(Date.now());
    };
    await Promise.all([read(0), read(150), read(300)]);
    // No answer came before the last request arrived.
    expect(Math.min(...answered)).toBeGreaterThanOrEqual(Math.max(...arrivals));
    expect(emu.gh.pendingFaults()).toEqual([]);
  });

  it('a barrier that is never filled lets its requests go after its timeout', async () => {
    const client = productionClient(emu.gh.url);
    emu.gh.inject({
      method: 'GET',
      path: '/repos/{owner}/{repo}/issues',
      kind: 'barrier',
      times: 2,
      timeoutMs: 200,
    });
    const { data } = await client.rest.issues.listForRepo({ ...TEST_REPO });
    expect(data).toEqual([]);
  });

  it('settled() waits for a write whose client stopped waiting', async () => {
    const issue = emu.gh.seed.issue(`${TEST_REPO.owner}/${TEST_REPO.repo}`, { title: 't', author: 'ana' });
    emu.gh.inject({
      method: 'POST',
      path: '/repos/{owner}/{repo}/issues/{n}/comments',
      kind: 'latency',
      latencyMs: 400,
    });
    const client = productionClient(emu.gh.url, { requestTimeoutMs: 50 });
    await client.rest.issues
      .createComment({ ...TEST_REPO, issue_number: issue.number, body: 'late', request: { retries: 0 } })
      .catch(() => undefined);
    const comments = () => [...(emu.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo)?.comments.values() ?? [])];
    expect(comments()).toHaveLength(0);
    await emu.gh.settled();
    expect(comments().map((comment) => comment.body)).toEqual(['late']);
  });
});
