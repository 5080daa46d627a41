/**
 * A rotation that keeps Slack in step (`slack:` in rotation.yaml) puts everyone on call in its user
 * group and pages them there, which needs their Slack member id: the roster's `slack`, or an
 * `email` to look it up by. Someone who can be on call in such a rotation with neither fails
 * validation now, at the pull request, rather than being missing from the page at 3 a.m.
 *
 * "Can be on call": a member of the rotation who has not left, or anyone in a shift or override of
 * it that has not ended. History is left alone.
 */
import type { DateTime } from 'luxon';
import { error, type Finding } from '../../diagnostics/finding.js';
import type { Repository } from '../../model/repository.js';
import { findPerson, loginKey, type Roster, rotationMembers } from '../../model/roster.js';
import type { Person } from '../../model/schemas.js';
import { timedOverrides } from '../../schedule/overrides.js';
import { timeline } from '../../schedule/timeline.js';
import { isValidZone } from '../../time/wall-clock.js';

export function checkSlackIds(repository: Repository, roster: Roster, now: DateTime): Finding[] {
  const needed = new Map<string, Set<string>>();
  const need = (person: Person | undefined, rotation: string) => {
    if (!person || person.slack || person.email) return;
    const key = loginKey(person.github);
    needed.set(key, (needed.get(key) ?? new Set()).add(rotation));
  };
  for (const { rotation, schedule } of repository.rotations) {
    if (!rotation.slack?.usergroup && !rotation.slack?.channel) continue;
    for (const person of rotationMembers(roster, rotation)) {
      if (!hasLeft(person, now)) need(person, rotation.name);
    }
    if (!isValidZone(rotation.timezone)) continue;
    for (const shift of timeline(rotation, schedule)) {
      if (shift.endsAt <= now) continue;
      for (const { github } of shift.assignments) need(findPerson(roster, github), rotation.name);
    }
    for (const override of timedOverrides(rotation, schedule)) {
      if (override.to > now) need(findPerson(roster, override.with), rotation.name);
    }
  }
  const findings: Finding[] = [];
  const reported = new Set<string>();
  repository.people.people.forEach((person, index) => {
    const key = loginKey(person.github);
    const rotations = needed.get(key);
    // The first entry of a login is the person; a duplicate is reported by the roster rules.
    if (!rotations || reported.has(key)) return;
    reported.add(key);
    findings.push(
      error(
        'slack-id',
        `${person.github} can be on call in ${[...rotations].sort().join(', ')}, which keeps Slack in step, ` +
          'but has no Slack id: add `slack:` (their Slack member id, e.g. U01ALICE) or an `email:` that ' +
          'matches their Slack account',
        { file: repository.peopleFile, path: ['people', index] },
      ),
    );
  });
  return findings;
}

/** Whether `left` is before today in the person's timezone. */
function hasLeft(person: Person, now: DateTime): boolean {
  if (!person.left) return false;
  const zone = isValidZone(person.timezone) ? person.timezone : 'UTC';
  return person.left < (now.setZone(zone).toISODate() as string);
}
