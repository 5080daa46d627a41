/**
 * Slack in step with the schedule. For each Slack user group: the member ids of everyone on call
 * now (every slot, an override's `with` in place of the person covered) in all the rotations that
 * map to it. For each channel: a topic naming them and when their shift ends. Compared with what
 * Slack holds now, only the calls that change something are planned: a tick with nothing new
 * plans none.
 *
 * A group is never emptied (Slack refuses it, and an empty on-call group reaches nobody): when
 * nobody on call for it has a Slack id, the group keeps its members and the channel is told. The
 * alert goes out with the topic change that names those people, and before it: the topic is the
 * record that the alert went out, so it is sent once per change, not once per tick.
 *
 * Pure: who is on call, the Slack ids found by email, and Slack's current state come in as data.
 */
import { DateTime } from 'luxon';
import type { RotationSource } from '../model/repository.js';
import { findPerson, loginKey, type Roster } from '../model/roster.js';
import type { RotationFile } from '../model/schemas.js';
import { type TimedOverride, timedOverrides } from '../schedule/overrides.js';
import { type TimedShift, timeline } from '../schedule/timeline.js';
import { whoIsOnCall } from '../schedule/who.js';
import { renderTopic, type TopicRotation, topicAsWritten } from './topic.js';

export type SlackTargets = NonNullable<RotationFile['slack']>;

/** A rotation as the Slack sync reads it: its schedule as instants, and where it shows in Slack. */
export interface SyncRotation {
  name: string;
  timezone: string;
  shiftLengthDays: number;
  slack?: SlackTargets;
  shifts: readonly TimedShift[];
  overrides: readonly TimedOverride[];
}

export function syncRotation(source: RotationSource): SyncRotation {
  const { rotation, schedule } = source;
  return {
    name: rotation.name,
    timezone: rotation.timezone,
    shiftLengthDays: rotation.shift.length_days,
    ...(rotation.slack ? { slack: rotation.slack } : {}),
    shifts: timeline(rotation, schedule),
    overrides: timedOverrides(rotation, schedule),
  };
}

export interface OnCallPerson {
  slot: string;
  github: string;
  /** Their roster `slack` id. */
  slack?: string;
  /** Their roster email, for the lookup when there is no `slack` id. */
  email?: string;
  inRoster: boolean;
  cover?: { replaces: string; until: DateTime };
}

export interface RotationOnCall {
  name: string;
  timezone: string;
  slack: SlackTargets;
  /** When the shift holding now ends; undefined when no published shift holds now. */
  until?: DateTime;
  longShift: boolean;
  people: OnCallPerson[];
}

export interface SlackOnCall {
  /** The rotations with a Slack user group or channel, and who is on call in each now. */
  rotations: RotationOnCall[];
  /** People on call now with no `slack` id but an email: their id is looked up in Slack. */
  lookups: { github: string; email: string }[];
}

/** Who is on call now in every rotation that shows in Slack. */
export function slackOnCall(rotations: readonly SyncRotation[], roster: Roster, now: DateTime): SlackOnCall {
  const result: RotationOnCall[] = [];
  const lookups = new Map<string, { github: string; email: string }>();
  for (const rotation of rotations) {
    const slack = rotation.slack;
    if (!slack || (!slack.usergroup && !slack.channel)) continue;
    const current = whoIsOnCall(rotation.shifts, rotation.overrides, now);
    const people = (current?.oncall ?? []).map((entry): OnCallPerson => {
      const person = findPerson(roster, entry.github);
      if (person && !person.slack && person.email && !lookups.has(loginKey(person.github))) {
        lookups.set(loginKey(person.github), { github: person.github, email: person.email });
      }
      return {
        slot: entry.slot,
        github: person?.github ?? entry.github,
        ...(person?.slack ? { slack: person.slack } : {}),
        ...(person?.email ? { email: person.email } : {}),
        inRoster: person !== undefined,
        ...(entry.override
          ? {
              cover: {
                replaces: entry.override.replaces,
                until: DateTime.fromISO(entry.override.to, { setZone: true }),
              },
            }
          : {}),
      };
    });
    result.push({
      name: rotation.name,
      timezone: rotation.timezone,
      slack,
      ...(current ? { until: current.shift.endsAt } : {}),
      longShift: rotation.shiftLengthDays > 7,
      people,
    });
  }
  return { rotations: result, lookups: [...lookups.values()] };
}

/** What Slack holds now. */
export interface SlackState {
  /** Members of each user group; a group missing here is unknown to Slack's list (disabled, or absent). */
  groups: ReadonlyMap<string, readonly string[]>;
  /** The topic of each channel. */
  topics: ReadonlyMap<string, string>;
}

export type SlackSyncCall =
  | { kind: 'set-group'; usergroup: string; users: string[] }
  | { kind: 'set-topic'; channel: string; topic: string }
  /** Comes before the same channel's `set-topic`, which must wait for it (see the module comment). */
  | { kind: 'alert'; channel: string; text: string };

export interface Unresolved {
  rotation: string;
  slot: string;
  github: string;
  why: string;
}

export interface SlackSyncPlan {
  groups: { usergroup: string; rotations: string[]; users: string[]; changed: boolean }[];
  topics: { channel: string; topic: string; changed: boolean }[];
  /** People on call now whom no Slack id was found for: the user group cannot hold them. */
  unresolved: Unresolved[];
  /** Only the calls that change something, in the order to make them. */
  calls: SlackSyncCall[];
  /** What needs a person's attention and no call can fix (a group with nobody and no channel to tell). */
  problems: string[];
}

/**
 * The calls that bring Slack in step. `found` holds the Slack ids looked up by email (by login,
 * lowercase); a lookup that found nobody is absent or undefined.
 */
export function planSlackSync(
  onCall: SlackOnCall,
  found: ReadonlyMap<string, string | undefined>,
  current: SlackState,
): SlackSyncPlan {
  const unresolved: Unresolved[] = [];
  const idOf = (rotation: RotationOnCall, person: OnCallPerson): string | undefined => {
    const id = person.slack ?? found.get(loginKey(person.github));
    if (id) return id;
    unresolved.push({
      rotation: rotation.name,
      slot: person.slot,
      github: person.github,
      why: whyUnresolved(person),
    });
    return undefined;
  };
  const ids = new Map<RotationOnCall, (string | undefined)[]>();
  for (const rotation of onCall.rotations) {
    ids.set(
      rotation,
      rotation.people.map((person) => idOf(rotation, person)),
    );
  }

  // Topics, one per channel, over every rotation shown there.
  const topics: SlackSyncPlan['topics'] = [];
  for (const [channel, rotations] of byTarget(onCall.rotations, (slack) => slack.channel)) {
    const topic = renderTopic(
      rotations.map(
        (rotation): TopicRotation => ({
          name: rotation.name,
          timezone: rotation.timezone,
          ...(rotation.until ? { until: rotation.until } : {}),
          longShift: rotation.longShift,
          people: rotation.people.map((person, index) => ({
            github: person.github,
            slot: person.slot,
            ...(person.cover ? { cover: person.cover } : {}),
            unresolved: ids.get(rotation)?.[index] === undefined,
          })),
        }),
      ),
    );
    const shown = current.topics.get(channel);
    topics.push({ channel, topic, changed: shown === undefined || topicAsWritten(shown) !== topic });
  }
  const topicChanges = new Set(topics.filter((entry) => entry.changed).map((entry) => entry.channel));

  // User groups, one per group, holding everyone on call now in any rotation mapped to it.
  const groups: SlackSyncPlan['groups'] = [];
  const alerts = new Map<string, string[]>();
  const problems: string[] = [];
  for (const [usergroup, rotations] of byTarget(onCall.rotations, (slack) => slack.usergroup)) {
    const users = [...new Set(rotations.flatMap((rotation) => ids.get(rotation) ?? []))]
      .filter((id): id is string => id !== undefined)
      .sort();
    const held = current.groups.get(usergroup);
    const changed = users.length > 0 && (held === undefined || !sameMembers(users, held));
    groups.push({ usergroup, rotations: rotations.map((rotation) => rotation.name), users, changed });
    if (users.length > 0) continue;
    const channels = [...new Set(rotations.flatMap((rotation) => rotation.slack.channel ?? []))];
    if (channels.length === 0) {
      problems.push(
        `nobody on call now for Slack user group ${usergroup} (${rotations.map((r) => r.name).join(', ')}) has a Slack id, ` +
          'and no channel is configured to tell: the group keeps its previous members',
      );
      continue;
    }
    for (const channel of channels) {
      if (!topicChanges.has(channel)) continue;
      const lines = alerts.get(channel) ?? [];
      lines.push(...rotations.map((rotation) => alertLine(rotation, ids.get(rotation) ?? [], usergroup)));
      alerts.set(channel, lines);
    }
  }

  const calls: SlackSyncCall[] = [];
  for (const entry of topics) {
    if (!entry.changed) continue;
    const lines = alerts.get(entry.channel);
    if (lines) calls.push({ kind: 'alert', channel: entry.channel, text: alertText(lines) });
    calls.push({ kind: 'set-topic', channel: entry.channel, topic: entry.topic });
  }
  for (const entry of groups) {
    if (entry.changed) calls.push({ kind: 'set-group', usergroup: entry.usergroup, users: entry.users });
  }
  return { groups, topics, unresolved, calls, problems };
}

/** Rotations grouped by a Slack target (group or channel), targets and rotations in name order. */
function byTarget(
  rotations: readonly RotationOnCall[],
  target: (slack: SlackTargets) => string | undefined,
): [string, RotationOnCall[]][] {
  const map = new Map<string, RotationOnCall[]>();
  for (const rotation of rotations) {
    const id = target(rotation.slack);
    if (!id) continue;
    map.set(id, [...(map.get(id) ?? []), rotation]);
  }
  return [...map.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, list]) => [id, [...list].sort((a, b) => a.name.localeCompare(b.name))]);
}

function sameMembers(planned: readonly string[], now: readonly string[]): boolean {
  const held = [...new Set(now)].sort();
  return held.length === planned.length && held.every((id, index) => id === planned[index]);
}

function whyUnresolved(person: OnCallPerson): string {
  if (!person.inRoster) return 'not in rotations/people.yaml';
  if (person.email)
    return `no \`slack:\` id in rotations/people.yaml and no Slack account for ${person.email}`;
  return 'no `slack:` id and no email in rotations/people.yaml';
}

function alertLine(
  rotation: RotationOnCall,
  ids: readonly (string | undefined)[],
  usergroup: string,
): string {
  if (!rotation.until || rotation.people.length === 0) {
    return `• ${rotation.name}: nobody is on call (no published shift now): publish shifts with \`oncall schedule extend\``;
  }
  const people = rotation.people
    .map((person, index) =>
      ids[index] === undefined ? `@${person.github} (${person.slot}: ${whyUnresolved(person)})` : undefined,
    )
    .filter((text): text is string => text !== undefined);
  return `• ${rotation.name}: ${people.join(', ')}; user group ${usergroup} cannot hold them`;
}

function alertText(lines: readonly string[]): string {
  return [
    ':warning: *Nobody on call now can be reached through the on-call Slack user group.* It keeps its previous members until someone on call has a Slack id.',
    ...lines,
    'Reach them on GitHub (mention them on the incident issue), and add their Slack member id (`slack:`) to rotations/people.yaml.',
  ].join('\n');
}
