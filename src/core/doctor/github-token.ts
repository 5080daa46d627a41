/**
 * The GitHub token: present, accepted, able to read the repository, and able to do what the
 * on-call system does there: write issues (labels, comments, the status and handoff issues),
 * contents (the publish and cover branches) and pull requests.
 *
 * What GitHub tells about a token depends on its kind. A classic token (and an OAuth one, like the
 * GitHub CLI's) reports its scopes in `x-oauth-scopes`; the repository's `permissions` then says
 * what its account may do. A fine-grained token reports neither its permissions nor, reliably,
 * anything else; an installation token (GITHUB_TOKEN, a GitHub App's) gets `permissions` wrong.
 * For those the check verifies what it can (the repository is readable, the account can write)
 * and says what it cannot.
 */
import { type Blocker, type DoctorCheck, failed, passed } from './check.js';
import { type GitHubFacts, reason, type TokenKind } from './facts.js';

const NAME = 'github-token';

/** GitHub's documented token prefixes. */
export function tokenKind(token: string): TokenKind {
  if (token.startsWith('ghp_')) return 'classic';
  if (token.startsWith('github_pat_')) return 'fine-grained';
  if (token.startsWith('ghs_')) return 'installation';
  if (token.startsWith('gho_')) return 'oauth';
  if (token.startsWith('ghu_')) return 'app-user';
  return 'unknown';
}

export const TOKEN_FIX =
  'export GITHUB_TOKEN: `gh auth token` (GitHub CLI), a classic token with the repo scope, or a ' +
  'fine-grained token for this repository with Issues, Contents, Pull requests and Commit statuses: ' +
  'read and write, Actions: read (and Administration: read for the branch checks)';

/** Why nothing past the token can be checked on GitHub, or undefined when the repository was read. */
export function gitHubBlocker(facts: GitHubFacts, repository: string): Blocker | undefined {
  if (!facts.tokenKind) return { why: 'GITHUB_TOKEN is not set', fix: 'see github-token' };
  if (facts.repo && !facts.repo.ok) {
    return {
      why: `${repository} cannot be read with this token (${reason(facts.repo)})`,
      fix: 'see github-token',
    };
  }
  return undefined;
}

export function checkGitHubToken(facts: GitHubFacts, repository: string): DoctorCheck {
  const kind = facts.tokenKind;
  if (!kind) return failed(NAME, 'GITHUB_TOKEN is not set: nothing on GitHub can be checked', TOKEN_FIX);
  const repo = facts.repo;
  if (!repo) return failed(NAME, `${repository} was not read`, TOKEN_FIX);
  if (!repo.ok) {
    if (repo.status === 401) {
      return failed(
        NAME,
        `GitHub refused the token (${reason(repo)}): it is wrong, expired or revoked`,
        'make a new token (or run `gh auth login` again) and export it as GITHUB_TOKEN',
      );
    }
    if (repo.status === 403 || repo.status === 404) {
      return failed(
        NAME,
        `the token cannot read ${repository} (${reason(repo)}): no such repository, or it was not granted to the token`,
        'check --repo (or GITHUB_REPOSITORY); a fine-grained token or a GitHub App must be given this repository, ' +
          'and an organization may have to approve a fine-grained token or authorize a classic one for SSO',
      );
    }
    return failed(
      NAME,
      `GitHub did not answer for ${repository} (${reason(repo)})`,
      'try again in a few minutes (https://www.githubstatus.com)',
    );
  }

  const { oauthScopes, permissions } = repo.value;
  const problems: string[] = [];
  const fixes: string[] = [];
  if (oauthScopes !== undefined) {
    const enough =
      oauthScopes.includes('repo') || (!repo.value.private && oauthScopes.includes('public_repo'));
    if (!enough) {
      const wanted = repo.value.private ? 'repo' : 'repo (or public_repo)';
      problems.push(
        `its scopes (${oauthScopes.join(', ') || 'none'}) lack ${wanted}, without which it cannot write issues, contents or pull requests`,
      );
      fixes.push('add the repo scope (github.com/settings/tokens, or `gh auth refresh --scopes repo`)');
    }
  }
  // An installation token's `permissions` says nothing about what it may do: not judged.
  if (permissions && !permissions.push && kind !== 'installation') {
    problems.push(
      `its account has ${permissions.triage ? 'triage' : 'read'} access to ${repository}, not write: it cannot ` +
        'push the publish and cover branches, open their pull requests, or set commit statuses',
    );
    fixes.push(`ask an admin of ${repository} for write access, or use the token of someone who has it`);
  }
  if (problems.length > 0)
    return failed(NAME, `the token can read ${repository}, but ${problems.join('; ')}`, fixes.join('; '));
  return passed(NAME, describe(kind, repository, oauthScopes));
}

function describe(kind: TokenKind, repository: string, scopes: string[] | undefined): string {
  const scopeText = scopes ? ` (scopes: ${scopes.join(', ')})` : '';
  switch (kind) {
    case 'installation':
      return (
        `an installation token (GITHUB_TOKEN or a GitHub App's) that can read ${repository}. GitHub does not ` +
        "report an installation token's permissions: in the workflows each job asks for what it needs (`permissions:`)"
      );
    case 'fine-grained':
    case 'app-user':
      return (
        `a ${kind === 'fine-grained' ? 'fine-grained token' : "GitHub App's user token"} whose account can write ` +
        `${repository}. GitHub does not report what such a token was granted: it needs Issues, Contents and ` +
        'Pull requests: read and write'
      );
    default:
      return `a token whose account can write ${repository}${scopeText}`;
  }
}
