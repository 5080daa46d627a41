/** The emulator's in-memory records: what GitHub stores, before it is rendered as JSON. */

export type AuthorAssociation = 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'NONE';

export interface UserRecord {
  id: number;
  login: string;
  type: 'User' | 'Bot' | 'Organization';
  name: string | null;
  email: string | null;
  createdAt: Date;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: UserRecord;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReviewRecord {
  id: number;
  user: UserRecord;
  body: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'PENDING' | 'DISMISSED';
  commitId: string;
  submittedAt: Date | null;
}

export interface PullFileRecord {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  patch?: string;
  previousFilename?: string;
}

export interface PullRecord {
  /** Pull requests have their own id beside the id of the issue they also are. */
  id: number;
  head: { ref: string; sha: string; owner: string };
  base: { ref: string; sha: string };
  draft: boolean;
  mergedAt: Date | null;
  mergedBy: UserRecord | null;
  files: PullFileRecord[];
  reviews: ReviewRecord[];
  /**
   * The commits of a pull request whose head is not a branch of the file tree, oldest first: one
   * by its author when opened, one per push (by whoever pushed).
   */
  commits: PullCommitRecord[];
  /**
   * True when the head is a branch of the repository's file tree: its head sha and files then
   * follow the branch (and its base sha the base branch) whenever a branch moves.
   */
  tracksBranch?: boolean;
}

/** A commit of a pull request as the commits list shows it: who wrote it and who committed it. */
export interface PullCommitRecord {
  sha: string;
  author: UserRecord | null;
  committer: UserRecord | null;
  message: string;
  createdAt: Date;
}

/** One file of a commit's tree: its blob sha (as git computes it) and its bytes. */
export interface GitFile {
  sha: string;
  content: Buffer;
}

export interface CommitRecord {
  sha: string;
  /** The tree's sha, computed from the files' paths and blob shas. */
  tree: string;
  /** Every file of the commit's tree, by path ("rotations/ops/schedule.yaml"). */
  files: ReadonlyMap<string, GitFile>;
  parents: string[];
  message: string;
  author: UserRecord;
  createdAt: Date;
}

/** A repository's commits and branches (no tags, no merges: what a bot proposing a change needs). */
export interface GitRecord {
  commits: Map<string, CommitRecord>;
  /** Branch name ("main", "oncall/publish") → the sha of its head commit. */
  branches: Map<string, string>;
}

export interface StatusRecord {
  id: number;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  description: string | null;
  targetUrl: string | null;
  context: string;
  creator: UserRecord;
  createdAt: Date;
  updatedAt: Date;
}

/** An issue, or the issue side of a pull request: both share one number sequence per repository. */
export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  user: UserRecord;
  labelIds: number[];
  assignees: UserRecord[];
  locked: boolean;
  comments: number;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closedBy: UserRecord | null;
  pull?: PullRecord;
}

export interface RepoRecord {
  id: number;
  owner: UserRecord;
  name: string;
  description: string | null;
  private: boolean;
  defaultBranch: string;
  createdAt: Date;
  /** author_association of people other than the owner, by lower-case login. */
  associations: Map<string, AuthorAssociation>;
  labels: Map<number, LabelRecord>;
  issues: Map<number, IssueRecord>;
  comments: Map<number, CommentRecord>;
  nextNumber: number;
  /** The file tree: commits and branches; the default branch always exists. */
  git: GitRecord;
  /** Commit statuses, oldest first. */
  statuses: StatusRecord[];
  /** Who may do what, Actions and branch rules: what `oncall doctor` reads. */
  settings: RepoSettingsRecord;
}

/** A person's role in a repository, as GitHub names them (`permissions` follows from it). */
export type RepoRole = 'read' | 'triage' | 'write' | 'maintain' | 'admin';

export type WorkflowState =
  | 'active'
  | 'deleted'
  | 'disabled_fork'
  | 'disabled_inactivity'
  | 'disabled_manually';

/** A workflow GitHub registered from a file of `.github/workflows/` on the default branch. */
export interface WorkflowRecord {
  id: number;
  /** ".github/workflows/tick.yml". */
  path: string;
  /** The file's top-level `name:`, else its path (as GitHub shows it). */
  name: string;
  state: WorkflowState;
  createdAt: Date;
  updatedAt: Date;
}

/** Classic branch protection: only the parts the on-call system cares about. */
export interface BranchProtectionRecord {
  /** Required status check contexts, e.g. ["validate-pr"]. */
  requiredChecks: string[];
  strict: boolean;
  enforceAdmins: boolean;
  /** Required pull request reviews with "Require review from Code Owners". */
  codeOwnerReview?: boolean;
}

/** A repository ruleset with a required-status-checks rule and, optionally, a pull-request rule. */
export interface RulesetRecord {
  id: number;
  name: string;
  /** Branch names it targets; "~DEFAULT_BRANCH" and "~ALL" as in GitHub's ref conditions. */
  branches: string[];
  requiredChecks: string[];
  strict: boolean;
  /** A pull_request rule requiring a code owner's review (undefined: no pull_request rule). */
  codeOwnerReview?: boolean;
}

/** An Actions secret: GitHub only ever tells its name and dates. */
export interface SecretRecord {
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface RepoSettingsRecord {
  /** Roles of people other than the owner (who is admin), by lower-case login; "write" when absent. */
  roles: Map<string, RepoRole>;
  /** Workflows by path, registered when first listed. */
  workflows: Map<string, WorkflowRecord>;
  /** Classic protection by branch name. */
  protection: Map<string, BranchProtectionRecord>;
  rulesets: RulesetRecord[];
  /** Repository secrets and the organization secrets shared with the repository, by name. */
  secrets: Map<string, SecretRecord>;
  orgSecrets: Map<string, SecretRecord>;
  /** Settings → Actions → General → Workflow permissions. */
  workflowPermissions: { default: 'read' | 'write'; canApprovePullRequestReviews: boolean };
  /** Settings → Pages: how the site is built; undefined while Pages is off. */
  pages?: { buildType: 'workflow' | 'legacy' };
}
