/** `oncall forms sync`: the system dropdown of the intake forms, generated from playbooks/. */
import { systemOptions } from '../../core/triage/forms.js';
import { ISSUE_TEMPLATE_DIR, planFormSync, writeForms } from '../../io/issue-forms.js';
import { type CliIo, EXIT_INPUT_ERRORS, EXIT_OK } from '../cli-io.js';
import { formatDiagnostic, sortDiagnostics } from '../format.js';
import { openRepository } from '../open-repository.js';
import { parseCommandArgs, UsageError } from '../options.js';

export const formsHelp = `Usage: oncall forms sync [--check] [--dry-run] [--root DIR] [--json]

Rewrites the "Which system?" dropdown (the field with \`id: system\`) of every issue form in
${ISSUE_TEMPLATE_DIR}/ from playbooks/: one option per playbook, "ID — Title", and
"Not sure / something else" last. Only that list changes; the rest of each form is kept as written.

--check writes nothing and fails when a form is out of date (for CI); --dry-run writes nothing.

JSON: {options, updated:[files], unchanged:[files], problems}.
Exit 0 when the forms are in line (or were brought in line), 1 when a form is out of date under
--check, a form cannot be read, or a playbook has errors; 2 on bad usage.`;

export async function formsCommand(args: string[], io: CliIo): Promise<number> {
  const { common, values, positionals } = parseCommandArgs(args, { check: { type: 'boolean' } }, io, true);
  if (common.help) {
    io.stdout(`${formsHelp}\n`);
    return EXIT_OK;
  }
  const [sub, ...extra] = positionals;
  if (sub !== 'sync') {
    throw new UsageError(
      sub === undefined
        ? 'say what to do: oncall forms sync'
        : `unknown subcommand "${sub}"; the one there is: sync`,
    );
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const check = values.check === true;

  const loaded = await openRepository(common);
  // A playbook with errors is left out of the repository: writing now would drop its system.
  const playbookErrors = sortDiagnostics(
    loaded.diagnostics.filter((item) => item.severity === 'error' && item.file.startsWith('playbooks/')),
  );
  const problems: string[] = [];
  if (!loaded.repository) problems.push('the repository cannot be read; run oncall validate');
  if (playbookErrors.length > 0)
    problems.push('a playbook has errors: fix it first, or its system would leave the forms');
  const options = systemOptions((loaded.repository?.playbooks ?? []).map((playbook) => playbook.frontMatter));
  const planned =
    problems.length === 0 ? await planFormSync(common.root, options) : { forms: [], problems: [] };
  problems.push(...planned.problems);
  if (problems.length === 0 && planned.forms.length === 0) {
    problems.push(`no issue form in ${ISSUE_TEMPLATE_DIR}/ has a dropdown with id "system"`);
  }
  const stale = planned.forms.filter((form) => form.changed).map((form) => form.file);
  const unchanged = planned.forms.filter((form) => !form.changed).map((form) => form.file);
  const write = problems.length === 0 && !check && !common.dryRun;
  if (write) await writeForms(common.root, planned.forms);

  if (common.json) {
    const document = { options, updated: stale, unchanged, written: write && stale.length > 0, problems };
    io.stdout(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    const verb = write ? 'updated' : check ? 'out of date' : 'would update';
    for (const file of stale) io.stdout(`${verb}: ${file}\n`);
    if (stale.length === 0 && problems.length === 0)
      io.stdout(`the forms are up to date (${options.length} options)\n`);
  }
  for (const item of playbookErrors) io.stderr(`${formatDiagnostic(item, io.color)}\n`);
  for (const problem of problems) io.stderr(`oncall forms: ${problem}\n`);
  if (check && stale.length > 0)
    io.stderr('oncall forms: the forms are out of date: run oncall forms sync\n');
  return problems.length > 0 || (check && stale.length > 0) ? EXIT_INPUT_ERRORS : EXIT_OK;
}
