/** Every label the system reads or sets exists on GitHub with its colour and description. */
import { type ExistingLabel, type LabelSpec, planLabelSync } from '../labels.js';
import { type Blocker, blocked, type DoctorCheck, FILES_BLOCKER, failed, listing, passed } from './check.js';
import { type Gathered, reason } from './facts.js';

const NAME = 'labels';

export function checkLabels(
  wanted: readonly LabelSpec[] | undefined,
  existing: Gathered<ExistingLabel[]> | undefined,
  repository: string,
  blocker: Blocker | undefined,
): DoctorCheck {
  if (blocker) return blocked(NAME, blocker);
  if (!wanted) return blocked(NAME, FILES_BLOCKER);
  if (!existing) return blocked(NAME, { why: 'the labels were not read', fix: 'run doctor again' });
  if (!existing.ok) {
    return failed(
      NAME,
      `the labels of ${repository} cannot be read (${reason(existing)})`,
      'the token needs Issues: read (a fine-grained token) or the repo scope (a classic one)',
    );
  }
  const plan = planLabelSync(wanted, existing.value);
  if (plan.create.length === 0 && plan.update.length === 0) {
    return passed(NAME, `all ${wanted.length} labels exist with their colours and descriptions`);
  }
  const parts: string[] = [];
  if (plan.create.length > 0) parts.push(`missing: ${listing(plan.create.map((label) => label.name))}`);
  if (plan.update.length > 0) {
    parts.push(`a different colour or description: ${listing(plan.update.map((label) => label.name))}`);
  }
  return failed(
    NAME,
    parts.join('; '),
    `oncall labels sync --repo ${repository} (it creates the missing labels and corrects the others)`,
  );
}
