/**
 * `oncall doctor`'s verdict: the facts gathered from the files, GitHub and Slack, judged check by
 * check, in the order a team sets things up. Pure: the same facts give the same checks.
 */
import type { Diagnostic } from '../diagnostics/finding.js';
import { checkActionsPullRequests, checkSlackSecret } from './admin-settings.js';
import { checkBranchProtection } from './branch-protection.js';
import { type DoctorReport, doctorReport } from './check.js';
import { checkCodeOwnerReview } from './code-owner-review.js';
import { checkCodeOwners } from './codeowners.js';
import type { GitHubFacts, SlackFacts } from './facts.js';
import { checkFiles } from './files.js';
import { checkGitHubToken, gitHubBlocker } from './github-token.js';
import { checkLabels } from './labels.js';
import type { DoctorNeeds } from './needs.js';
import { checkPages } from './pages.js';
import { checkSlackScopes, checkSlackToken, neededSlackScopes, slackBlocker } from './slack-app.js';
import { checkSlackChannels, checkSlackUserGroups } from './slack-destinations.js';
import { checkSlackPeople } from './slack-people.js';
import { checkWorkflows } from './workflows.js';

export interface DoctorInput {
  /** OWNER/NAME. */
  repository: string;
  /** What `oncall validate` reports for the files. */
  diagnostics: readonly Diagnostic[];
  /** Undefined when the roster does not load. */
  needs: DoctorNeeds | undefined;
  /** The file names in `.github/workflows/` of the checkout. */
  localWorkflows: readonly string[];
  /** The checkout's CODEOWNERS (.github/, the root or docs/), undefined when it has none. */
  codeOwners?: string;
  github: GitHubFacts;
  slack: SlackFacts;
}

export function diagnose(input: DoctorInput): DoctorReport {
  const { repository, needs, github, slack } = input;
  const onGitHub = gitHubBlocker(github, repository);
  const inSlack = slackBlocker(slack);
  const repo = github.repo?.ok ? github.repo.value : undefined;
  const channelFacts = slack.channels ?? {};
  const usage = {
    usergroups: (needs?.usergroups.length ?? 0) > 0,
    // A channel Slack could not show is taken to be public, the usual case.
    channels: (needs?.channels ?? []).map((target) => {
      const info = channelFacts[target.id];
      return { isPrivate: info?.ok ? info.value.isPrivate : false };
    }),
  };
  return doctorReport(repository, [
    checkFiles(input.diagnostics),
    checkGitHubToken(github, repository),
    checkLabels(needs?.labels, github.labels, repository, onGitHub),
    ...checkWorkflows({
      listed: github.workflows,
      local: input.localWorkflows,
      repository,
      isPublic: repo ? !repo.private : false,
      blocker: onGitHub,
    }),
    checkBranchProtection({
      branch: repo?.defaultBranch,
      rulesetChecks: github.rulesetChecks,
      protection: github.protection,
      blocker: onGitHub,
    }),
    checkCodeOwners(input.codeOwners),
    checkCodeOwnerReview({
      branch: repo?.defaultBranch,
      rulesetCodeOwnerReview: github.rulesetCodeOwnerReview,
      protection: github.protection,
      blocker: onGitHub,
    }),
    checkPages({
      pages: github.pages,
      workflowPresent:
        input.localWorkflows.includes('pages.yml') ||
        (github.workflows?.ok === true &&
          github.workflows.value.some((workflow) => workflow.path === '.github/workflows/pages.yml')),
      blocker: onGitHub,
    }),
    checkActionsPullRequests(github.actionsMayCreatePullRequests, onGitHub),
    checkSlackSecret(github.repoSecrets, github.orgSecrets, repository, onGitHub),
    checkSlackToken(slack),
    checkSlackScopes(neededSlackScopes(usage), slack, inSlack),
    checkSlackPeople(needs?.people, slack, inSlack),
    checkSlackChannels(needs?.channels, slack, inSlack),
    checkSlackUserGroups(needs?.usergroups, slack, inSlack),
  ]);
}
