/**
 * `oncall doctor`: checks a live setup (the files, the GitHub token, labels, workflows, branch
 * protection, the Slack app, people, channels and user groups) and says what to fix. It only
 * reads: the facts are gathered from GitHub and Slack, the core judges them, this prints them.
 */
import type { DoctorCheck, DoctorReport } from '../../core/doctor/check.js';
import { diagnose } from '../../core/doctor/diagnose.js';
import type { GitHubFacts, SlackFacts } from '../../core/doctor/facts.js';
import { tokenKind } from '../../core/doctor/github-token.js';
import { type DoctorNeeds, doctorNeeds } from '../../core/doctor/needs.js';
import { validateRepository } from '../../core/rules/validate-repository.js';
import { readCodeOwners } from '../../io/changed-files.js';
import { gatherGitHubFacts } from '../../io/github/doctor.js';
import { createSlackClient } from '../../io/slack/client.js';
import { gatherSlackFacts } from '../../io/slack/doctor.js';
import { listWorkflowFiles } from '../../io/workflow-files.js';
import { type CliIo, EXIT_INPUT_ERRORS, EXIT_OK, envOf } from '../cli-io.js';
import { bold, sortDiagnostics } from '../format.js';
import { githubFromEnv, repoFromEnv } from '../github-env.js';
import { chooseRotation, openRepository } from '../open-repository.js';
import { parseCommandArgs, UsageError } from '../options.js';

export const doctorHelp = `Usage: oncall doctor [--repo OWNER/NAME] [--root DIR] [--rotation NAME] [--at T] [--json]

Checks a live setup and says what to fix. It only reads: nothing is changed on GitHub or in Slack.

  files                  the on-call files validate (as oncall validate)
  github-token           GITHUB_TOKEN reads the repository and can write issues, contents and
                         pull requests (a classic token's scopes, the account's access)
  labels                 every label the system uses exists, with its colour and description
  workflow:NAME          each workflow the system ships is on the default branch and active (not
                         disabled by GitHub after 60 days without activity)
  branch-protection      the default branch requires the validate-pr check
  codeowners             .github/CODEOWNERS owns the machinery (.github/, actions/, dist/,
                         package*.json) and rotations/*/rotation.yaml, with no placeholder team
  code-owner-review      the default branch requires a code owner's review (a pull request's
                         own workflow file runs on it: only that review protects .github/)
  actions-pull-requests  GitHub Actions may open pull requests (publish, covers)
  slack-secret           the repository has the SLACK_BOT_TOKEN secret the workflows read
  slack-token            SLACK_BOT_TOKEN is a bot token Slack accepts
  slack-scopes           the Slack app has every scope the system uses
  slack-people           every person's slack id (or email) is an active Slack member
  slack-channels         each rotation's slack.channel exists and has the bot in it
  slack-usergroups       each rotation's slack.usergroup exists and is enabled

A check fails when it finds a problem, or cannot look because something the system needs is
missing (a token). The four that need a repository admin's token (branch-protection,
code-owner-review, actions-pull-requests, slack-secret) are skipped without one when no ruleset
answers them, and say how to check by hand.

GitHub: the token is GITHUB_TOKEN, the repository --repo or GITHUB_REPOSITORY, the API
GITHUB_API_URL. Slack: the token is SLACK_BOT_TOKEN, the API SLACK_API_URL. --rotation limits the
Slack channel and user group checks to one rotation.

JSON: {ok, repository, checks:[{name, ok, status, detail, fix}], summary:{ok, failed, skipped}}.
Exit 0 when no check failed, 1 when one did, 2 on bad usage.`;

/** Every wait of a run ends by then: a doctor that hangs is no help. */
const GITHUB_DEADLINE_MS = 2 * 60_000;
/** One Slack lookup per person: about a minute per hundred people at Slack's rate limits. */
const SLACK_DEADLINE_MS = 10 * 60_000;

export async function doctorCommand(args: string[], io: CliIo): Promise<number> {
  const { common, values, positionals } = parseCommandArgs(args, { repo: { type: 'string' } }, io, true);
  if (common.help) {
    io.stdout(`${doctorHelp}\n`);
    return EXIT_OK;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const env = envOf(io);
  const repo = repoFromEnv(values.repo as string | undefined, env);
  if (!repo) throw new UsageError('which repository? Pass --repo OWNER/NAME or set GITHUB_REPOSITORY');
  const repository = `${repo.owner}/${repo.repo}`;
  const log = (message: string) => io.stderr(`oncall doctor: ${message}\n`);

  const loaded = await openRepository(common);
  const only = common.rotation === undefined ? undefined : chooseRotation(loaded, common.rotation);
  const diagnostics = sortDiagnostics([
    ...loaded.diagnostics,
    ...(loaded.repository ? loaded.resolve(validateRepository(loaded.repository, common.at)) : []),
  ]);
  let needs: DoctorNeeds | undefined;
  if (loaded.repository) {
    const rotations = loaded.repository.rotations.filter(
      (rotation) => only === undefined || rotation.dir === only,
    );
    needs = doctorNeeds({ ...loaded.repository, rotations }, common.at);
  }

  const githubToken = env.GITHUB_TOKEN || undefined;
  const github: GitHubFacts = githubToken
    ? await gatherGitHubFacts(
        githubFromEnv(env, { token: githubToken, deadlineMs: GITHUB_DEADLINE_MS, log }),
        repo,
        tokenKind(githubToken),
      )
    : {};

  const slackToken = env.SLACK_BOT_TOKEN || undefined;
  let slack: SlackFacts = { token: 'missing' };
  if (slackToken) {
    const client = createSlackClient({
      token: slackToken,
      ...(env.SLACK_API_URL && { apiUrl: env.SLACK_API_URL }),
      deadline: Date.now() + SLACK_DEADLINE_MS,
      retryBaseMs: Number.parseInt(env.ONCALL_RETRY_BASE_MS ?? '1000', 10),
      log,
    });
    slack = await gatherSlackFacts(client, /^(xoxe\.)?xoxb-/.test(slackToken) ? 'bot' : 'other', {
      channels: (needs?.channels ?? []).map((target) => target.id),
      usergroups: (needs?.usergroups.length ?? 0) > 0,
      people: needs?.people ?? [],
    });
  }

  const report = diagnose({
    repository,
    diagnostics,
    needs,
    localWorkflows: await listWorkflowFiles(loaded.root),
    codeOwners: await readCodeOwners(loaded.root),
    github,
    slack,
  });
  if (common.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout(formatReport(report, io.color));
  return report.ok ? EXIT_OK : EXIT_INPUT_ERRORS;
}

const MARK: Record<DoctorCheck['status'], { mark: string; color: number }> = {
  ok: { mark: '✓', color: 32 },
  failed: { mark: '✗', color: 31 },
  skipped: { mark: '–', color: 33 },
};

/** One line per check, its fix indented under it; a summary last. */
export function formatReport(report: DoctorReport, color: boolean): string {
  const width = Math.max(...report.checks.map((check) => check.name.length));
  const lines = [bold(`oncall doctor: ${report.repository}`, color)];
  for (const check of report.checks) {
    const { mark, color: code } = MARK[check.status];
    const painted = color ? `\u001b[${code}m${mark}\u001b[0m` : mark;
    lines.push(`${painted} ${check.name.padEnd(width)}  ${check.detail}`);
    if (check.fix) lines.push(`  ${' '.repeat(width)}  fix: ${check.fix}`);
  }
  const { summary } = report;
  lines.push(
    '',
    `${summary.ok} ok, ${summary.failed} failed, ${summary.skipped} skipped` +
      (report.ok ? '' : ': fix the failed checks above and run oncall doctor again'),
  );
  return `${lines.join('\n')}\n`;
}
