/** `oncall labels sync`: create the labels the on-call system uses, and bring their colours and descriptions in line. */
import { desiredLabels, type LabelPlan, planLabelSync } from '../../core/labels.js';
import { buildRoster } from '../../core/model/roster.js';
import { applyLabelPlan, type LabelSyncResult, listLabels } from '../../io/github/labels.js';
import { type CliIo, EXIT_INPUT_ERRORS, EXIT_OK, envOf } from '../cli-io.js';
import { formatDiagnostic, sortDiagnostics } from '../format.js';
import { githubFromEnv, githubMessage, parseRepo } from '../github-env.js';
import { openRepository } from '../open-repository.js';
import { parseCommandArgs, UsageError } from '../options.js';

export const labelsHelp = `Usage: oncall labels sync [--repo OWNER/NAME] [--dry-run] [--root DIR] [--json]

Creates the labels the on-call system reads and sets, and updates the colour and description of
those that exist already: incident, bug, request, sev:1, sev:2, sev:3, the status labels
(status:paged, status:deferred, status:acknowledged, status:escalated, status:resolved,
status:routed), system:ID for each playbook and team:ID for each team of the roster and playbooks.
Labels it does not know are left alone.

GitHub: the token is GITHUB_TOKEN, the repository --repo or GITHUB_REPOSITORY, the API
GITHUB_API_URL (default https://api.github.com).

--dry-run writes nothing: it reads the repository's labels (when GITHUB_TOKEN is set) and prints
what it would create and update; without a token it plans against a repository with no labels.

JSON: {repository, dryRun, created:[names], updated:[names], unchanged:[names], failed, changes}.
Exit 0 when every label is in line, 1 when GitHub refused something or the files have errors,
2 on bad usage (no token, no repository).`;

export async function labelsCommand(args: string[], io: CliIo): Promise<number> {
  const { common, values, positionals } = parseCommandArgs(args, { repo: { type: 'string' } }, io, true);
  if (common.help) {
    io.stdout(`${labelsHelp}\n`);
    return EXIT_OK;
  }
  const [sub, ...extra] = positionals;
  if (sub !== 'sync') {
    throw new UsageError(
      sub === undefined
        ? 'say what to do: oncall labels sync'
        : `unknown subcommand "${sub}"; the one there is: sync`,
    );
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const env = envOf(io);
  const repoText = (values.repo as string | undefined) ?? env.GITHUB_REPOSITORY;
  const repo = repoText === undefined || repoText === '' ? undefined : parseRepo(repoText);
  const token = env.GITHUB_TOKEN || undefined;
  if (!common.dryRun && !token) {
    throw new UsageError(
      'GITHUB_TOKEN is not set: labels sync needs a token that can write issues (or use --dry-run)',
    );
  }
  if (!repo && (!common.dryRun || token)) {
    throw new UsageError('which repository? Pass --repo OWNER/NAME or set GITHUB_REPOSITORY');
  }

  const loaded = await openRepository(common);
  const errors = sortDiagnostics(loaded.diagnostics.filter((item) => item.severity === 'error'));
  for (const item of errors) io.stderr(`${formatDiagnostic(item, io.color)}\n`);
  if (!loaded.repository) {
    return fail(io, common.json, 'the roster cannot be read; run oncall validate');
  }
  const wanted = desiredLabels({
    playbooks: loaded.repository.playbooks,
    teams: buildRoster(loaded.repository.people.people).teams,
  });

  const github =
    token && repo
      ? githubFromEnv(env, {
          token,
          deadlineMs: 5 * 60_000,
          log: (message) => io.stderr(`oncall labels: ${message}\n`),
        })
      : undefined;

  let plan: LabelPlan;
  try {
    plan = planLabelSync(wanted, github && repo ? await listLabels(github, repo) : []);
  } catch (err) {
    return fail(
      io,
      common.json,
      `cannot read the labels of ${repoText}: ${githubMessage(err, 'the token may lack the issues permission')}`,
    );
  }

  let result: LabelSyncResult;
  if (common.dryRun || !github || !repo) {
    result = {
      created: plan.create.map((label) => label.name),
      updated: plan.update.map((label) => label.name),
      unchanged: plan.unchanged,
      failed: [],
    };
  } else {
    result = await applyLabelPlan(github, repo, plan);
  }

  const changes = [
    ...plan.create.map((label) => ({ action: 'create' as const, ...label })),
    ...plan.update.map((label) => ({ action: 'update' as const, ...label })),
  ];
  if (common.json) {
    const document = {
      repository: repoText ?? null,
      dryRun: common.dryRun,
      ...(github ? {} : { existing: 'unknown: no GITHUB_TOKEN, planned as if the repository had no labels' }),
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
      failed: result.failed,
      changes,
    };
    io.stdout(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    const verb = common.dryRun
      ? { create: 'would create', update: 'would update' }
      : { create: 'created', update: 'updated' };
    if (!github) io.stdout('no GITHUB_TOKEN: planned as if the repository had no labels\n');
    for (const label of plan.create) {
      if (common.dryRun || result.created.includes(label.name)) {
        io.stdout(`${verb.create} ${label.name} (#${label.color}): ${label.description}\n`);
      } else if (result.updated.includes(label.name)) {
        io.stdout(`updated ${label.name} (#${label.color}): it was created meanwhile\n`);
      }
    }
    for (const label of plan.update.filter((item) => common.dryRun || result.updated.includes(item.name))) {
      io.stdout(
        `${verb.update} ${label.name}: #${label.before?.color} -> #${label.color}, "${label.before?.description ?? ''}" -> "${label.description}"\n`,
      );
    }
    io.stdout(
      `${result.unchanged.length} label${result.unchanged.length === 1 ? '' : 's'} already in line\n`,
    );
    for (const failure of result.failed)
      io.stderr(`oncall labels: could not ${failure.action} ${failure.name}: ${failure.message}\n`);
  }
  return result.failed.length > 0 ? EXIT_INPUT_ERRORS : EXIT_OK;
}

function fail(io: CliIo, json: boolean, message: string): number {
  if (json)
    io.stdout(`${JSON.stringify({ created: [], updated: [], unchanged: [], error: message }, null, 2)}\n`);
  io.stderr(`oncall labels: ${message}\n`);
  return EXIT_INPUT_ERRORS;
}
