/**
 * `oncall check-change --base DIR --head DIR --author LOGIN`: the pull-request check on two whole
 * repositories, the same function the validate-pr action runs: every change as people see it and
 * the consent each one needs, judged with the base's roster, admins and CODEOWNERS.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { checkPullRequest } from '../../actions/validate-pr/check-pull-request.js';
import { type CliIo, EXIT_INPUT_ERRORS, EXIT_OK } from '../cli-io.js';
import { diagnosticJson, formatDiagnostic, sortDiagnostics } from '../format.js';
import { parseCommandArgs, UsageError } from '../options.js';

export const checkChangeHelp = `Usage: oncall check-change --base DIR --head DIR --author LOGIN [--committers a,b]
                           [--approvals a,b] [--repo-admins a,b] [--at T] [--json]

Compares two checkouts of the on-call repository (a pull request's base and head) and prints every
change as people see it: time on call moved (rotations matched by name, each side read with its own
rotation.yaml), roster entries, rotation policy, playbooks' point-people and team, and the
machinery (.github/, actions/, dist/, package*.json, CODEOWNERS). For each, who must agree and
whether they did, judged with the BASE's roster, admins, away lists and CODEOWNERS:

  --author LOGIN       who opened the pull request; their authorship counts only when they made
                       every commit (--committers, default: the author alone)
  --committers a,b     the logins of every commit's author and committer
  --approvals a,b      people whose latest review approves the head commit (or who commented
                       /approve-change HEAD-SHA)
  --repo-admins a,b    which of those approvers are repository admins (consent for policy where
                       the base names no rotation admin)

Code owners named as teams (@org/team) are not looked up here: name them by login in --approvals
only if they are listed by login in CODEOWNERS.

Exit 0 when the change may merge, 1 when it may not (errors or missing consent), 2 on bad usage.
--json prints { ok, changes: [{kind, text, ...}], consent: [{who, for, given, by?}], errors, warnings }.`;

export async function checkChangeCommand(args: string[], io: CliIo): Promise<number> {
  const { common, values } = parseCommandArgs(
    args,
    {
      base: { type: 'string' },
      head: { type: 'string' },
      author: { type: 'string' },
      committers: { type: 'string' },
      approvals: { type: 'string' },
      'repo-admins': { type: 'string' },
    },
    io,
  );
  if (common.help) {
    io.stdout(`${checkChangeHelp}\n`);
    return EXIT_OK;
  }
  const base = await directory(io, values.base, '--base DIR is required (the checkout before the change)');
  const head = await directory(io, values.head, '--head DIR is required (the checkout after the change)');
  if (typeof values.author !== 'string' || values.author.trim() === '') {
    throw new UsageError('--author LOGIN is required (who opened the pull request)');
  }
  const author = values.author.trim();
  const list = (value: unknown) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((login) => login.trim())
          .filter(Boolean)
      : undefined;
  const outcome = await checkPullRequest({
    baseRoot: base,
    headRoot: head,
    author,
    committers: list(values.committers) ?? [author],
    approvals: (list(values.approvals) ?? []).map((login) => ({
      login,
      onHead: true,
      via: 'review' as const,
    })),
    repositoryAdmins: list(values['repo-admins']) ?? [],
    now: common.at,
  });
  const errors = sortDiagnostics(outcome.errors);
  const warnings = sortDiagnostics(outcome.warnings);
  if (common.json) {
    const document = {
      ok: outcome.ok,
      changes: outcome.check?.changes ?? [],
      consent: outcome.check?.consent ?? [],
      errors: errors.map(diagnosticJson),
      warnings: warnings.map(diagnosticJson),
    };
    io.stdout(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    const lines = [outcome.ok ? 'ok: the change may merge' : `not ok: ${outcome.headline}`];
    for (const change of outcome.check?.changes ?? []) lines.push(`  - ${change.text}`);
    for (const need of outcome.check?.consent ?? []) {
      lines.push(
        `  ${need.given ? 'agreed' : 'MISSING'}: ${need.who} for ${need.for}${need.by ? ` (by ${need.by})` : ''}`,
      );
    }
    io.stdout(`${lines.join('\n')}\n`);
    for (const item of [...errors, ...warnings]) io.stdout(`${formatDiagnostic(item, io.color)}\n`);
  }
  return outcome.ok ? EXIT_OK : EXIT_INPUT_ERRORS;
}

async function directory(io: CliIo, value: unknown, missing: string): Promise<string> {
  if (typeof value !== 'string' || value === '') throw new UsageError(missing);
  const full = path.resolve(io.cwd, value);
  const info = await stat(full).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`${value}: no such directory`);
  return full;
}
