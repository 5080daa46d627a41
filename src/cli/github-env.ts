/**
 * GitHub for the commands that talk to it: the token from GITHUB_TOKEN, the repository from
 * --repo or GITHUB_REPOSITORY, the API from GITHUB_API_URL (GitHub Enterprise, or the emulator).
 * Secrets come only from the environment, never from a flag that would land in shell history.
 */
import { createGitHubClient, type GitHub } from '../io/github/client.js';
import { UsageError } from './options.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

export function parseRepo(text: string): RepoRef {
  const match = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)$/.exec(text.trim());
  if (!match) throw new UsageError(`"${text}" is not a repository: use OWNER/NAME`);
  return { owner: match[1] as string, repo: match[2] as string };
}

/** The repository named by --repo, else GITHUB_REPOSITORY; undefined when neither is set. */
export function repoFromEnv(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): RepoRef | undefined {
  const text = flag ?? env.GITHUB_REPOSITORY;
  return text === undefined || text === '' ? undefined : parseRepo(text);
}

export function githubFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  options: { token: string; deadlineMs: number; log: (message: string) => void },
): GitHub {
  return createGitHubClient({
    token: options.token,
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL.replace(/\/+$/, '') } : {}),
    deadline: Date.now() + options.deadlineMs,
    retryAfterBaseValue: Number.parseInt(env.ONCALL_RETRY_BASE_MS ?? '1000', 10),
    pacing: env.ONCALL_PACING !== 'off',
    log: options.log,
  });
}

/** What GitHub said, with the likely cause of the usual refusals. */
export function githubMessage(err: unknown, forbiddenHint = 'the token may lack a permission'): string {
  const status = (err as { status?: number }).status;
  const hint =
    status === 401
      ? ' (the token is not valid)'
      : status === 403
        ? ` (${forbiddenHint})`
        : status === 404
          ? ' (no such repository, or the token cannot see it)'
          : '';
  return `${status ? `HTTP ${status}: ` : ''}${(err as Error).message ?? String(err)}${hint}`;
}
