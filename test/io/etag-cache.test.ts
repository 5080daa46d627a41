import { describe, expect, it } from 'vitest';
import { createGitHubClient } from '../../src/io/github/client.js';
import { TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';

describe('conditional requests', () => {
  const fixture = useGitHubEmulator();

  it('a second read of the same list is a 304 answered from the kept response; a write forgets it', async () => {
    const { gh } = fixture;
    const issue = gh.seed.issue(`${TEST_REPO.owner}/${TEST_REPO.repo}`, {
      title: 'Gravity down',
      author: 'carol',
    });
    gh.seed.comment(`${TEST_REPO.owner}/${TEST_REPO.repo}`, issue.number, { body: 'first', author: 'carol' });
    const github = createGitHubClient({
      token: 'test-token',
      baseUrl: gh.url,
      deadline: Date.now() + 10_000,
      pacing: false,
      retryAfterBaseValue: 1,
    });
    const params = { ...TEST_REPO, issue_number: issue.number };
    const first = await github.rest.issues.listComments(params);
    const second = await github.rest.issues.listComments(params);
    expect(second.data).toEqual(first.data);
    expect(gh.log.map((entry) => entry.status)).toEqual([200, 304]);

    await github.rest.issues.createComment({ ...params, body: 'second' });
    const third = await github.rest.issues.listComments(params);
    expect(third.data.map((comment) => comment.body)).toEqual(['first', 'second']);
    expect(gh.log.map((entry) => entry.status)).toEqual([200, 304, 201, 200]);
  });
});
