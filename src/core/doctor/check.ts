/**
 * One line of `oncall doctor`: a stable name, what was found, and what to do about it.
 *
 * - ok: looked, and found the setup right.
 * - failed: found a problem, or could not look because something the on-call system itself
 *   needs is missing (a token, access to the repository, files that load). Its fix says what
 *   to do; doctor then exits 1, so nothing unverified passes silently.
 * - skipped: could not look, and that is not a fault of the setup: the check needs more rights
 *   than the system does (a repository admin's), so its fix says how to check by hand. A skipped
 *   check counts as ok for the exit code.
 */
export type CheckStatus = 'ok' | 'failed' | 'skipped';

export interface DoctorCheck {
  /** Stable, for scripts: "files", "github-token", "labels", "workflow:tick", "slack-scopes"... */
  name: string;
  /** False only when the check failed. */
  ok: boolean;
  status: CheckStatus;
  /** What was found, in a sentence or two. */
  detail: string;
  /** What to do: a command, a setting, a file to edit. Null when there is nothing to do. */
  fix: string | null;
}

export function passed(name: string, detail: string): DoctorCheck {
  return { name, ok: true, status: 'ok', detail, fix: null };
}

export function failed(name: string, detail: string, fix: string): DoctorCheck {
  return { name, ok: false, status: 'failed', detail, fix };
}

export function skipped(name: string, detail: string, fix: string): DoctorCheck {
  return { name, ok: true, status: 'skipped', detail, fix };
}

/** A check that could not run because an earlier one failed: it fails too, pointing there. */
export function blocked(name: string, blocker: Blocker): DoctorCheck {
  return failed(name, `not checked: ${blocker.why}`, blocker.fix);
}

/** Why a group of checks cannot look (no token, the repository cannot be read...). */
export interface Blocker {
  why: string;
  fix: string;
}

/** Checks that need the files: they cannot run when the roster or playbooks do not load. */
export const FILES_BLOCKER: Blocker = {
  why: 'the on-call files do not load (see the files check)',
  fix: 'run `oncall validate` and fix what it lists',
};

export interface DoctorReport {
  /** True when no check failed (skipped ones allowed). */
  ok: boolean;
  repository: string;
  checks: DoctorCheck[];
  summary: { ok: number; failed: number; skipped: number };
}

export function doctorReport(repository: string, checks: DoctorCheck[]): DoctorReport {
  const count = (status: CheckStatus) => checks.filter((check) => check.status === status).length;
  return {
    ok: checks.every((check) => check.ok),
    repository,
    checks,
    summary: { ok: count('ok'), failed: count('failed'), skipped: count('skipped') },
  };
}

/** "a, b and c". */
export function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
