/**
 * GitHub answering something that is not its JSON (a proxy's HTML error page, with status 502 or
 * 200; a JSON answer cut off) through the real client against the emulator: a read is retried
 * and succeeds; when every attempt is malformed, or a create's answer is, the request fails as a
 * 5xx with a one-line message that names what came (never the page itself), so its caller does
 * what it does for a 5xx; a good answer is untouched.
 */
import { describe, expect, it } from 'vitest';
import { NO_RETRY } from '../../src/io/github/client.js';
import { productionClient, TEST_REPO, useGitHubEmulator } from '../helpers/github-emulator.js';

const gh = useGitHubEmulator();
const ISSUES = '/repos/{owner}/{repo}/issues';

const client = () => productionClient(gh.gh.url, {});

function failure(err: unknown): { status?: number; message: string } {
  const { status, message } = err as { status?: number; message: string };
  return { status, message };
}

describe('malformed GitHub answers', () => {
  it.each([
    ['an HTML page with status 200', 'html', 200],
    ['an HTML page with status 502', 'html', 502],
    ['JSON cut off, status 200', 'truncated-json', 200],
  ] as const)('%s on a read, once: retried, and the retry answers', async (_name, body, status) => {
    gh.gh.inject({ method: 'GET', path: ISSUES, kind: 'malformed', body, status });
    const { data } = await client().rest.issues.listForRepo({ ...TEST_REPO });
    expect(data).toEqual([]);
    const reads = gh.gh.log.filter((entry) => entry.method === 'GET' && entry.path.endsWith('/issues'));
    expect(reads).toHaveLength(2);
  });

  it.each([
    [
      'an HTML page with status 200',
      'html',
      200,
      502,
      /^GitHub answered 200 with text\/html instead of JSON/,
    ],
    [
      'an HTML page with status 502',
      'html',
      502,
      502,
      /^GitHub answered 502 with text\/html instead of JSON/,
    ],
    [
      'JSON cut off, status 200',
      'truncated-json',
      200,
      502,
      /^GitHub answered 200 with JSON cut off after \d+ characters/,
    ],
  ] as const)(
    '%s on every attempt: fails as a 502, with one line saying so',
    async (_n, body, status, want, message) => {
      gh.gh.inject({ method: 'GET', path: ISSUES, kind: 'malformed', body, status, times: 10 });
      const error = failure(
        await client()
          .rest.issues.listForRepo({ ...TEST_REPO })
          .catch((err) => err),
      );
      expect(error.status).toBe(want);
      expect(error.message).toMatch(message);
      expect(error.message).not.toMatch(/\n|<html|<!DOCTYPE/i);
    },
  );

  it('a create whose answer is cut off after the write: a 502, sent once, and the issue exists', async () => {
    gh.gh.inject({
      method: 'POST',
      path: ISSUES,
      kind: 'malformed',
      body: 'truncated-json',
      status: 201,
      afterWrite: true,
    });
    const error = failure(
      await client()
        .rest.issues.create({ ...TEST_REPO, title: 'Sev 1: gravity down', ...NO_RETRY })
        .catch((err) => err),
    );
    expect(error.status).toBe(502);
    const creates = gh.gh.log.filter((entry) => entry.method === 'POST' && entry.path.endsWith('/issues'));
    expect(creates).toHaveLength(1);
    // The caller looks for it again, as after any 5xx on a create: it is there.
    const { data } = await client().rest.issues.listForRepo({ ...TEST_REPO });
    expect(data.map((issue) => issue.title)).toEqual(['Sev 1: gravity down']);
  });

  it('good answers pass untouched, an empty one too', async () => {
    const created = await client().rest.issues.create({ ...TEST_REPO, title: 'x' });
    expect(created.status).toBe(201);
    expect(created.data.title).toBe('x');
    const comment = await client().rest.issues.createComment({
      ...TEST_REPO,
      issue_number: created.data.number,
      body: 'y',
    });
    const deleted = await client().rest.issues.deleteComment({ ...TEST_REPO, comment_id: comment.data.id });
    expect(deleted.status).toBe(204);
  });
});
