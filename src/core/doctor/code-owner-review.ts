/**
 * The default branch requires a code owner's review. A pull request's `pull_request` run uses the
 * workflow file of the pull request itself, so the validate-pr check alone cannot protect
 * `.github/`: GitHub's required code-owner review of those files is what does (docs/security.md).
 * A ruleset's pull_request rule or classic protection may require it.
 */
import { type Blocker, blocked, type DoctorCheck, failed, passed, skipped } from './check.js';
import { type Gathered, reason } from './facts.js';

const NAME = 'code-owner-review';

export function checkCodeOwnerReview(input: {
  branch: string | undefined;
  rulesetCodeOwnerReview: Gathered<boolean> | undefined;
  protection: Gathered<{ codeOwnerReview?: boolean }> | undefined;
  blocker: Blocker | undefined;
}): DoctorCheck {
  const { branch = 'main', rulesetCodeOwnerReview, protection } = input;
  if (input.blocker) return blocked(NAME, input.blocker);
  if (rulesetCodeOwnerReview?.ok && rulesetCodeOwnerReview.value) {
    return passed(NAME, `a ruleset requires a code owner's review on ${branch}`);
  }
  if (protection?.ok && protection.value.codeOwnerReview) {
    return passed(NAME, `the branch protection of ${branch} requires a code owner's review`);
  }
  const howTo =
    `Settings → Rules → Rulesets → the ruleset of ${branch} → "Require a pull request before merging" → ` +
    `"Require review from Code Owners" (or Settings → Branches → the rule for ${branch}); without it a pull ` +
    'request can change .github/workflows/validate-pr.yml and so the check that judges it';
  const unreadable =
    protection && !protection.ok && !(protection.status === 404 && /not protected/i.test(protection.message));
  if (unreadable) {
    return skipped(
      NAME,
      `no ruleset requires a code owner's review on ${branch}, and its branch protection cannot be read with this token (${reason(protection)}): that needs admin rights`,
      `check by hand: ${howTo}; or run doctor with a repository admin's token`,
    );
  }
  return failed(NAME, `${branch} does not require a code owner's review`, howTo);
}
