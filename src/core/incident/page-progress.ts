/**
 * What went out for each page, merged from two versions of one incident's record. Runs that
 * overlap (a repeated delivery, a tick beside an incident run) each write the record they
 * computed; a page one of them delivered must stay delivered in whatever is written last, or the
 * next run would think it unsent. Progress only ever grows: targets reached are a union, and a
 * page sent in either version is sent.
 */
import type { PageEntry } from './record.js';

export function mergePageProgress(ours: PageEntry, theirs: PageEntry | undefined): PageEntry {
  if (!theirs || theirs.key !== ours.key) return ours;
  const delivered = [...new Set([...(ours.delivered ?? []), ...(theirs.delivered ?? [])])];
  const sentAt = earliest(ours.sentAt, theirs.sentAt);
  return {
    ...ours,
    ...(delivered.length > 0 && { delivered }),
    ...(sentAt !== undefined && { sentAt }),
  };
}

/** Every page of `ours` with the progress `theirs` records for the same key. */
export function mergeAllPageProgress(
  ours: readonly PageEntry[],
  theirs: readonly PageEntry[] | undefined,
): PageEntry[] {
  const byKey = new Map((theirs ?? []).map((entry) => [entry.key, entry]));
  return ours.map((entry) => mergePageProgress(entry, byKey.get(entry.key)));
}

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}
