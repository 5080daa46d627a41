/**
 * Proposing a file change without git: a branch moved through the refs API and files written on
 * it through the contents API, one commit per file. Each write is safe to repeat: a create that
 * failed is checked before it is tried again (a 502 may come after the change was made), and a
 * file that already holds the wanted text is not written again.
 */
import { type GitHub, NO_RETRY } from './client.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

const ATTEMPTS = 3;

function statusOf(err: unknown): number {
  return (err as { status?: number }).status ?? 0;
}

/** The commit a branch points at, or undefined when there is no such branch. */
export async function branchSha(
  github: GitHub,
  target: RepoRef,
  branch: string,
): Promise<string | undefined> {
  try {
    const { data } = await github.rest.git.getRef({ ...target, ref: `heads/${branch}` });
    return data.object.sha;
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

/**
 * Points `branch` at `sha`: created there when missing, forced there otherwise, so whatever was
 * on it before is dropped. Returns what was done.
 */
export async function resetBranch(
  github: GitHub,
  target: RepoRef,
  branch: string,
  sha: string,
): Promise<'created' | 'reset' | 'unchanged'> {
  let lastError: unknown;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const current = await branchSha(github, target, branch);
    if (current === sha) return attempt === 0 ? 'unchanged' : 'created';
    if (current !== undefined) {
      // A forced move to a given sha is idempotent: the client may retry it.
      await github.rest.git.updateRef({ ...target, ref: `heads/${branch}`, sha, force: true });
      return 'reset';
    }
    try {
      await github.rest.git.createRef({ ...target, ref: `refs/heads/${branch}`, sha, ...NO_RETRY });
      return 'created';
    } catch (err) {
      // 422: it appeared meanwhile; 5xx: it may have been made. Look again either way.
      const status = statusOf(err);
      if (status !== 0 && status !== 422 && status < 500) throw err;
      lastError = err;
    }
  }
  throw lastError;
}

export interface FileOnRef {
  text: string;
  /** The blob sha, which a write must name to replace this version. */
  sha: string;
}

/** A text file as it is on `ref` (a branch or commit sha), or undefined when it is not there. */
export async function readFileAt(
  github: GitHub,
  target: RepoRef,
  ref: string,
  path: string,
): Promise<FileOnRef | undefined> {
  try {
    const { data } = await github.rest.repos.getContent({ ...target, path, ref });
    if (Array.isArray(data) || data.type !== 'file') throw new Error(`${path} on ${ref} is not a file`);
    const content = 'content' in data ? data.content : '';
    return { text: Buffer.from(content, 'base64').toString('utf8'), sha: data.sha };
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

/**
 * Writes `text` to `path` on `branch` as one commit, unless the file already holds it. Returns the
 * new commit's sha, or undefined when nothing needed writing.
 */
export async function writeFileOnBranch(
  github: GitHub,
  target: RepoRef,
  input: { branch: string; path: string; text: string; message: string },
): Promise<string | undefined> {
  let lastError: unknown;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const current = await readFileAt(github, target, input.branch, input.path);
    if (current?.text === input.text) return undefined;
    try {
      const { data } = await github.rest.repos.createOrUpdateFileContents({
        ...target,
        path: input.path,
        branch: input.branch,
        message: input.message,
        content: Buffer.from(input.text, 'utf8').toString('base64'),
        ...(current && { sha: current.sha }),
        ...NO_RETRY,
      });
      return data.commit.sha;
    } catch (err) {
      // 409: the file changed under us (perhaps by this very write, answered with a 502): read again.
      const status = statusOf(err);
      if (status !== 0 && status !== 409 && status < 500) throw err;
      lastError = err;
    }
  }
  throw lastError;
}
