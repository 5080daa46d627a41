/**
 * The #incidents topic: who is on call now and until when, in one line Slack takes (at most 250
 * characters). Its text depends only on who is on call and when their shift or cover ends, never
 * on the minute it is written, so a tick with nothing new plans no topic change.
 *
 *   On call: @alice (primary), @bob (secondary) until Mon 11:00 ET
 *   On call: data: @cy (primary) until Tue 09:00 PT; ops: @erin (primary, covering @alice until Wed 09:00), @bob (secondary) until Mon 11:00 ET
 */
import type { DateTime } from 'luxon';

/** Slack's limit for a channel topic. */
export const TOPIC_MAX_CHARS = 250;

export interface TopicPerson {
  github: string;
  slot: string;
  /** Present while an override puts this person in the place of `replaces`. */
  cover?: { replaces: string; until: DateTime };
  /** No Slack member id could be found: the user group cannot hold them. */
  unresolved: boolean;
}

export interface TopicRotation {
  name: string;
  timezone: string;
  /** When the shift holding now ends; undefined when no published shift holds now. */
  until?: DateTime;
  /** A shift longer than a week: its end is written with its date, not only its weekday. */
  longShift: boolean;
  people: readonly TopicPerson[];
}

/** How much detail a topic keeps; each level drops some to fit 250 characters. */
type Detail = 'full' | 'no-cover-end' | 'names-only';
const DETAILS: readonly Detail[] = ['full', 'no-cover-end', 'names-only'];

/**
 * The topic for a channel that shows these rotations (named when there are several), with as much
 * detail as fits; cut with "…" only when even the names alone do not.
 */
export function renderTopic(rotations: readonly TopicRotation[]): string {
  const sorted = [...rotations].sort((a, b) => a.name.localeCompare(b.name));
  const named = sorted.length > 1;
  for (const detail of DETAILS) {
    const text = `On call: ${sorted.map((rotation) => rotationPart(rotation, named, detail)).join('; ')}`;
    if (text.length <= TOPIC_MAX_CHARS) return text;
  }
  const longest = `On call: ${sorted.map((rotation) => rotationPart(rotation, named, 'names-only')).join('; ')}`;
  return cutTopic(longest);
}

function rotationPart(rotation: TopicRotation, named: boolean, detail: Detail): string {
  const prefix = named ? `${rotation.name}: ` : '';
  if (!rotation.until || rotation.people.length === 0) return `${prefix}nobody (no published shift now)`;
  const people = rotation.people.map((person) => personPart(person, rotation, detail)).join(', ');
  return `${prefix}${people} until ${whenText(rotation.until, rotation.timezone, rotation.longShift)} ${zoneLabel(rotation.until, rotation.timezone)}`;
}

function personPart(person: TopicPerson, rotation: TopicRotation, detail: Detail): string {
  const notes: string[] = [];
  if (detail !== 'names-only') notes.push(person.slot);
  if (person.cover && detail !== 'names-only') {
    notes.push(
      detail === 'full'
        ? `covering @${person.cover.replaces} until ${whenText(person.cover.until, rotation.timezone, rotation.longShift)}`
        : `covering @${person.cover.replaces}`,
    );
  }
  if (person.unresolved) notes.push('not in Slack');
  return notes.length > 0 ? `@${person.github} (${notes.join(', ')})` : `@${person.github}`;
}

/** "Mon 11:00", or "Mon 14 Dec 11:00" for shifts longer than a week, in the rotation's zone. */
export function whenText(at: DateTime, zone: string, withDate: boolean): string {
  return at
    .setZone(zone)
    .setLocale('en-US')
    .toFormat(withDate ? 'ccc d LLL HH:mm' : 'ccc HH:mm');
}

/**
 * A short name for the zone at that instant: "ET", "PT" where a generic one exists, else the
 * specific one ("GMT", "GMT+9", "UTC").
 */
export function zoneLabel(at: DateTime, zone: string): string {
  const name = (style: 'shortGeneric' | 'short') =>
    new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: style })
      .formatToParts(at.toJSDate())
      .find((part) => part.type === 'timeZoneName')?.value;
  const generic = name('shortGeneric');
  if (generic && /^[A-Z]{1,5}$/.test(generic)) return generic;
  return name('short') ?? zone;
}

/** One line of at most 250 characters, cut at a whole character with "…". */
export function cutTopic(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= TOPIC_MAX_CHARS) return line;
  let cut = '';
  for (const character of line) {
    if (cut.length + character.length > TOPIC_MAX_CHARS - 1) break;
    cut += character;
  }
  return `${cut.trimEnd()}…`;
}

/** A topic as Slack gives it back (it escapes &, < and >), for comparing with the one planned. */
export function topicAsWritten(topic: string): string {
  return topic.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}
