/**
 * The emulator's in-memory GitHub: users, repositories, labels, issues, pull requests, comments,
 * reviews, file trees (commits and branches) and commit statuses. Handlers and seeding both change
 * it through these methods, so the rules (one number sequence per repository, labels created on
 * first use, case-insensitive names, a branch's pull requests following the branch) live in one place.
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import { GitHubError, notFound, validationFailed } from '../errors.js';
import { diffTrees, type FileMap, gitFile, normalizePath, readFileTree, toFiles, treeSha } from './git.js';
import type {
  AuthorAssociation,
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
  WorkflowState,
} from './records.js';

export type Clock = () => Date;

export interface NewRepo {
  owner: string;
  name: string;
  description?: string | null;
  private?: boolean;
  defaultBranch?: string;
  /** author_association of people other than the owner, e.g. { alice: 'MEMBER' }. */
  members?: Record<string, AuthorAssociation>;
  /** Roles of people other than the owner, e.g. { 'oncall-bot[bot]': 'read' }; "write" when absent. */
  roles?: Record<string, RepoRole>;
  /** Files of the default branch's first commit: path → text or bytes. */
  files?: FileMap;
  /** A directory on disk whose files (`.git` and `node_modules` aside) join the first commit. */
  filesFrom?: string;
}

export interface NewCommit {
  message: string;
  author: UserRecord;
  /** Path → new text or bytes; null deletes the file. */
  changes: Record<string, string | Uint8Array | null>;
}

export interface NewStatus {
  state: StatusRecord['state'];
  description?: string | null;
  targetUrl?: string | null;
  context?: string;
}

export interface NewLabel {
  name: string;
  color?: string;
  description?: string | null;
}

export interface NewIssue {
  title: string;
  body?: string | null;
  labels?: string[];
  assignees?: string[];
  state?: 'open' | 'closed';
}

export interface IssueChanges {
  title?: string;
  body?: string | null;
  state?: 'open' | 'closed';
  stateReason?: IssueRecord['stateReason'];
  labels?: string[];
  assignees?: string[];
}

export interface NewPull {
  title: string;
  head: string;
  base?: string;
  body?: string | null;
  draft?: boolean;
  files?: PullFileRecord[];
}

export interface NewReview {
  body?: string;
  event?: 'APPROVE' | 'REQUEST_CHANGES' | 'COMMENT';
  commitId?: string;
}

const DEFAULT_LABEL_COLOR = 'ededed';
const WORKFLOW_FILE = /^\.github\/workflows\/[^/]+\.ya?ml$/;

export class GitHubStore {
  private readonly users = new Map<string, UserRecord>();
  private readonly repos = new Map<string, RepoRecord>();
  private nextId = 1000;

  constructor(readonly now: Clock) {}

  /** The user with this login, created on first mention (GitHub's users exist before our tests). */
  user(login: string): UserRecord {
    const key = login.toLowerCase();
    let user = this.users.get(key);
    if (!user) {
      user = {
        id: this.id(),
        login,
        type: login.endsWith('[bot]') ? 'Bot' : 'User',
        name: null,
        email: null,
        createdAt: this.now(),
      };
      this.users.set(key, user);
    }
    return user;
  }

  addRepo(input: NewRepo): RepoRecord {
    const key = `${input.owner}/${input.name}`.toLowerCase();
    if (this.repos.has(key)) throw new Error(`repository ${input.owner}/${input.name} already exists`);
    const repo: RepoRecord = {
      id: this.id(),
      owner: this.user(input.owner),
      name: input.name,
      description: input.description ?? null,
      private: input.private ?? false,
      defaultBranch: input.defaultBranch ?? 'main',
      createdAt: this.now(),
      associations: new Map(
        Object.entries(input.members ?? {}).map(([login, role]) => [login.toLowerCase(), role]),
      ),
      labels: new Map(),
      issues: new Map(),
      comments: new Map(),
      nextNumber: 1,
      git: { commits: new Map(), branches: new Map() },
      statuses: [],
      settings: {
        roles: new Map(Object.entries(input.roles ?? {}).map(([login, role]) => [login.toLowerCase(), role])),
        workflows: new Map(),
        protection: new Map(),
        rulesets: [],
        secrets: new Map(),
        orgSecrets: new Map(),
        // GitHub's defaults for a new repository since 2023.
        workflowPermissions: { default: 'read', canApprovePullRequestReviews: false },
      },
    };
    const files = toFiles({ ...(input.filesFrom ? readFileTree(input.filesFrom) : {}), ...input.files });
    const first = this.addCommit(repo, { files, parents: [], message: 'Initial commit', author: repo.owner });
    repo.git.branches.set(repo.defaultBranch, first.sha);
    this.repos.set(key, repo);
    return repo;
  }

  repo(owner: string, name: string): RepoRecord | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  allRepos(): RepoRecord[] {
    return [...this.repos.values()];
  }

  association(repo: RepoRecord, user: UserRecord): AuthorAssociation {
    if (user.id === repo.owner.id) return 'OWNER';
    return repo.associations.get(user.login.toLowerCase()) ?? 'NONE';
  }

  /** The user's role: the owner is admin, others have their seeded role, else write. */
  role(repo: RepoRecord, user: UserRecord): RepoRole {
    if (user.id === repo.owner.id) return 'admin';
    return repo.settings.roles.get(user.login.toLowerCase()) ?? 'write';
  }

  // Labels

  label(repo: RepoRecord, name: string): LabelRecord | undefined {
    const wanted = name.toLowerCase();
    for (const label of repo.labels.values()) if (label.name.toLowerCase() === wanted) return label;
    return undefined;
  }

  createLabel(repo: RepoRecord, input: NewLabel): LabelRecord {
    if (this.label(repo, input.name)) {
      throw validationFailed({ resource: 'Label', code: 'already_exists', field: 'name' });
    }
    const label: LabelRecord = {
      id: this.id(),
      name: input.name,
      color: normalizeColor(input.color ?? DEFAULT_LABEL_COLOR),
      description: input.description ?? null,
      default: false,
    };
    repo.labels.set(label.id, label);
    return label;
  }

  updateLabel(
    repo: RepoRecord,
    name: string,
    changes: Partial<NewLabel> & { newName?: string },
  ): LabelRecord {
    const label = this.label(repo, name);
    if (!label) throw notFound();
    if (changes.newName !== undefined && changes.newName.toLowerCase() !== label.name.toLowerCase()) {
      if (this.label(repo, changes.newName)) {
        throw validationFailed({ resource: 'Label', code: 'already_exists', field: 'name' });
      }
    }
    if (changes.newName !== undefined) label.name = changes.newName;
    if (changes.color !== undefined) label.color = normalizeColor(changes.color);
    if (changes.description !== undefined) label.description = changes.description;
    return label;
  }

  deleteLabel(repo: RepoRecord, name: string): void {
    const label = this.label(repo, name);
    if (!label) throw notFound();
    repo.labels.delete(label.id);
    for (const issue of repo.issues.values()) issue.labelIds = issue.labelIds.filter((id) => id !== label.id);
  }

  /** Label ids for these names, creating the missing labels as GitHub does when labelling an issue. */
  labelIds(repo: RepoRecord, names: string[]): number[] {
    const ids: number[] = [];
    for (const name of names) {
      const label = this.label(repo, name) ?? this.createLabel(repo, { name });
      if (!ids.includes(label.id)) ids.push(label.id);
    }
    return ids;
  }

  labelsOf(repo: RepoRecord, issue: IssueRecord): LabelRecord[] {
    return issue.labelIds.map((id) => repo.labels.get(id)).filter((l): l is LabelRecord => l !== undefined);
  }

  // Issues

  issue(repo: RepoRecord, number: number): IssueRecord {
    const issue = repo.issues.get(number);
    if (!issue) throw notFound();
    return issue;
  }

  createIssue(repo: RepoRecord, author: UserRecord, input: NewIssue): IssueRecord {
    const now = this.now();
    const issue: IssueRecord = {
      id: this.id(),
      number: repo.nextNumber++,
      title: input.title,
      body: input.body ?? null,
      state: 'open',
      stateReason: null,
      user: author,
      labelIds: this.labelIds(repo, input.labels ?? []),
      assignees: uniqueUsers((input.assignees ?? []).map((login) => this.user(login))),
      locked: false,
      comments: 0,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
    };
    repo.issues.set(issue.number, issue);
    if (input.state === 'closed') this.updateIssue(repo, issue, author, { state: 'closed' });
    return issue;
  }

  updateIssue(repo: RepoRecord, issue: IssueRecord, actor: UserRecord, changes: IssueChanges): IssueRecord {
    if (changes.title !== undefined) issue.title = changes.title;
    if (changes.body !== undefined) issue.body = changes.body;
    if (changes.labels !== undefined) issue.labelIds = this.labelIds(repo, changes.labels);
    if (changes.assignees !== undefined) {
      issue.assignees = uniqueUsers(changes.assignees.map((login) => this.user(login)));
    }
    if (changes.state !== undefined && changes.state !== issue.state) {
      issue.state = changes.state;
      if (changes.state === 'closed') {
        issue.closedAt = this.now();
        issue.closedBy = actor;
        issue.stateReason = changes.stateReason ?? 'completed';
      } else {
        issue.closedAt = null;
        issue.closedBy = null;
        issue.stateReason = 'reopened';
      }
    } else if (changes.stateReason !== undefined && issue.state === 'closed' && changes.stateReason) {
      issue.stateReason = changes.stateReason;
    }
    this.touch(issue);
    return issue;
  }

  addAssignees(issue: IssueRecord, logins: string[]): void {
    issue.assignees = uniqueUsers([...issue.assignees, ...logins.map((login) => this.user(login))]);
    this.touch(issue);
  }

  removeAssignees(issue: IssueRecord, logins: string[]): void {
    const gone = new Set(logins.map((l) => l.toLowerCase()));
    issue.assignees = issue.assignees.filter((u) => !gone.has(u.login.toLowerCase()));
    this.touch(issue);
  }

  touch(issue: IssueRecord): void {
    issue.updatedAt = this.now();
  }

  // Comments

  comment(repo: RepoRecord, id: number): CommentRecord {
    const comment = repo.comments.get(id);
    if (!comment) throw notFound();
    return comment;
  }

  createComment(repo: RepoRecord, issue: IssueRecord, author: UserRecord, body: string): CommentRecord {
    const now = this.now();
    const comment: CommentRecord = {
      id: this.id(),
      issueNumber: issue.number,
      body,
      user: author,
      createdAt: now,
      updatedAt: now,
    };
    repo.comments.set(comment.id, comment);
    issue.comments++;
    this.touch(issue);
    return comment;
  }

  updateComment(comment: CommentRecord, body: string): CommentRecord {
    comment.body = body;
    comment.updatedAt = this.now();
    return comment;
  }

  deleteComment(repo: RepoRecord, comment: CommentRecord): void {
    repo.comments.delete(comment.id);
    const issue = repo.issues.get(comment.issueNumber);
    if (issue) issue.comments--;
  }

  commentsOn(repo: RepoRecord, issue: IssueRecord): CommentRecord[] {
    return [...repo.comments.values()].filter((c) => c.issueNumber === issue.number);
  }

  // Pull requests

  pull(repo: RepoRecord, number: number): IssueRecord & { pull: PullRecord } {
    const issue = repo.issues.get(number);
    if (!issue?.pull) throw notFound();
    return issue as IssueRecord & { pull: PullRecord };
  }

  createPull(repo: RepoRecord, author: UserRecord, input: NewPull): IssueRecord & { pull: PullRecord } {
    const [headOwner, headRef] = input.head.includes(':')
      ? (input.head.split(':', 2) as [string, string])
      : [repo.owner.login, input.head];
    const baseRef = input.base ?? repo.defaultBranch;
    if (headRef === baseRef && headOwner.toLowerCase() === repo.owner.login.toLowerCase()) {
      throw validationFailed({
        resource: 'PullRequest',
        code: 'custom',
        message: `No commits between ${baseRef} and ${headRef}`,
      });
    }
    const duplicate = [...repo.issues.values()].find(
      (i) =>
        i.pull &&
        i.state === 'open' &&
        i.pull.head.ref === headRef &&
        i.pull.head.owner.toLowerCase() === headOwner.toLowerCase() &&
        i.pull.base.ref === baseRef,
    );
    if (duplicate) {
      throw validationFailed({
        resource: 'PullRequest',
        code: 'custom',
        message: `A pull request already exists for ${headOwner}:${headRef}.`,
      });
    }
    // A head that is a branch of the file tree gives the pull request its commits and files.
    const ownHead = headOwner.toLowerCase() === repo.owner.login.toLowerCase();
    const headSha = ownHead ? repo.git.branches.get(headRef) : undefined;
    const baseSha = repo.git.branches.get(baseRef);
    if (headSha && baseSha && this.isAncestor(repo, headSha, baseSha)) {
      throw validationFailed({
        resource: 'PullRequest',
        code: 'custom',
        message: `No commits between ${baseRef} and ${headRef}`,
      });
    }
    const issue = this.createIssue(repo, author, { title: input.title, body: input.body ?? null });
    issue.pull = {
      id: this.id(),
      head: { ref: headRef, owner: headOwner, sha: headSha ?? this.sha(`${repo.name}:${headRef}`) },
      base: { ref: baseRef, sha: baseSha ?? this.sha(`${repo.name}:${baseRef}`) },
      draft: input.draft ?? false,
      mergedAt: null,
      mergedBy: null,
      files: input.files ?? [],
      reviews: [],
      commits: [],
    };
    issue.pull.commits.push({
      sha: issue.pull.head.sha,
      author,
      committer: author,
      message: input.title,
      createdAt: this.now(),
    });
    if (headSha && baseSha) {
      issue.pull.tracksBranch = true;
      if (!input.files) issue.pull.files = this.changedFiles(repo, baseSha, headSha);
    }
    return issue as IssueRecord & { pull: PullRecord };
  }

  /**
   * A new commit on the pull request's head branch: a new head sha, and optionally new files. The
   * commit is by `by` (author and committer; null for an email GitHub cannot tie to an account),
   * else by the pull request's author.
   */
  pushToPull(pull: PullRecord, files?: PullFileRecord[], by?: UserRecord | null): string {
    pull.head.sha = this.sha(`${pull.head.ref}:${pull.head.sha}`);
    if (files) pull.files = files;
    const previous = pull.commits[pull.commits.length - 1];
    const who = by === undefined ? (pull.commits[0]?.author ?? null) : by;
    pull.commits.push({
      sha: pull.head.sha,
      author: who,
      committer: who,
      message: previous ? `Update ${pull.head.ref}` : 'Commit',
      createdAt: this.now(),
    });
    return pull.head.sha;
  }

  /** The commits of a pull request, oldest first: from the file tree when its head is a branch. */
  pullCommits(repo: RepoRecord, pull: PullRecord): PullCommitRecord[] {
    if (!pull.tracksBranch) return pull.commits;
    const commits: PullCommitRecord[] = [];
    let sha: string | undefined = pull.head.sha;
    while (sha && !this.isAncestor(repo, sha, pull.base.sha)) {
      const commit = repo.git.commits.get(sha);
      if (!commit) break;
      commits.unshift({
        sha: commit.sha,
        author: commit.author,
        committer: commit.author,
        message: commit.message,
        createdAt: commit.createdAt,
      });
      sha = commit.parents[0];
    }
    return commits;
  }

  createReview(
    issue: IssueRecord & { pull: PullRecord },
    author: UserRecord,
    input: NewReview,
  ): ReviewRecord {
    if (input.event === 'APPROVE' && author.id === issue.user.id) {
      throw new GitHubError(422, 'Unprocessable Entity', ['Can not approve your own pull request']);
    }
    if ((input.event === 'REQUEST_CHANGES' || input.event === 'COMMENT') && !input.body) {
      throw new GitHubError(422, 'Unprocessable Entity', [
        `Body is required when the event is ${input.event}`,
      ]);
    }
    const state: ReviewRecord['state'] =
      input.event === 'APPROVE'
        ? 'APPROVED'
        : input.event === 'REQUEST_CHANGES'
          ? 'CHANGES_REQUESTED'
          : input.event === 'COMMENT'
            ? 'COMMENTED'
            : 'PENDING';
    const review: ReviewRecord = {
      id: this.id(),
      user: author,
      body: input.body ?? '',
      state,
      commitId: input.commitId ?? issue.pull.head.sha,
      submittedAt: state === 'PENDING' ? null : this.now(),
    };
    issue.pull.reviews.push(review);
    this.touch(issue);
    return review;
  }

  // Git: commits and branches

  /** The commit a ref names: a branch ("main", "heads/main", "refs/heads/main") or a full commit sha. */
  resolveRef(repo: RepoRecord, ref: string): CommitRecord | undefined {
    const branch = ref.replace(/^refs\//, '').replace(/^heads\//, '');
    const sha = repo.git.branches.get(branch) ?? repo.git.branches.get(ref);
    if (sha) return repo.git.commits.get(sha);
    return /^[0-9a-f]{40}$/i.test(ref) ? repo.git.commits.get(ref.toLowerCase()) : undefined;
  }

  /** The head commit of a branch, or undefined when there is no such branch. */
  branchHead(repo: RepoRecord, branch: string): CommitRecord | undefined {
    const sha = repo.git.branches.get(branch);
    return sha ? repo.git.commits.get(sha) : undefined;
  }

  createBranch(repo: RepoRecord, branch: string, sha: string): CommitRecord {
    if (repo.git.branches.has(branch)) throw new GitHubError(422, 'Reference already exists');
    const commit = repo.git.commits.get(sha.toLowerCase());
    if (!commit) throw new GitHubError(422, 'Object does not exist');
    repo.git.branches.set(branch, commit.sha);
    this.refreshPulls(repo);
    return commit;
  }

  /** Points a branch at another commit; without `force` only a fast-forward is allowed. */
  moveBranch(repo: RepoRecord, branch: string, sha: string, force: boolean): CommitRecord {
    const current = repo.git.branches.get(branch);
    if (!current) throw new GitHubError(422, 'Reference does not exist');
    const commit = repo.git.commits.get(sha.toLowerCase());
    if (!commit) throw new GitHubError(422, 'Object does not exist');
    if (!force && !this.isAncestor(repo, current, commit.sha)) {
      throw new GitHubError(422, 'Update is not a fast forward');
    }
    repo.git.branches.set(branch, commit.sha);
    this.refreshPulls(repo);
    return commit;
  }

  deleteBranch(repo: RepoRecord, branch: string): void {
    if (!repo.git.branches.has(branch)) throw new GitHubError(422, 'Reference does not exist');
    if (branch === repo.defaultBranch) {
      throw new GitHubError(422, 'Cannot delete the default branch');
    }
    repo.git.branches.delete(branch);
  }

  /** A new commit on `branch` (which must exist) changing some files; the branch moves to it. */
  commitToBranch(repo: RepoRecord, branch: string, input: NewCommit): CommitRecord {
    const parent = this.branchHead(repo, branch);
    if (!parent) throw new GitHubError(404, `Branch ${branch} not found`);
    const files = new Map<string, GitFile>(parent.files);
    for (const [name, content] of Object.entries(input.changes)) {
      if (content === null) files.delete(normalizePath(name));
      else files.set(normalizePath(name), gitFile(content));
    }
    const commit = this.addCommit(repo, {
      files,
      parents: [parent.sha],
      message: input.message,
      author: input.author,
    });
    repo.git.branches.set(branch, commit.sha);
    this.refreshPulls(repo);
    return commit;
  }

  /** Whether `ancestor` is `sha` or one of its ancestors. */
  isAncestor(repo: RepoRecord, ancestor: string, sha: string): boolean {
    return this.ancestry(repo, sha).has(ancestor);
  }

  /** How many commits `head` has that `base` has not (a pull request's commit count). */
  commitsAhead(repo: RepoRecord, baseSha: string, headSha: string): number {
    const behind = this.ancestry(repo, baseSha);
    return [...this.ancestry(repo, headSha)].filter((sha) => !behind.has(sha)).length;
  }

  /** The files a pull request from `headSha` into `baseSha` changes (three-dot: since the merge base). */
  changedFiles(repo: RepoRecord, baseSha: string, headSha: string) {
    const head = repo.git.commits.get(headSha);
    if (!head) return [];
    const behind = this.ancestry(repo, baseSha);
    const mergeBase = [...this.ancestry(repo, headSha)].find((sha) => behind.has(sha));
    const base = repo.git.commits.get(mergeBase ?? baseSha);
    return diffTrees(base?.files ?? new Map(), head.files);
  }

  // Commit statuses

  /** Whether statuses may be set on `sha`: a commit of the tree, or a seeded pull request's head or base. */
  knowsCommit(repo: RepoRecord, sha: string): boolean {
    if (repo.git.commits.has(sha)) return true;
    return [...repo.issues.values()].some(
      (issue) => issue.pull?.head.sha === sha || issue.pull?.base.sha === sha,
    );
  }

  createStatus(repo: RepoRecord, sha: string, creator: UserRecord, input: NewStatus): StatusRecord {
    if (!this.knowsCommit(repo, sha)) {
      throw validationFailed({
        resource: 'Status',
        field: 'sha',
        code: 'custom',
        message: `No commit found for SHA: ${sha}`,
      });
    }
    const now = this.now();
    const status: StatusRecord = {
      id: this.id(),
      sha,
      state: input.state,
      description: input.description ?? null,
      targetUrl: input.targetUrl ?? null,
      context: input.context ?? 'default',
      creator,
      createdAt: now,
      updatedAt: now,
    };
    repo.statuses.push(status);
    return status;
  }

  /** Statuses of a commit, newest first. */
  statusesOf(repo: RepoRecord, sha: string): StatusRecord[] {
    return repo.statuses.filter((status) => status.sha === sha).reverse();
  }

  // Actions and branch rules

  /**
   * The workflows GitHub knows: one per file of `.github/workflows/` on the default branch,
   * registered (id, active) the first time it is seen; a workflow whose file is gone is "deleted".
   */
  workflows(repo: RepoRecord): WorkflowRecord[] {
    const files = this.branchHead(repo, repo.defaultBranch)?.files ?? new Map<string, GitFile>();
    const now = this.now();
    for (const [path, file] of files) {
      if (!WORKFLOW_FILE.test(path)) continue;
      const name = workflowName(path, file.content.toString('utf8'));
      const known = repo.settings.workflows.get(path);
      if (!known) {
        repo.settings.workflows.set(path, {
          id: this.id(),
          path,
          name,
          state: 'active',
          createdAt: now,
          updatedAt: now,
        });
      } else {
        known.name = name;
        if (known.state === 'deleted') this.setWorkflowState(known, 'active');
      }
    }
    for (const workflow of repo.settings.workflows.values()) {
      if (!files.has(workflow.path) && workflow.state !== 'deleted')
        this.setWorkflowState(workflow, 'deleted');
    }
    return [...repo.settings.workflows.values()].sort((a, b) => a.id - b.id);
  }

  /** A workflow by id or by file name ("tick.yml"), as the REST API takes either. */
  workflow(repo: RepoRecord, idOrFile: string): WorkflowRecord {
    const all = this.workflows(repo);
    const found = /^\d+$/.test(idOrFile)
      ? all.find((w) => w.id === Number(idOrFile))
      : all.find((w) => w.path.split('/').pop() === idOrFile);
    if (!found) throw notFound();
    return found;
  }

  setWorkflowState(workflow: WorkflowRecord, state: WorkflowState): void {
    workflow.state = state;
    workflow.updatedAt = this.now();
  }

  /** The rulesets whose conditions target `branch`. */
  rulesetsFor(repo: RepoRecord, branch: string): RulesetRecord[] {
    return repo.settings.rulesets.filter((ruleset) =>
      ruleset.branches.some(
        (target) =>
          target === '~ALL' ||
          target === branch ||
          (target === '~DEFAULT_BRANCH' && branch === repo.defaultBranch),
      ),
    );
  }

  addRuleset(repo: RepoRecord, input: Omit<RulesetRecord, 'id'>): RulesetRecord {
    const ruleset = { id: this.id(), ...input };
    repo.settings.rulesets.push(ruleset);
    return ruleset;
  }

  addSecret(repo: RepoRecord, name: string, scope: 'repository' | 'organization'): SecretRecord {
    const now = this.now();
    const secret = { name: name.toUpperCase(), createdAt: now, updatedAt: now };
    (scope === 'repository' ? repo.settings.secrets : repo.settings.orgSecrets).set(secret.name, secret);
    return secret;
  }

  private addCommit(
    repo: RepoRecord,
    input: { files: Map<string, GitFile>; parents: string[]; message: string; author: UserRecord },
  ): CommitRecord {
    const commit: CommitRecord = {
      sha: this.sha(`commit:${repo.name}:${input.parents.join(',')}:${input.message}`),
      tree: treeSha(input.files),
      files: input.files,
      parents: input.parents,
      message: input.message,
      author: input.author,
      createdAt: this.now(),
    };
    repo.git.commits.set(commit.sha, commit);
    return commit;
  }

  /** `sha` and every commit before it. */
  private ancestry(repo: RepoRecord, sha: string): Set<string> {
    const seen = new Set<string>();
    const queue = [sha];
    while (queue.length > 0) {
      const next = queue.shift() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(repo.git.commits.get(next)?.parents ?? []));
    }
    return seen;
  }

  /** Open pull requests between two branches follow them: head and base shas, and files. */
  private refreshPulls(repo: RepoRecord): void {
    for (const issue of repo.issues.values()) {
      const pull = issue.pull;
      if (!pull?.tracksBranch || issue.state !== 'open') continue;
      const head = repo.git.branches.get(pull.head.ref);
      const base = repo.git.branches.get(pull.base.ref);
      if (!head || !base) continue;
      pull.head.sha = head;
      pull.base.sha = base;
      pull.files = this.changedFiles(repo, base, head);
    }
  }

  private id(): number {
    return this.nextId++;
  }

  private shaCount = 0;
  private sha(seed: string): string {
    return createHash('sha1')
      .update(`${seed}:${this.shaCount++}`)
      .digest('hex');
  }
}

/** A workflow's display name: its top-level `name:`, else its path (also when the YAML is broken). */
function workflowName(path: string, text: string): string {
  try {
    const name = (parseYaml(text) as { name?: unknown } | null)?.name;
    return typeof name === 'string' && name.trim() !== '' ? name : path;
  } catch {
    return path;
  }
}

function normalizeColor(color: string): string {
  return color.replace(/^#/, '').toLowerCase();
}

function uniqueUsers(users: UserRecord[]): UserRecord[] {
  const seen = new Set<number>();
  return users.filter((u) => !seen.has(u.id) && seen.add(u.id));
}
