/**
 * SEQUENCE, the version number of each event, without a database. RFC 5545 wants it to grow
 * whenever an event changes and to stay put otherwise. The feeds are rebuilt from the files each
 * time, so the version is derived:
 * - an event whose content (summary, description, start, end, zone, people) is what the previous build
 *   published keeps that build's SEQUENCE;
 * - a new or changed event gets the minutes from 2020-01-01T00:00Z to the build's `at`, or one
 *   more than its previous SEQUENCE when that is larger (a replay with an older --at).
 * "The previous build" is a small state file written beside the feeds (uid → sequence and a
 * fingerprint of the content). When it is missing (first build, or lost), every event gets the
 * build's minute: never lower than anything published before, so a client that compares versions
 * still takes the update. Output is deterministic for the same files, state and `at`.
 */
import { DateTime } from 'luxon';
import type { CalendarEvent, CalendarFeed } from './feeds.js';

export interface SequenceEntry {
  sequence: number;
  /** FNV-1a (64-bit, hex) of the event's content. */
  fingerprint: string;
}

export interface SequenceState {
  version: 1;
  events: Record<string, SequenceEntry>;
}

const EPOCH = DateTime.fromISO('2020-01-01T00:00:00Z', { zone: 'utc' }).toMillis();
/** RFC 5545 INTEGER is a signed 32-bit number. */
const MAX_SEQUENCE = 2_147_483_647;

/** Minutes from 2020-01-01T00:00Z to `at`: the SEQUENCE of an event changed by a build at `at`. */
export function sequenceAt(at: DateTime): number {
  return Math.min(MAX_SEQUENCE, Math.max(0, Math.floor((at.toMillis() - EPOCH) / 60_000)));
}

export function eventFingerprint(event: CalendarEvent): string {
  return fnv1a64(
    [
      event.summary,
      event.description,
      event.start.toMillis(),
      event.end.toMillis(),
      event.timezone,
      // Whose it is: a slot that changes hands is a changed event even when its text reads the same.
      event.people.join(','),
    ].join('\u0000'),
  );
}

/**
 * The SEQUENCE of every event of `feeds`, and the state to keep for the next build (only the
 * events published now: a removed event's entry goes with it).
 */
export function assignSequences(
  feeds: readonly CalendarFeed[],
  previous: SequenceState | undefined,
  at: DateTime,
): { sequences: Map<string, number>; state: SequenceState } {
  const floor = sequenceAt(at);
  const sequences = new Map<string, number>();
  const events: Record<string, SequenceEntry> = {};
  for (const feed of feeds) {
    for (const event of feed.events) {
      const fingerprint = eventFingerprint(event);
      const before = previous?.events[event.uid];
      const sequence =
        before === undefined
          ? floor
          : before.fingerprint === fingerprint
            ? before.sequence
            : Math.min(MAX_SEQUENCE, Math.max(floor, before.sequence + 1));
      sequences.set(event.uid, sequence);
      events[event.uid] = { sequence, fingerprint };
    }
  }
  const sorted = Object.fromEntries(Object.entries(events).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { sequences, state: { version: 1, events: sorted } };
}

/** The state file's content when it has the expected shape; undefined otherwise (start afresh). */
export function readSequenceState(data: unknown): SequenceState | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { version, events } = data as { version?: unknown; events?: unknown };
  if (version !== 1 || typeof events !== 'object' || events === null || Array.isArray(events))
    return undefined;
  const out: Record<string, SequenceEntry> = {};
  for (const [uid, entry] of Object.entries(events)) {
    const { sequence, fingerprint } = (entry ?? {}) as { sequence?: unknown; fingerprint?: unknown };
    if (!Number.isInteger(sequence) || (sequence as number) < 0 || (sequence as number) > MAX_SEQUENCE) {
      return undefined;
    }
    if (typeof fingerprint !== 'string') return undefined;
    out[uid] = { sequence: sequence as number, fingerprint };
  }
  return { version: 1, events: out };
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

function fnv1a64(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  return hash.toString(16).padStart(16, '0');
}
