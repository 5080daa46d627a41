/**
 * Changes to the roster (people.yaml), person by person, matched by login without regard to case.
 * Every field of an entry decides something about paging (who, when, how, or what the page says),
 * so any changed field is a change to that person.
 */
import { loginKey } from '../model/roster.js';
import type { Person } from '../model/schemas.js';
import { changedFields } from './field-diff.js';

export type RosterChange =
  | { kind: 'person-added'; github: string }
  | { kind: 'person-removed'; github: string }
  | { kind: 'person-changed'; github: string; fields: string[] };

export function rosterChanges(base: readonly Person[], head: readonly Person[]): RosterChange[] {
  const before = byLogin(base);
  const after = byLogin(head);
  const changes: RosterChange[] = [];
  for (const [key, person] of after) {
    const was = before.get(key);
    if (!was) {
      changes.push({ kind: 'person-added', github: person.github });
      continue;
    }
    const fields = changedFields(was, person);
    if (fields.length > 0) changes.push({ kind: 'person-changed', github: was.github, fields });
  }
  for (const [key, person] of before) {
    if (!after.has(key)) changes.push({ kind: 'person-removed', github: person.github });
  }
  return changes;
}

function byLogin(people: readonly Person[]): Map<string, Person> {
  const map = new Map<string, Person>();
  // A duplicate login is an error of its own; the first entry is the one that counts, as in the roster.
  for (const person of people)
    if (!map.has(loginKey(person.github))) map.set(loginKey(person.github), person);
  return map;
}
