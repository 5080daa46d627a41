/** `oncall validate`: every file against schema, integrity and fairness rules. */
import { type Finding, hasErrors } from '../../core/diagnostics/finding.js';
import { validateRepository } from '../../core/rules/validate-repository.js';
import { type CliIo, EXIT_INPUT_ERRORS, EXIT_OK } from '../cli-io.js';
import { diagnosticJson, formatDiagnostic, sortDiagnostics } from '../format.js';
import { chooseRotation, openRepository } from '../open-repository.js';
import { parseCommandArgs } from '../options.js';

export const validateHelp = `Usage: oncall validate [--root DIR] [--rotation NAME] [--at T] [--json]

Checks rotations/people.yaml, every rotations/NAME/{rotation,schedule}.yaml and playbooks/*.md:
schema, YAML safety, integrity (errors) and fairness rules (warnings, or errors under enforce: error).
Each problem is printed as file:line:column rule message.

Exit 0 when there are no errors (warnings allowed), 1 when there are, 2 on bad usage.`;

export async function validateCommand(args: string[], io: CliIo): Promise<number> {
  const { common } = parseCommandArgs(args, {}, io);
  if (common.help) {
    io.stdout(`${validateHelp}\n`);
    return EXIT_OK;
  }
  const loaded = await openRepository(common);
  const only = common.rotation === undefined ? undefined : chooseRotation(loaded, common.rotation);
  const findings: Finding[] = [];
  if (loaded.repository) {
    const repository = {
      ...loaded.repository,
      rotations: loaded.repository.rotations.filter(
        (rotation) => only === undefined || rotation.dir === only,
      ),
    };
    findings.push(...validateRepository(repository, common.at));
  }
  const all = sortDiagnostics([
    ...loaded.diagnostics.filter((item) => only === undefined || !isOtherRotation(item.file, only)),
    ...loaded.resolve(findings),
  ]);
  const errors = all.filter((item) => item.severity === 'error');
  const warnings = all.filter((item) => item.severity === 'warning');
  if (common.json) {
    io.stdout(
      `${JSON.stringify({ ok: errors.length === 0, errors: errors.map(diagnosticJson), warnings: warnings.map(diagnosticJson) }, null, 2)}\n`,
    );
  } else {
    for (const item of all)
      (item.severity === 'error' ? io.stderr : io.stdout)(`${formatDiagnostic(item, io.color)}\n`);
    const summary = `${errors.length} error(s), ${warnings.length} warning(s)`;
    if (errors.length === 0) io.stdout(`ok: ${summary}\n`);
    else io.stderr(`${summary}\n`);
  }
  return hasErrors(all) ? EXIT_INPUT_ERRORS : EXIT_OK;
}

function isOtherRotation(file: string, only: string): boolean {
  const match = /^rotations\/([^/]+)\//.exec(file);
  return match !== null && match[1] !== only;
}
