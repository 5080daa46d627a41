/** The files of the on-call repository validate: the same verdict as `oncall validate`. */
import type { Diagnostic } from '../diagnostics/finding.js';
import { type DoctorCheck, failed, passed } from './check.js';

const SHOWN = 3;

export function checkFiles(diagnostics: readonly Diagnostic[]): DoctorCheck {
  const errors = diagnostics.filter((item) => item.severity === 'error');
  const warnings = diagnostics.length - errors.length;
  const warned = warnings > 0 ? ` (${warnings} fairness warning${warnings === 1 ? '' : 's'})` : '';
  if (errors.length === 0) {
    return passed('files', `rotations/, people.yaml and playbooks/ validate${warned}`);
  }
  const first = errors
    .slice(0, SHOWN)
    .map((item) => `${item.file}:${item.line}:${item.column} ${item.rule}`)
    .join('; ');
  const more = errors.length > SHOWN ? `; and ${errors.length - SHOWN} more` : '';
  return failed(
    'files',
    `${errors.length} error${errors.length === 1 ? '' : 's'}: ${first}${more}${warned}`,
    'run `oncall validate` and fix what it lists (docs/files.md explains every rule)',
  );
}
