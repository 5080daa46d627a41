/**
 * A person's time on call as one stretch, however many events it was exported as: exporters cut
 * a week at every override, and a person's back-to-back events are one stretch on call.
 */
import type { DateTime } from 'luxon';
import type { OnCallPiece } from './on-call-pieces.js';

export interface Interval {
  github: string;
  from: DateTime;
  to: DateTime;
  /** The pieces it is made of, for reporting what became of each event. */
  pieces: OnCallPiece[];
}

/** Each person's pieces merged where they touch or overlap, ordered by start. */
export function mergeByPerson(pieces: readonly OnCallPiece[]): Interval[] {
  const byPerson = new Map<string, OnCallPiece[]>();
  for (const piece of pieces) {
    const key = piece.github.toLowerCase();
    const list = byPerson.get(key);
    if (list) list.push(piece);
    else byPerson.set(key, [piece]);
  }
  const intervals: Interval[] = [];
  for (const list of byPerson.values()) {
    list.sort((a, b) => a.from.toMillis() - b.from.toMillis() || a.order - b.order);
    let current: Interval | undefined;
    for (const piece of list) {
      if (current && piece.from <= current.to) {
        if (piece.to > current.to) current.to = piece.to;
        current.pieces.push(piece);
      } else {
        current = { github: piece.github, from: piece.from, to: piece.to, pieces: [piece] };
        intervals.push(current);
      }
    }
  }
  return intervals.sort((a, b) => a.from.toMillis() - b.from.toMillis());
}
