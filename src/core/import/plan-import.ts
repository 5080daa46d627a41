/**
 * `oncall import` as a pure function: the exported events and the repository's roster, rotation
 * and schedule in; the people to add, the shifts and covers to append and everything left out
 * (with why) out. It reads no file and no clock.
 */
import type { DateTime } from 'luxon';
import { buildRoster } from '../model/roster.js';
import type { Person, RotationFile, ScheduleFile } from '../model/schemas.js';
import { timeline } from '../schedule/timeline.js';
import { exportShapeNotes } from './export-shape.js';
import type { ExportedEvent } from './exported-event.js';
import { identify, type MatchedPerson, type PersonStub, rosterLookup } from './identities.js';
import { type ImportedCover, type ImportedShift, mapShifts } from './map-shifts.js';
import { normalizeName } from './names.js';
import { onCallPieces, type Unmapped } from './on-call-pieces.js';
import { type Named, type NamedPerson, summaryFields, whoIsNamed } from './who.js';

export interface ImportInput {
  rotation: RotationFile;
  schedule: ScheduleFile;
  people: readonly Person[];
  events: readonly ExportedEvent[];
  /** --slots-by-file: the events of file N hold slot N. */
  slotsByFile: boolean;
  until?: string;
  pattern?: RegExp;
}

export interface ImportPlan {
  /** People the roster does not have yet who are in an imported shift or cover: for people.yaml. */
  stubs: PersonStub[];
  /** People of the roster the export names, and how they were recognised. */
  matched: MatchedPerson[];
  shifts: ImportedShift[];
  covers: ImportedCover[];
  unmapped: Unmapped[];
  notes: string[];
}

export function planImport(input: ImportInput): ImportPlan {
  const { rotation, events } = input;
  const roster = buildRoster(input.people);
  const lookup = rosterLookup(roster);
  const context = {
    slots: rotation.slots,
    ...(input.pattern && { pattern: input.pattern }),
    constantFields: constantFields(events, rotation.slots),
    isKnown: (person: NamedPerson) => lookup(person) !== undefined,
  };
  const named: Named[] = events.map((event) => whoIsNamed(event, context));
  // Only events that give time on call name people to add or match.
  const mentions = events.flatMap((event, index) => {
    const who = named[index] as Named;
    return event.time.kind === 'invalid' || event.cancelled || 'why' in who ? [] : who.people;
  });
  const identities = identify(mentions, roster);
  const { pieces, unmapped: unusable } = onCallPieces({
    rotation,
    events,
    named,
    loginOf: identities.loginOf,
    slotsByFile: input.slotsByFile,
  });
  const newName = new Map(identities.stubs.map((stub) => [stub.github, stub.name]));
  const mapped = mapShifts({
    rotation,
    existing: timeline(rotation, input.schedule),
    pieces,
    ...(input.until !== undefined && { until: input.until }),
    label: (github) => (newName.has(github) ? `"${newName.get(github)}"` : github),
  });
  // A stub only for someone the import writes: an event left out adds nobody to the roster.
  const written = new Set([
    ...mapped.shifts.flatMap((shift) => shift.assignments.map((slot) => slot.github)),
    ...mapped.covers.flatMap((cover) => [cover.replace, cover.with]),
  ]);

  const notes = exportShapeNotes(rotation, pieces);
  const guessed = mapped.shifts.filter((shift) => shift.slotsGuessed).length;
  if (guessed > 0) {
    notes.push(
      `the export does not say which slot people hold in ${guessed} shift(s): they are filled in the order people appear in it (${rotation.slots.join(', ')}); check them, or export one file per slot and pass them in slot order with --slots-by-file`,
    );
  }
  return {
    stubs: identities.stubs.filter((stub) => written.has(stub.github)),
    matched: identities.matched,
    shifts: mapped.shifts,
    covers: mapped.covers,
    unmapped: byTime([...unusable, ...mapped.unmapped]),
    notes,
  };
}

/** SUMMARY fields found in every event: the schedule's or policy's name, never a person's. */
function constantFields(events: readonly ExportedEvent[], slots: readonly string[]): Set<string> {
  if (events.length < 2) return new Set();
  const counts = new Map<string, number>();
  for (const event of events) {
    const fields = new Set(summaryFields(event.source.summary, slots).fields.map(normalizeName));
    for (const field of fields) counts.set(field, (counts.get(field) ?? 0) + 1);
  }
  return new Set(
    [...counts.entries()].filter(([, count]) => count === events.length).map(([field]) => field),
  );
}

function byTime(items: Unmapped[]): Unmapped[] {
  const key = (instant: DateTime | undefined) => instant?.toMillis() ?? Number.NEGATIVE_INFINITY;
  return [...items].sort(
    (a, b) =>
      key(a.from) - key(b.from) ||
      (a.source?.file ?? '').localeCompare(b.source?.file ?? '') ||
      (a.source?.line ?? 0) - (b.source?.line ?? 0),
  );
}
