/**
 * Which system the issue is about: a `system:ID` label (the one just added wins, else one with a
 * playbook), else the form's "Which system?" answer. A system without a playbook is kept as named,
 * so the reply can say that no playbook matched.
 */
import type { PlaybookSource } from '../model/repository.js';
import type { SystemMatch } from './decision.js';
import { systemAnswer } from './forms.js';
import type { IssueForm } from './issue-form.js';

const PREFIX = 'system:';

export function isSystemLabel(label: string): boolean {
  return label.toLowerCase().startsWith(PREFIX) && label.length > PREFIX.length;
}

export function decideSystem(
  labels: readonly string[],
  form: IssueForm,
  playbooks: readonly PlaybookSource[],
  added: string | undefined,
): SystemMatch {
  const find = (id: string) =>
    playbooks.find((playbook) => playbook.frontMatter.system.toLowerCase() === id.toLowerCase());
  const named = labels.filter(isSystemLabel).map((label) => label.slice(PREFIX.length));
  const addedId = added !== undefined && isSystemLabel(added) ? added.slice(PREFIX.length) : undefined;
  const fromLabel = addedId ?? named.find((id) => find(id) !== undefined) ?? named[0];
  if (fromLabel !== undefined) return matched(fromLabel, find(fromLabel), 'label');

  const fromForm = systemAnswer(
    form,
    playbooks.map((playbook) => playbook.frontMatter),
  );
  if (fromForm.type === 'none') return { from: 'none' };
  if (fromForm.type === 'not-sure') return { from: 'not-sure' };
  return matched(
    fromForm.system ?? fromForm.text,
    fromForm.system ? find(fromForm.system) : undefined,
    'form',
  );
}

function matched(named: string, playbook: PlaybookSource | undefined, from: 'label' | 'form'): SystemMatch {
  if (!playbook) return { named, from };
  const { system, title, team, point_people } = playbook.frontMatter;
  return {
    system,
    named,
    from,
    playbook: { path: playbook.file, title, team, pointPeople: [...point_people] },
  };
}
