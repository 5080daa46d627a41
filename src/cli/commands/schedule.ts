/** `oncall schedule extend|repair`: append fair shifts, or reassign future slots that became invalid. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import { balanceOver } from '../../core/fairness/balance.js';
import { extendSchedule } from '../../core/generate/extend-schedule.js';
import type { Exclusion } from '../../core/generate/planner.js';
import { repairSchedule } from '../../core/generate/repair-schedule.js';
import type { RotationSource } from '../../core/model/repository.js';
import { timeline } from '../../core/schedule/timeline.js';
import { type GatheredRotation, gatherRotation, HolidayRegionError } from '../../io/gather-rotation.js';
import { appendShifts, replaceSlots } from '../../io/schedule-writer.js';
import { type CliIo, EXIT_INPUT_ERRORS, EXIT_OK, EXIT_USAGE } from '../cli-io.js';
import { diagnosticJson, formatDiagnostic, sortDiagnostics } from '../format.js';
import { chooseRotation, openRepository } from '../open-repository.js';
import { type CommonOptions, parseCommandArgs, UsageError } from '../options.js';

export const scheduleHelp = `Usage: oncall schedule extend [--until DATE] [--dry-run] [common options]
       oncall schedule repair [--dry-run] [common options]

extend   appends fair shifts after the last published one, until publish_weeks_ahead weeks after
         --at (default: now), or until the last added shift ends at the handoff on or after
         --until DATE. Existing shifts, overrides and comments are never changed. Every fairness
         rule is kept where it can be; each one relaxed is reported with the shift and why.
repair   reassigns only the slots of shifts not yet started whose person can no longer serve
         (left, away, no longer a member, on call in another rotation then), fairly, and reports
         what moved. Everything else stays as it is.

Common options: --root DIR, --rotation NAME, --at T, --json. Exit 0 when done (or, with
--dry-run, when it would be), 1 when the files have errors or nobody can take a slot, 2 on bad usage.`;

export async function scheduleCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout(`${scheduleHelp}\n`);
    return sub === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (sub === 'extend') return extendCommand(rest, io);
  if (sub === 'repair') return repairCommand(rest, io);
  throw new UsageError(`unknown subcommand "schedule ${sub}" (extend, repair)`);
}

type Prepared = { source: RotationSource; gathered: GatheredRotation; file: string; name: string };

/** Loads the repository and the rotation; refuses to write on top of files with errors. */
async function prepare(common: CommonOptions, io: CliIo, untilYear?: number): Promise<Prepared | number> {
  const loaded = await openRepository(common);
  const name = chooseRotation(loaded, common.rotation);
  const source = loaded.repository?.rotations.find((rotation) => rotation.dir === name);
  const blocking = loaded.diagnostics.filter((item) => item.severity === 'error');
  if (!loaded.repository || !source || blocking.length > 0) {
    return reportFailure(
      io,
      common.json,
      'fix these errors first (oncall validate)',
      sortDiagnostics(blocking),
    );
  }
  const years = {
    from: Number.parseInt(source.rotation.start.slice(0, 4), 10),
    to: Math.max(
      common.at.year + Math.ceil(source.rotation.publish_weeks_ahead / 52) + 1,
      (untilYear ?? 0) + 1,
    ),
  };
  try {
    const gathered = await gatherRotation(loaded.repository, source, years);
    return { source, gathered, file: path.join(loaded.root, source.scheduleFile), name };
  } catch (err) {
    if (err instanceof HolidayRegionError) return reportFailure(io, common.json, err.message);
    throw err;
  }
}

async function extendCommand(args: string[], io: CliIo): Promise<number> {
  const { common, values } = parseCommandArgs(args, { until: { type: 'string' } }, io);
  if (common.help) {
    io.stdout(`${scheduleHelp}\n`);
    return EXIT_OK;
  }
  const until = values.until as string | undefined;
  if (
    until !== undefined &&
    !(/^\d{4}-\d{2}-\d{2}$/.test(until) && DateTime.fromISO(until, { zone: 'utc' }).isValid)
  ) {
    throw new UsageError(`--until needs a date like 2027-06-28 (got "${until}")`);
  }
  const prepared = await prepare(common, io, until ? Number.parseInt(until.slice(0, 4), 10) : undefined);
  if (typeof prepared === 'number') return prepared;
  const { source, gathered, file, name } = prepared;

  const result = extendSchedule({ rotation: source.rotation, ...gathered, now: common.at, until });
  if (!result.ok) return reportFailure(io, common.json, result.message, [], result.excluded);

  const before = await readFile(file, 'utf8');
  const after = appendShifts(before, result.added);
  if (!common.dryRun && result.added.length > 0) await writeFile(file, after);

  const added = result.added.map(toEntry);
  const all = timeline(source.rotation, {
    ...source.schedule,
    shifts: [...source.schedule.shifts, ...added],
  });
  const windowStart = Math.max(
    0,
    all.findIndex((shift) => shift.endsAt > common.at),
  );
  const fairness = balanceOver(source.rotation, gathered.roster, all, windowStart, gathered.holidays);
  if (common.json) {
    const document = { rotation: name, dryRun: common.dryRun, added, relaxed: result.relaxed, fairness };
    io.stdout(`${JSON.stringify(document, null, 2)}\n`);
    return EXIT_OK;
  }
  io.stdout(
    `${name}: ${common.dryRun ? 'would add' : 'added'} ${added.length} shift(s) to ${source.scheduleFile}\n`,
  );
  for (const shift of result.added) {
    io.stdout(
      `  ${shift.start}  ${shift.assignments.map((slot) => `${slot.slot}: ${slot.github}`).join(', ')}\n`,
    );
  }
  for (const relaxation of result.relaxed) {
    io.stdout(`relaxed ${relaxation.rule} for ${relaxation.start}: ${relaxation.why}\n`);
  }
  io.stdout(
    `fairness ${fairness.from} to ${fairness.to}: prorated load spread ${fairness.spread}, holiday shifts spread ${fairness.holidaySpread}\n`,
  );
  return EXIT_OK;
}

async function repairCommand(args: string[], io: CliIo): Promise<number> {
  const { common } = parseCommandArgs(args, {}, io);
  if (common.help) {
    io.stdout(`${scheduleHelp}\n`);
    return EXIT_OK;
  }
  const prepared = await prepare(common, io);
  if (typeof prepared === 'number') return prepared;
  const { source, gathered, file, name } = prepared;

  const result = repairSchedule({ rotation: source.rotation, ...gathered, now: common.at });
  if (!result.ok) return reportFailure(io, common.json, result.message, [], result.excluded);

  if (!common.dryRun && result.moved.length > 0) {
    const before = await readFile(file, 'utf8');
    await writeFile(
      file,
      replaceSlots(
        before,
        result.moved.map(({ index, slot, to }) => ({ index, slot, github: to })),
      ),
    );
  }
  const moved = result.moved.map(({ start, slot, from, to, why }) => ({ start, slot, from, to, why }));
  if (common.json) {
    io.stdout(
      `${JSON.stringify({ rotation: name, dryRun: common.dryRun, moved, relaxed: result.relaxed }, null, 2)}\n`,
    );
    return EXIT_OK;
  }
  if (moved.length === 0) io.stdout(`${name}: every future slot is still valid; nothing to repair\n`);
  for (const move of moved) {
    io.stdout(`${move.start} ${move.slot}: ${move.to} takes over from ${move.from} (${move.why})\n`);
  }
  for (const relaxation of result.relaxed) {
    io.stdout(`relaxed ${relaxation.rule} for ${relaxation.start}: ${relaxation.why}\n`);
  }
  return EXIT_OK;
}

function toEntry(shift: { start: string; assignments: { slot: string; github: string }[] }) {
  return {
    start: shift.start,
    ...Object.fromEntries(shift.assignments.map(({ slot, github }) => [slot, github])),
  } as {
    start: string;
    [slot: string]: string;
  };
}

function reportFailure(
  io: CliIo,
  json: boolean,
  message: string,
  diagnostics: ReturnType<typeof sortDiagnostics> = [],
  excluded: Exclusion[] = [],
): number {
  if (json) {
    const error = { message, excluded };
    io.stdout(`${JSON.stringify({ error, errors: diagnostics.map(diagnosticJson) }, null, 2)}\n`);
  } else {
    for (const item of diagnostics) io.stderr(`${formatDiagnostic(item, io.color)}\n`);
    io.stderr(`oncall schedule: ${message}\n`);
    for (const { github, why } of excluded) io.stderr(`  ${github}: ${why}\n`);
  }
  return EXIT_INPUT_ERRORS;
}
