/** The roster, indexed: GitHub logins are unique and compared case-insensitively. */
import type { Person, RotationFile } from './schemas.js';

export interface Roster {
  people: readonly Person[];
  byLogin: ReadonlyMap<string, Person>;
  teams: ReadonlySet<string>;
}

export function loginKey(login: string): string {
  return login.toLowerCase();
}

export function buildRoster(people: readonly Person[]): Roster {
  const byLogin = new Map<string, Person>();
  const teams = new Set<string>();
  for (const person of people) {
    // The first entry wins; the duplicate is reported by the roster rules.
    if (!byLogin.has(loginKey(person.github))) byLogin.set(loginKey(person.github), person);
    teams.add(person.team);
  }
  return { people, byLogin, teams };
}

export function findPerson(roster: Roster, login: string): Person | undefined {
  return roster.byLogin.get(loginKey(login));
}

/** Members of a rotation: everyone in its teams, plus `include`, minus `exclude`. */
export function rotationMembers(roster: Roster, rotation: RotationFile): Person[] {
  const teams = new Set(rotation.members.teams ?? []);
  const include = new Set((rotation.members.include ?? []).map(loginKey));
  const exclude = new Set((rotation.members.exclude ?? []).map(loginKey));
  return roster.people.filter((person) => {
    const key = loginKey(person.github);
    if (exclude.has(key)) return false;
    return teams.has(person.team) || include.has(key);
  });
}
