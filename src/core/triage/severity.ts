/**
 * How severe: a `sev:N` label (the one just added wins, else the most severe), else the form
 * ("down for users" yes is sev:1, any other incident sev:2), and sev:3 for bugs and requests.
 * A kind label just added (a person saying "this is a bug") outranks an older sev:1 or sev:2.
 */
import { SEVERITY_LABELS } from '../labels.js';
import type { Severity, SeverityReason } from './decision.js';
import { downForUsers, type Kind } from './forms.js';
import type { IssueForm } from './issue-form.js';
import { isKindLabel } from './kind.js';

export function severityLabelsOf(labels: readonly string[]): Severity[] {
  const present = new Set(labels.map((label) => label.toLowerCase()));
  return SEVERITY_LABELS.filter((label) => present.has(label)).map(
    (label) => Number(label.slice(4)) as Severity,
  );
}

export function isSeverityLabel(label: string): boolean {
  return (SEVERITY_LABELS as readonly string[]).includes(label.toLowerCase());
}

export function decideSeverity(
  kind: Kind,
  labels: readonly string[],
  form: IssueForm,
  added: string | undefined,
): { severity: Severity; reason: SeverityReason } {
  const down = downForUsers(form);
  const fromForm = down === undefined ? {} : { formSaysDown: down };
  if (added !== undefined && isSeverityLabel(added)) {
    return { severity: Number(added.slice(4)) as Severity, reason: { from: 'label', ...fromForm } };
  }
  let present = severityLabelsOf(labels);
  // "This is a bug" just now: an urgent severity set before it no longer holds.
  if (added !== undefined && isKindLabel(added) && kind !== 'incident')
    present = present.filter((sev) => sev === 3);
  const label = present[0];
  if (label !== undefined) return { severity: label, reason: { from: 'label', ...fromForm } };
  if (kind !== 'incident') return { severity: 3, reason: { from: 'kind', kind } };
  if (down === undefined) return { severity: 2, reason: { from: 'unanswered' } };
  return { severity: down ? 1 : 2, reason: { from: 'form', down } };
}
