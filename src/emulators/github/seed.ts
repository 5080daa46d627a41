/**
 * Seeding for tests and the demo: state put in directly, as if it had been there before the run,
 * authored by whoever the scenario needs (the HTTP API always acts as the token's user).
 */
import { type FileMap, readFileTree } from './state/git.js';
import type {
  CommentRecord,
  CommitRecord,
  IssueRecord,
  LabelRecord,
  PullFileRecord,
  PullRecord,
  RepoRecord,
  RepoRole,
  ReviewRecord,
  RulesetRecord,
  SecretRecord,
  UserRecord,
  WorkflowRecord,
  WorkflowState,
} from './state/records.js';
import type { GitHubStore, NewIssue, NewLabel, NewPull, NewRepo, NewReview } from './state/store.js';

type PullIssue = IssueRecord & { pull: PullRecord };

/** "owner/name" of a repository already seeded. */
export type RepoName = string;

export interface SeedIssue extends NewIssue {
  author: string;
  /** When it was opened; the emulator's clock when omitted. */
  at?: Date;
}

export interface SeedPull extends NewPull {
  author: string;
  at?: Date;
}

export class Seeder {
  constructor(private readonly store: GitHubStore) {}

  user(login: string, details: { name?: string; email?: string } = {}): UserRecord {
    const user = this.store.user(login);
    if (details.name !== undefined) user.name = details.name;
    if (details.email !== undefined) user.email = details.email;
    return user;
  }

  repo(input: NewRepo): RepoRecord {
    return this.store.addRepo(input);
  }

  labels(repo: RepoName, labels: NewLabel[]): LabelRecord[] {
    const record = this.find(repo);
    return labels.map((label) => this.store.createLabel(record, label));
  }

  issue(repo: RepoName, input: SeedIssue): IssueRecord {
    const record = this.find(repo);
    const issue = this.store.createIssue(record, this.store.user(input.author), input);
    if (input.at) backdate(issue, input.at);
    return issue;
  }

  comment(
    repo: RepoName,
    issueNumber: number,
    input: { body: string; author: string; at?: Date },
  ): CommentRecord {
    const record = this.find(repo);
    const comment = this.store.createComment(
      record,
      this.store.issue(record, issueNumber),
      this.store.user(input.author),
      input.body,
    );
    if (input.at) {
      comment.createdAt = input.at;
      comment.updatedAt = input.at;
    }
    return comment;
  }

  pull(repo: RepoName, input: SeedPull): PullIssue {
    const record = this.find(repo);
    const issue = this.store.createPull(record, this.store.user(input.author), input);
    if (input.at) backdate(issue, input.at);
    return issue;
  }

  /** A review by `author`; on the head commit unless `commitId` says otherwise. */
  review(repo: RepoName, pullNumber: number, input: NewReview & { author: string }): ReviewRecord {
    const record = this.find(repo);
    return this.store.createReview(this.store.pull(record, pullNumber), this.store.user(input.author), input);
  }

  /**
   * A commit on `branch` (the default branch unless given) that writes these files (null deletes
   * one), or all files under a directory on disk; authored by the repository's owner unless given.
   * The branch is created from the default branch's head when it does not exist yet.
   */
  files(
    repo: RepoName,
    files: Record<string, string | Uint8Array | null> | { dir: string },
    options: { branch?: string; message?: string; author?: string } = {},
  ): CommitRecord {
    const record = this.find(repo);
    const branch = options.branch ?? record.defaultBranch;
    if (!this.store.branchHead(record, branch)) {
      this.store.createBranch(record, branch, record.git.branches.get(record.defaultBranch) as string);
    }
    const changes: FileMap | Record<string, string | Uint8Array | null> =
      'dir' in files && typeof files.dir === 'string' ? readFileTree(files.dir) : files;
    return this.store.commitToBranch(record, branch, {
      message: options.message ?? 'Update files',
      author: options.author ? this.store.user(options.author) : record.owner,
      changes,
    });
  }

  /** A new branch at `from` (a branch or sha; the default branch's head when omitted). */
  branch(repo: RepoName, name: string, from?: string): CommitRecord {
    const record = this.find(repo);
    const commit = this.store.resolveRef(record, from ?? record.defaultBranch);
    if (!commit) throw new Error(`seed: no commit for ${from ?? record.defaultBranch} in ${repo}`);
    return this.store.createBranch(record, name, commit.sha);
  }

  /** A new commit on the pull request's head: returns the new head sha (earlier reviews go stale). */
  push(
    repo: RepoName,
    pullNumber: number,
    files?: PullFileRecord[],
    options: { by?: string | null } = {},
  ): string {
    const record = this.find(repo);
    const by =
      options.by === undefined ? undefined : options.by === null ? null : this.store.user(options.by);
    return this.store.pushToPull(this.store.pull(record, pullNumber).pull, files, by);
  }

  /** A person's role in the repository (everyone but the owner has "write" until told otherwise). */
  role(repo: RepoName, login: string, role: RepoRole): void {
    this.find(repo).settings.roles.set(login.toLowerCase(), role);
  }

  /**
   * The state of the workflow in `.github/workflows/FILE` (the file must be on the default
   * branch), e.g. "disabled_inactivity" for GitHub's 60-day disable of scheduled workflows.
   */
  workflowState(repo: RepoName, file: string, state: WorkflowState): WorkflowRecord {
    const record = this.find(repo);
    const workflow = this.store.workflow(record, file.split('/').pop() ?? file);
    this.store.setWorkflowState(workflow, state);
    return workflow;
  }

  /** Classic branch protection requiring these status checks. */
  protection(
    repo: RepoName,
    branch: string,
    input: { requiredChecks: string[]; strict?: boolean; enforceAdmins?: boolean; codeOwnerReview?: boolean },
  ): void {
    this.find(repo).settings.protection.set(branch, {
      requiredChecks: [...input.requiredChecks],
      strict: input.strict ?? false,
      enforceAdmins: input.enforceAdmins ?? false,
      ...(input.codeOwnerReview !== undefined && { codeOwnerReview: input.codeOwnerReview }),
    });
  }

  /** A ruleset requiring status checks (and reviews) on `branches` (default: the default branch). */
  ruleset(
    repo: RepoName,
    input: {
      name?: string;
      branches?: string[];
      requiredChecks: string[];
      strict?: boolean;
      /** Add a pull_request rule, requiring a code owner's review or not. */
      codeOwnerReview?: boolean;
    },
  ): RulesetRecord {
    return this.store.addRuleset(this.find(repo), {
      name: input.name ?? 'main',
      branches: input.branches ?? ['~DEFAULT_BRANCH'],
      requiredChecks: [...input.requiredChecks],
      strict: input.strict ?? false,
      ...(input.codeOwnerReview !== undefined && { codeOwnerReview: input.codeOwnerReview }),
    });
  }

  /** An Actions secret of the repository, or an organization secret shared with it. */
  secret(repo: RepoName, name: string, scope: 'repository' | 'organization' = 'repository'): SecretRecord {
    return this.store.addSecret(this.find(repo), name, scope);
  }

  /** Settings → Actions → General → Workflow permissions. */
  workflowPermissions(
    repo: RepoName,
    input: { default?: 'read' | 'write'; canApprovePullRequestReviews?: boolean },
  ): void {
    const settings = this.find(repo).settings.workflowPermissions;
    if (input.default !== undefined) settings.default = input.default;
    if (input.canApprovePullRequestReviews !== undefined)
      settings.canApprovePullRequestReviews = input.canApprovePullRequestReviews;
  }

  /** Settings → Pages → Source: GitHub Actions (`workflow`) or a branch (`legacy`); null turns Pages off. */
  pages(repo: RepoName, buildType: 'workflow' | 'legacy' | null): void {
    const settings = this.find(repo).settings;
    if (buildType === null) delete settings.pages;
    else settings.pages = { buildType };
  }

  private find(repo: RepoName): RepoRecord {
    const [owner = '', name = ''] = repo.split('/');
    const record = this.store.repo(owner, name);
    if (!record) throw new Error(`seed: no repository ${repo}; seed it first with seed.repo()`);
    return record;
  }
}

function backdate(issue: IssueRecord, at: Date): void {
  issue.createdAt = at;
  issue.updatedAt = at;
  if (issue.closedAt) issue.closedAt = at;
}
