/**
 * The calendar feeds as plain data: which events each feed holds, their stable UIDs, summaries,
 * descriptions and times. One feed per rotation (every published shift, every cover) and one per
 * person (their shifts, the covers they take, and the covers of their own time). Rendering to
 * iCalendar text and writing files is the adapter's job; nothing here knows the format.
 *
 * UIDs name what an event is about, never what it says, so a regenerated feed updates the same
 * event in a subscriber's calendar instead of adding a second one:
 * - a shift in a rotation feed: `ROTATION-START@DOMAIN` (a trade keeps it; its SUMMARY changes);
 * - a slot of a shift in a person's feed: `ROTATION-START-SLOT@DOMAIN` (one person holds a slot,
 *   so no two feeds carry it at once; a trade moves it from one person's feed to the other's);
 * - a cover: `ROTATION-cover-REPLACED-FROM@DOMAIN` with FROM the cover's start in UTC, suffixed
 *   `-with` in the covering person's feed and `-replace` in the covered person's feed. It keeps
 *   its UID when the cover's end, reason or covering person changes, or when other overrides are
 *   added or removed before it in schedule.yaml (an index would shift; this does not).
 * Every UID is unique across all feeds, so one version number per UID (see sequence.ts) holds.
 */
import { DateTime } from 'luxon';
import { findPerson, loginKey, type Roster } from '../model/roster.js';
import type { TimedOverride } from '../schedule/overrides.js';
import type { TimedShift } from '../schedule/timeline.js';

export type CalendarEventKind = 'shift' | 'cover' | 'covered';

export interface CalendarEvent {
  uid: string;
  kind: CalendarEventKind;
  rotation: string;
  summary: string;
  description: string;
  /** Instants in the rotation's zone; rendered as wall clock with TZID = `timezone`. */
  start: DateTime;
  end: DateTime;
  timezone: string;
  /** The logins this event puts on call (or, for `covered`, takes off call), lowercase. */
  people: string[];
}

export interface CalendarFeed {
  kind: 'rotation' | 'person';
  /** Relative to the output directory, with `/`: `engineering.ics`, `people/alice.ics`. */
  path: string;
  name: string;
  description: string;
  /** The zone a client should show the feed in when it asks (X-WR-TIMEZONE). */
  timezone: string;
  events: CalendarEvent[];
}

export interface CalendarRotation {
  name: string;
  timezone: string;
  lengthDays: number;
  handoff: { weekday: string; time: string };
  /** The published schedule only: shifts from schedule.yaml, never generated ones. */
  shifts: readonly TimedShift[];
  overrides: readonly TimedOverride[];
}

export interface CalendarInput {
  rotations: readonly CalendarRotation[];
  roster: Roster;
  /** The right-hand side of every UID: names the repository, so two repositories never collide. */
  uidDomain: string;
}

/** A cover as it takes effect: the part of an override while the replaced person is on call. */
interface Cover {
  override: TimedOverride;
  shift: TimedShift;
  slot: string;
  start: DateTime;
  end: DateTime;
  uidBase: string;
}

/** Every feed: the rotations' in input order, then one per person of the roster, by login. */
export function calendarFeeds(input: CalendarInput): CalendarFeed[] {
  const { roster, uidDomain } = input;
  const rotationFeeds: CalendarFeed[] = [];
  const byPerson = new Map<string, CalendarEvent[]>();
  const add = (login: string, event: CalendarEvent) => {
    const key = loginKey(login);
    const list = byPerson.get(key) ?? [];
    list.push(event);
    byPerson.set(key, list);
  };

  for (const rotation of input.rotations) {
    const zone = rotation.timezone;
    const when = (from: DateTime, to: DateTime) => `${local(from, zone)} to ${local(to, zone)} (${zone})`;
    const who = (login: string) => {
      const person = findPerson(roster, login);
      return person ? `${login} (${person.name}, ${person.team})` : login;
    };
    const covers = coversOf(rotation);
    const events: CalendarEvent[] = [];

    for (const shift of rotation.shifts) {
      const shiftCovers = covers.filter((cover) => cover.shift === shift);
      const coverLines = shiftCovers.map(
        (cover) =>
          `- ${cover.override.with} covers ${cover.override.replace} (${cover.slot}), ${when(cover.start, cover.end)}${reasonSuffix(cover.override)}`,
      );
      const title = `${rotation.name} shift of ${shift.start}: ${when(shift.startsAt, shift.endsAt)}`;
      events.push({
        uid: `${rotation.name}-${shift.start}@${uidDomain}`,
        kind: 'shift',
        rotation: rotation.name,
        summary: `on call: ${shift.assignments.map(({ slot, github }) => `${slot} ${github}`).join(', ')}`,
        description: lines(
          title,
          ...shift.assignments.map(({ slot, github }) => `${slot}: ${who(github)}`),
          ...(coverLines.length > 0 ? ['Covers during this shift:', ...coverLines] : []),
          tradeHint(rotation.name),
        ),
        start: shift.startsAt,
        end: shift.endsAt,
        timezone: zone,
        people: shift.assignments.map(({ github }) => loginKey(github)),
      });

      for (const { slot, github } of shift.assignments) {
        const partners = shift.assignments.filter((other) => other.slot !== slot);
        const mine = shiftCovers.filter((cover) => cover.slot === slot);
        add(github, {
          uid: `${rotation.name}-${shift.start}-${slot}@${uidDomain}`,
          kind: 'shift',
          rotation: rotation.name,
          summary: `on call (${slot}), ${rotation.name}`,
          description: lines(
            `You are ${slot} in the ${title}`,
            ...partners.map((other) => `${other.slot}: ${who(other.github)}`),
            ...mine.map(
              (cover) =>
                `Covered by ${cover.override.with}: ${when(cover.start, cover.end)}${reasonSuffix(cover.override)}`,
            ),
            tradeHint(rotation.name),
          ),
          start: shift.startsAt,
          end: shift.endsAt,
          timezone: zone,
          people: [loginKey(github)],
        });
      }
    }

    for (const cover of covers) {
      const { override, slot } = cover;
      const reason = override.reason === undefined ? '' : ` (${override.reason})`;
      const detail = `${override.with} is on call as ${slot} instead of ${override.replace} in the ${rotation.name} shift of ${cover.shift.start}: ${when(cover.start, cover.end)}${reasonSuffix(override)}`;
      const base = {
        rotation: rotation.name,
        start: cover.start,
        end: cover.end,
        timezone: zone,
      };
      events.push({
        ...base,
        uid: `${cover.uidBase}@${uidDomain}`,
        kind: 'cover',
        summary: `${override.with} covers ${override.replace}${reason}`,
        description: lines(detail, tradeHint(rotation.name)),
        people: [loginKey(override.with)],
      });
      add(override.with, {
        ...base,
        uid: `${cover.uidBase}-with@${uidDomain}`,
        kind: 'cover',
        summary: `on call (${slot}, covering ${override.replace}), ${rotation.name}`,
        description: lines(detail, tradeHint(rotation.name)),
        people: [loginKey(override.with)],
      });
      add(override.replace, {
        ...base,
        uid: `${cover.uidBase}-replace@${uidDomain}`,
        kind: 'covered',
        summary: `off call: ${override.with} covers you${reason}, ${rotation.name}`,
        description: lines(detail, tradeHint(rotation.name)),
        people: [loginKey(override.replace)],
      });
    }

    rotationFeeds.push({
      kind: 'rotation',
      path: `${rotation.name}.ics`,
      name: `On call: ${rotation.name}`,
      description: `Who is on call in the ${rotation.name} rotation: every published shift (${rotation.lengthDays} days from the ${capitalize(rotation.handoff.weekday)} ${rotation.handoff.time} handoff, ${zone}) and every cover. Generated from rotations/${rotation.name}/schedule.yaml.`,
      timezone: zone,
      events: sortEvents(events),
    });
  }

  // Everyone on the roster gets a feed, even before their first shift, so a subscription made on
  // the first day keeps working; someone in a schedule but not on the roster gets one too.
  const logins = new Map<string, string>();
  for (const person of roster.people) logins.set(loginKey(person.github), person.github);
  for (const key of byPerson.keys()) if (!logins.has(key)) logins.set(key, key);
  const names = input.rotations.map((rotation) => rotation.name).join(', ');
  const personFeeds = [...logins.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, login]): CalendarFeed => {
      const person = findPerson(roster, key);
      return {
        kind: 'person',
        path: `people/${key}.ics`,
        name: person ? `On call: ${person.name} (${login})` : `On call: ${login}`,
        description: `When ${login} is on call (${names}): their shifts, the covers they take, and the covers of their own time. Generated from the published schedule.`,
        timezone: person?.timezone ?? input.rotations[0]?.timezone ?? 'UTC',
        events: sortEvents(byPerson.get(key) ?? []),
      };
    });
  return [...rotationFeeds, ...personFeeds];
}

/**
 * Each override where it takes effect: while the replaced person holds a slot of a shift (an
 * override replaces someone only while they are on call). An override spanning two such shifts
 * gives one cover per shift; one that replaces nobody gives none (validation reports it).
 */
function coversOf(rotation: CalendarRotation): Cover[] {
  const covers: Cover[] = [];
  const seen = new Map<string, number>();
  for (const override of rotation.overrides) {
    const pieces: Omit<Cover, 'uidBase'>[] = [];
    for (const shift of rotation.shifts) {
      if (shift.endsAt <= override.from || override.to <= shift.startsAt) continue;
      const held = shift.assignments.find(({ github }) => loginKey(github) === loginKey(override.replace));
      if (!held) continue;
      const start = DateTime.max(override.from, shift.startsAt);
      const end = DateTime.min(override.to, shift.endsAt);
      pieces.push({ override, shift, slot: held.slot, start, end });
    }
    const from = override.from.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
    let base = `${rotation.name}-cover-${loginKey(override.replace)}-${from}`;
    // Two overrides of the same person from the same instant overlap (validation says so); they
    // still get distinct UIDs, numbered in file order.
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    if (count > 1) base = `${base}-${count}`;
    for (const piece of pieces) {
      covers.push({ ...piece, uidBase: pieces.length > 1 ? `${base}-${piece.shift.start}` : base });
    }
  }
  return covers;
}

function sortEvents(events: CalendarEvent[]): CalendarEvent[] {
  return events.sort(
    (a, b) => a.start.toMillis() - b.start.toMillis() || (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0),
  );
}

function local(instant: DateTime, zone: string): string {
  return instant.setZone(zone).toFormat('ccc yyyy-MM-dd HH:mm');
}

function reasonSuffix(override: TimedOverride): string {
  return override.reason === undefined ? '' : `. Reason: ${override.reason}`;
}

function tradeHint(rotation: string): string {
  return `Published in rotations/${rotation}/schedule.yaml; trade or cover through a pull request.`;
}

function lines(...parts: string[]): string {
  return parts.join('\n');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
