/**
 * Claims by marked comment on the local GitHub emulator: of runs at once, exactly one wins and one
 * comment is left; a claim already there is another run's (the first incident record, the
 * handoff's Slack post are never retried from a claim).
 */
import { describe, expect, it } from 'vitest';
import { claimMarkedComment } from '../../src/io/github/marked-comment.js';
import { productionClient, TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';

const gh = useGitHubEmulator();
const REPO = `${TEST_REPO.owner}/${TEST_REPO.repo}`;

function client() {
  return productionClient(gh.gh.url);
}

function setup() {
  const issue = gh.gh.seed.issue(REPO, { title: 'incident', author: 'ana' });
  const target = { ...TEST_REPO, issue_number: issue.number, botLogin: gh.gh.bot.login, marker: 'job:1' };
  const comments = () =>
    [...(gh.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo)?.comments.values() ?? [])].filter((comment) =>
      comment.body.includes('oncall-as-code:job:1'),
    );
  return { target, comments };
}

describe('claimMarkedComment', () => {
  it('five runs at once: one wins, one comment is left', async () => {
    const { target, comments } = setup();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => claimMarkedComment(client(), target, `run ${i}`)),
    );
    expect(results.filter((result) => result.won)).toHaveLength(1);
    expect(comments()).toHaveLength(1);
  });

  it('a claim already there is another run’s: this run stands back and leaves it as it is', async () => {
    const { target, comments } = setup();
    gh.gh.seed.comment(REPO, target.issue_number, {
      author: gh.gh.bot.login,
      body: '<!-- oncall-as-code:job:1 -->\nPosting to Slack…',
    });
    expect(await claimMarkedComment(client(), target, 'mine')).toEqual({ won: false });
    expect(comments().map((comment) => comment.body)).toEqual([
      '<!-- oncall-as-code:job:1 -->\nPosting to Slack…',
    ]);
  });

  it('a 502 after GitHub made the comment: the run knows it as its own by the nonce and holds the claim', async () => {
    const { target, comments } = setup();
    gh.gh.inject({
      method: 'POST',
      path: '/repos/{owner}/{repo}/issues/{n}/comments',
      kind: 'status',
      status: 502,
      afterWrite: true,
    });
    expect(await claimMarkedComment(client(), target, 'first')).toEqual({
      won: true,
    });
    expect(gh.gh.log.some((entry) => entry.fault)).toBe(true);
    expect(comments()).toHaveLength(1);
  });
});
