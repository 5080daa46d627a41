/**
 * `oncall calendar --out DIR`: iCalendar feeds of the published schedule, one per rotation
 * (DIR/ROTATION.ics) and one per person (DIR/people/LOGIN.ics), plus DIR/sequences.json, the
 * version state that keeps SEQUENCE steady for unchanged events between builds.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type CalendarRotation, calendarFeeds } from '../../core/calendar/feeds.js';
import { assignSequences, readSequenceState, type SequenceState } from '../../core/calendar/sequence.js';
import { buildRoster } from '../../core/model/roster.js';
import { timedOverrides } from '../../core/schedule/overrides.js';
import { timeline } from '../../core/schedule/timeline.js';
import { formatInstant } from '../../core/time/wall-clock.js';
import { type CliIo, EXIT_OK } from '../cli-io.js';
import { reportInputFailure } from '../format.js';
import { chooseRotation, everyRotation, openRepository } from '../open-repository.js';
import { parseCommandArgs, UsageError } from '../options.js';

export const calendarHelp = `Usage: oncall calendar --out DIR [--uid-domain NAME] [--root DIR] [--rotation NAME]
                       [--at T] [--dry-run] [--json]

Writes iCalendar (RFC 5545) feeds of the published schedule (schedule.yaml; never unpublished weeks):
  DIR/ROTATION.ics      every shift ("on call: primary alice, secondary bob") and every cover
                        ("erin covers alice (wedding)") of the rotation
  DIR/people/LOGIN.ics  one per person on the roster: their shifts ("on call (primary), engineering"),
                        the covers they take, and the covers of their own time
  DIR/sequences.json    the event versions of this build, read back by the next one
Times carry the rotation's timezone (TZID and VTIMEZONE), so an 11:00 handoff stays 11:00 across
daylight-saving changes. UIDs are stable: a rebuild updates events instead of adding new ones.

  --out DIR          where to write the feeds (created if missing)
  --uid-domain NAME  the part after "@" in every UID (default: oncall-as-code); name the repository,
                     e.g. github.com/acme/oncall, and never change it (new UIDs mean new events)
  --rotation NAME    only this rotation (default: every rotation)
  --at T             DTSTAMP of every event and the time of this build (default: now)
  --dry-run          write nothing; list the files
  --json             {files:[{path, events}], state, dryRun}

See docs/calendar.md for subscribing from Google Calendar, Apple Calendar and Outlook.`;

const STATE_FILE = 'sequences.json';

export async function calendarCommand(args: string[], io: CliIo): Promise<number> {
  const { common, values } = parseCommandArgs(
    args,
    { out: { type: 'string' }, 'uid-domain': { type: 'string' } },
    io,
  );
  if (common.help) {
    io.stdout(`${calendarHelp}\n`);
    return EXIT_OK;
  }
  const out = values.out as string | undefined;
  if (out === undefined || out === '')
    throw new UsageError('--out DIR is required: where to write the feeds');
  const uidDomain = (values['uid-domain'] as string | undefined) ?? 'oncall-as-code';
  if (!/^[\x21-\x7e]{1,200}$/.test(uidDomain) || uidDomain.includes('@')) {
    throw new UsageError(`--uid-domain "${uidDomain}": use printable characters without spaces or "@"`);
  }

  const loaded = await openRepository(common);
  const names =
    common.rotation === undefined ? loaded.rotationNames : [chooseRotation(loaded, common.rotation)];
  const fail = (message: string) =>
    reportInputFailure(
      io,
      { command: 'calendar', json: common.json, extra: { files: [] } },
      loaded.diagnostics,
      message,
    );
  // A feed with a rotation left out would silently drop people's shifts: all of them load, or none.
  const every = everyRotation(loaded, names);
  if (!every.ok) return fail(every.why);
  const { repository } = every;
  const rotations: CalendarRotation[] = [];
  for (const source of every.sources) {
    const { rotation, schedule } = source;
    const name = source.dir;
    rotations.push({
      name,
      timezone: rotation.timezone,
      lengthDays: rotation.shift.length_days,
      handoff: rotation.shift.handoff,
      shifts: timeline(rotation, schedule),
      overrides: timedOverrides(rotation, schedule),
    });
  }

  const feeds = calendarFeeds({ rotations, roster: buildRoster(repository.people.people), uidDomain });
  const outDir = path.resolve(io.cwd, out);
  const statePath = path.join(outDir, STATE_FILE);
  const previous = await readState(statePath, io);
  const { sequences, state } = assignSequences(feeds, previous, common.at);
  const shown = (relative: string) => path.join(out, ...relative.split('/'));
  const files = feeds.map((feed) => ({ path: shown(feed.path), events: feed.events.length }));

  if (!common.dryRun) {
    // The iCalendar writer and its zone data load only for this command (a chunk of the bundle).
    const { renderFeed } = await import('../../io/icalendar.js');
    for (const feed of feeds) {
      const file = path.join(outDir, ...feed.path.split('/'));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, renderFeed(feed, { stamp: common.at, sequences }));
    }
    await mkdir(outDir, { recursive: true });
    await writeFile(statePath, `${JSON.stringify(state, null, 2)}\n`);
  }

  if (common.json) {
    const document = {
      at: formatInstant(common.at),
      rotations: names,
      dryRun: common.dryRun,
      files,
      state: shown(STATE_FILE),
    };
    io.stdout(`${JSON.stringify(document, null, 2)}\n`);
    return EXIT_OK;
  }
  const verb = common.dryRun ? 'would write' : 'wrote';
  io.stdout(`${verb} ${files.length} calendar feeds for ${names.join(', ')}:\n`);
  for (const file of files) io.stdout(`  ${file.path}  (${file.events} events)\n`);
  io.stdout(`${verb} ${shown(STATE_FILE)} (event versions for the next build)\n`);
  return EXIT_OK;
}

/** The previous build's versions; a missing or unreadable file starts afresh (see sequence.ts). */
async function readState(file: string, io: CliIo): Promise<SequenceState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let state: SequenceState | undefined;
  try {
    state = readSequenceState(JSON.parse(text));
  } catch {
    state = undefined;
  }
  if (!state) {
    io.stderr(
      `oncall calendar: ${file} is not a state file of this version; every event gets a new SEQUENCE\n`,
    );
  }
  return state;
}
