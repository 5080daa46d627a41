/**
 * A GitHub request that hangs is cut by the client's per-attempt timeout: a read is retried and
 * succeeds; a create is not re-sent by the client and fails as a 5xx, so its caller looks for it
 * again (the emulator applied nothing it was not asked once).
 */
import { describe, expect, it } from 'vitest';
import { NO_RETRY } from '../../src/io/github/client.js';
import { productionClient, TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';

const gh = useGitHubEmulator();

function client(requestTimeoutMs: number) {
  return productionClient(gh.gh.url, { requestTimeoutMs });
}

describe('the per-request timeout', () => {
  it('a read that hangs once is cut and retried, and the retry answers', async () => {
    gh.gh.inject({ method: 'GET', path: '/repos/{owner}/{repo}/issues', kind: 'latency', latencyMs: 2_000 });
    const started = Date.now();
    const { data } = await client(200).rest.issues.listForRepo({ ...TEST_REPO });
    expect(data).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_500);
    const reads = gh.gh.log.filter((entry) => entry.method === 'GET' && entry.path.endsWith('/issues'));
    expect(reads.length).toBeGreaterThanOrEqual(2);
  });

  it('a create that hangs fails with a 5xx status and is sent once', async () => {
    gh.gh.inject({ method: 'POST', path: '/repos/{owner}/{repo}/issues', kind: 'latency', latencyMs: 1_000 });
    const error = await client(200)
      .rest.issues.create({ ...TEST_REPO, title: 'x', ...NO_RETRY })
      .catch((err: { status?: number }) => err);
    expect((error as { status?: number }).status).toBeGreaterThanOrEqual(500);
    // Give the emulator time to finish the held request: it was sent once.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const creates = gh.gh.log.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/issues'));
    expect(creates).toHaveLength(1);
  });

  it('a timeout that is no number (a bad request-timeout-seconds input) falls back to the default', async () => {
    const { data } = await client(Number.NaN).rest.issues.listForRepo({ ...TEST_REPO });
    expect(data).toEqual([]);
    const zero = await client(0).rest.issues.listForRepo({ ...TEST_REPO });
    expect(zero.data).toEqual([]);
  });
});
