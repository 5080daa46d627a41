/**
 * Exported events as pieces of time someone was on call: one piece per person an event names.
 * An all-day event has no time of day; calendars kept by hand use it to mean "on call those days",
 * so its dates are read as handoff dates: from the handoff on its first day to the handoff on the
 * day after its last. Events that give no time on call (cancelled, unreadable, naming nobody,
 * ending when they start) are reported, never dropped.
 */
import type { DateTime } from 'luxon';
import type { RotationFile } from '../model/schemas.js';
import { handoffAt } from '../schedule/timeline.js';
import type { EventSource, ExportedEvent } from './exported-event.js';
import type { Named, NamedPerson } from './who.js';

export interface OnCallPiece {
  github: string;
  from: DateTime;
  to: DateTime;
  source: EventSource;
  /** The slot the export gives this person here (a label, a level, or the file's position). */
  slot?: string;
  /** Order of appearance in the export: ties between people go to the one named first. */
  order: number;
}

/** Something of the export that is not in the import, and why. Gaps have no source. */
export interface Unmapped {
  source?: EventSource;
  from?: DateTime;
  to?: DateTime;
  why: string;
}

export interface PiecesInput {
  rotation: RotationFile;
  events: readonly ExportedEvent[];
  /** whoIsNamed() of each event, in the same order. */
  named: readonly Named[];
  loginOf(person: NamedPerson): string;
  /** --slots-by-file: file N fills slot N, unless an event says otherwise. */
  slotsByFile: boolean;
}

export function onCallPieces(input: PiecesInput): { pieces: OnCallPiece[]; unmapped: Unmapped[] } {
  const { rotation, events, named } = input;
  const pieces: OnCallPiece[] = [];
  const unmapped: Unmapped[] = [];
  events.forEach((event, index) => {
    const { source } = event;
    if (event.time.kind === 'invalid') {
      unmapped.push({ source, why: `its time cannot be read: ${event.time.why}` });
      return;
    }
    const { from, to } =
      event.time.kind === 'timed'
        ? { from: event.time.start, to: event.time.end }
        : { from: handoffAt(rotation, event.time.from), to: handoffAt(rotation, event.time.to) };
    if (event.cancelled) {
      unmapped.push({ source, from, to, why: 'it is cancelled in the export (STATUS:CANCELLED)' });
      return;
    }
    const who = named[index] as Named;
    if ('why' in who) {
      unmapped.push({ source, from, to, why: who.why });
      return;
    }
    if (to <= from) {
      unmapped.push({ source, from, to, why: 'it ends when it starts: no time on call' });
      return;
    }
    const seen = new Set<string>();
    who.people.forEach((person, position) => {
      const github = input.loginOf(person);
      if (seen.has(github.toLowerCase())) return;
      seen.add(github.toLowerCase());
      const slot = slotOf(
        rotation.slots,
        person.slot ?? who.slot,
        who.level,
        input.slotsByFile ? source.fileIndex : undefined,
      );
      pieces.push({ github, from, to, source, ...(slot && { slot }), order: index * 64 + position });
    });
  });
  return { pieces, unmapped };
}

function slotOf(
  slots: readonly string[],
  label: string | undefined,
  level: number | undefined,
  fileIndex: number | undefined,
): string | undefined {
  if (label) {
    const slot = slots.find((name) => name.toLowerCase() === label.toLowerCase());
    if (slot) return slot;
  }
  if (level !== undefined && level >= 1 && level <= slots.length) return slots[level - 1];
  if (fileIndex !== undefined && fileIndex < slots.length) return slots[fileIndex];
  return undefined;
}
