/**
 * `oncall report --from D --to D`: shifts, weighted load and fairness per person, and the
 * incidents of the period read from GitHub (time to acknowledge and resolve, pages by hours
 * class, comp time), as Markdown or JSON.
 */
import { DateTime } from 'luxon';
import type { HandoffIncident } from '../../core/handoff/handoff-issue.js';
import {
  type IncidentReport,
  type IncidentsUnknown,
  incidentReport,
} from '../../core/report/incident-report.js';
import { onCallReport, reportMarkdown } from '../../core/report/on-call-report.js';
import { scheduleReport } from '../../core/report/schedule-report.js';
import { workCalendar } from '../../core/time/work-hours.js';
import { gatherRotation, HolidayRegionError } from '../../io/gather-rotation.js';
import { listIncidentIssues } from '../../io/github/incident-issues.js';
import { type CliIo, EXIT_INPUT_ERRORS, EXIT_OK, envOf } from '../cli-io.js';
import { formatDiagnostic, sortDiagnostics } from '../format.js';
import { githubFromEnv, githubMessage, type RepoRef, repoFromEnv } from '../github-env.js';
import { chooseRotation, openRepository } from '../open-repository.js';
import { parseCommandArgs, UsageError } from '../options.js';

export const reportHelp = `Usage: oncall report --from DATE --to DATE [--repo OWNER/NAME] [--root DIR] [--rotation NAME] [--json]

Per person for the shifts starting from --from to --to (inclusive dates): shifts, weighted load
(a week is 1; a shift containing a public holiday weighs more), holiday shifts, first shift ever,
and prorated load since the rotation started; the spread of each; a Mermaid gantt of the period.

With GitHub (GITHUB_TOKEN, and --repo or GITHUB_REPOSITORY; GITHUB_API_URL for another API),
also the incidents opened in the period (from 00:00 of --from to the end of --to, on the
rotation's clock): how many by severity, median time to acknowledge and to resolve, and per
person the pages by hours class (work, off hours, sleep hours 22:00-07:00, each on the person's
own clock) with the comp time suggested, as a chart. Without GitHub, or when it cannot be read,
the incidents are reported as unknown (JSON: incidents.known false), never as none.
--bot-login LOGIN is the account whose incident records are believed (github-actions[bot]).

Prints Markdown (paste it into an issue or a job summary), or JSON with --json.`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** YYYY-MM-DD and a day the calendar has (not 2027-02-30). */
function isDate(text: string | undefined): text is string {
  return text !== undefined && DATE.test(text) && DateTime.fromISO(text, { zone: 'utc' }).isValid;
}

export async function reportCommand(args: string[], io: CliIo): Promise<number> {
  const { common, values } = parseCommandArgs(
    args,
    {
      from: { type: 'string' },
      to: { type: 'string' },
      repo: { type: 'string' },
      'bot-login': { type: 'string' },
    },
    io,
  );
  if (common.help) {
    io.stdout(`${reportHelp}\n`);
    return EXIT_OK;
  }
  const from = values.from as string | undefined;
  const to = values.to as string | undefined;
  if (!isDate(from)) throw new UsageError('--from needs a date like 2026-12-01');
  if (!isDate(to)) throw new UsageError('--to needs a date like 2027-02-28');
  if (to < from) throw new UsageError(`--to (${to}) is before --from (${from})`);
  const repo = repoFromEnv(values.repo as string | undefined, envOf(io));
  const botLogin = (values['bot-login'] as string | undefined) ?? 'github-actions[bot]';

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
  const schedule = scheduleReport({ rotation: source.rotation, ...gathered, from, to });
  const zone = source.rotation.timezone;
  const window = {
    from: DateTime.fromISO(from, { zone }).startOf('day'),
    to: DateTime.fromISO(to, { zone }).plus({ days: 1 }).startOf('day'),
  };
  const read = await readIncidents(repo, botLogin, window.from, io);
  const incidents: IncidentReport | IncidentsUnknown = read.known
    ? incidentReport({
        incidents: read.incidents,
        rotation: source.rotation,
        roster: gathered.roster,
        calendar: workCalendar(source.rotation, gathered.holidays),
        ...window,
        people: schedule.people.map((row) => row.github),
      })
    : read;
  const report = onCallReport(schedule, incidents);
  io.stdout(common.json ? `${JSON.stringify(report, null, 2)}\n` : reportMarkdown(report));
  return EXIT_OK;
}

/** The incidents updated since the period began; unknown (with why) when GitHub is not set up or fails. */
async function readIncidents(
  repo: RepoRef | undefined,
  botLogin: string,
  since: DateTime,
  io: CliIo,
): Promise<{ known: true; incidents: HandoffIncident[] } | IncidentsUnknown> {
  const env = envOf(io);
  const token = env.GITHUB_TOKEN || undefined;
  if (!token || !repo) {
    return {
      known: false,
      why: 'the incidents live on GitHub: set GITHUB_TOKEN and pass --repo OWNER/NAME (or set GITHUB_REPOSITORY) to include them',
    };
  }
  const github = githubFromEnv(env, {
    token,
    deadlineMs: 2 * 60_000,
    log: (message) => io.stderr(`oncall report: ${message}\n`),
  });
  try {
    const incidents = await listIncidentIssues(
      github,
      { ...repo, botLogin },
      { since: since.toUTC().toISO() as string, includeOpen: false },
    );
    return { known: true, incidents };
  } catch (err) {
    const why = `the incidents of ${repo.owner}/${repo.repo} could not be read: ${githubMessage(err, 'the token may lack the issues permission')}`;
    io.stderr(`oncall report: ${why}\n`);
    return { known: false, why };
  }
}
