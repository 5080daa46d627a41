/**
 * Changes to the playbook fields that decide who is paged or handed the work: `point_people` and
 * `team`, matched by `system` (the id incidents carry), never by file. The body (symptoms,
 * diagnosis, mitigation) is the on-call people's to improve and asks nobody.
 */

import type { PlaybookSource } from '../model/repository.js';
import { loginKey } from '../model/roster.js';

export interface PlaybookChange {
  system: string;
  file: string;
  /** Point-people the head adds: each may agree for themself. */
  added: string[];
  removed: string[];
  /** The backlog team changed, the playbook is new or gone: an admin decides. */
  team?: { from?: string; to?: string };
  playbook?: 'added' | 'removed';
}

export function playbookChanges(
  base: readonly PlaybookSource[],
  head: readonly PlaybookSource[],
): PlaybookChange[] {
  const before = new Map(base.map((source) => [source.frontMatter.system, source]));
  const after = new Map(head.map((source) => [source.frontMatter.system, source]));
  const changes: PlaybookChange[] = [];
  for (const system of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(system)?.frontMatter;
    const is = after.get(system)?.frontMatter;
    const file = (after.get(system) ?? before.get(system))?.file ?? `playbooks/${system}.md`;
    const wasPeople = new Set((was?.point_people ?? []).map(loginKey));
    const isPeople = new Set((is?.point_people ?? []).map(loginKey));
    const added = (is?.point_people ?? []).filter((login) => !wasPeople.has(loginKey(login)));
    const removed = (was?.point_people ?? []).filter((login) => !isPeople.has(loginKey(login)));
    const teamChanged = was?.team !== is?.team;
    if (added.length === 0 && removed.length === 0 && !teamChanged) continue;
    changes.push({
      system,
      file,
      added,
      removed,
      ...(teamChanged && { team: { from: was?.team, to: is?.team } }),
      ...(!was && { playbook: 'added' as const }),
      ...(!is && { playbook: 'removed' as const }),
    });
  }
  return changes;
}
