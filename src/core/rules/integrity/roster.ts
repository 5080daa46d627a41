/** The roster alone: unique logins, real timezones, dates in order. */
import { error, type Finding } from '../../diagnostics/finding.js';
import { loginKey } from '../../model/roster.js';
import type { PeopleFile } from '../../model/schemas.js';
import { isValidZone } from '../../time/wall-clock.js';

export function checkRoster(file: string, people: PeopleFile): Finding[] {
  const findings: Finding[] = [];
  const firstAt = new Map<string, number>();
  people.people.forEach((person, index) => {
    const key = loginKey(person.github);
    const first = firstAt.get(key);
    if (first === undefined) firstAt.set(key, index);
    else {
      findings.push(
        error('duplicate-person', `${person.github} is already in the roster (entry ${first + 1})`, {
          file,
          path: ['people', index, 'github'],
        }),
      );
    }
    if (!isValidZone(person.timezone)) {
      findings.push(
        error('unknown-timezone', `"${person.timezone}" is not an IANA timezone (like Europe/London)`, {
          file,
          path: ['people', index, 'timezone'],
        }),
      );
    }
    if (person.joined && person.left && person.left < person.joined) {
      findings.push(
        error('date-order', `left (${person.left}) is before joined (${person.joined})`, {
          file,
          path: ['people', index, 'left'],
        }),
      );
    }
    (person.away ?? []).forEach((away, awayIndex) => {
      if (away.to < away.from) {
        findings.push(
          error('date-order', `away ends (${away.to}) before it starts (${away.from})`, {
            file,
            path: ['people', index, 'away', awayIndex, 'to'],
          }),
        );
      }
    });
  });
  return findings;
}
