/**
 * What a live setup must have for this repository: the labels, the Slack channels and user groups
 * the rotations name, and the people whose Slack account must resolve. Derived from the files
 * alone, so the adapters know what to ask GitHub and Slack.
 */
import type { DateTime } from 'luxon';
import { desiredLabels, type LabelSpec } from '../labels.js';
import type { Repository } from '../model/repository.js';
import { buildRoster } from '../model/roster.js';
import type { Person } from '../model/schemas.js';
import { isValidZone } from '../time/wall-clock.js';

export interface SlackTarget {
  id: string;
  /** The rotations that name it. */
  rotations: string[];
}

/** Someone to find in Slack: by their roster `slack` id, else by their `email`. */
export interface SlackLookup {
  github: string;
  by: 'id' | 'email';
  value: string;
}

export interface DoctorNeeds {
  labels: LabelSpec[];
  channels: SlackTarget[];
  usergroups: SlackTarget[];
  people: SlackLookup[];
}

export function doctorNeeds(repository: Repository, now: DateTime): DoctorNeeds {
  const channels = new Map<string, string[]>();
  const usergroups = new Map<string, string[]>();
  const add = (into: Map<string, string[]>, id: string | undefined, rotation: string) => {
    if (id) into.set(id, [...(into.get(id) ?? []), rotation]);
  };
  for (const { rotation } of repository.rotations) {
    add(channels, rotation.slack?.channel, rotation.name);
    add(usergroups, rotation.slack?.usergroup, rotation.name);
  }
  const targets = (from: Map<string, string[]>) =>
    [...from].map(([id, rotations]) => ({ id, rotations })).sort((a, b) => a.id.localeCompare(b.id));

  const roster = buildRoster(repository.people.people);
  const people: SlackLookup[] = [];
  for (const person of roster.byLogin.values()) {
    // People who left are history: their Slack account may well be gone, and nobody pages them.
    if (hasLeft(person, now)) continue;
    if (person.slack) people.push({ github: person.github, by: 'id', value: person.slack });
    else if (person.email) people.push({ github: person.github, by: 'email', value: person.email });
  }
  return {
    labels: desiredLabels({ playbooks: repository.playbooks, teams: roster.teams }),
    channels: targets(channels),
    usergroups: targets(usergroups),
    people,
  };
}

function hasLeft(person: Person, now: DateTime): boolean {
  if (!person.left) return false;
  const zone = isValidZone(person.timezone) ? person.timezone : 'UTC';
  return person.left < (now.setZone(zone).toISODate() as string);
}
