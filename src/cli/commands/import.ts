/**
 * `oncall import --ics FILE`: people stubs and schedule history from an iCalendar export. Reads
 * the export (io/ics-reader), plans the import (core/import, pure), appends to people.yaml and
 * schedule.yaml keeping every existing byte, then shows what `oncall validate` will say about the
 * result: the TODOs of the stubs, and anything else the import brings.
 */
import { isUtf8 } from 'node:buffer';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Diagnostic, Finding } from '../../core/diagnostics/finding.js';
import type { ExportedEvent } from '../../core/import/exported-event.js';
import type { PersonStub } from '../../core/import/identities.js';
import type { ImportedCover } from '../../core/import/map-shifts.js';
import { type ImportPlan, planImport } from '../../core/import/plan-import.js';
import { checkSchema } from '../../core/model/check-schema.js';
import type { Repository, RotationSource } from '../../core/model/repository.js';
import type { PeopleFile, ScheduleFile } from '../../core/model/schemas.js';
import { validateRepository } from '../../core/rules/validate-repository.js';
import { handoffAt } from '../../core/schedule/timeline.js';
import { addDays, formatInstant, parseLocalDateTime } from '../../core/time/wall-clock.js';
import { appendOverrides } from '../../io/overrides-writer.js';
import { appendPeople, type PersonToWrite } from '../../io/people-writer.js';
import { appendShifts } from '../../io/schedule-writer.js';
import { parseYaml, type YamlSource } from '../../io/yaml-source.js';
import { type CliIo, EXIT_OK } from '../cli-io.js';
import { diagnosticJson, formatDiagnostic, reportInputFailure, sortDiagnostics } from '../format.js';
import { chooseRotation, openRepository } from '../open-repository.js';
import { parseCommandArgs, UsageError } from '../options.js';

export const importHelp = `Usage: oncall import --ics FILE [--ics FILE ...] [--slots-by-file] [--until DATE]
                     [--summary-pattern REGEX] [--root DIR] [--rotation NAME] [--at T]
                     [--dry-run] [--json]

Imports an iCalendar export of an on-call schedule (Opsgenie, PagerDuty, Grafana OnCall, Google
Calendar, ...) into the repository. Run it with --dry-run first.

  rotations/people.yaml             a stub for each person of an imported shift the roster does
                                    not have (people are matched by email, GitHub login, name);
                                    its GitHub login (and team) read TODO until someone fills them
  rotations/ROTATION/schedule.yaml  the export's shifts, appended after the last one, on the
                                    rotation's handoffs; covers become overrides. Existing shifts,
                                    overrides and comments never change

Everything left out is listed with the reason ("unmapped"): an event naming nobody, a shift the
export covers only in part, more people on call than slots, time already in the schedule, ...

  --ics FILE               the export (.ics); several are read as one (per-person exports)
  --slots-by-file          the first file holds the first slot (primary), the second the next:
                           for tools that keep primary and secondary as separate schedules
  --until DATE             import up to the shift that ends at the handoff on or after DATE; also
                           how far recurring events are expanded (needed when one never ends)
  --summary-pattern REGEX  only events whose SUMMARY matches are on call (case-insensitive); a
                           group named "who" is the text naming the people:
                           --summary-pattern '^(?<who>.+) on call$'
  --dry-run                write nothing; print what would be imported
  --json                   {rotation, dryRun, people, matched, shifts, overrides, unmapped, notes,
                           validation}

The output ends with what \`oncall validate\` will then report: the TODOs, and anything else the
imported shifts break (--at is "now" for those checks). Exit 0 when imported (or, with --dry-run,
when it would be), 1 when the export cannot be read or the repository has errors, 2 on bad usage.

See docs/migrating.md: exporting from Opsgenie, PagerDuty, Grafana OnCall and Google Calendar, how
people and shifts are matched, what is not imported.`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { common, values } = parseCommandArgs(
    args,
    {
      ics: { type: 'string', multiple: true },
      until: { type: 'string' },
      'summary-pattern': { type: 'string' },
      'slots-by-file': { type: 'boolean' },
    },
    io,
  );
  if (common.help) {
    io.stdout(`${importHelp}\n`);
    return EXIT_OK;
  }
  const files = (values.ics as unknown as string[] | undefined) ?? [];
  if (files.length === 0 || files.some((file) => file === '')) {
    throw new UsageError('--ics FILE is required: the iCalendar (.ics) export to import');
  }
  const until = values.until as string | undefined;
  if (until !== undefined && !(DATE.test(until) && DateTime.fromISO(until, { zone: 'utc' }).isValid)) {
    throw new UsageError(`--until needs a date like 2027-03-01 (got "${until}")`);
  }
  const patternText = values['summary-pattern'] as string | undefined;
  let pattern: RegExp | undefined;
  if (patternText !== undefined) {
    try {
      pattern = new RegExp(patternText, 'iu');
    } catch (err) {
      throw new UsageError(`--summary-pattern is not a valid regular expression: ${(err as Error).message}`);
    }
  }

  const loaded = await openRepository(common);
  const name = chooseRotation(loaded, common.rotation);
  const source = loaded.repository?.rotations.find((rotation) => rotation.dir === name);
  const blocking = loaded.diagnostics.filter((item) => item.severity === 'error');
  const fail = (message: string, diagnostics: Diagnostic[] = []) =>
    reportInputFailure(io, { command: 'import', json: common.json, extra: {} }, diagnostics, message);
  if (!loaded.repository || !source || blocking.length > 0) {
    return fail('fix these errors first (oncall validate), then import', blocking);
  }
  const repository = loaded.repository;
  const { rotation } = source;
  const slotsByFile = values['slots-by-file'] === true;
  if (slotsByFile && files.length > rotation.slots.length) {
    throw new UsageError(
      `--slots-by-file with ${files.length} --ics files for ${rotation.slots.length} slot(s) (${rotation.slots.join(', ')}): give one file per slot, in slot order`,
    );
  }

  // The iCalendar parser (ical.js) loads only here, not with every oncall command.
  const { IcsError, MAX_ICS_BYTES, readIcs } = await import('../../io/ics-reader.js');
  // Recurring events are expanded up to the end of the last shift --until can take.
  const expandUntil = until ? handoffAt(rotation, addDays(until, rotation.shift.length_days)) : undefined;
  const events: ExportedEvent[] = [];
  for (const [fileIndex, file] of files.entries()) {
    const read = await readExport(path.resolve(io.cwd, file), MAX_ICS_BYTES);
    if (typeof read !== 'string') return fail(`${file}: ${read.problem}`);
    try {
      events.push(
        ...readIcs(read, {
          file,
          fileIndex,
          zone: rotation.timezone,
          ...(expandUntil && { expandUntil }),
        }),
      );
    } catch (err) {
      if (!(err instanceof IcsError)) throw err;
      return fail(`${err.file}${err.line !== undefined ? `:${err.line}` : ''}: ${err.message}`);
    }
  }

  const plan = planImport({
    rotation,
    schedule: source.schedule,
    people: repository.people.people,
    events,
    slotsByFile,
    ...(until !== undefined && { until }),
    ...(pattern && { pattern }),
  });

  const peoplePath = path.join(loaded.root, repository.peopleFile);
  const schedulePath = path.join(loaded.root, source.scheduleFile);
  const peopleBefore = await readFile(peoplePath, 'utf8');
  const scheduleBefore = await readFile(schedulePath, 'utf8');
  const reason = `imported from ${files.map((file) => path.basename(file)).join(', ')}`.slice(0, 200);
  const overrides = plan.covers.map((cover) => overrideEntry(cover, rotation.timezone, reason));
  const peopleAfter = appendPeople(
    peopleBefore,
    plan.stubs.map((stub) => stubEntry(stub, source)),
    `Added by oncall import from ${files.map((file) => path.basename(file)).join(', ')}: replace each TODO.`,
  );
  const scheduleAfter = appendOverrides(appendShifts(scheduleBefore, plan.shifts), overrides);

  const validation = validateResult(repository, source, peopleAfter, scheduleAfter, common.at);
  const written: string[] = [];
  if (!common.dryRun) {
    if (peopleAfter !== peopleBefore) {
      await writeFile(peoplePath, peopleAfter);
      written.push(repository.peopleFile);
    }
    if (scheduleAfter !== scheduleBefore) {
      await writeFile(schedulePath, scheduleAfter);
      written.push(source.scheduleFile);
    }
  }

  const document = importJson(plan, overrides, rotation.timezone, validation);
  if (common.json) {
    const json = {
      rotation: name,
      at: formatInstant(common.at),
      dryRun: common.dryRun,
      files,
      written,
      ...document,
    };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
    return EXIT_OK;
  }
  io.stdout(importText(name, files, common.dryRun, plan, document, source, repository.peopleFile, io.color));
  return EXIT_OK;
}

/** The export's text, or why it cannot be read (missing, a folder, too large, not UTF-8). */
async function readExport(file: string, maxBytes: number): Promise<string | { problem: string }> {
  const info = await stat(file).catch(() => undefined);
  if (!info) return { problem: 'no such file' };
  if (!info.isFile()) return { problem: 'not a file' };
  if (info.size > maxBytes) {
    return { problem: `larger than ${maxBytes / 1024 / 1024} MiB: export a shorter period` };
  }
  const bytes = await readFile(file);
  if (!isUtf8(bytes)) return { problem: 'not UTF-8 text, so not an iCalendar export' };
  return bytes.toString('utf8');
}

/** A stub entry of people.yaml, each placeholder with a comment saying what to write. */
function stubEntry(stub: PersonStub, source: RotationSource): PersonToWrite {
  const teams = source.rotation.members.teams ?? [];
  const onlyTeam = teams.length === 1 ? teams[0] : undefined;
  return {
    fields: [
      {
        key: 'github',
        value: stub.github,
        comment: `${stub.name}'s GitHub login; replace ${stub.github} in ${source.scheduleFile} too`,
      },
      { key: 'name', value: stub.name },
      onlyTeam
        ? { key: 'team', value: onlyTeam, comment: "the rotation's only team; change it if needed" }
        : {
            key: 'team',
            value: 'TODO',
            comment: `${stub.name}'s team, a lowercase id${teams.length > 0 ? ` (the rotation's: ${teams.join(', ')})` : ''}`,
          },
      {
        key: 'timezone',
        value: source.rotation.timezone,
        comment: `the rotation's; change it if ${stub.name} lives elsewhere`,
      },
      ...(stub.email ? [{ key: 'email', value: stub.email }] : []),
    ],
  };
}

/** An override bound as wall clock in the rotation's zone, or with its offset when that is ambiguous. */
function overrideBound(instant: DateTime, zone: string): string {
  const local = instant.setZone(zone);
  const text = local.toFormat(local.second === 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss");
  return parseLocalDateTime(text, zone)?.toMillis() === instant.toMillis() ? text : formatInstant(local);
}

function overrideEntry(cover: ImportedCover, zone: string, reason: string) {
  return {
    from: overrideBound(cover.from, zone),
    to: overrideBound(cover.to, zone),
    replace: cover.replace,
    with: cover.with,
    reason,
  };
}

interface Validation {
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

/**
 * What `oncall validate` will say about the files after the import that it does not say now: the
 * stubs' TODOs, and any rule an imported shift breaks. Read from the new texts, not from disk.
 */
function validateResult(
  repository: Repository,
  source: RotationSource,
  peopleText: string,
  scheduleText: string,
  at: DateTime,
): Validation {
  const sources = new Map<string, YamlSource>();
  const diagnostics: Diagnostic[] = [];
  const people = parseYaml(repository.peopleFile, peopleText);
  const schedule = parseYaml(source.scheduleFile, scheduleText);
  diagnostics.push(...people.diagnostics, ...schedule.diagnostics);
  if (!people.source || !schedule.source) return split(diagnostics);
  sources.set(repository.peopleFile, people.source);
  sources.set(source.scheduleFile, schedule.source);
  const after: Repository = {
    ...repository,
    people: people.source.data as PeopleFile,
    rotations: repository.rotations.map((rotation) =>
      rotation.dir === source.dir
        ? { ...rotation, schedule: schedule.source?.data as ScheduleFile }
        : rotation,
    ),
  };
  const findings: Finding[] = [
    ...checkSchema('people', repository.peopleFile, after.people),
    ...checkSchema('schedule', source.scheduleFile, schedule.source.data),
    ...validateRepository(after, at),
  ];
  const key = (finding: Finding) =>
    `${finding.at.file}|${finding.rule}|${finding.severity}|${finding.message}`;
  const before = new Set(validateRepository(repository, at).map(key));
  for (const finding of findings) {
    if (before.has(key(finding))) continue;
    const position = sources.get(finding.at.file)?.locate(finding.at) ?? { line: 1, column: 1 };
    diagnostics.push({
      file: finding.at.file,
      ...position,
      rule: finding.rule,
      message: finding.message,
      severity: finding.severity,
    });
  }
  return split(sortDiagnostics(diagnostics));
}

function split(diagnostics: Diagnostic[]): Validation {
  return {
    errors: diagnostics.filter((item) => item.severity === 'error'),
    warnings: diagnostics.filter((item) => item.severity === 'warning'),
  };
}

function importJson(
  plan: ImportPlan,
  overrides: ReturnType<typeof overrideEntry>[],
  zone: string,
  validation: Validation,
) {
  const show = (instant: DateTime | undefined) => (instant ? formatInstant(instant.setZone(zone)) : null);
  return {
    people: plan.stubs,
    matched: plan.matched,
    shifts: plan.shifts.map((shift) => ({
      start: shift.start,
      ...Object.fromEntries(shift.assignments.map(({ slot, github }) => [slot, github])),
      startsAt: show(shift.startsAt),
      endsAt: show(shift.endsAt),
      slotsGuessed: shift.slotsGuessed,
    })),
    overrides,
    unmapped: plan.unmapped.map((item) => ({
      ...(item.source?.uid !== undefined && { uid: item.source.uid }),
      summary: item.source ? item.source.summary : '(nobody on call)',
      start: show(item.from),
      end: show(item.to),
      why: item.why,
      ...(item.source && { file: item.source.file, line: item.source.line }),
    })),
    notes: plan.notes,
    validation: {
      errors: validation.errors.map(diagnosticJson),
      warnings: validation.warnings.map(diagnosticJson),
    },
  };
}

function importText(
  name: string,
  files: readonly string[],
  dryRun: boolean,
  plan: ImportPlan,
  document: ReturnType<typeof importJson>,
  source: RotationSource,
  peopleFile: string,
  color: boolean,
): string {
  const lines: string[] = [];
  const first = plan.shifts[0];
  const last = plan.shifts[plan.shifts.length - 1];
  const range = first && last ? ` (${first.start} to ${last.start})` : '';
  lines.push(
    `${name}: ${dryRun ? 'would import' : 'imported'} from ${files.join(', ')}: ${plan.shifts.length} shift(s)${range}, ${plan.covers.length} cover(s), ${plan.stubs.length} new people; ${plan.unmapped.length} unmapped`,
  );
  if (plan.stubs.length > 0) {
    lines.push('', `new people in ${peopleFile} (write their GitHub login, and team where it says TODO):`);
    for (const stub of plan.stubs) {
      lines.push(`  ${stub.github}  ${stub.name}${stub.email ? ` <${stub.email}>` : ''}`);
    }
  }
  if (plan.matched.length > 0) {
    lines.push('', 'already in the roster:');
    for (const person of plan.matched)
      lines.push(`  ${person.github}  ${person.name}  (by ${person.by}: ${person.as})`);
  }
  if (plan.shifts.length > 0) {
    lines.push('', `shifts for ${source.scheduleFile}:`);
    for (const shift of plan.shifts) {
      const people = shift.assignments.map((slot) => `${slot.slot}: ${slot.github}`).join(', ');
      lines.push(
        `  ${shift.start}  ${people}${shift.slotsGuessed ? '  (slots in order of appearance)' : ''}`,
      );
    }
  }
  if (document.overrides.length > 0) {
    lines.push('', 'covers (overrides):');
    for (const override of document.overrides) {
      lines.push(`  ${override.from} to ${override.to}  ${override.with} covers ${override.replace}`);
    }
  }
  if (document.unmapped.length > 0) {
    lines.push('', `unmapped (${document.unmapped.length}):`);
    for (const item of document.unmapped) {
      const where = item.file !== undefined ? `${item.file}:${item.line}  ` : '';
      const when = item.start && item.end ? `  ${item.start} to ${item.end}` : '';
      lines.push(`  ${where}"${item.summary}"${when}: ${item.why}`);
    }
  }
  if (plan.notes.length > 0) {
    lines.push('', 'notes:');
    for (const note of plan.notes) lines.push(`  - ${note}`);
  }
  const { errors, warnings } = document.validation;
  if (errors.length + warnings.length > 0) {
    lines.push(
      '',
      `then oncall validate reports (${errors.length} error(s), ${warnings.length} warning(s)):`,
    );
    for (const item of [...errors, ...warnings]) {
      lines.push(
        `  ${formatDiagnostic({ ...item, severity: errors.includes(item) ? 'error' : 'warning' }, color)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
