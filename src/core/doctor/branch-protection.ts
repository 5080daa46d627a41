/**
 * The default branch requires the `validate-pr` check, so no trade, cover or roster change is
 * merged without its schema, integrity, fairness and consent check. A ruleset or classic branch
 * protection may require it. Rulesets are readable by anyone who can read the repository; classic
 * protection only by admins: without admin rights the check says how to look by hand.
 */
import { type Blocker, blocked, type DoctorCheck, failed, listing, passed, skipped } from './check.js';
import { type Gathered, reason } from './facts.js';

const NAME = 'branch-protection';

/** The check to require: the validate-pr job's name, and the commit status publish and cover set. */
export const REQUIRED_CHECK = 'validate-pr';

export function checkBranchProtection(input: {
  branch: string | undefined;
  rulesetChecks: Gathered<string[]> | undefined;
  protection: Gathered<{ requiredChecks: string[] }> | undefined;
  blocker: Blocker | undefined;
}): DoctorCheck {
  const { branch = 'main', rulesetChecks, protection } = input;
  if (input.blocker) return blocked(NAME, input.blocker);
  if (rulesetChecks?.ok && rulesetChecks.value.includes(REQUIRED_CHECK)) {
    return passed(NAME, `a ruleset requires ${REQUIRED_CHECK} on ${branch}`);
  }
  if (protection?.ok && protection.value.requiredChecks.includes(REQUIRED_CHECK)) {
    return passed(NAME, `the branch protection of ${branch} requires ${REQUIRED_CHECK}`);
  }
  const howTo =
    `Settings → Branches → a rule for ${branch} (or Rules → Rulesets → a branch ruleset): require a pull request ` +
    `before merging, and require the status check ${REQUIRED_CHECK} (it is listed once it has run on a pull request)`;
  const otherChecks = [
    ...(rulesetChecks?.ok ? rulesetChecks.value : []),
    ...(protection?.ok ? protection.value.requiredChecks : []),
  ];
  if (protection?.ok || otherChecks.length > 0) {
    return failed(
      NAME,
      `${branch} is protected, but ${REQUIRED_CHECK} is not a required check (required: ${listing(otherChecks) || 'none'})`,
      `add ${REQUIRED_CHECK} to the required status checks of ${branch}: ${howTo}`,
    );
  }
  if (
    protection &&
    !protection.ok &&
    protection.status === 404 &&
    /not protected/i.test(protection.message)
  ) {
    return failed(
      NAME,
      `${branch} is not protected: a change to the schedule can be merged without its check and its people's consent`,
      howTo,
    );
  }
  const why = protection && !protection.ok ? ` (${reason(protection)})` : '';
  return skipped(
    NAME,
    `no ruleset requires ${REQUIRED_CHECK} on ${branch}, and its branch protection cannot be read with this token${why}: that needs admin rights`,
    `check by hand: ${howTo}; or run doctor with a repository admin's token`,
  );
}
