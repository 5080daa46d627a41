/**
 * The machinery's consent: every changed file of the machinery needs the approval of one of its
 * code owners as the BASE's CODEOWNERS names them (a person, or a member of a team as GitHub
 * reported it), and of a repository admin where CODEOWNERS names nobody. The author never counts,
 * as GitHub's own code-owner review does not count the author. Other files (docs, sources) are
 * listed but ask nobody.
 */
import { loginKey } from '../model/roster.js';
import { type Agreement, agreedBy } from './agreement.js';
import type { Change, ChangeInput, ConsentNeed } from './check-change.js';
import { ownersOf, parseCodeOwners } from './codeowners.js';
import { isMachinery } from './machinery.js';

const ON_CALL_DATA = /^(rotations|playbooks)\//;

export function machineryConsent(
  input: Pick<ChangeInput, 'changedFiles' | 'codeOwners' | 'teams' | 'repositoryAdmins' | 'author'>,
  agreement: Agreement,
): { changes: Change[]; consent: ConsentNeed[] } {
  const lines = parseCodeOwners(input.codeOwners ?? '');
  const changes: Change[] = [];
  const groups = new Map<string, { owners: string[]; files: string[] }>();
  for (const file of [...input.changedFiles].sort()) {
    if (ON_CALL_DATA.test(file)) continue;
    if (!isMachinery(file)) {
      changes.push({ kind: 'file', file, text: `${file} changes (no consent needed)` });
      continue;
    }
    changes.push({ kind: 'machinery', file, text: `${file} changes (machinery)` });
    const owners = (ownersOf(lines, file) ?? []).filter((owner) => owner.startsWith('@'));
    const key = owners.join(' ');
    const group = groups.get(key) ?? { owners, files: [] };
    group.files.push(file);
    groups.set(key, group);
  }
  const notAuthor = (login: string) => !input.author || loginKey(login) !== loginKey(input.author);
  const reviewers: Agreement = { ...agreement, author: undefined };
  const consent: ConsentNeed[] = [];
  for (const { owners, files } of groups.values()) {
    const shown =
      files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
    const what = `machinery: ${shown}`;
    const people =
      owners.length > 0
        ? owners.flatMap((owner) =>
            owner.includes('/') ? [...(input.teams?.[owner.slice(1).toLowerCase()] ?? [])] : [owner.slice(1)],
          )
        : [...(input.repositoryAdmins ?? [])];
    const who =
      owners.length > 0
        ? `a code owner (${owners.join(', ')})`
        : 'a repository admin (CODEOWNERS names no owner for these files)';
    const agreed = people.filter(notAuthor).find((login) => agreedBy(reviewers, login));
    consent.push(
      agreed
        ? { who, for: what, given: true, by: `${agreed} (code owner, ${agreedBy(reviewers, agreed)})` }
        : { who, for: what, given: false },
    );
  }
  return { changes, consent };
}
