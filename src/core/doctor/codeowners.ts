/**
 * CODEOWNERS is active for the machinery and the rotations' policy files, and names real owners:
 * the shipped file's placeholder team (@your-org/oncall-admins) is flagged until it is replaced.
 * The validate-pr check asks a code owner of the BASE's CODEOWNERS to approve any change to the
 * machinery; without owners nobody can, and GitHub's code-owner review has nobody to ask.
 */
import { ownersOf, parseCodeOwners } from '../change/codeowners.js';
import { type DoctorCheck, failed, passed } from './check.js';

const NAME = 'codeowners';
export const PLACEHOLDER_OWNER = /^@your-org\//i;

/** One file standing for each owned path. */
const MUST_BE_OWNED = [
  '.github/workflows/validate-pr.yml',
  'actions/validate-pr/action.yml',
  'dist/actions/validate-pr.js',
  'package.json',
  'package-lock.json',
  'rotations/NAME/rotation.yaml',
];

export function checkCodeOwners(text: string | undefined): DoctorCheck {
  const fix =
    'edit .github/CODEOWNERS: own /.github/, /actions/, /dist/, /package*.json and /rotations/*/rotation.yaml ' +
    'by your on-call admins (a team @org/team or logins), then merge it';
  if (text === undefined) return failed(NAME, 'no CODEOWNERS file (.github/CODEOWNERS)', fix);
  const lines = parseCodeOwners(text);
  const placeholders = lines.filter((line) => line.owners.some((owner) => PLACEHOLDER_OWNER.test(owner)));
  if (placeholders.length > 0) {
    return failed(
      NAME,
      `CODEOWNERS still names the placeholder ${placeholders[0]?.owners.find((owner) => PLACEHOLDER_OWNER.test(owner))} (line ${placeholders.map((line) => line.line).join(', ')})`,
      'replace @your-org/oncall-admins in .github/CODEOWNERS by your on-call admins (a team @org/team or logins)',
    );
  }
  const unowned = MUST_BE_OWNED.filter(
    (file) => (ownersOf(lines, file) ?? []).filter((owner) => owner.startsWith('@')).length === 0,
  );
  if (unowned.length > 0) {
    return failed(NAME, `CODEOWNERS names no owner for ${unowned.join(', ')}`, fix);
  }
  return passed(NAME, 'CODEOWNERS owns the machinery and the rotations’ policy files');
}
