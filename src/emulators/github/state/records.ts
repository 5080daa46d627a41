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
   * True when the head is a branch of the repository's file tree: its head sha and files then
   * follow the branch (and its base sha the base branch) whenever a branch moves.
   */
  tracksBranch?: boolean;
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
}
