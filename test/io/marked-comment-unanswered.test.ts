/**
 * A comment create whose answer never comes (cut by the request timeout while GitHub still makes
 * it) is never created a second time: the run waits for it to land and takes it as made, or, when
 * it has not appeared, fails without sending it again.
 */
import { describe, expect, it } from 'vitest';
import { claimMarkedComment, upsertMarkedComment } from '../../src/io/github/marked-comment.js';
import { productionClient, TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';

const gh = useGitHubEmulator();
const REPO = `${TEST_REPO.owner}/${TEST_REPO.repo}`;
const COMMENTS = '/repos/{owner}/{repo}/issues/{n}/comments';

function setup(marker: string) {
  const issue = gh.gh.seed.issue(REPO, { title: 'incident', author: 'ana' });
  const target = { ...TEST_REPO, issue_number: issue.number, botLogin: gh.gh.bot.login, marker };
  const comments = () =>
    [...(gh.gh.store.repo(TEST_REPO.owner, TEST_REPO.repo)?.comments.values() ?? [])].filter((comment) =>
      comment.body.includes(`oncall-as-code:${marker} -->`),
    );
  const creates = () => gh.gh.requests('POST', /\/comments$/).length;
  return { target, comments, creates };
}

describe('a comment create that gets no answer', () => {
  it('upsert: lands 0.5 s after the 0.2 s timeout; found by waiting, made once', async () => {
    const { target, comments, creates } = setup('record');
    gh.gh.inject({ method: 'POST', path: COMMENTS, kind: 'latency', latencyMs: 500 });
    const result = await upsertMarkedComment(
      productionClient(gh.gh.url, { requestTimeoutMs: 200 }),
      target,
      'x',
    );
    await gh.gh.settled();
    expect(result.action).toBe('created');
    expect(comments()).toHaveLength(1);
    expect(creates()).toBe(1);
  });

  it('upsert: still not there after the waits; the run fails and sends nothing again', async () => {
    const { target, comments, creates } = setup('record');
    // 0.1 s timeout: the waits look at +0.1, +0.3 and +0.7 s; the comment lands at 1.5 s.
    gh.gh.inject({ method: 'POST', path: COMMENTS, kind: 'latency', latencyMs: 1_500 });
    const client = productionClient(gh.gh.url, { requestTimeoutMs: 100 });
    await expect(upsertMarkedComment(client, target, 'x')).rejects.toThrow(/got no answer.*not sent again/);
    await gh.gh.settled();
    expect(creates()).toBe(1);
    expect(comments()).toHaveLength(1);
    // The next run finds it and updates it in place.
    expect((await upsertMarkedComment(client, target, 'y')).action).toBe('updated');
    expect(comments()).toHaveLength(1);
  });

  it('a first-time claim (the first record): lands late, known as its own by the nonce, made once', async () => {
    const { target, comments, creates } = setup('incident-record');
    gh.gh.inject({ method: 'POST', path: COMMENTS, kind: 'latency', latencyMs: 500 });
    const client = productionClient(gh.gh.url, { requestTimeoutMs: 200 });
    expect(await claimMarkedComment(client, target, 'record')).toEqual({
      won: true,
    });
    await gh.gh.settled();
    expect(creates()).toBe(1);
    expect(comments()).toHaveLength(1);
  });

  it('the deadline passed with the create in flight: no wait past it, no second create', async () => {
    const { target, comments, creates } = setup('record');
    gh.gh.inject({ method: 'POST', path: COMMENTS, kind: 'latency', latencyMs: 800 });
    const client = productionClient(gh.gh.url, { deadline: Date.now() + 300 });
    const started = Date.now();
    await expect(upsertMarkedComment(client, target, 'x')).rejects.toThrow(/got no answer/);
    expect(Date.now() - started).toBeLessThan(700);
    await gh.gh.settled();
    expect(creates()).toBe(1);
    expect(comments()).toHaveLength(1);
  });
});
