/** `oncall who`: who is on call at --at (default: now), overrides applied. */
import { DateTime } from 'luxon';
import { buildRoster, findPerson } from '../../core/model/roster.js';
import { timedOverrides } from '../../core/schedule/overrides.js';
import { timeline } from '../../core/schedule/timeline.js';
import { whoIsOnCall } from '../../core/schedule/who.js';
import { formatInstant, isValidZone } from '../../core/time/wall-clock.js';
import { type CliIo, EXIT_INPUT_ERRORS, EXIT_OK } from '../cli-io.js';
import { bold, diagnosticJson, formatDiagnostic, sortDiagnostics } from '../format.js';
import { chooseRotation, openRepository } from '../open-repository.js';
import { parseCommandArgs } from '../options.js';

export const whoHelp = `Usage: oncall who [--root DIR] [--rotation NAME] [--at T] [--json]

Prints who is on call at --at (ISO 8601 with offset; default: now) in each slot of the rotation,
with any override that applies then.

Exit 0 with the answer, 1 when the files cannot be read or nothing is published at that time.`;

export async function whoCommand(args: string[], io: CliIo): Promise<number> {
  const { common } = parseCommandArgs(args, {}, io);
  if (common.help) {
    io.stdout(`${whoHelp}\n`);
    return EXIT_OK;
  }
  const loaded = await openRepository(common);
  const name = chooseRotation(loaded, common.rotation);
  const at = formatInstant(common.at);
  const source = loaded.repository?.rotations.find((rotation) => rotation.dir === name);

  const fail = (
    message: string,
    diagnostics = loaded.diagnostics.filter((item) => item.severity === 'error'),
  ) => {
    const sorted = sortDiagnostics(diagnostics);
    if (common.json) {
      const document = {
        rotation: name,
        at,
        shift: null,
        oncall: [],
        error: message,
        errors: sorted.map(diagnosticJson),
      };
      io.stdout(`${JSON.stringify(document, null, 2)}\n`);
    } else {
      for (const item of sorted) io.stderr(`${formatDiagnostic(item, io.color)}\n`);
      io.stderr(`oncall who: ${message}\n`);
    }
    return EXIT_INPUT_ERRORS;
  };

  if (!loaded.repository || !source)
    return fail(`the files of rotation "${name}" have errors; run oncall validate`);
  if (!isValidZone(source.rotation.timezone)) return fail(`rotation "${name}" has an unknown timezone`);

  const shifts = timeline(source.rotation, source.schedule);
  const now = whoIsOnCall(shifts, timedOverrides(source.rotation, source.schedule), common.at);
  if (!now) {
    const first = shifts[0];
    const last = shifts[shifts.length - 1];
    const covered =
      first && last ? ` (published: ${formatInstant(first.startsAt)} to ${formatInstant(last.endsAt)})` : '';
    return fail(`no shift of "${name}" is published at ${at}${covered}`, []);
  }

  const document = {
    rotation: name,
    at,
    shift: { start: formatInstant(now.shift.startsAt), end: formatInstant(now.shift.endsAt) },
    oncall: now.oncall,
  };
  if (common.json) {
    io.stdout(`${JSON.stringify(document, null, 2)}\n`);
    return EXIT_OK;
  }
  const roster = buildRoster(loaded.repository.people.people);
  const zone = source.rotation.timezone;
  const local = (iso: string) => formatLocal(iso, zone);
  io.stdout(`${bold(name, io.color)} at ${formatLocal(at, zone)} (${zone})\n`);
  io.stdout(`shift ${local(document.shift.start)} to ${local(document.shift.end)}\n`);
  const width = Math.max(...now.oncall.map((entry) => entry.slot.length));
  for (const entry of now.oncall) {
    const person = findPerson(roster, entry.github);
    const who = person
      ? `${entry.github} (${person.name}, ${person.team}, ${person.timezone})`
      : entry.github;
    const cover = entry.override
      ? ` covering ${entry.override.replaces} until ${formatLocal(entry.override.to, zone)}${entry.override.reason ? `: ${entry.override.reason}` : ''}`
      : '';
    io.stdout(`  ${entry.slot.padEnd(width)}  ${who}${cover}\n`);
  }
  return EXIT_OK;
}

function formatLocal(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { setZone: true }).setZone(zone).toFormat('yyyy-MM-dd HH:mm ZZZZ');
}
