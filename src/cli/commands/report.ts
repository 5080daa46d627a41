/** `oncall report --from D --to D`: shifts, weighted load and fairness per person, as Markdown or JSON. */
import { DateTime } from 'luxon';
import { reportMarkdown, scheduleReport } from '../../core/report/schedule-report.js';
import { gatherRotation, HolidayRegionError } from '../../io/gather-rotation.js';
import { type CliIo, EXIT_INPUT_ERRORS, EXIT_OK } from '../cli-io.js';
import { formatDiagnostic, sortDiagnostics } from '../format.js';
import { chooseRotation, openRepository } from '../open-repository.js';
import { parseCommandArgs, UsageError } from '../options.js';

export const reportHelp = `Usage: oncall report --from DATE --to DATE [--root DIR] [--rotation NAME] [--json]

Per person for the shifts starting from --from to --to (inclusive dates): shifts, weighted load
(a week is 1; a shift containing a public holiday weighs more), holiday shifts, first shift ever,
and prorated load since the rotation started; the spread of each; a Mermaid gantt of the period.
Prints Markdown (paste it into an issue or a job summary), or JSON with --json.`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** YYYY-MM-DD and a day the calendar has (not 2027-02-30). */
function isDate(text: string | undefined): text is string {
  return text !== undefined && DATE.test(text) && DateTime.fromISO(text, { zone: 'utc' }).isValid;
}

export async function reportCommand(args: string[], io: CliIo): Promise<number> {
  const { common, values } = parseCommandArgs(args, { from: { type: 'string' }, to: { type: 'string' } }, io);
  if (common.help) {
    io.stdout(`${reportHelp}\n`);
    return EXIT_OK;
  }
  const from = values.from as string | undefined;
  const to = values.to as string | undefined;
  if (!isDate(from)) throw new UsageError('--from needs a date like 2026-12-01');
  if (!isDate(to)) throw new UsageError('--to needs a date like 2027-02-28');
  if (to < from) throw new UsageError(`--to (${to}) is before --from (${from})`);

  const loaded = await openRepository(common);
  const name = chooseRotation(loaded, common.rotation);
  const source = loaded.repository?.rotations.find((rotation) => rotation.dir === name);
  if (!loaded.repository || !source) {
    for (const item of sortDiagnostics(loaded.diagnostics))
      io.stderr(`${formatDiagnostic(item, io.color)}\n`);
    io.stderr(`oncall report: the files of rotation "${name}" have errors; run oncall validate\n`);
    return EXIT_INPUT_ERRORS;
  }
  let gathered: Awaited<ReturnType<typeof gatherRotation>>;
  try {
    gathered = await gatherRotation(loaded.repository, source, {
      from: Number.parseInt(source.rotation.start.slice(0, 4), 10),
      to: Number.parseInt(to.slice(0, 4), 10) + 1,
    });
  } catch (err) {
    if (!(err instanceof HolidayRegionError)) throw err;
    io.stderr(`oncall report: ${err.message}\n`);
    return EXIT_INPUT_ERRORS;
  }
  const report = scheduleReport({ rotation: source.rotation, ...gathered, from, to });
  io.stdout(common.json ? `${JSON.stringify(report, null, 2)}\n` : reportMarkdown(report));
  return EXIT_OK;
}
