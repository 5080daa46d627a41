/**
 * Schedule changes in the words people use: "ana takes 2027-04-12 from ben; ben takes 2027-03-29
 * from ana". A slot that changed hands one way and another that changed back the other way are
 * one swap.
 */
import type { DateTime } from 'luxon';
import { loginKey } from '../model/roster.js';
import type { ScheduleChange } from './schedule-diff.js';

export interface ReadableChange {
  kind: 'swap' | 'take' | 'published' | 'inserted' | 'unpublished' | 'cover-added' | 'cover-removed';
  text: string;
  /** The raw changes this sentence describes. */
  parts: ScheduleChange[];
}

export function describeChanges(changes: readonly ScheduleChange[], zone: string): ReadableChange[] {
  const readable: ReadableChange[] = [];
  const slotChanges = changes.filter((change) => change.kind === 'slot');
  const paired = new Set<ScheduleChange>();
  for (const change of slotChanges) {
    if (paired.has(change)) continue;
    const back = slotChanges.find(
      (other) =>
        !paired.has(other) &&
        other !== change &&
        loginKey(other.from) === loginKey(change.to) &&
        loginKey(other.to) === loginKey(change.from),
    );
    if (back) {
      paired.add(change);
      paired.add(back);
      readable.push({
        kind: 'swap',
        text: `${change.to} takes ${change.start} from ${change.from}; ${back.to} takes ${back.start} from ${back.from}`,
        parts: [change, back],
      });
    }
  }
  for (const change of changes) {
    if (paired.has(change)) continue;
    const when = (at: DateTime) => at.setZone(zone).toFormat('yyyy-MM-dd HH:mm');
    switch (change.kind) {
      case 'slot':
        readable.push({
          kind: 'take',
          text: `${change.to} takes ${change.start} (${change.slot}) from ${change.from}`,
          parts: [change],
        });
        break;
      case 'published':
        readable.push({
          kind: 'published',
          text: `${change.start} published: ${change.people.join(', ')}`,
          parts: [change],
        });
        break;
      case 'inserted':
        readable.push({
          kind: 'inserted',
          text: `a shift ${change.start} is inserted: ${change.people.join(', ')}`,
          parts: [change],
        });
        break;
      case 'unpublished':
        readable.push({
          kind: 'unpublished',
          text: `the shift ${change.start} (${change.people.join(', ')}) is removed`,
          parts: [change],
        });
        break;
      case 'cover-added':
        readable.push({
          kind: 'cover-added',
          text: `${change.with} covers ${change.replace} from ${when(change.period.from)} to ${when(change.period.to)}${change.reason ? ` (${change.reason})` : ''}`,
          parts: [change],
        });
        break;
      case 'cover-removed':
        readable.push({
          kind: 'cover-removed',
          text: `${change.with} no longer covers ${change.replace} from ${when(change.period.from)} to ${when(change.period.to)}`,
          parts: [change],
        });
        break;
    }
  }
  return readable;
}
