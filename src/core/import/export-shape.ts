/**
 * How the old schedule handed off, read from the export, beside how the rotation does. When they
 * differ the import still works (short covers at every handoff, or shifts it cannot import), so
 * the user is told why and what to change in rotation.yaml.
 */
import { type RotationFile, weekdays } from '../model/schemas.js';
import type { OnCallPiece } from './on-call-pieces.js';
import { mergeByPerson } from './person-intervals.js';

/** Notes for the user; none when the export looks like the rotation or is too short to tell. */
export function exportShapeNotes(rotation: RotationFile, pieces: readonly OnCallPiece[]): string[] {
  const intervals = mergeByPerson(pieces);
  if (intervals.length < 3) return [];
  const zone = rotation.timezone;
  // Intervals come ordered by start: the first is where the export begins.
  const first = (intervals[0] as (typeof intervals)[number]).from;
  const notes: string[] = [];

  // Where someone's time on call begins, except the export's own first instant.
  const starts = intervals.filter((item) => !item.from.equals(first)).map((item) => item.from.setZone(zone));
  const handoffs = mode(starts.map((start) => `${weekdays[start.weekday - 1]} ${start.toFormat('HH:mm')}`));
  const ours = `${rotation.shift.handoff.weekday} ${rotation.shift.handoff.time}`;
  if (handoffs && handoffs.count * 2 > starts.length && handoffs.value !== ours) {
    const [weekday, time] = handoffs.value.split(' ');
    notes.push(
      `the export hands off on ${weekday} at ${time} (${zone}) in ${handoffs.count} of ${starts.length} changes; this rotation hands off on ${rotation.shift.handoff.weekday} at ${rotation.shift.handoff.time}. Imported shifts follow the rotation, with covers for the difference; to keep the old handoff, set shift.handoff in rotation.yaml to { weekday: ${weekday}, time: "${time}" }`,
    );
  }

  const days = intervals.map((item) => Math.round(item.to.diff(item.from, 'hours').hours / 24));
  const length = mode(days.map(String));
  // Longer stretches are whole shifts in a row and import well; shorter ones share a shift.
  if (
    length &&
    length.count * 2 > days.length &&
    Number(length.value) >= 1 &&
    Number(length.value) < rotation.shift.length_days
  ) {
    notes.push(
      `most times on call in the export last ${length.value} day(s) and this rotation's shifts ${rotation.shift.length_days}: a shift several people hold in turn is not imported; to import them, set shift.length_days in rotation.yaml to ${length.value}`,
    );
  }
  return notes;
}

function mode(values: readonly string[]): { value: string; count: number } | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: { value: string; count: number } | undefined;
  for (const [value, count] of counts) if (!best || count > best.count) best = { value, count };
  return best;
}
