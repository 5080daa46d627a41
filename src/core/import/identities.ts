/**
 * The people an export names, as people of the roster. Everyone the export names is matched to
 * people.yaml by, in order: email; GitHub login (the old system's username is often the same);
 * full name; the local part of their email ("ana.lopez" for ana.lopez@); first name, when one
 * person of the roster has it. Names that match nobody become one stub per person: the mentions
 * that share an email, a username or a full name are one person, and a first name alone joins the
 * one full name starting with it. A stub's GitHub login is a placeholder ("TODO.jane-doe") that
 * `oncall validate` refuses until someone writes the real one.
 */
import type { Roster } from '../model/roster.js';
import { emailLocalPart, nameFromHandle, normalizeName, slug } from './names.js';
import type { NamedPerson } from './who.js';

export type MatchedBy = 'email' | 'login' | 'name' | 'email name' | 'first name';

export interface MatchedPerson {
  github: string;
  name: string;
  by: MatchedBy;
  /** How the export wrote them (the first way seen). */
  as: string;
}

export interface PersonStub {
  /** The placeholder login, written in people.yaml and schedule.yaml until someone fills it. */
  github: string;
  name: string;
  email?: string;
  /** The old system's username, when the export gave one. */
  username?: string;
}

export const PLACEHOLDER_PREFIX = 'TODO.';

export interface Identities {
  /** The login (real, or a stub's placeholder) of a person named by an event. */
  loginOf(person: NamedPerson): string;
  matched: MatchedPerson[];
  stubs: PersonStub[];
}

const STRENGTH: MatchedBy[] = ['email', 'login', 'name', 'email name', 'first name'];

/** Looks people up in the roster the ways the header lists. */
export function rosterLookup(
  roster: Roster,
): (person: NamedPerson) => { github: string; by: MatchedBy } | undefined {
  const byEmail = new Map<string, string>();
  const byName = new Map<string, string>();
  const byLocal = new Map<string, string>();
  const byFirst = new Map<string, string | null>();
  for (const person of roster.people) {
    if (person.email) {
      byEmail.set(person.email.toLowerCase(), person.github);
      byLocal.set(emailLocalPart(person.email), person.github);
    }
    byName.set(normalizeName(person.name), person.github);
    const first = normalizeName(person.name).split(' ')[0];
    // A first name two people share names neither.
    if (first) byFirst.set(first, byFirst.has(first) ? null : person.github);
  }
  return (named) => {
    const found: { github: string; by: MatchedBy }[] = [];
    if (named.email) {
      const github = byEmail.get(named.email);
      if (github) found.push({ github, by: 'email' });
    }
    for (const handle of [named.username, named.name]) {
      if (handle === undefined) continue;
      const person = roster.byLogin.get(handle.toLowerCase());
      if (person) found.push({ github: person.github, by: 'login' });
      const local = byLocal.get(handle.toLowerCase());
      if (local) found.push({ github: local, by: 'email name' });
    }
    if (named.name) {
      const normalized = normalizeName(named.name);
      const github = byName.get(normalized);
      if (github) found.push({ github, by: 'name' });
      if (!normalized.includes(' ')) {
        const first = byFirst.get(normalized);
        if (first) found.push({ github: first, by: 'first name' });
      }
    }
    found.sort((a, b) => STRENGTH.indexOf(a.by) - STRENGTH.indexOf(b.by));
    return found[0];
  };
}

/** Every mention of a person, across all events, resolved to a login; stubs for the unknown. */
export function identify(mentions: readonly NamedPerson[], roster: Roster): Identities {
  const lookup = rosterLookup(roster);
  const parent = mentions.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] as number;
    parent[index] = root;
    return root;
  };
  const union = (a: number, b: number) => {
    const rootA = find(a);
    const rootB = find(b);
    // The earlier mention stays the root, so stubs come in the order people first appear.
    if (rootA !== rootB) parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  };
  const firstWith = new Map<string, number>();
  mentions.forEach((mention, index) => {
    for (const key of keysOf(mention)) {
      const seen = firstWith.get(key);
      if (seen === undefined) firstWith.set(key, index);
      else union(seen, index);
    }
  });
  // A first name alone ("Ana") joins the one full name that starts with it ("Ana Lopez").
  const fullNames = new Map<string, Set<number>>();
  mentions.forEach((mention, index) => {
    const words = mention.name ? normalizeName(mention.name).split(' ') : [];
    if (words.length > 1) {
      const roots = fullNames.get(words[0] as string) ?? new Set<number>();
      roots.add(find(index));
      fullNames.set(words[0] as string, roots);
    }
  });
  mentions.forEach((mention, index) => {
    if (!mention.name || mention.email) return;
    const normalized = normalizeName(mention.name);
    if (normalized.includes(' ')) return;
    const roots = new Set([...(fullNames.get(normalized) ?? [])].map(find));
    if (roots.size === 1) union(index, [...roots][0] as number);
  });

  const groups = new Map<number, number[]>();
  mentions.forEach((_, index) => {
    const root = find(index);
    groups.set(root, [...(groups.get(root) ?? []), index]);
  });

  const loginOfGroup = new Map<number, string>();
  const matched = new Map<string, MatchedPerson>();
  const stubs: PersonStub[] = [];
  const taken = new Set(roster.people.map((person) => person.github.toLowerCase()));
  for (const [root, members] of [...groups.entries()].sort((a, b) => a[0] - b[0])) {
    const people = members.map((index) => mentions[index] as NamedPerson);
    const hits = people
      .map((person) => ({ person, hit: lookup(person) }))
      .filter((entry): entry is { person: NamedPerson; hit: NonNullable<typeof entry.hit> } => !!entry.hit)
      .sort((a, b) => STRENGTH.indexOf(a.hit.by) - STRENGTH.indexOf(b.hit.by));
    const best = hits[0];
    if (best) {
      loginOfGroup.set(root, best.hit.github);
      if (!matched.has(best.hit.github.toLowerCase())) {
        const person = roster.byLogin.get(best.hit.github.toLowerCase());
        matched.set(best.hit.github.toLowerCase(), {
          github: best.hit.github,
          name: person?.name ?? best.hit.github,
          by: best.hit.by,
          as: describe(best.person),
        });
      }
      continue;
    }
    const stub = stubFor(people, taken);
    taken.add(stub.github.toLowerCase());
    stubs.push(stub);
    loginOfGroup.set(root, stub.github);
  }

  const index = new Map<NamedPerson, number>(mentions.map((mention, at) => [mention, at]));
  return {
    loginOf(person) {
      const at = index.get(person);
      if (at === undefined) throw new Error('internal: a person mentioned outside the identified list');
      return loginOfGroup.get(find(at)) as string;
    },
    matched: [...matched.values()],
    stubs,
  };
}

function keysOf(person: NamedPerson): string[] {
  const keys: string[] = [];
  if (person.email) keys.push(`email:${person.email}`);
  if (person.username) keys.push(`handle:${person.username.toLowerCase()}`);
  if (person.name) {
    const normalized = normalizeName(person.name);
    if (normalized) keys.push(normalized.includes(' ') ? `name:${normalized}` : `handle:${normalized}`);
  }
  return keys;
}

function stubFor(people: readonly NamedPerson[], taken: ReadonlySet<string>): PersonStub {
  const email = people.find((person) => person.email)?.email;
  const fullName = people
    .map((person) => person.name?.trim())
    .filter((name): name is string => !!name && name.includes(' '))
    .sort((a, b) => b.length - a.length)[0];
  // A one-word mention that is only the first name of the full name is not a username.
  const firstName = fullName ? normalizeName(fullName).split(' ')[0] : undefined;
  const username = people.find(
    (person) => person.username && !person.email && normalizeName(person.username) !== firstName,
  )?.username;
  const oneWord = people.map((person) => person.name?.trim()).find((name): name is string => !!name);
  const name = fullName ?? nameFromHandle(oneWord ?? username ?? email ?? 'unknown');
  const handle = email ? emailLocalPart(email) : (fullName ?? username ?? name);
  const base = `${PLACEHOLDER_PREFIX}${slug(handle)}`;
  let github = base;
  for (let n = 2; taken.has(github.toLowerCase()); n += 1) github = `${base}-${n}`;
  return { github, name, ...(email && { email }), ...(username && { username }) };
}

function describe(person: NamedPerson): string {
  if (person.name && person.email) return `${person.name} <${person.email}>`;
  return person.email ?? person.name ?? person.username ?? '';
}
