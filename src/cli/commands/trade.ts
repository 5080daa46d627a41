/** `oncall trade --base FILE --head FILE`: a schedule change as people see it, with consent and fairness. */
import path from 'node:path';
import type { Diagnostic } from '../../core/diagnostics/finding.js';
import type { ScheduleFile } from '../../core/model/schemas.js';
import { checkTrade } from '../../core/trade/check-trade.js';
import { loadYamlFile } from '../../io/load-repository.js';
import { type CliIo, EXIT_INPUT_ERRORS, EXIT_OK } from '../cli-io.js';
import { diagnosticJson, formatDiagnostic, sortDiagnostics } from '../format.js';
import { chooseRotation, openRepository } from '../open-repository.js';
import { parseCommandArgs, UsageError } from '../options.js';

export const tradeHelp = `Usage: oncall trade --base FILE --head FILE [--author LOGIN] [--approvals a,b] [common options]

Compares two versions of a rotation's schedule.yaml (a pull request's base and head) and prints
the change as people see it ("ana takes 2027-04-12 from ben; ben takes 2027-03-29 from ana"),
whose time on call moves, whether each of them agreed (the author, an approving review, or an
admin's approval for someone away), integrity errors (editing history is one), the fairness
warnings the change adds, and a before/after fairness table. The roster and rotation come from
--root (default: the current directory).

This is the schedule-only view, judged with the --root repository. The pull-request check itself
compares two whole checkouts, judges consent with the base and covers the roster, rotation policy,
playbooks and the machinery too: oncall check-change --base DIR --head DIR --author LOGIN.

Exit 0 when the change may merge, 1 when it has errors or lacks someone's consent, 2 on bad usage.`;

export async function tradeCommand(args: string[], io: CliIo): Promise<number> {
  const { common, values } = parseCommandArgs(
    args,
    {
      base: { type: 'string' },
      head: { type: 'string' },
      author: { type: 'string' },
      approvals: { type: 'string' },
    },
    io,
  );
  if (common.help) {
    io.stdout(`${tradeHelp}\n`);
    return EXIT_OK;
  }
  if (typeof values.base !== 'string')
    throw new UsageError('--base FILE is required (the schedule.yaml before the change)');
  if (typeof values.head !== 'string')
    throw new UsageError('--head FILE is required (the schedule.yaml after the change)');
  const approvals =
    typeof values.approvals === 'string'
      ? values.approvals
          .split(',')
          .map((login) => login.trim())
          .filter(Boolean)
      : [];
  const author = values.author as string | undefined;

  const loaded = await openRepository(common);
  const name = chooseRotation(loaded, common.rotation);
  const source = loaded.repository?.rotations.find((rotation) => rotation.dir === name);
  const label = source?.scheduleFile ?? `rotations/${name}/schedule.yaml`;
  const base = await loadYamlFile(path.resolve(io.cwd, values.base), label, 'schedule');
  const head = await loadYamlFile(path.resolve(io.cwd, values.head), label, 'schedule');
  const blocking = [
    ...loaded.diagnostics.filter((item) => item.severity === 'error' && item.file !== label),
    ...base.diagnostics.map((item) => ({ ...item, message: `(base) ${item.message}` })),
    ...head.diagnostics,
    // The repository's own schedule.yaml, when broken, keeps the rotation from loading: say why,
    // unless --head is that very file and already said it.
    ...(!source && head.diagnostics.length === 0
      ? loaded.diagnostics.filter((item) => item.severity === 'error' && item.file === label)
      : []),
  ];
  if (!loaded.repository || !source || !base.data || !head.data || blocking.length > 0) {
    return fail(io, common.json, sortDiagnostics(blocking), 'the files have errors; nothing to compare');
  }

  const result = checkTrade({
    repository: loaded.repository,
    rotation: name,
    base: base.data as ScheduleFile,
    head: head.data as ScheduleFile,
    author,
    approvals,
    now: common.at,
  });
  // Findings about the changed schedule point into the head file; others into the repository.
  const resolve = (findings: typeof result.errors): Diagnostic[] => [
    ...head.resolve(findings.filter((finding) => finding.at.file === label)),
    ...loaded.resolve(findings.filter((finding) => finding.at.file !== label)),
  ];
  const errors = sortDiagnostics(resolve(result.errors));
  const warnings = sortDiagnostics(resolve(result.warnings));
  const ok = errors.length === 0 && result.consent.ok;
  if (common.json) {
    const document = {
      rotation: name,
      ok,
      changes: result.changes.map(({ kind, text }) => ({ kind, text })),
      affected: result.affected,
      time: result.time,
      consent: result.consent,
      mentions: result.mentions,
      errors: errors.map(diagnosticJson),
      warnings: warnings.map(diagnosticJson),
      fairness: result.fairness,
    };
    io.stdout(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    io.stdout(tradeSummary(name, result, io.color));
    for (const item of [...errors, ...warnings]) io.stdout(`${formatDiagnostic(item, io.color)}\n`);
  }
  return ok ? EXIT_OK : EXIT_INPUT_ERRORS;
}

export function tradeSummary(
  rotation: string,
  result: ReturnType<typeof checkTrade>,
  _color: boolean,
): string {
  const lines = [`${rotation}: ${result.changes.length === 0 ? 'no change to the schedule' : 'the change'}`];
  for (const change of result.changes) lines.push(`  - ${change.text}`);
  for (const { github, gained, lost } of result.time) {
    const parts = [gained > 0 ? `gains ${gained} h` : '', lost > 0 ? `loses ${lost} h` : ''].filter(Boolean);
    if (parts.length > 0) lines.push(`  ${github} ${parts.join(' and ')} on call`);
  }
  if (result.affected.length > 0) {
    lines.push(
      result.consent.ok
        ? `consent: everyone agreed (${result.consent.given.map((entry) => `${entry.github}: ${entry.by}${entry.admin ? ` ${entry.admin}` : ''}`).join(', ')})`
        : `consent missing: ${result.consent.missing.join(', ')} must approve the pull request`,
    );
  }
  if (result.mentions.length > 0)
    lines.push(`newly scheduled (no consent needed): ${result.mentions.join(', ')}`);
  if (result.fairness.length > 0) {
    lines.push(
      '',
      '| person | shifts before | shifts after | prorated load before | after |',
      '|---|--:|--:|--:|--:|',
    );
    for (const row of result.fairness) {
      lines.push(
        `| ${row.github} | ${row.before.shifts} | ${row.after.shifts} | ${row.before.prorated} | ${row.after.prorated} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function fail(io: CliIo, json: boolean, diagnostics: Diagnostic[], message: string): number {
  if (json) {
    io.stdout(
      `${JSON.stringify({ ok: false, changes: [], affected: [], consent: { ok: false, missing: [] }, errors: diagnostics.map(diagnosticJson), warnings: [], error: message }, null, 2)}\n`,
    );
  } else {
    for (const item of diagnostics) io.stderr(`${formatDiagnostic(item, io.color)}\n`);
    io.stderr(`oncall trade: ${message}\n`);
  }
  return EXIT_INPUT_ERRORS;
}
