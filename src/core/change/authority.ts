/**
 * Who may stand in for whom, always read from the BASE: the admins of a rotation as the base names
 * them, and where the base names none, the repository's admins (the action asks GitHub; the core
 * takes the answer as data). Nothing a pull request adds can make someone an admin of its own check.
 */
import type { Repository } from '../model/repository.js';
import { buildRoster, loginKey, rotationMembers } from '../model/roster.js';

export interface StandIn {
  logins: string[];
  /** How they are named to people: "an admin of ops (alice, bob)". */
  label: string;
}

export function rotationAdmins(
  base: Repository,
  rotation: string | undefined,
  repositoryAdmins: readonly string[] | undefined,
): StandIn {
  const source = base.rotations.find((entry) => entry.rotation.name === rotation);
  const admins = source?.rotation.admins ?? [];
  if (admins.length > 0)
    return { logins: [...admins], label: `an admin of ${rotation} (${admins.join(', ')})` };
  return anyAdmin(base, repositoryAdmins);
}

/** The admins of every base rotation, else the repository's admins. */
export function anyAdmin(base: Repository, repositoryAdmins: readonly string[] | undefined): StandIn {
  const admins = [...new Set(base.rotations.flatMap((source) => source.rotation.admins ?? []))];
  if (admins.length > 0) return { logins: admins, label: `a rotation admin (${admins.join(', ')})` };
  return repositoryAdmin(repositoryAdmins);
}

/** The admins of the base rotations the person belongs to; else any base admin. */
export function personAdmins(
  base: Repository,
  login: string,
  repositoryAdmins: readonly string[] | undefined,
): StandIn {
  const roster = buildRoster(base.people.people);
  const admins = new Set<string>();
  const names: string[] = [];
  for (const source of base.rotations) {
    const member = rotationMembers(roster, source.rotation).some(
      (person) => loginKey(person.github) === loginKey(login),
    );
    if (!member || (source.rotation.admins ?? []).length === 0) continue;
    names.push(source.rotation.name);
    for (const admin of source.rotation.admins ?? []) admins.add(admin);
  }
  if (admins.size > 0) {
    return { logins: [...admins], label: `an admin of ${names.join(', ')} (${[...admins].join(', ')})` };
  }
  return anyAdmin(base, repositoryAdmins);
}

function repositoryAdmin(repositoryAdmins: readonly string[] | undefined): StandIn {
  return {
    logins: [...(repositoryAdmins ?? [])],
    label: 'a repository admin (the base names no rotation admin)',
  };
}
