/**
 * Gathers a pull request's two sides and judges the change with the one change check: the base
 * and head repositories loaded from their checkouts (or the head as the base plus files edited in
 * memory, for the jobs that open pull requests themselves), every file that differs, and the
 * BASE's CODEOWNERS. Findings come back positioned in the head's files.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DateTime } from 'luxon';
import type { Approval } from '../../core/change/agreement.js';
import { type ChangeReport, changeReport } from '../../core/change/change-report.js';
import { type ChangeCheck, checkChange } from '../../core/change/check-change.js';
import type { Diagnostic } from '../../core/diagnostics/finding.js';
import type { Repository } from '../../core/model/repository.js';
import { changedFiles, readCodeOwners } from '../../io/changed-files.js';
import { loadRepository } from '../../io/load-repository.js';

export interface PullRequestInput {
  baseRoot: string;
  /** The head checkout; without it, the base with `edits` applied. */
  headRoot?: string;
  /** path → new text, applied over the head (or the base) without writing anything. */
  edits?: ReadonlyMap<string, string>;
  author?: string;
  committers?: readonly string[];
  approvals: readonly Approval[];
  repositoryAdmins?: readonly string[];
  teams?: Readonly<Record<string, readonly string[]>>;
  headSha?: string;
  now: DateTime;
}

export interface PullRequestOutcome extends ChangeReport {
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** Files the pull request changes; none means there is nothing to judge. */
  changed: string[];
  check?: ChangeCheck;
}

const EMPTY: Repository = {
  peopleFile: 'rotations/people.yaml',
  people: { people: [] },
  rotations: [],
  playbooks: [],
};

export async function checkPullRequest(input: PullRequestInput): Promise<PullRequestOutcome> {
  const edits = input.edits ?? new Map<string, string>();
  const headRoot = input.headRoot ?? input.baseRoot;
  const changed = input.headRoot ? await changedFiles(input.baseRoot, input.headRoot) : [];
  for (const file of edits.keys()) if (!changed.includes(file)) changed.push(file);
  if (changed.length === 0) {
    const headline = 'No file changed';
    return { ok: true, headline, markdown: `### ✅ ${headline}\n`, errors: [], warnings: [], changed };
  }
  const base = await loadRepository(input.baseRoot);
  const head = await loadRepository(headRoot, edits);
  const headErrors = head.diagnostics.filter((item) => item.severity === 'error');
  // A base that does not load judges as an empty one: every change then needs an admin.
  const baseRepository = base.repository ?? EMPTY;
  if (!head.repository) {
    const report = changeReport({ changes: [], consent: [], rotations: [] }, headErrors, [], input.headSha);
    return { ...report, errors: headErrors, warnings: [], changed };
  }
  const check = checkChange({
    base: baseRepository,
    head: withUnreadableAsBase(head.repository, baseRepository, head.rotationNames, headRoot, edits),
    changedFiles: changed,
    author: input.author,
    committers: input.committers ?? (input.author ? [input.author] : []),
    approvals: input.approvals,
    repositoryAdmins: input.repositoryAdmins,
    codeOwners: await readCodeOwners(input.baseRoot),
    teams: input.teams,
    now: input.now,
  });
  const errors = dedupe([...headErrors, ...head.resolve(check.errors)]);
  const warnings = dedupe(head.resolve(check.warnings));
  const report = changeReport(check, errors, warnings, input.headSha);
  return { ...report, errors, warnings, changed, check };
}

/**
 * A head file that exists but does not load is an error already; judged as missing it would also
 * read as "rotation removed, everyone loses their time", which is noise. Its base version stands in.
 */
function withUnreadableAsBase(
  head: Repository,
  base: Repository,
  headRotationDirs: readonly string[],
  headRoot: string,
  edits: ReadonlyMap<string, string>,
): Repository {
  const loaded = new Set(head.rotations.map((source) => source.dir));
  const rotations = [
    ...head.rotations,
    ...base.rotations.filter((source) => headRotationDirs.includes(source.dir) && !loaded.has(source.dir)),
  ];
  const playbookFiles = new Set(head.playbooks.map((source) => source.file));
  const playbooks = [
    ...head.playbooks,
    ...base.playbooks.filter(
      (source) =>
        !playbookFiles.has(source.file) &&
        (edits.has(source.file) || existsSync(path.join(headRoot, source.file))),
    ),
  ];
  return { ...head, rotations, playbooks };
}

function dedupe(items: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.file}|${item.line}|${item.column}|${item.rule}|${item.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
