/**
 * Gathers a pull request's two checkouts and judges the change: every file of the head validated,
 * and each rotation whose schedule changed checked as a trade (consent, history, fairness).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DateTime } from 'luxon';
import type { Diagnostic } from '../../core/diagnostics/finding.js';
import type { ScheduleFile } from '../../core/model/schemas.js';
import { validateRepository } from '../../core/rules/validate-repository.js';
import { checkTrade } from '../../core/trade/check-trade.js';
import { type PrReport, prReport, type RotationOutcome } from '../../core/trade/pr-report.js';
import { changedOnCallFiles } from '../../io/changed-files.js';
import { loadRepository, loadYamlFile } from '../../io/load-repository.js';

export interface PullRequestInput {
  baseRoot: string;
  headRoot: string;
  author?: string;
  approvals: readonly string[];
  now: DateTime;
}

export interface PullRequestOutcome extends PrReport {
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** On-call files the pull request changes; none means there is nothing to judge. */
  changed: string[];
}

export async function checkPullRequest(input: PullRequestInput): Promise<PullRequestOutcome> {
  const changed = await changedOnCallFiles(input.baseRoot, input.headRoot);
  if (changed.length === 0) {
    const headline = 'No on-call file changed';
    return { ok: true, headline, markdown: `### ✅ ${headline}\n`, errors: [], warnings: [], changed };
  }
  const head = await loadRepository(input.headRoot);
  const errors: Diagnostic[] = head.diagnostics.filter((item) => item.severity === 'error');
  const warnings: Diagnostic[] = [];
  const outcomes: RotationOutcome[] = [];
  if (head.repository) {
    const changedWarnings = new Map<string, Diagnostic[]>();
    for (const source of head.repository.rotations) {
      const headText = await readFile(path.join(input.headRoot, source.scheduleFile), 'utf8');
      const baseText = await readFile(path.join(input.baseRoot, source.scheduleFile), 'utf8').catch(
        () => undefined,
      );
      if (baseText === headText) {
        outcomes.push({ rotation: source.dir });
        continue;
      }
      // A new rotation has no base: every shift in it is newly published.
      const base =
        baseText === undefined
          ? { data: { rotation: source.rotation.name, shifts: [] } as ScheduleFile, diagnostics: [] }
          : await loadYamlFile(
              path.join(input.baseRoot, source.scheduleFile),
              source.scheduleFile,
              'schedule',
            );
      if (!base.data) {
        outcomes.push({ rotation: source.dir });
        continue;
      }
      const check = checkTrade({
        repository: head.repository,
        rotation: source.dir,
        base: base.data as ScheduleFile,
        head: source.schedule,
        author: input.author,
        approvals: input.approvals,
        now: input.now,
      });
      outcomes.push({ rotation: source.dir, check });
      errors.push(...head.resolve(check.errors));
      changedWarnings.set(source.dir, head.resolve(check.warnings));
    }
    // Errors of files no trade covers (people.yaml, rotation.yaml, playbooks, unchanged schedules).
    const covered = new Set(outcomes.filter((outcome) => outcome.check).map((outcome) => outcome.rotation));
    const rest = {
      ...head.repository,
      rotations: head.repository.rotations.filter((source) => !covered.has(source.dir)),
    };
    errors.push(
      ...head.resolve(validateRepository(rest, input.now).filter((finding) => finding.severity === 'error')),
    );
    for (const list of changedWarnings.values()) warnings.push(...list);
  }
  const unique = dedupe(errors);
  const report = prReport(outcomes, unique, warnings);
  return { ...report, errors: unique, warnings, changed };
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
