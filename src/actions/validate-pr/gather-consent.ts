/**
 * What GitHub knows about who agreed to a pull request: every reviewer's latest review and whether
 * it approves the head commit, the `/approve-change SHA` comments, who made each commit, which
 * approvers are repository admins, and which approvers belong to the teams CODEOWNERS names. The
 * core judges; this only asks. A lookup GitHub refuses is an error, never "nobody".
 */
import { type Approval, type CommandComment, commandApprovals } from '../../core/change/agreement.js';
import { parseCodeOwners } from '../../core/change/codeowners.js';
import type { GitHub } from '../../io/github/client.js';

export interface GatheredConsent {
  committers: string[];
  approvals: Approval[];
  repositoryAdmins: string[];
  teams: Record<string, string[]>;
  /** Lookups that could not be made, said in the report (e.g. team membership without read:org). */
  notes: string[];
}

export async function gatherConsent(
  github: GitHub,
  target: { owner: string; repo: string; pull_number: number; headSha: string },
  codeOwners: string | undefined,
): Promise<GatheredConsent> {
  const { owner, repo, pull_number, headSha } = target;
  const reviews = await github.paginate(github.rest.pulls.listReviews, {
    owner,
    repo,
    pull_number,
    per_page: 100,
  });
  const latest = new Map<string, { login: string; state: string; commit: string | null | undefined }>();
  for (const review of reviews) {
    const login = review.user?.login;
    // A comment does not replace an approval or a change request.
    if (!login || review.state === 'COMMENTED' || review.state === 'PENDING') continue;
    latest.set(login.toLowerCase(), { login, state: review.state, commit: review.commit_id });
  }
  const approvals: Approval[] = [...latest.values()]
    .filter((review) => review.state === 'APPROVED')
    .map((review) => ({ login: review.login, onHead: review.commit === headSha, via: 'review' }));

  const comments = await github.paginate(github.rest.issues.listComments, {
    owner,
    repo,
    issue_number: pull_number,
    per_page: 100,
  });
  const commands: CommandComment[] = comments.flatMap((comment) =>
    comment.user?.login && comment.body
      ? [{ login: comment.user.login, body: comment.body, edited: comment.updated_at !== comment.created_at }]
      : [],
  );
  approvals.push(...commandApprovals(commands, headSha));

  const commits = await github.paginate(github.rest.pulls.listCommits, {
    owner,
    repo,
    pull_number,
    per_page: 100,
  });
  // A commit whose author or committer GitHub cannot tie to an account counts as someone else's.
  const committers = commits.flatMap((commit) => [
    commit.author?.login ?? '(unknown author)',
    commit.committer?.login ?? '(unknown committer)',
  ]);

  const approvers = [...new Set(approvals.filter((item) => item.onHead).map((item) => item.login))];
  const notes: string[] = [];
  const repositoryAdmins: string[] = [];
  for (const username of approvers) {
    try {
      const { data } = await github.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username });
      if (data.permission === 'admin') repositoryAdmins.push(username);
    } catch (err) {
      // Not knowing is not being one: the approval then does not count as a repository admin's.
      const status = (err as { status?: number }).status;
      if (status !== 403 && status !== 404) throw err;
      notes.push(
        `could not read the permission of ${username} (HTTP ${status}): not counted as a repository admin`,
      );
    }
  }

  const teams: Record<string, string[]> = {};
  const owners = new Set(parseCodeOwners(codeOwners ?? '').flatMap((line) => line.owners));
  for (const owner of [...owners].filter((name) => /^@[^/]+\/[^/]+$/.test(name))) {
    const [org = '', team_slug = ''] = owner.slice(1).split('/');
    const members: string[] = [];
    for (const username of approvers) {
      try {
        const { data } = await github.rest.teams.getMembershipForUserInOrg({ org, team_slug, username });
        if (data.state === 'active') members.push(username);
      } catch (err) {
        const status = (err as { status?: number }).status;
        if (status === 404) continue;
        notes.push(
          `could not read the members of ${owner} (HTTP ${status ?? '?'}): give the check a token that can read the organization's teams, or name code owners by login`,
        );
        break;
      }
    }
    teams[owner.slice(1).toLowerCase()] = members;
  }
  return { committers, approvals, repositoryAdmins, teams, notes };
}
