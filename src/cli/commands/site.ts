/**
 * `oncall site --out DIR`: the status page of the repository's GitHub Pages site, DIR/index.html.
 * It links to the calendar feeds that `oncall calendar --out DIR/calendars` writes beside it.
 * Open incidents come from a file (--incidents) or from GitHub (GITHUB_TOKEN); when neither is
 * read, the page says they are unknown, never that there are none.
 */
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type CalendarRotation, calendarFeeds } from '../../core/calendar/feeds.js';
import { buildRoster } from '../../core/model/roster.js';
import { scheduleReport } from '../../core/report/schedule-report.js';
import { timedOverrides } from '../../core/schedule/overrides.js';
import { timeline } from '../../core/schedule/timeline.js';
import { fairnessWindow } from '../../core/status-page/fairness-window.js';
import { IncidentListError, type IncidentsAtBuild, openIncidents } from '../../core/status-page/incidents.js';
import { renderStatusPage, type StatusRotation } from '../../core/status-page/render-page.js';
import { rotationStatus } from '../../core/status-page/rotation-status.js';
import { formatInstant } from '../../core/time/wall-clock.js';
import { gatherRotation, HolidayRegionError } from '../../io/gather-rotation.js';
import { listOpenIncidentIssues } from '../../io/github/open-incidents.js';
import { type CliIo, EXIT_OK, envOf } from '../cli-io.js';
import { reportInputFailure } from '../format.js';
import { githubFromEnv, githubMessage, type RepoRef, repoFromEnv } from '../github-env.js';
import { chooseRotation, everyRotation, openRepository } from '../open-repository.js';
import { parseCommandArgs, UsageError } from '../options.js';

export const siteHelp = `Usage: oncall site --out DIR [--repo OWNER/NAME] [--incidents FILE] [--site-url URL]
                   [--root DIR] [--rotation NAME] [--at T] [--dry-run] [--json]

Writes DIR/index.html, the on-call status page: one static file (no script, nothing fetched) with
who is on call now and next in each rotation, the published schedule from now on with its covers,
the open incidents at build time, the fairness of the last twelve months, and links to the
calendar feeds. Build the feeds beside it with: oncall calendar --out DIR/calendars

  --out DIR        where to write index.html (created if missing)
  --repo O/NAME    the repository, for the page's title and links (default: GITHUB_REPOSITORY)
  --incidents FILE the open incidents: a JSON array of GitHub issues, as
                   GET /repos/OWNER/NAME/issues?labels=incident&state=open returns it.
                   Without it they are read from GitHub when GITHUB_TOKEN is set and the
                   repository is known (GITHUB_API_URL for GitHub Enterprise Server);
                   otherwise, or when GitHub cannot be read, the page says "unknown at build time".
  --site-url URL   the Pages site's address (https://acme.github.io/oncall), for webcal:// links
                   and feed addresses to copy; without it the page links to the feeds relatively
  --rotation NAME  only this rotation (default: every rotation)
  --at T           the build's "now" (default: the clock)
  --dry-run        write nothing
  --json           {at, file, bytes, dryRun, rotations:[{name, now, next, shiftsAhead}], incidents}

Exit 0 when written, 1 when the files have errors or --incidents cannot be read, 2 on bad usage.
See docs/status-page.md.`;

export async function siteCommand(args: string[], io: CliIo): Promise<number> {
  const { common, values } = parseCommandArgs(
    args,
    {
      out: { type: 'string' },
      repo: { type: 'string' },
      incidents: { type: 'string' },
      'site-url': { type: 'string' },
    },
    io,
  );
  if (common.help) {
    io.stdout(`${siteHelp}\n`);
    return EXIT_OK;
  }
  const out = values.out as string | undefined;
  if (out === undefined || out === '') throw new UsageError('--out DIR is required: where to write the page');
  const env = envOf(io);
  const repo = repoFromEnv((values.repo as string | undefined) || undefined, env);
  const siteUrl = parseSiteUrl(values['site-url'] as string | undefined);
  const incidentsFile = values.incidents as string | undefined;
  if (incidentsFile === '') throw new UsageError('--incidents needs a file');
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');

  const loaded = await openRepository(common);
  const names =
    common.rotation === undefined ? loaded.rotationNames : [chooseRotation(loaded, common.rotation)];
  const fail = (message: string) =>
    reportInputFailure(
      io,
      { command: 'site', json: common.json, extra: { file: null } },
      loaded.diagnostics,
      message,
    );
  // A page with a rotation left out would hide who is on call there: all of them load, or none.
  const every = everyRotation(loaded, names);
  if (!every.ok) return fail(every.why);
  const { repository } = every;
  const roster = buildRoster(repository.people.people);
  const rotations: StatusRotation[] = [];
  const feedRotations: CalendarRotation[] = [];
  for (const source of every.sources) {
    const { rotation, schedule } = source;
    const name = source.dir;
    const shifts = timeline(rotation, schedule);
    const overrides = timedOverrides(rotation, schedule);
    const window = fairnessWindow(shifts, common.at, rotation.timezone);
    let fairness: StatusRotation['fairness'];
    if (window) {
      let holidays: Set<string>;
      try {
        holidays = (
          await gatherRotation(repository, source, {
            from: Number.parseInt(rotation.start.slice(0, 4), 10),
            to: Number.parseInt(window.to.slice(0, 4), 10) + 1,
          })
        ).holidays;
      } catch (err) {
        if (!(err instanceof HolidayRegionError)) throw err;
        return fail(err.message);
      }
      const report = scheduleReport({ rotation, roster, shifts, holidays, ...window });
      fairness = { ...window, people: report.people, spread: report.spread };
    }
    rotations.push({
      name,
      timezone: rotation.timezone,
      slots: rotation.slots,
      lengthDays: rotation.shift.length_days,
      handoff: rotation.shift.handoff,
      status: rotationStatus(shifts, overrides, common.at),
      ...(fairness ? { fairness } : {}),
      feed: `calendars/${name}.ics`,
    });
    feedRotations.push({
      name,
      timezone: rotation.timezone,
      lengthDays: rotation.shift.length_days,
      handoff: rotation.shift.handoff,
      shifts,
      overrides,
    });
  }
  // The feeds' own paths, so the page links exactly the files `oncall calendar` writes.
  const feeds = calendarFeeds({ rotations: feedRotations, roster, uidDomain: 'oncall-as-code' });
  const people = feeds
    .filter((feed) => feed.kind === 'person')
    .map((feed) => ({
      github: feed.path.replace(/^people\//, '').replace(/\.ics$/, ''),
      path: `calendars/${feed.path}`,
    }));

  let incidents: IncidentsAtBuild;
  if (incidentsFile !== undefined) {
    const file = path.resolve(io.cwd, incidentsFile);
    try {
      incidents = {
        known: true,
        open: openIncidents(JSON.parse(await readFile(file, 'utf8'))),
        truncated: false,
      };
    } catch (err) {
      const why = err instanceof IncidentListError || err instanceof SyntaxError ? err.message : String(err);
      return fail(`--incidents ${incidentsFile}: ${why}`);
    }
  } else {
    incidents = await incidentsFromGitHub(repo, io);
  }

  const zones = new Set(rotations.map((rotation) => rotation.timezone));
  const page = renderStatusPage({
    builtAt: common.at,
    zone: zones.size === 1 ? (rotations[0]?.timezone ?? 'UTC') : 'UTC',
    ...(repo
      ? { repository: { name: `${repo.owner}/${repo.repo}`, url: `${serverUrl}/${repo.owner}/${repo.repo}` } }
      : {}),
    serverUrl,
    roster,
    rotations,
    incidents,
    calendars: { ...(siteUrl ? { siteUrl } : {}), people },
  });

  const outDir = path.resolve(io.cwd, out);
  const shown = path.join(out, 'index.html');
  if (!common.dryRun) {
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, 'index.html'), page);
    const missing = await missingFeeds(outDir, rotations);
    if (missing.length > 0) {
      io.stderr(
        `oncall site: the page links calendar feeds not in ${path.join(out, 'calendars')} (${missing.join(', ')}); build them with: oncall calendar --out ${path.join(out, 'calendars')}\n`,
      );
    }
  }

  const summary = rotations.map((rotation) => ({
    name: rotation.name,
    now: rotation.status.now
      ? {
          shift: {
            start: formatInstant(rotation.status.now.shift.startsAt),
            end: formatInstant(rotation.status.now.shift.endsAt),
          },
          oncall: rotation.status.now.oncall,
        }
      : null,
    next: rotation.status.next
      ? { start: formatInstant(rotation.status.next.startsAt), oncall: rotation.status.next.assignments }
      : null,
    shiftsAhead: rotation.status.ahead.length,
  }));
  const bytes = Buffer.byteLength(page);
  if (common.json) {
    const document = {
      at: formatInstant(common.at),
      file: shown,
      bytes,
      dryRun: common.dryRun,
      rotations: summary,
      incidents: incidents.known
        ? { known: true, open: incidents.open.length, truncated: incidents.truncated }
        : { known: false, reason: incidents.reason },
    };
    io.stdout(`${JSON.stringify(document, null, 2)}\n`);
    return EXIT_OK;
  }
  io.stdout(`${common.dryRun ? 'would write' : 'wrote'} ${shown} (${Math.ceil(bytes / 1024)} KiB)\n`);
  for (const rotation of summary) {
    const who = rotation.now
      ? rotation.now.oncall.map((entry) => `${entry.slot} ${entry.github}`).join(', ')
      : 'nobody';
    io.stdout(`  ${rotation.name}: on call now ${who}; ${rotation.shiftsAhead} shifts published ahead\n`);
  }
  io.stdout(
    incidents.known
      ? `  open incidents: ${incidents.open.length}${incidents.truncated ? ' (more are open)' : ''}\n`
      : `  open incidents: unknown (${incidents.reason})\n`,
  );
  return EXIT_OK;
}

/** The open incidents from GitHub; `unknown`, with the reason, when they cannot be read. */
async function incidentsFromGitHub(repo: RepoRef | undefined, io: CliIo): Promise<IncidentsAtBuild> {
  const env = envOf(io);
  const token = env.GITHUB_TOKEN || undefined;
  if (!token) return { known: false, reason: 'The build had no GitHub token to read them with' };
  if (!repo) return { known: false, reason: 'The build did not know the repository (--repo)' };
  const github = githubFromEnv(env, {
    token,
    deadlineMs: 60_000,
    log: (message) => io.stderr(`oncall site: ${message}\n`),
  });
  try {
    const { issues, truncated } = await listOpenIncidentIssues(github, repo);
    return { known: true, open: openIncidents(issues), truncated };
  } catch (err) {
    const status = (err as { status?: number }).status;
    const message = githubMessage(err, 'the token may lack the issues permission');
    // The page still tells who is on call; it says plainly that the incidents are unknown.
    io.stderr(`oncall site: could not read the open incidents of ${repo.owner}/${repo.repo}: ${message}\n`);
    return { known: false, reason: `GitHub could not be read${status ? ` (HTTP ${status})` : ''}` };
  }
}

async function missingFeeds(outDir: string, rotations: readonly StatusRotation[]): Promise<string[]> {
  const missing: string[] = [];
  for (const rotation of rotations) {
    const file = path.join(outDir, ...rotation.feed.split('/'));
    if (
      !(await access(file).then(
        () => true,
        () => false,
      ))
    )
      missing.push(rotation.feed);
  }
  return missing;
}

function parseSiteUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `--site-url "${text}" is not a URL; use the site's address, like https://acme.github.io/oncall`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`--site-url "${text}": use an https:// address`);
  }
  if (url.search !== '' || url.hash !== '')
    throw new UsageError(`--site-url "${text}": no query or fragment`);
  return url.href.replace(/\/+$/, '');
}
