/**
 * Records → the JSON GitHub sends: ids, node_ids, API and HTML URLs, user objects, ISO timestamps.
 * API URLs point at the emulator so that a client can follow them; HTML URLs at `htmlUrl`.
 */
import type {
  BranchProtectionRecord,
  CommentRecord,
  CommitRecord,
  GitFile,
  IssueRecord,
  LabelRecord,
  PullCommitRecord,
  PullFileRecord,
  PullRecord,
  RepoRecord,
  RepoRole,
  ReviewRecord,
  RulesetRecord,
  SecretRecord,
  StatusRecord,
  UserRecord,
  WorkflowRecord,
} from './state/records.js';
import type { GitHubStore } from './state/store.js';

type Json = Record<string, unknown>;
type PullIssue = IssueRecord & { pull: PullRecord };

/** GitHub's timestamps have whole seconds: 2026-11-30T16:00:00Z. */
export function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kw${Buffer.from(`0:${id}`).toString('base64url')}`;
}

export class Renderer {
  constructor(
    private readonly store: GitHubStore,
    private readonly apiUrl: string,
    private readonly htmlUrl: string,
  ) {}

  user(user: UserRecord): Json {
    const api = `${this.apiUrl}/users/${encodeURIComponent(user.login)}`;
    return {
      login: user.login,
      id: user.id,
      node_id: nodeId(user.type === 'Bot' ? 'BOT' : 'U', user.id),
      avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: `${this.htmlUrl}/${user.type === 'Bot' ? `apps/${user.login.replace(/\[bot\]$/, '')}` : user.login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: user.type,
      user_view_type: 'public',
      site_admin: false,
    };
  }

  /** GET /user: the authenticated account with its private fields. */
  authenticatedUser(user: UserRecord): Json {
    return {
      ...this.user(user),
      user_view_type: 'private',
      name: user.name,
      company: null,
      blog: '',
      location: null,
      email: user.email,
      hireable: null,
      bio: null,
      twitter_username: null,
      notification_email: null,
      public_repos: 0,
      public_gists: 0,
      followers: 0,
      following: 0,
      created_at: iso(user.createdAt),
      updated_at: iso(user.createdAt),
      private_gists: 0,
      total_private_repos: 0,
      owned_private_repos: 0,
      disk_usage: 0,
      collaborators: 0,
      two_factor_authentication: false,
    };
  }

  repo(repo: RepoRecord): Json {
    const full = `${repo.owner.login}/${repo.name}`;
    const api = `${this.apiUrl}/repos/${full}`;
    const html = `${this.htmlUrl}/${full}`;
    const openIssues = [...repo.issues.values()].filter((i) => i.state === 'open').length;
    return {
      id: repo.id,
      node_id: nodeId('R', repo.id),
      name: repo.name,
      full_name: full,
      owner: this.user(repo.owner),
      private: repo.private,
      visibility: repo.private ? 'private' : 'public',
      html_url: html,
      description: repo.description,
      fork: false,
      url: api,
      archive_url: `${api}/{archive_format}{/ref}`,
      assignees_url: `${api}/assignees{/user}`,
      blobs_url: `${api}/git/blobs{/sha}`,
      branches_url: `${api}/branches{/branch}`,
      collaborators_url: `${api}/collaborators{/collaborator}`,
      comments_url: `${api}/comments{/number}`,
      commits_url: `${api}/commits{/sha}`,
      compare_url: `${api}/compare/{base}...{head}`,
      contents_url: `${api}/contents/{+path}`,
      contributors_url: `${api}/contributors`,
      deployments_url: `${api}/deployments`,
      downloads_url: `${api}/downloads`,
      events_url: `${api}/events`,
      forks_url: `${api}/forks`,
      git_commits_url: `${api}/git/commits{/sha}`,
      git_refs_url: `${api}/git/refs{/sha}`,
      git_tags_url: `${api}/git/tags{/sha}`,
      git_url: `git://github.com/${full}.git`,
      issue_comment_url: `${api}/issues/comments{/number}`,
      issue_events_url: `${api}/issues/events{/number}`,
      issues_url: `${api}/issues{/number}`,
      keys_url: `${api}/keys{/key_id}`,
      labels_url: `${api}/labels{/name}`,
      languages_url: `${api}/languages`,
      merges_url: `${api}/merges`,
      milestones_url: `${api}/milestones{/number}`,
      notifications_url: `${api}/notifications{?since,all,participating}`,
      pulls_url: `${api}/pulls{/number}`,
      releases_url: `${api}/releases{/id}`,
      ssh_url: `git@github.com:${full}.git`,
      stargazers_url: `${api}/stargazers`,
      statuses_url: `${api}/statuses/{sha}`,
      subscribers_url: `${api}/subscribers`,
      subscription_url: `${api}/subscription`,
      tags_url: `${api}/tags`,
      teams_url: `${api}/teams`,
      trees_url: `${api}/git/trees{/sha}`,
      clone_url: `${html}.git`,
      mirror_url: null,
      hooks_url: `${api}/hooks`,
      svn_url: html,
      homepage: null,
      language: null,
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      size: 0,
      default_branch: repo.defaultBranch,
      open_issues_count: openIssues,
      is_template: false,
      topics: [],
      has_issues: true,
      has_projects: false,
      has_wiki: false,
      has_pages: false,
      has_downloads: true,
      has_discussions: false,
      archived: false,
      disabled: false,
      pushed_at: iso(repo.createdAt),
      created_at: iso(repo.createdAt),
      updated_at: iso(repo.createdAt),
      permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
      allow_forking: true,
      web_commit_signoff_required: false,
      subscribers_count: 0,
      network_count: 0,
      license: null,
      forks: 0,
      open_issues: openIssues,
      watchers: 0,
    };
  }

  label(repo: RepoRecord, label: LabelRecord): Json {
    return {
      id: label.id,
      node_id: nodeId('LA', label.id),
      url: `${this.repoApi(repo)}/labels/${encodeURIComponent(label.name)}`,
      name: label.name,
      description: label.description,
      color: label.color,
      default: label.default,
    };
  }

  issue(repo: RepoRecord, issue: IssueRecord): Json {
    const api = `${this.repoApi(repo)}/issues/${issue.number}`;
    const json: Json = {
      url: api,
      repository_url: this.repoApi(repo),
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: this.issueHtml(repo, issue),
      id: issue.id,
      node_id: nodeId(issue.pull ? 'PR' : 'I', issue.id),
      number: issue.number,
      title: issue.title,
      user: this.user(issue.user),
      labels: this.store.labelsOf(repo, issue).map((label) => this.label(repo, label)),
      state: issue.state,
      locked: issue.locked,
      assignee: issue.assignees[0] ? this.user(issue.assignees[0]) : null,
      assignees: issue.assignees.map((u) => this.user(u)),
      milestone: null,
      comments: issue.comments,
      created_at: iso(issue.createdAt),
      updated_at: iso(issue.updatedAt),
      closed_at: issue.closedAt ? iso(issue.closedAt) : null,
      author_association: this.store.association(repo, issue.user),
      active_lock_reason: null,
      body: issue.body,
      closed_by: issue.closedBy ? this.user(issue.closedBy) : null,
      reactions: this.reactions(api),
      timeline_url: `${api}/timeline`,
      performed_via_github_app: null,
      state_reason: issue.stateReason,
    };
    if (issue.pull) {
      const pullApi = `${this.repoApi(repo)}/pulls/${issue.number}`;
      const html = this.issueHtml(repo, issue);
      json.draft = issue.pull.draft;
      json.pull_request = {
        url: pullApi,
        html_url: html,
        diff_url: `${html}.diff`,
        patch_url: `${html}.patch`,
        merged_at: issue.pull.mergedAt ? iso(issue.pull.mergedAt) : null,
      };
    }
    return json;
  }

  searchItem(repo: RepoRecord, issue: IssueRecord): Json {
    return { ...this.issue(repo, issue), score: 1 };
  }

  comment(repo: RepoRecord, comment: CommentRecord): Json {
    const issue = repo.issues.get(comment.issueNumber);
    return {
      url: `${this.repoApi(repo)}/issues/comments/${comment.id}`,
      html_url: `${issue ? this.issueHtml(repo, issue) : this.repoHtml(repo)}#issuecomment-${comment.id}`,
      issue_url: `${this.repoApi(repo)}/issues/${comment.issueNumber}`,
      id: comment.id,
      node_id: nodeId('IC', comment.id),
      user: this.user(comment.user),
      created_at: iso(comment.createdAt),
      updated_at: iso(comment.updatedAt),
      author_association: this.store.association(repo, comment.user),
      body: comment.body,
      reactions: this.reactions(`${this.repoApi(repo)}/issues/comments/${comment.id}`),
      performed_via_github_app: null,
    };
  }

  /** A pull request as listed (pull-request-simple). */
  pullSimple(repo: RepoRecord, issue: PullIssue): Json {
    const api = `${this.repoApi(repo)}/pulls/${issue.number}`;
    const issueApi = `${this.repoApi(repo)}/issues/${issue.number}`;
    const html = this.issueHtml(repo, issue);
    const { pull } = issue;
    const headOwner = this.store.user(pull.head.owner);
    return {
      url: api,
      id: pull.id,
      node_id: nodeId('PR', pull.id),
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: issueApi,
      number: issue.number,
      state: issue.state,
      locked: issue.locked,
      title: issue.title,
      user: this.user(issue.user),
      body: issue.body,
      created_at: iso(issue.createdAt),
      updated_at: iso(issue.updatedAt),
      closed_at: issue.closedAt ? iso(issue.closedAt) : null,
      merged_at: pull.mergedAt ? iso(pull.mergedAt) : null,
      merge_commit_sha: null,
      assignee: issue.assignees[0] ? this.user(issue.assignees[0]) : null,
      assignees: issue.assignees.map((u) => this.user(u)),
      requested_reviewers: [],
      requested_teams: [],
      labels: this.store.labelsOf(repo, issue).map((label) => this.label(repo, label)),
      milestone: null,
      draft: pull.draft,
      commits_url: `${api}/commits`,
      review_comments_url: `${api}/comments`,
      review_comment_url: `${this.repoApi(repo)}/pulls/comments{/number}`,
      comments_url: `${issueApi}/comments`,
      statuses_url: `${this.repoApi(repo)}/statuses/${pull.head.sha}`,
      head: {
        label: `${headOwner.login}:${pull.head.ref}`,
        ref: pull.head.ref,
        sha: pull.head.sha,
        user: this.user(headOwner),
        repo: this.repo(repo),
      },
      base: {
        label: `${repo.owner.login}:${pull.base.ref}`,
        ref: pull.base.ref,
        sha: pull.base.sha,
        user: this.user(repo.owner),
        repo: this.repo(repo),
      },
      _links: {
        self: { href: api },
        html: { href: html },
        issue: { href: issueApi },
        comments: { href: `${issueApi}/comments` },
        review_comments: { href: `${api}/comments` },
        review_comment: { href: `${this.repoApi(repo)}/pulls/comments{/number}` },
        commits: { href: `${api}/commits` },
        statuses: { href: `${this.repoApi(repo)}/statuses/${pull.head.sha}` },
      },
      author_association: this.store.association(repo, issue.user),
      auto_merge: null,
      active_lock_reason: null,
    };
  }

  /** A single pull request (pull-request): the listed form plus counts and merge state. */
  pull(repo: RepoRecord, issue: PullIssue): Json {
    const { pull } = issue;
    return {
      ...this.pullSimple(repo, issue),
      merged: pull.mergedAt !== null,
      mergeable: issue.state === 'open' ? true : null,
      rebaseable: issue.state === 'open' ? true : null,
      mergeable_state: issue.state === 'open' ? 'clean' : 'unknown',
      merged_by: pull.mergedBy ? this.user(pull.mergedBy) : null,
      comments: issue.comments,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: pull.tracksBranch ? this.store.commitsAhead(repo, pull.base.sha, pull.head.sha) : 1,
      additions: pull.files.reduce((n, f) => n + f.additions, 0),
      deletions: pull.files.reduce((n, f) => n + f.deletions, 0),
      changed_files: pull.files.length,
    };
  }

  file(repo: RepoRecord, issue: PullIssue, file: PullFileRecord): Json {
    const sha = issue.pull.head.sha;
    const path = file.filename.split('/').map(encodeURIComponent).join('/');
    const json: Json = {
      sha: fileSha(file.filename, sha),
      filename: file.filename,
      status: file.status,
      additions: file.additions,
      deletions: file.deletions,
      changes: file.additions + file.deletions,
      blob_url: `${this.repoHtml(repo)}/blob/${sha}/${path}`,
      raw_url: `${this.repoHtml(repo)}/raw/${sha}/${path}`,
      contents_url: `${this.repoApi(repo)}/contents/${path}?ref=${sha}`,
    };
    if (file.patch !== undefined) json.patch = file.patch;
    if (file.previousFilename !== undefined) json.previous_filename = file.previousFilename;
    return json;
  }

  review(repo: RepoRecord, issue: PullIssue, review: ReviewRecord): Json {
    const pullApi = `${this.repoApi(repo)}/pulls/${issue.number}`;
    const html = `${this.issueHtml(repo, issue)}#pullrequestreview-${review.id}`;
    const json: Json = {
      id: review.id,
      node_id: nodeId('PRR', review.id),
      user: this.user(review.user),
      body: review.body,
      state: review.state,
      html_url: html,
      pull_request_url: pullApi,
      author_association: this.store.association(repo, review.user),
      _links: { html: { href: html }, pull_request: { href: pullApi } },
      commit_id: review.commitId,
    };
    if (review.submittedAt) json.submitted_at = iso(review.submittedAt);
    return json;
  }

  /** A branch as a git reference (git-ref). */
  gitRef(repo: RepoRecord, branch: string, sha: string): Json {
    const ref = `refs/heads/${branch}`;
    return {
      ref,
      node_id: `REF_${Buffer.from(`${repo.id}:${ref}`).toString('base64url')}`,
      url: `${this.repoApi(repo)}/git/${ref.split('/').map(encodeURIComponent).join('/')}`,
      object: { type: 'commit', sha, url: `${this.repoApi(repo)}/git/commits/${sha}` },
    };
  }

  /** A file read through the contents API (content-file): its bytes base64 in lines of 60. */
  contentFile(repo: RepoRecord, ref: string, path: string, file: GitFile): Json {
    const base64 = file.content.toString('base64');
    const lines = base64.match(/.{1,60}/g) ?? [];
    return {
      ...this.contentEntry(repo, ref, path, 'file', file),
      content: lines.map((line) => `${line}\n`).join(''),
      encoding: 'base64',
    };
  }

  /** One entry of a directory listing (and the fields every contents answer shares). */
  contentEntry(
    repo: RepoRecord,
    ref: string,
    path: string,
    type: 'file' | 'dir',
    file: GitFile | undefined,
  ): Json {
    const encoded = path.split('/').map(encodeURIComponent).join('/');
    const sha = file?.sha ?? createTreeSha(path, ref);
    const url = `${this.repoApi(repo)}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
    const git = `${this.repoApi(repo)}/git/${type === 'file' ? 'blobs' : 'trees'}/${sha}`;
    const html = `${this.repoHtml(repo)}/${type === 'file' ? 'blob' : 'tree'}/${encodeURIComponent(ref)}/${encoded}`;
    return {
      type,
      size: file?.content.length ?? 0,
      name: path.slice(path.lastIndexOf('/') + 1),
      path,
      sha,
      url,
      git_url: git,
      html_url: html,
      download_url:
        type === 'file' ? `${this.repoHtml(repo)}/raw/${encodeURIComponent(ref)}/${encoded}` : null,
      _links: { self: url, git, html },
    };
  }

  /** A pull request's commit, as GET .../pulls/N/commits lists it. */
  pullCommit(repo: RepoRecord, commit: PullCommitRecord): Json {
    const person = (user: UserRecord | null) => ({
      name: user ? (user.name ?? user.login) : 'Someone',
      email: user ? `${user.id}+${user.login}@users.noreply.github.com` : 'someone@example.invalid',
      date: iso(commit.createdAt),
    });
    const url = `${this.repoApi(repo)}/commits/${commit.sha}`;
    return {
      url,
      sha: commit.sha,
      node_id: `C_${Buffer.from(commit.sha).toString('base64url')}`,
      html_url: `${this.repoHtml(repo)}/commit/${commit.sha}`,
      comments_url: `${url}/comments`,
      commit: {
        url: `${this.repoApi(repo)}/git/commits/${commit.sha}`,
        author: person(commit.author),
        committer: person(commit.committer),
        message: commit.message,
        comment_count: 0,
        tree: { sha: commit.sha, url: `${this.repoApi(repo)}/git/trees/${commit.sha}` },
        verification: {
          verified: false,
          reason: 'unsigned',
          signature: null,
          payload: null,
          verified_at: null,
        },
      },
      author: commit.author ? this.user(commit.author) : null,
      committer: commit.committer ? this.user(commit.committer) : null,
      parents: [],
    };
  }

  /** GET .../collaborators/USER/permission: the user's permission, as the REST API names it. */
  collaboratorPermission(user: UserRecord, role: RepoRole | 'none'): Json {
    // The REST `permission` field knows admin, write, read and none; maintain reads as write and
    // triage as read, while `role_name` keeps the role itself.
    const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
    return { permission, role_name: role, user: { ...this.user(user), role_name: role } };
  }

  /** The answer to a file written through the contents API (file-commit). */
  fileCommit(repo: RepoRecord, branch: string, path: string, file: GitFile, commit: CommitRecord): Json {
    const entry = this.contentEntry(repo, branch, path, 'file', file);
    const person = {
      name: commit.author.name ?? commit.author.login,
      email: `${commit.author.id}+${commit.author.login}@users.noreply.github.com`,
      date: iso(commit.createdAt),
    };
    return {
      content: entry,
      commit: {
        sha: commit.sha,
        node_id: `C_${Buffer.from(commit.sha).toString('base64url')}`,
        url: `${this.repoApi(repo)}/git/commits/${commit.sha}`,
        html_url: `${this.repoHtml(repo)}/commit/${commit.sha}`,
        author: person,
        committer: person,
        tree: { url: `${this.repoApi(repo)}/git/trees/${commit.tree}`, sha: commit.tree },
        message: commit.message,
        parents: commit.parents.map((sha) => ({
          url: `${this.repoApi(repo)}/git/commits/${sha}`,
          html_url: `${this.repoHtml(repo)}/commit/${sha}`,
          sha,
        })),
        verification: {
          verified: false,
          reason: 'unsigned',
          signature: null,
          payload: null,
          verified_at: null,
        },
      },
    };
  }

  status(repo: RepoRecord, status: StatusRecord): Json {
    return {
      url: `${this.repoApi(repo)}/statuses/${status.sha}`,
      avatar_url: `https://avatars.githubusercontent.com/u/${status.creator.id}?v=4`,
      id: status.id,
      node_id: nodeId('SC', status.id),
      state: status.state,
      description: status.description,
      target_url: status.targetUrl,
      context: status.context,
      created_at: iso(status.createdAt),
      updated_at: iso(status.updatedAt),
      creator: this.user(status.creator),
    };
  }

  /**
   * The combined status of a commit (combined-commit-status) from the latest status per context:
   * failure when one failed or errored, pending when one is pending or there is none, else success.
   */
  combinedStatus(repo: RepoRecord, sha: string, latest: readonly StatusRecord[]): Json {
    const states = latest.map((status) => status.state);
    const state =
      states.includes('failure') || states.includes('error')
        ? 'failure'
        : states.length === 0 || states.includes('pending')
          ? 'pending'
          : 'success';
    return {
      state,
      statuses: latest.map((status) => {
        const { creator: _creator, ...simple } = this.status(repo, status);
        return simple;
      }),
      sha,
      total_count: latest.length,
      repository: this.repo(repo),
      commit_url: `${this.repoApi(repo)}/commits/${sha}`,
      url: `${this.repoApi(repo)}/commits/${sha}/status`,
    };
  }

  workflow(repo: RepoRecord, workflow: WorkflowRecord): Json {
    const file = workflow.path.split('/').pop() ?? workflow.path;
    return {
      id: workflow.id,
      node_id: nodeId('W', workflow.id),
      name: workflow.name,
      path: workflow.path,
      state: workflow.state,
      created_at: iso(workflow.createdAt),
      updated_at: iso(workflow.updatedAt),
      url: `${this.repoApi(repo)}/actions/workflows/${workflow.id}`,
      html_url: `${this.repoHtml(repo)}/blob/${repo.defaultBranch}/${workflow.path}`,
      badge_url: `${this.repoHtml(repo)}/workflows/${encodeURIComponent(file)}/badge.svg`,
    };
  }

  /** GET .../branches/BRANCH/protection: the parts the emulator keeps, the rest switched off. */
  branchProtection(repo: RepoRecord, branch: string, protection: BranchProtectionRecord): Json {
    const url = `${this.repoApi(repo)}/branches/${encodeURIComponent(branch)}/protection`;
    const off = { enabled: false };
    return {
      url,
      required_status_checks: {
        url: `${url}/required_status_checks`,
        strict: protection.strict,
        contexts: [...protection.requiredChecks],
        contexts_url: `${url}/required_status_checks/contexts`,
        checks: protection.requiredChecks.map((context) => ({ context, app_id: null })),
      },
      enforce_admins: { url: `${url}/enforce_admins`, enabled: protection.enforceAdmins },
      ...(protection.codeOwnerReview !== undefined && {
        required_pull_request_reviews: {
          url: `${url}/required_pull_request_reviews`,
          dismiss_stale_reviews: false,
          require_code_owner_reviews: protection.codeOwnerReview,
          required_approving_review_count: 1,
          require_last_push_approval: false,
        },
      }),
      required_signatures: { url: `${url}/required_signatures`, enabled: false },
      required_linear_history: off,
      allow_force_pushes: off,
      allow_deletions: off,
      block_creations: off,
      required_conversation_resolution: off,
      lock_branch: off,
      allow_fork_syncing: off,
    };
  }

  /** A ruleset's required-status-checks rule, as GET .../rules/branches/BRANCH lists it. */
  statusChecksRule(repo: RepoRecord, ruleset: RulesetRecord): Json {
    return {
      type: 'required_status_checks',
      parameters: {
        required_status_checks: ruleset.requiredChecks.map((context) => ({ context })),
        strict_required_status_checks_policy: ruleset.strict,
      },
      ruleset_source_type: 'Repository',
      ruleset_source: `${repo.owner.login}/${repo.name}`,
      ruleset_id: ruleset.id,
    };
  }

  /** A ruleset's pull_request rule (reviews before merging), as GET .../rules/branches/BRANCH lists it. */
  pullRequestRule(repo: RepoRecord, ruleset: RulesetRecord): Json {
    return {
      type: 'pull_request',
      parameters: {
        dismiss_stale_reviews_on_push: false,
        require_code_owner_review: ruleset.codeOwnerReview === true,
        require_last_push_approval: false,
        required_approving_review_count: 1,
        required_review_thread_resolution: false,
      },
      ruleset_source_type: 'Repository',
      ruleset_source: `${repo.owner.login}/${repo.name}`,
      ruleset_id: ruleset.id,
    };
  }

  secret(secret: SecretRecord): Json {
    return { name: secret.name, created_at: iso(secret.createdAt), updated_at: iso(secret.updatedAt) };
  }

  private reactions(url: string): Json {
    return {
      url: `${url}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    };
  }

  private repoApi(repo: RepoRecord): string {
    return `${this.apiUrl}/repos/${repo.owner.login}/${repo.name}`;
  }

  private repoHtml(repo: RepoRecord): string {
    return `${this.htmlUrl}/${repo.owner.login}/${repo.name}`;
  }

  private issueHtml(repo: RepoRecord, issue: IssueRecord): string {
    return `${this.repoHtml(repo)}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`;
  }
}

/** A directory's listing has no tree objects behind it: a stable stand-in sha per (path, ref). */
function createTreeSha(path: string, ref: string): string {
  return fileSha(`${path}/`, `${ref}${'0'.repeat(40)}`);
}

function fileSha(filename: string, headSha: string): string {
  // A stable blob-like sha per (file, commit); the emulator has no git objects.
  let h = 0;
  for (const ch of `${filename}@${headSha}`) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return (h.toString(16).padStart(8, '0') + headSha).slice(0, 40);
}
