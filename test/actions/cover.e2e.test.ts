/**
 * The cover action as the runner runs it (its committed bundle, a checkout on disk, the GitHub
 * emulator behind the real Octokit): a cover request gets one candidates comment; `/take` from a
 * candidate opens one override pull request whose validate-pr status is success; a repeated
 * `/take` opens nothing new; someone not eligible is told why.
 */
import { describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../src/emulators/github/index.js';
import { runActionBundle, webhookExample } from '../helpers/action-runner.js';
import { TEST_REPO, type TestOctokit, useGitHubEmulator } from '../helpers/github-emulator.js';
import { makeRepo, smallRepoFiles } from '../helpers/repo.js';

const REPO = `${TEST_REPO.owner}/${TEST_REPO.repo}`;
const SCHEDULE = 'rotations/ops/schedule.yaml';
// The schedule reaches 2027-03-01: at NOW it is published past the required horizon.
const NOW = '2027-01-20T12:00:00-05:00';

const FORM = (fields: { shift?: string; from?: string; to?: string; who?: string; why: string }) =>
  [
    `### Which shift?\n\n${fields.shift ?? '_No response_'}`,
    `### From\n\n${fields.from ?? '_No response_'}`,
    `### To\n\n${fields.to ?? '_No response_'}`,
    `### Who needs cover?\n\n${fields.who ?? '_No response_'}`,
    `### Why?\n\n${fields.why}`,
  ].join('\n\n');

async function run(gh: GitHubEmulator, root: string, eventName: string, event: unknown) {
  return runActionBundle({
    action: 'cover',
    event,
    eventName,
    apiUrl: gh.url,
    repository: REPO,
    inputs: { 'github-token': 'test-token', root, 'bot-login': gh.bot.login },
    env: {
      ONCALL_NOW: NOW,
      ONCALL_RETRY_BASE_MS: '1',
      ONCALL_PACING: 'off',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '7',
    },
  });
}

async function issueEvent(octokit: TestOctokit, number: number) {
  const event = webhookExample('issues', 'opened');
  const { data } = await octokit.rest.issues.get({ ...TEST_REPO, issue_number: number });
  event.issue = { ...event.issue, ...data };
  event.sender = data.user;
  return event;
}

async function commentEvent(
  gh: GitHubEmulator,
  octokit: TestOctokit,
  number: number,
  author: string,
  body: string,
) {
  const seeded = gh.seed.comment(REPO, number, { author, body });
  const event = webhookExample('issue_comment', 'created');
  const issue = await octokit.rest.issues.get({ ...TEST_REPO, issue_number: number });
  const comment = await octokit.rest.issues.getComment({ ...TEST_REPO, comment_id: seeded.id });
  event.issue = { ...event.issue, ...issue.data };
  event.comment = { ...event.comment, ...comment.data };
  event.sender = comment.data.user;
  return event;
}

function pulls(gh: GitHubEmulator) {
  const repo = gh.store.repo(TEST_REPO.owner, TEST_REPO.repo);
  if (!repo) throw new Error('no repository');
  return { repo, pulls: [...repo.issues.values()].filter((issue) => issue.pull) };
}

describe('cover requests, end to end', () => {
  const fixture = useGitHubEmulator({
    repos: [{ owner: TEST_REPO.owner, name: TEST_REPO.repo, files: smallRepoFiles() }],
  });

  it('request → candidates → /take → one pull request with a success status; /take again → no second', async () => {
    const { gh, octokit } = fixture;
    const root = makeRepo(smallRepoFiles());
    const issue = gh.seed.issue(REPO, {
      title: '[Cover]: my shift of Feb 15',
      author: 'ana',
      labels: ['cover-request'],
      body: FORM({ shift: '2027-02-15', why: 'family wedding' }),
    });

    const opened = await run(gh, root, 'issues', await issueEvent(octokit, issue.number));
    expect(opened.stderr).toBe('');
    expect(opened.code).toBe(0);
    // Delivered twice: still one comment.
    expect((await run(gh, root, 'issues', await issueEvent(octokit, issue.number))).code).toBe(0);
    const comments = (await octokit.rest.issues.listComments({ ...TEST_REPO, issue_number: issue.number }))
      .data;
    expect(comments).toHaveLength(1);
    const answer = comments[0]?.body ?? '';
    expect(answer).toContain('<!-- oncall-as-code:cover-candidates -->');
    expect(answer).toContain('Cover needed for @ana: Mon 2027-02-15 11:00 to Mon 2027-02-22 11:00');
    // cy is on call then (the secondary of that shift): not a candidate, and the reason is given.
    expect(answer).toMatch(
      /<details><summary>Not eligible<\/summary>\n\n- cy: already on call then \(the shift of 2027-02-15\)/,
    );
    const fairest = /Fairest first[^:]*: (.*)\./.exec(answer)?.[1]?.split(', ') ?? [];
    expect(fairest.map((login) => login.slice(1)).sort()).toEqual(['ben', 'dee', 'eli', 'fay']);

    // cy cannot take it, politely told why; no pull request.
    const refused = await run(
      gh,
      root,
      'issue_comment',
      await commentEvent(gh, octokit, issue.number, 'cy', '/take'),
    );
    expect(refused.code).toBe(0);
    expect(pulls(gh).pulls).toHaveLength(0);
    const refusal = (
      await octokit.rest.issues.listComments({ ...TEST_REPO, issue_number: issue.number })
    ).data.at(-1);
    expect(refusal?.body).toContain('Thanks @cy, but you cannot take this cover: already on call then');

    const taker = (fairest[0] ?? '').slice(1);
    const took = await run(
      gh,
      root,
      'issue_comment',
      await commentEvent(gh, octokit, issue.number, taker, '/take'),
    );
    expect(took.stderr).toBe('');
    expect(took.code).toBe(0);
    expect(took.outputs['pull-request']).toBeDefined();
    const after = pulls(gh);
    expect(after.pulls).toHaveLength(1);
    const pr = after.pulls[0];
    expect(pr?.pull?.head.ref).toBe(`oncall/cover-${issue.number}`);
    expect(pr?.body).toContain(`@${taker} covers @ana from Mon 2027-02-15 11:00 to Mon 2027-02-22 11:00`);
    expect(pr?.body).toContain(
      `- @ana asked for cover by opening #${issue.number}: the consent of the person covered.`,
    );
    expect(pr?.body).toContain(`- @${taker} took it with \`/take\``);

    // The branch's schedule.yaml is main's plus one override line at the end, every other byte kept.
    const head = gh.store.branchHead(after.repo, `oncall/cover-${issue.number}`);
    const text = head?.files.get(SCHEDULE)?.content.toString('utf8');
    expect(text).toBe(
      `${smallRepoFiles()[SCHEDULE]}overrides:\n  - { from: 2027-02-15T11:00, to: 2027-02-22T11:00, replace: ana, with: ${taker}, reason: "cover request #${issue.number}: family wedding" }\n`,
    );
    const status = await octokit.rest.repos.getCombinedStatusForRef({ ...TEST_REPO, ref: head?.sha ?? '' });
    expect(status.data.state).toBe('success');
    expect(status.data.statuses[0]).toMatchObject({ context: 'validate-pr', state: 'success' });

    const linked = (await octokit.rest.issues.listComments({ ...TEST_REPO, issue_number: issue.number }))
      .data;
    expect(linked.some((comment) => comment.body?.includes(`@${taker} takes it: #${pr?.number}`))).toBe(true);

    // Again, and from someone else: no second pull request.
    const again = await run(
      gh,
      root,
      'issue_comment',
      await commentEvent(gh, octokit, issue.number, taker, '/take'),
    );
    expect(again.code).toBe(0);
    const other = fairest[1]?.slice(1) ?? '';
    const late = await run(
      gh,
      root,
      'issue_comment',
      await commentEvent(gh, octokit, issue.number, other, '/take'),
    );
    expect(late.code).toBe(0);
    expect(pulls(gh).pulls).toHaveLength(1);
    expect(gh.requests('POST', '/repos/acme/oncall/pulls')).toHaveLength(1);
    const last = (
      await octokit.rest.issues.listComments({ ...TEST_REPO, issue_number: issue.number })
    ).data.at(-1);
    expect(last?.body).toContain(`Thanks @${other}, this cover is already taken: #${pr?.number}`);
  });

  it('hours of a shift, and a request the bot cannot read, are answered once', async () => {
    const { gh, octokit } = fixture;
    const root = makeRepo(smallRepoFiles());
    const hours = gh.seed.issue(REPO, {
      title: '[Cover]: Tuesday afternoon',
      author: 'cy',
      labels: ['cover-request'],
      body: FORM({ from: '2027-02-16T13:00', to: '2027-02-16T18:00', why: 'dentist' }),
    });
    expect((await run(gh, root, 'issues', await issueEvent(octokit, hours.number))).code).toBe(0);
    const answer = (await octokit.rest.issues.listComments({ ...TEST_REPO, issue_number: hours.number }))
      .data;
    expect(answer[0]?.body).toContain('Cover needed for @cy: Tue 2027-02-16 13:00 to Tue 2027-02-16 18:00');

    const wrong = gh.seed.issue(REPO, {
      title: '[Cover]: not mine',
      author: 'ben',
      labels: ['cover-request'],
      body: FORM({ shift: '2027-02-15', why: 'oops' }),
    });
    expect((await run(gh, root, 'issues', await issueEvent(octokit, wrong.number))).code).toBe(0);
    const said = (await octokit.rest.issues.listComments({ ...TEST_REPO, issue_number: wrong.number })).data;
    expect(said).toHaveLength(1);
    expect(said[0]?.body).toContain('ben is not on call in the shift of 2027-02-15');
  });
});
