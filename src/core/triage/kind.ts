/**
 * Which kind of issue this is: the kind label (the one just added wins, else incident before bug
 * before request), else the form it came from. Undefined when neither says: not the triage's issue.
 */
import { KIND_LABELS } from '../labels.js';
import type { KindReason } from './decision.js';
import { formKind, type Kind } from './forms.js';
import type { IssueForm } from './issue-form.js';

export function kindLabelsOf(labels: readonly string[]): Kind[] {
  const present = new Set(labels.map((label) => label.toLowerCase()));
  return KIND_LABELS.filter((kind) => present.has(kind));
}

export function isKindLabel(label: string): label is Kind {
  return (KIND_LABELS as readonly string[]).includes(label.toLowerCase());
}

export function decideKind(
  labels: readonly string[],
  form: IssueForm,
  added: string | undefined,
): { kind: Kind; reason: KindReason } | undefined {
  const fromLabels = kindLabelsOf(labels);
  const addedKind = added !== undefined && isKindLabel(added) ? (added.toLowerCase() as Kind) : undefined;
  const label = addedKind ?? fromLabels[0];
  const fromForm = formKind(form);
  if (label)
    return { kind: label, reason: { from: 'label', label, ...(fromForm ? { form: fromForm } : {}) } };
  return fromForm ? { kind: fromForm, reason: { from: 'form', form: fromForm } } : undefined;
}
