/**
 * Who an exported event says is on call. Exporters write it differently (documented, with
 * examples, in docs/migrating.md):
 *
 *   PagerDuty         SUMMARY "On Call - Jane Doe - Escalation Policy", ATTENDEE jane@example.com
 *   Opsgenie          SUMMARY naming the schedule or rotation and the user ("Platform - Ana Lopez")
 *   Grafana OnCall    SUMMARY is the username, possibly with a level: "[L1] alice"
 *   Google Calendar   whatever people typed: "ana on call", "On-call: Ana Lopez", "Ana & Ben"
 *
 * The rules, in order, each one only when the ones before found nobody:
 *   1. --summary-pattern: an event whose SUMMARY does not match is not an on-call event; a group
 *      named `who` is the text naming the people.
 *   2. SUMMARY, read as fields separated by " - ", ":", "|" or parentheses. "on call" words, level
 *      prefixes ("[L1]") and slot names ("primary") are taken out (the last two as slot hints).
 *      The field naming people is, in order: fields naming someone in people.yaml; fields naming
 *      an ATTENDEE; the one field that is not the same in every event of the export (a schedule
 *      or policy name is). A field may name several people: "Ana & Ben", "Ana, Ben".
 *   3. ATTENDEEs that did not decline.
 *   4. DESCRIPTION's first line, read like SUMMARY.
 *   5. ORGANIZER.
 * A name in SUMMARY that an ATTENDEE spells out (Jane Doe, jane.doe@) gets that email.
 */
import type { ExportedEvent, ExportedPerson } from './exported-event.js';
import { isEmail, isUsername, nameMatchesEmail, normalizeName } from './names.js';

export interface NamedPerson {
  email?: string;
  /** A display name: "Ana Lopez". */
  name?: string;
  /** One word that may be the old system's username: "alice", "ana.lopez". */
  username?: string;
  /** A slot given next to this person only: "Primary: Ana". */
  slot?: string;
}

export type Named =
  | {
      people: NamedPerson[];
      /** A slot named anywhere in the event (SUMMARY, CATEGORIES): applies to all its people. */
      slot?: string;
      /** "[L2]": the second slot. */
      level?: number;
    }
  | { why: string };

export interface WhoContext {
  slots: readonly string[];
  pattern?: RegExp;
  /** Normalized SUMMARY fields found in every event of the export: names of schedules, not people. */
  constantFields: ReadonlySet<string>;
  /** True when people.yaml has this person. */
  isKnown(person: NamedPerson): boolean;
}

const LEVEL = /^\s*\[L(\d{1,2})\]\s*/i;
const ON_CALL = /\b(?:on[\s-]?call|oncall|on[\s-]duty)\b/gi;
const FIELD_SEPARATOR = /\s+[-–—]\s+|\s*[:|]\s*|\t/;
const PEOPLE_SEPARATOR = /\s*(?:[,;&+/]|\band\b)\s*/i;
/** Words that make a field about the schedule, not a person, when a field has nothing else. */
const GENERIC = new Set([
  'shift',
  'shifts',
  'rotation',
  'schedule',
  'week',
  'weekly',
  'daily',
  'level',
  'layer',
  'final',
  'override',
  'overrides',
  'escalation',
  'policy',
]);
/** Marks "slot:" before a name so the field split on ":" keeps the pair together. */
const SLOT_MARK = '\u0001';

export interface SummaryFields {
  level?: number;
  /** Slots named in the text outside any "slot: name" pair. */
  slots: string[];
  /** Each field's text, cleaned; empty fields dropped. */
  fields: string[];
}

/** SUMMARY (or a DESCRIPTION line) cut into the fields people-naming is chosen from. */
export function summaryFields(text: string, slotNames: readonly string[]): SummaryFields {
  let rest = text.replace(/\s+/g, ' ').trim();
  let level: number | undefined;
  const levelMatch = LEVEL.exec(rest);
  if (levelMatch) {
    level = Number.parseInt(levelMatch[1] as string, 10);
    rest = rest.slice(levelMatch[0].length);
  }
  const slotWords = slotNames.map((slot) => slot.toLowerCase());
  const slotAlternatives = slotWords.map(escapeRegExp).join('|');
  if (slotAlternatives) {
    // "Primary: Ana" keeps its slot with its name through the field split.
    rest = rest.replace(
      new RegExp(`\\b(${slotAlternatives})\\s*[:=]\\s*(?=\\S)`, 'gi'),
      (_match, slot: string) => `${SLOT_MARK}${slot.toLowerCase()}${SLOT_MARK}`,
    );
  }
  // Parenthesized and bracketed parts are fields of their own: "Ana Lopez (primary)".
  rest = rest.replace(/[([]([^)\]]*)[)\]]/g, ' | $1 | ');
  const slots: string[] = [];
  const fields: string[] = [];
  for (const raw of rest.split(FIELD_SEPARATOR)) {
    let field = raw.replace(ON_CALL, ' ');
    if (slotAlternatives) {
      field = field.replace(
        new RegExp(
          `(^|[^${SLOT_MARK}\\p{L}\\p{N}])(${slotAlternatives})(?![\\p{L}\\p{N}${SLOT_MARK}])`,
          'giu',
        ),
        (_m, before: string, slot: string) => {
          slots.push(slot.toLowerCase());
          return `${before} `;
        },
      );
    }
    field = trimPunctuation(field.replace(/\s+/g, ' '));
    if (field === '') continue;
    const words = normalizeName(field).split(' ');
    if (words.every((word) => word === '' || GENERIC.has(word))) continue;
    fields.push(field);
  }
  return { ...(level !== undefined && { level }), slots, fields };
}

/** The people one field names: "Ana & Ben" → Ana, Ben; "secondary: Jane <jane@x.com>" → Jane with her email and slot. */
export function peopleOf(field: string): NamedPerson[] {
  const people: NamedPerson[] = [];
  for (const piece of field.split(PEOPLE_SEPARATOR)) {
    let text = piece.trim();
    let slot: string | undefined;
    const marked = new RegExp(`^${SLOT_MARK}([^${SLOT_MARK}]+)${SLOT_MARK}\\s*`).exec(text);
    if (marked) {
      slot = marked[1];
      text = text.slice(marked[0].length);
    }
    text = trimPunctuation(text.replaceAll(SLOT_MARK, ' '));
    if (text === '') continue;
    const person = personOf(text);
    if (person) people.push(slot ? { ...person, slot } : person);
  }
  return people;
}

function personOf(text: string): NamedPerson | undefined {
  const angle = /^(.*?)\s*<([^<>\s]+)>$/.exec(text);
  if (angle && isEmail(angle[2] as string)) {
    const name = trimPunctuation(angle[1] as string);
    return { email: (angle[2] as string).toLowerCase(), ...(name && { name }) };
  }
  const mailto = text.replace(/^mailto:/i, '');
  if (isEmail(mailto)) return { email: mailto.toLowerCase() };
  if (isUsername(text)) return { username: text, name: text };
  return { name: text };
}

/** Who `event` says is on call, or why it names nobody. */
export function whoIsNamed(event: ExportedEvent, context: WhoContext): Named {
  const summary = event.source.summary;
  const eventSlots = new Set<string>();
  for (const category of event.categories) {
    const slot = context.slots.find((name) => name.toLowerCase() === category.trim().toLowerCase());
    if (slot) eventSlots.add(slot.toLowerCase());
  }
  const attendees = event.attendees.filter((attendee) => !attendee.declined);

  if (context.pattern) {
    const match = context.pattern.exec(summary);
    if (!match) return { why: 'its SUMMARY does not match --summary-pattern' };
    const who = match.groups?.who;
    if (who !== undefined) {
      const parsed = summaryFields(who, context.slots);
      const people = parsed.fields.flatMap(peopleOf);
      for (const slot of parsed.slots) eventSlots.add(slot);
      if (people.length === 0)
        return { why: `the "who" group of --summary-pattern matched no name ("${who}")` };
      return result(withEmails(people, attendees), eventSlots, parsed.level);
    }
  }

  const parsed = summaryFields(summary, context.slots);
  for (const slot of parsed.slots) eventSlots.add(slot);
  const fromSummary = chooseFields(parsed.fields, context, attendees, true);
  if ('why' in fromSummary) return fromSummary;
  if (fromSummary.people.length > 0) {
    return result(withEmails(fromSummary.people, attendees), eventSlots, parsed.level);
  }

  const withContact = attendees.filter((attendee) => attendee.email || attendee.name);
  if (withContact.length > 0) {
    return result(withContact.map(fromContact), eventSlots, parsed.level);
  }

  const firstLine = event.description?.split(/\r?\n/).find((line) => line.trim() !== '');
  if (firstLine) {
    const described = summaryFields(firstLine, context.slots);
    const fromDescription = chooseFields(described.fields, context, [], false);
    if (!('why' in fromDescription) && fromDescription.people.length > 0) {
      for (const slot of described.slots) eventSlots.add(slot);
      return result(fromDescription.people, eventSlots, parsed.level ?? described.level);
    }
  }

  if (event.organizer && (event.organizer.email || event.organizer.name)) {
    return result([fromContact(event.organizer)], eventSlots, parsed.level);
  }
  return { why: 'it names nobody: no person in SUMMARY, ATTENDEE, DESCRIPTION or ORGANIZER' };
}

/** Picks the field(s) naming people (rule 2 of the header); `why` when it cannot tell which. */
function chooseFields(
  fields: readonly string[],
  context: WhoContext,
  attendees: readonly ExportedPerson[],
  useConstant: boolean,
): { people: NamedPerson[] } | { why: string } {
  if (fields.length === 0) return { people: [] };
  if (fields.length === 1) return { people: peopleOf(fields[0] as string) };
  const candidates = fields.map((field) => ({ field, people: peopleOf(field) }));
  const known = candidates.filter(
    (candidate) => candidate.people.length > 0 && candidate.people.every((person) => context.isKnown(person)),
  );
  if (known.length > 0) return { people: known.flatMap((candidate) => candidate.people) };
  const linked = candidates.filter(
    (candidate) =>
      candidate.people.length > 0 &&
      candidate.people.every((person) => attendees.some((attendee) => sameContact(person, attendee))),
  );
  if (linked.length > 0) return { people: linked.flatMap((candidate) => candidate.people) };
  if (useConstant) {
    const varying = candidates.filter(
      (candidate) => !context.constantFields.has(normalizeName(candidate.field)),
    );
    if (varying.length === 1) return { people: (varying[0] as (typeof candidates)[number]).people };
  }
  // Attendees, when there are any, say who it is better than a guess between fields.
  if (attendees.some((attendee) => attendee.email || attendee.name)) return { people: [] };
  return {
    why: `cannot tell who is on call: ${fields.map((field) => `"${field}"`).join(' or ')} (pass --summary-pattern with a group named who)`,
  };
}

function sameContact(person: NamedPerson, contact: ExportedPerson): boolean {
  if (person.email && contact.email) return person.email === contact.email.toLowerCase();
  const name = person.name ?? person.username;
  if (!name) return false;
  if (contact.name && normalizeName(contact.name) === normalizeName(name)) return true;
  return contact.email !== undefined && nameMatchesEmail(name, contact.email);
}

/** A summary's names gain the email of the ATTENDEE that spells them out. */
function withEmails(people: NamedPerson[], attendees: readonly ExportedPerson[]): NamedPerson[] {
  return people.map((person) => {
    if (person.email) return person;
    const attendee = attendees.find((candidate) => candidate.email && sameContact(person, candidate));
    return attendee?.email ? { ...person, email: attendee.email.toLowerCase() } : person;
  });
}

function fromContact(contact: ExportedPerson): NamedPerson {
  const email = contact.email?.toLowerCase();
  const name = contact.name?.trim();
  return { ...(email && { email }), ...(name && { name }) };
}

function result(people: NamedPerson[], slots: ReadonlySet<string>, level: number | undefined): Named {
  // One slot named for the whole event is a hint; two ("primary & secondary") say nothing.
  const slot = slots.size === 1 ? [...slots][0] : undefined;
  return { people, ...(slot && { slot }), ...(level !== undefined && { level }) };
}

function trimPunctuation(text: string): string {
  return text.replace(/^[\s,;:|/&+.\-–—"']+|[\s,;:|/&+\-–—"']+$/g, '').trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
