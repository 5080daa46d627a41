/**
 * On-call pieces laid on the rotation's shifts. Each shift of the rotation (handoff to handoff,
 * on the rotation's grid after the last published shift) is read on its own:
 *
 * - The people on call for more than half of it hold it; there must be one per slot.
 * - Where holders are off and as many others (or fewer) are on call instead, those are covers:
 *   overrides of the shift. (A handoff time that differs from the old tool's shows up as short
 *   covers at each handoff.)
 * - Where a holder is off and nobody replaces them, or where more people are on call than there
 *   are slots, that time is reported as unmapped; the shift is still imported.
 * - A shift the export covers only in part (it starts or ends inside it), one held by too few or
 *   too many people, is not imported; its events are reported with the reason.
 *
 * schedule.yaml has no gaps and the import only appends, so imported shifts are one unbroken run:
 * from the shift after the last published one (or, in an empty schedule, the first shift that can
 * be imported, not before the rotation's start) to the first shift that cannot be imported. Past
 * and future shifts alike: the export's own plan continues in the new schedule.
 */
import type { DateTime } from 'luxon';
import type { RotationFile } from '../model/schemas.js';
import { type Assignment, handoffAt, type TimedShift } from '../schedule/timeline.js';
import { addDays } from '../time/wall-clock.js';
import type { EventSource } from './exported-event.js';
import type { OnCallPiece, Unmapped } from './on-call-pieces.js';
import { type Interval, mergeByPerson } from './person-intervals.js';

export interface ImportedShift {
  start: string;
  startsAt: DateTime;
  endsAt: DateTime;
  assignments: Assignment[];
  /** True when some slot was given by order of appearance, not by the export. */
  slotsGuessed: boolean;
}

export interface ImportedCover {
  /** The shift it belongs to. */
  start: string;
  from: DateTime;
  to: DateTime;
  replace: string;
  with: string;
}

export interface MapInput {
  rotation: RotationFile;
  /** The published schedule (timeline of schedule.yaml), which the import appends to. */
  existing: readonly TimedShift[];
  pieces: readonly OnCallPiece[];
  /** Import up to the shift that ends at the handoff on or after this date. */
  until?: string;
  /** How messages name a person (a new one by the name the export gives). */
  label?: (github: string) => string;
}

export interface MapResult {
  shifts: ImportedShift[];
  covers: ImportedCover[];
  unmapped: Unmapped[];
}

type WindowResult =
  | { kind: 'empty' }
  | { kind: 'refused'; why: string }
  | { kind: 'mapped'; shift: ImportedShift; covers: ImportedCover[]; unmapped: Unmapped[] };

export function mapShifts(input: MapInput): MapResult {
  const { rotation, existing, until } = input;
  const label = input.label ?? ((github: string) => github);
  const zone = rotation.timezone;
  const length = rotation.shift.length_days;
  const at = (date: string) => handoffAt(rotation, date);
  const show = (instant: DateTime) => instant.setZone(zone).toFormat('yyyy-MM-dd HH:mm');
  const unmapped: Unmapped[] = [];
  const shifts: ImportedShift[] = [];
  const covers: ImportedCover[] = [];

  // What lies before the first shift the import may add: the published schedule, or the time
  // before the rotation's start.
  const last = existing[existing.length - 1];
  const rotationStart = at(rotation.start);
  const importFrom = last ? last.endsAt : rotationStart;
  const remaining: OnCallPiece[] = [];
  for (const piece of input.pieces) {
    if (piece.to <= importFrom) {
      unmapped.push(...beforeImport(piece, piece.from, piece.to));
    } else if (piece.from < importFrom) {
      unmapped.push(...beforeImport(piece, piece.from, importFrom));
      remaining.push({ ...piece, from: importFrom });
    } else {
      remaining.push(piece);
    }
  }
  if (remaining.length === 0) return { shifts, covers, unmapped: ordered(unmapped) };

  function beforeImport(piece: OnCallPiece, from: DateTime, to: DateTime): Unmapped[] {
    const items: Unmapped[] = [];
    const beforeStart = to <= rotationStart ? to : from < rotationStart ? rotationStart : undefined;
    if (beforeStart) {
      items.push({
        source: piece.source,
        from,
        to: beforeStart,
        why: `it is before the rotation's start (${rotation.start}, rotation.yaml); set an earlier start to import it`,
      });
      if (beforeStart >= to) return items;
      from = beforeStart;
    }
    for (const shift of existing) {
      if (shift.endsAt <= from || shift.startsAt >= to) continue;
      const names = shift.assignments.map((slot) => slot.github).join(', ');
      items.push({
        source: piece.source,
        from: shift.startsAt > from ? shift.startsAt : from,
        to: shift.endsAt < to ? shift.endsAt : to,
        why: `it is already in the schedule: the shift of ${shift.start} (${names})`,
      });
    }
    const first = existing[0];
    if (first && from < first.startsAt) {
      items.push({
        source: piece.source,
        from,
        to: first.startsAt < to ? first.startsAt : to,
        why: `it is before the first shift of schedule.yaml (${first.start}); the import only appends after the last one`,
      });
    }
    return items;
  }

  const intervals = mergeByPerson(remaining);
  const earliest = intervals[0] as Interval;
  const spanStart = earliest.from;
  let spanEnd = earliest.to;
  for (const item of intervals) if (item.to > spanEnd) spanEnd = item.to;

  // The first shift to look at: right after the published one, or the rotation's shift holding
  // the export's first piece.
  let date = last ? addDays(last.start, length) : rotation.start;
  if (!last) {
    while (at(addDays(date, length)) <= spanStart) date = addDays(date, length);
  }

  let state: 'before' | 'running' | 'stopped' = 'before';
  let stoppedAt = '';
  let cursor = 0;
  let active: Interval[] = [];
  while (at(date) < spanEnd) {
    const from = at(date);
    const to = at(addDays(date, length));
    while (cursor < intervals.length && (intervals[cursor] as Interval).from < to) {
      active.push(intervals[cursor] as Interval);
      cursor += 1;
    }
    active = active.filter((interval) => interval.to > from);
    const inWindow = active.filter((interval) => interval.from < to);

    if (until !== undefined && date >= until) {
      unmapped.push(...piecesIn(inWindow, from, to, `it is after --until ${until}`));
    } else {
      const result = decideWindow(date, from, to, inWindow);
      if (result.kind === 'mapped' && state !== 'stopped') {
        state = 'running';
        shifts.push(result.shift);
        covers.push(...result.covers);
        unmapped.push(...result.unmapped);
      } else if (state === 'stopped') {
        const why =
          result.kind === 'refused'
            ? result.why
            : `it comes after the shift of ${stoppedAt}, which could not be imported: schedule.yaml cannot have a gap (add that shift by hand, then import again)`;
        unmapped.push(...piecesIn(inWindow, from, to, why));
      } else if (result.kind === 'refused') {
        unmapped.push(...piecesIn(inWindow, from, to, result.why));
        // In an empty schedule the run may still begin at a later shift; otherwise it ends here.
        if (state === 'running' || last) {
          state = 'stopped';
          stoppedAt = date;
        }
      } else if (state === 'running' || last) {
        // Nobody at all in the export for a whole shift.
        unmapped.push({
          from,
          to,
          why: last
            ? `nobody is on call in the export for the shift of ${date}, right after the last shift of schedule.yaml: schedule.yaml cannot have a gap`
            : `nobody is on call in the export for the shift of ${date}: schedule.yaml cannot have a gap, so the import stops here`,
        });
        state = 'stopped';
        stoppedAt = date;
      }
    }
    date = addDays(date, length);
  }
  return { shifts, covers, unmapped: ordered(unmapped) };

  /** One shift of the rotation, [from, to), against the intervals touching it. */
  function decideWindow(start: string, from: DateTime, to: DateTime, touching: Interval[]): WindowResult {
    if (touching.length === 0) return { kind: 'empty' };
    if (from < spanStart) {
      return {
        kind: 'refused',
        why: `the export starts inside the shift of ${start} (at ${show(spanStart)}): who was on call before is unknown`,
      };
    }
    if (to > spanEnd) {
      return {
        kind: 'refused',
        why: `the export ends inside the shift of ${start} (at ${show(spanEnd)}): who is on call after is unknown`,
      };
    }
    const total = to.toMillis() - from.toMillis();
    const clip = (interval: Interval) => ({
      github: interval.github,
      from: interval.from > from ? interval.from : from,
      to: interval.to < to ? interval.to : to,
    });
    const coverage = new Map<string, number>();
    for (const interval of touching) {
      const part = clip(interval);
      coverage.set(part.github, (coverage.get(part.github) ?? 0) + part.to.toMillis() - part.from.toMillis());
    }
    const holders = [...coverage.entries()].filter(([, ms]) => ms * 2 > total).map(([github]) => github);
    const slots = rotation.slots;
    if (holders.length !== slots.length) {
      const hours = [...coverage.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([github, ms]) => `${label(github)} ${formatHours(ms)}`)
        .join(', ');
      const why =
        holders.length === 0
          ? `nobody is on call for more than half of the shift of ${start} (${hours})`
          : holders.length < slots.length
            ? `only ${holders.map(label).join(' and ')} ${holders.length === 1 ? 'is' : 'are'} on call for most of the shift of ${start} (${hours}); the rotation has ${slots.length} slots (${slots.join(', ')})`
            : `${holders.length} people are on call for most of the shift of ${start} (${holders.map(label).join(', ')}); the rotation has ${slots.length} slot${slots.length === 1 ? '' : 's'} (${slots.join(', ')})`;
      return { kind: 'refused', why };
    }

    // Cut the shift where anyone comes or goes; read each segment.
    const cuts = new Set<number>([from.toMillis(), to.toMillis()]);
    for (const interval of touching) {
      const part = clip(interval);
      cuts.add(part.from.toMillis());
      cuts.add(part.to.toMillis());
    }
    const bounds = [...cuts].sort((a, b) => a - b);
    const { assignments, guessed } = assignSlots(holders, touching, from, to);
    const slotOfHolder = new Map(assignments.map((slot) => [slot.github, slot.slot]));
    const windowCovers: ImportedCover[] = [];
    const windowUnmapped: Unmapped[] = [];
    for (let i = 0; i + 1 < bounds.length; i += 1) {
      const segmentFrom = from.plus({ milliseconds: (bounds[i] as number) - from.toMillis() });
      const segmentTo = from.plus({ milliseconds: (bounds[i + 1] as number) - from.toMillis() });
      const present = touching.filter((item) => item.from <= segmentFrom && item.to >= segmentTo);
      const onCall = new Set(present.map((item) => item.github));
      const missing = holders.filter((github) => !onCall.has(github));
      const extras = [...onCall].filter((github) => !holders.includes(github));
      if (extras.length > missing.length) {
        const people = [...onCall].map(label).join(', ');
        windowUnmapped.push(
          ...piecesIn(
            present.filter((item) => extras.includes(item.github)),
            segmentFrom,
            segmentTo,
            `${onCall.size} people are on call at once (${people}) in the shift of ${start}, which has ${slots.length} slot${slots.length === 1 ? '' : 's'}: ${extras.map(label).join(', ')} ${extras.length === 1 ? 'is' : 'are'} left out`,
          ),
        );
      }
      const pairs =
        extras.length > missing.length
          ? []
          : pairCovers(missing, extras, present, slotOfHolder, segmentFrom, segmentTo);
      for (const [replace, cover] of pairs) {
        const previous = windowCovers.find(
          (other) => other.to.equals(segmentFrom) && other.replace === replace && other.with === cover,
        );
        if (previous) previous.to = segmentTo;
        else windowCovers.push({ start, from: segmentFrom, to: segmentTo, replace, with: cover });
      }
      const covered = new Set(pairs.map(([replace]) => replace));
      for (const github of missing.filter((person) => !covered.has(person))) {
        windowUnmapped.push({
          from: segmentFrom,
          to: segmentTo,
          why: `${label(github)} is off and nobody covers from ${show(segmentFrom)} to ${show(segmentTo)}: the shift of ${start} records ${label(github)} for all of it`,
        });
      }
    }
    const rank = (github: string) => rotation.slots.indexOf(slotOfHolder.get(github) ?? '');
    windowCovers.sort((a, b) => a.from.toMillis() - b.from.toMillis() || rank(a.replace) - rank(b.replace));
    return {
      kind: 'mapped',
      shift: { start, startsAt: from, endsAt: to, assignments, slotsGuessed: guessed },
      covers: windowCovers,
      unmapped: windowUnmapped,
    };
  }

  /**
   * Who covers whom in one segment, when as many people (or fewer) stand in as are off: by the
   * slot the export gives the cover, then in order of appearance. Who covers whom changes no
   * one's time on call, only which slot the cover is written against.
   */
  function pairCovers(
    missing: string[],
    extras: string[],
    present: Interval[],
    slotOfHolder: ReadonlyMap<string, string>,
    segmentFrom: DateTime,
    segmentTo: DateTime,
  ): [string, string][] {
    const hintOf = new Map<string, { slot?: string; order: number }>();
    for (const interval of present) {
      if (!extras.includes(interval.github)) continue;
      const piece =
        interval.pieces.find((item) => item.from <= segmentFrom && item.to >= segmentTo) ??
        interval.pieces[0];
      if (piece) hintOf.set(interval.github, { ...(piece.slot && { slot: piece.slot }), order: piece.order });
    }
    const open = [...missing].sort(
      (a, b) =>
        rotation.slots.indexOf(slotOfHolder.get(a) ?? '') - rotation.slots.indexOf(slotOfHolder.get(b) ?? ''),
    );
    const waiting = [...extras].sort((a, b) => (hintOf.get(a)?.order ?? 0) - (hintOf.get(b)?.order ?? 0));
    const pairs: [string, string][] = [];
    for (const cover of [...waiting]) {
      const slot = hintOf.get(cover)?.slot;
      const replace = slot ? open.find((github) => slotOfHolder.get(github) === slot) : undefined;
      if (!replace) continue;
      pairs.push([replace, cover]);
      open.splice(open.indexOf(replace), 1);
      waiting.splice(waiting.indexOf(cover), 1);
    }
    for (const cover of waiting) {
      const replace = open.shift();
      if (replace) pairs.push([replace, cover]);
    }
    return pairs;
  }

  /**
   * Slots of the holders: the slot the export gives a person in this shift (the one it gives
   * for longest), then the slots left in order of who appears first.
   */
  function assignSlots(holders: string[], touching: Interval[], from: DateTime, to: DateTime) {
    const hinted = new Map<string, Map<string, number>>();
    const firstSeen = new Map<string, [number, number]>();
    for (const interval of touching) {
      if (!holders.includes(interval.github)) continue;
      for (const piece of interval.pieces) {
        if (piece.to <= from || piece.from >= to) continue;
        const start = (piece.from > from ? piece.from : from).toMillis();
        const ms = (piece.to < to ? piece.to : to).toMillis() - start;
        const seen = firstSeen.get(piece.github);
        if (!seen || start < seen[0] || (start === seen[0] && piece.order < seen[1])) {
          firstSeen.set(piece.github, [start, piece.order]);
        }
        if (!piece.slot) continue;
        const slots = hinted.get(piece.github) ?? new Map<string, number>();
        slots.set(piece.slot, (slots.get(piece.slot) ?? 0) + ms);
        hinted.set(piece.github, slots);
      }
    }
    const bySlot = new Map<string, string>();
    const wants = holders
      .map((github) => {
        const best = [...(hinted.get(github)?.entries() ?? [])].sort((a, b) => b[1] - a[1])[0];
        return best ? { github, slot: best[0], ms: best[1] } : undefined;
      })
      .filter((want): want is { github: string; slot: string; ms: number } => !!want)
      .sort((a, b) => b.ms - a.ms);
    const placed = new Set<string>();
    for (const want of wants) {
      if (bySlot.has(want.slot)) continue;
      bySlot.set(want.slot, want.github);
      placed.add(want.github);
    }
    const rest = holders
      .filter((github) => !placed.has(github))
      .sort((a, b) => {
        const [startA, orderA] = firstSeen.get(a) ?? [0, 0];
        const [startB, orderB] = firstSeen.get(b) ?? [0, 0];
        return startA - startB || orderA - orderB;
      });
    // A guess: two or more people without a slot, or a slot the export gave someone else too.
    const guessed = rest.length > 1 || wants.length > placed.size;
    for (const slot of rotation.slots) {
      if (!bySlot.has(slot)) bySlot.set(slot, rest.shift() as string);
    }
    const assignments = rotation.slots.map((slot) => ({ slot, github: bySlot.get(slot) as string }));
    return { assignments, guessed };
  }
}

/** The pieces of `intervals` inside [from, to), as unmapped items with `why`. */
function piecesIn(intervals: readonly Interval[], from: DateTime, to: DateTime, why: string): Unmapped[] {
  const items: Unmapped[] = [];
  for (const interval of intervals) {
    for (const piece of interval.pieces) {
      if (piece.to <= from || piece.from >= to) continue;
      items.push({
        source: piece.source,
        from: piece.from > from ? piece.from : from,
        to: piece.to < to ? piece.to : to,
        why,
      });
    }
  }
  return items;
}

/**
 * In time order, with the consecutive parts of one event that share a reason joined: an event
 * of three weeks after a gap is one line, not three.
 */
function ordered(items: Unmapped[]): Unmapped[] {
  const sorted = [...items].sort(
    (a, b) =>
      (a.from?.toMillis() ?? 0) - (b.from?.toMillis() ?? 0) ||
      (a.source?.file ?? '').localeCompare(b.source?.file ?? '') ||
      (a.source?.line ?? 0) - (b.source?.line ?? 0),
  );
  const joined: Unmapped[] = [];
  const lastOf = new Map<EventSource, Map<string, Unmapped>>();
  for (const item of sorted) {
    const match = item.source ? lastOf.get(item.source)?.get(item.why) : undefined;
    if (match?.to && item.from && match.to.equals(item.from)) {
      match.to = item.to;
      continue;
    }
    const copy = { ...item };
    joined.push(copy);
    if (item.source) {
      const byWhy = lastOf.get(item.source) ?? new Map<string, Unmapped>();
      byWhy.set(item.why, copy);
      lastOf.set(item.source, byWhy);
    }
  }
  return joined;
}

function formatHours(ms: number): string {
  const hours = ms / 3_600_000;
  return hours >= 48 ? `${Math.round((hours / 24) * 10) / 10} days` : `${Math.round(hours * 10) / 10} h`;
}
