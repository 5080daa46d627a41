/**
 * Who has agreed to a pull request's head commit. An approving review counts when it is the
 * person's latest review and it approves the head commit. Authorship counts only when the author
 * made every commit: someone else's push must not speak for them. Since GitHub lets nobody approve
 * their own pull request, anyone (the author included) may agree with a comment whose first line is
 * `/approve-change SHA`, naming the full head commit; a comment edited after it was posted does not
 * count (people with write access can edit other people's comments).
 */
import { loginKey } from '../model/roster.js';

export const APPROVE_COMMAND = '/approve-change';

/** GitHub signs commits made in its web interface (suggestions, edits) as this committer. */
const WEB_COMMITTER = 'web-flow';

export interface Approval {
  login: string;
  /** The approval names the pull request's head commit (an older one does not count). */
  onHead: boolean;
  via?: 'review' | 'command' | 'request';
}

export interface Agreement {
  author?: string;
  /** Logins of every commit's author and committer. */
  committers: readonly string[];
  approvals: readonly Approval[];
}

export type AgreedBy = 'author' | 'review' | 'command' | 'request';

/** How `login` agreed to the head commit, or undefined. */
export function agreedBy(agreement: Agreement, login: string): AgreedBy | undefined {
  const key = loginKey(login);
  const approval = agreement.approvals.find((item) => item.onHead && loginKey(item.login) === key);
  if (approval) return approval.via ?? 'review';
  if (agreement.author && loginKey(agreement.author) === key && authorMadeEveryCommit(agreement)) {
    return 'author';
  }
  return undefined;
}

export function authorMadeEveryCommit(agreement: Agreement): boolean {
  const author = agreement.author;
  if (!author) return false;
  return agreement.committers.every(
    (login) => loginKey(login) === loginKey(author) || loginKey(login) === WEB_COMMITTER,
  );
}

export interface CommandComment {
  login: string;
  body: string;
  /** The comment was edited after it was posted. */
  edited: boolean;
}

/** `/approve-change SHA` comments, as approvals bound to the commit they name. */
export function commandApprovals(comments: readonly CommandComment[], headSha: string): Approval[] {
  const approvals: Approval[] = [];
  for (const comment of comments) {
    const sha = approveCommandSha(comment.body);
    if (sha === undefined) continue;
    approvals.push({
      login: comment.login,
      onHead: !comment.edited && sha === headSha.toLowerCase(),
      via: 'command',
    });
  }
  return approvals;
}

/** The commit a comment's first line approves, when it is the command at column 0. */
export function approveCommandSha(body: string): string | undefined {
  const first = body.split(/\r?\n/, 1)[0] ?? '';
  const match = /^\/approve-change[ \t]+([0-9a-fA-F]{40})[ \t]*$/.exec(first);
  return match?.[1]?.toLowerCase();
}
