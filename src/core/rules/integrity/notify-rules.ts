/**
 * Notification rules (`notify:` in rotation.yaml and on a person in people.yaml): the steps are
 * read in the order people wrote them, so each `after` must come later than the one before it;
 * two steps at the same minute are one step with both methods.
 */
import { error, type Finding } from '../../diagnostics/finding.js';
import type { NotifyRules, PeopleFile } from '../../model/schemas.js';

export function checkNotifyRules(
  file: string,
  rules: NotifyRules | undefined,
  at: (string | number)[],
): Finding[] {
  const findings: Finding[] = [];
  (rules ?? []).forEach((step, index) => {
    const before = index > 0 ? rules?.[index - 1] : undefined;
    if (before && step.after <= before.after) {
      findings.push(
        error(
          'notify-order',
          step.after === before.after
            ? `two notification steps at after: ${step.after}; put the methods in one step (via: [${[...before.via, ...step.via].join(', ')}])`
            : `after: ${step.after} comes after a step at after: ${before.after}; list the steps in the order they are due`,
          { file, path: [...at, index, 'after'] },
        ),
      );
    }
  });
  return findings;
}

export function checkPeopleNotifyRules(file: string, people: PeopleFile): Finding[] {
  return people.people.flatMap((person, index) =>
    checkNotifyRules(file, person.notify, ['people', index, 'notify']),
  );
}
