/**
 * Two repository settings only an admin's token can read: whether GitHub Actions may open pull
 * requests (publish and /take need it), and whether the workflows' SLACK_BOT_TOKEN secret exists.
 * With a lesser token both are skipped, with how to check them by hand.
 */
import { type Blocker, blocked, type DoctorCheck, failed, passed, skipped } from './check.js';
import { type Gathered, reason } from './facts.js';

export const SLACK_SECRET = 'SLACK_BOT_TOKEN';

export function checkActionsPullRequests(
  setting: Gathered<boolean> | undefined,
  blocker: Blocker | undefined,
): DoctorCheck {
  const name = 'actions-pull-requests';
  if (blocker) return blocked(name, blocker);
  const where =
    'Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests"';
  if (setting?.ok && setting.value)
    return passed(name, 'GitHub Actions may open pull requests (publish, covers)');
  if (setting?.ok) {
    return failed(
      name,
      'GitHub Actions may not open pull requests here: the publish workflow and /take on a cover request fail with HTTP 403',
      `tick ${where} (when it is greyed out, the organization's Actions settings must allow it first); ` +
        'or give publish a GitHub App token (docs/publishing.md)',
    );
  }
  return skipped(
    name,
    `the Actions settings cannot be read with this token${setting ? ` (${reason(setting)})` : ''}: that needs admin rights`,
    `check by hand: ${where} is ticked`,
  );
}

export function checkSlackSecret(
  repoSecrets: Gathered<string[]> | undefined,
  orgSecrets: Gathered<string[]> | undefined,
  repository: string,
  blocker: Blocker | undefined,
): DoctorCheck {
  const name = 'slack-secret';
  if (blocker) return blocked(name, blocker);
  if (repoSecrets?.ok && repoSecrets.value.includes(SLACK_SECRET)) {
    return passed(name, `${SLACK_SECRET} is a secret of the repository`);
  }
  if (orgSecrets?.ok && orgSecrets.value.includes(SLACK_SECRET)) {
    return passed(name, `${SLACK_SECRET} is an organization secret the repository can use`);
  }
  const set = `\`gh secret set ${SLACK_SECRET} --repo ${repository}\` and paste the Slack bot token (xoxb-…), or Settings → Secrets and variables → Actions → New repository secret`;
  if (repoSecrets?.ok && orgSecrets?.ok) {
    return failed(
      name,
      `the workflows read secrets.${SLACK_SECRET}, but ${repository} has no such secret: pages go out as GitHub mentions only, and Slack is never updated`,
      set,
    );
  }
  const detail = repoSecrets?.ok
    ? `${SLACK_SECRET} is not a repository secret, and the organization secrets shared with the repository ` +
      `cannot be listed${orgSecrets && !orgSecrets.ok ? ` (${reason(orgSecrets)})` : ''}`
    : `the repository's secrets cannot be listed with this token${repoSecrets ? ` (${reason(repoSecrets)})` : ''}: ` +
      'that needs admin rights';
  return skipped(
    name,
    detail,
    `check by hand: Settings → Secrets and variables → Actions lists ${SLACK_SECRET}; if not, ${set}`,
  );
}
