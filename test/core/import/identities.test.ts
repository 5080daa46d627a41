/**
 * The people an export names, matched to the roster (email, login, full name, email's local
 * part, a first name only one person has) or gathered into one stub per person, with a
 * placeholder login that the schema refuses until someone writes the real one.
 */
import { describe, expect, it } from 'vitest';
import { identify, rosterLookup } from '../../../src/core/import/identities.js';
import type { NamedPerson } from '../../../src/core/import/who.js';
import { checkSchema } from '../../../src/core/model/check-schema.js';
import { buildRoster } from '../../../src/core/model/roster.js';
import type { Person } from '../../../src/core/model/schemas.js';

const PEOPLE: Person[] = [
  {
    github: 'ana',
    name: 'Ana Lopez',
    team: 'red',
    timezone: 'America/New_York',
    email: 'ana.lopez@example.com',
  },
  { github: 'ines', name: 'Inês Carvalho', team: 'blue', timezone: 'Europe/Berlin' },
  { github: 'bob', name: 'Bob Stone', team: 'blue', timezone: 'Europe/London', email: 'robert@example.com' },
  { github: 'dkim', name: 'Dana Kim', team: 'red', timezone: 'America/New_York' },
  { github: 'dross', name: 'Dana Ross', team: 'green', timezone: 'America/Chicago' },
];
const roster = buildRoster(PEOPLE);

describe('rosterLookup', () => {
  const lookup = rosterLookup(roster);
  it.each<[NamedPerson, { github: string; by: string } | undefined]>([
    [{ email: 'ana.lopez@example.com' }, { github: 'ana', by: 'email' }],
    [
      { username: 'Bob', name: 'Bob' },
      { github: 'bob', by: 'login' },
    ],
    [{ name: 'ines carvalho' }, { github: 'ines', by: 'name' }],
    [{ name: 'INÊS  CARVALHO' }, { github: 'ines', by: 'name' }],
    [
      { username: 'robert', name: 'robert' },
      { github: 'bob', by: 'email name' },
    ],
    [
      { username: 'Inês', name: 'Inês' },
      { github: 'ines', by: 'first name' },
    ],
    // Two people are called Dana: a first name alone names neither.
    [{ username: 'Dana', name: 'Dana' }, undefined],
    [{ name: 'Ana Lopes' }, undefined],
    [{ email: 'someone@example.com' }, undefined],
  ])('%o', (named, expected) => {
    expect(lookup(named)).toEqual(expected);
  });
});

describe('identify', () => {
  it('the mentions of one person are one stub; matched people keep their login', () => {
    const mentions: NamedPerson[] = [
      { name: 'Jane Doe', email: 'jane.doe@example.com' },
      { name: 'Jane Doe' },
      { email: 'ana.lopez@example.com' },
      { username: 'zoe', name: 'zoe' },
      { username: 'Jane', name: 'Jane' },
      { name: 'Priya Raman' },
    ];
    const found = identify(mentions, roster);
    expect(found.stubs).toEqual([
      { github: 'TODO.jane-doe', name: 'Jane Doe', email: 'jane.doe@example.com' },
      { github: 'TODO.zoe', name: 'Zoe', username: 'zoe' },
      { github: 'TODO.priya-raman', name: 'Priya Raman' },
    ]);
    expect(mentions.map((mention) => found.loginOf(mention))).toEqual([
      'TODO.jane-doe',
      'TODO.jane-doe',
      'ana',
      'TODO.zoe',
      'TODO.jane-doe',
      'TODO.priya-raman',
    ]);
    expect(found.matched).toEqual([
      { github: 'ana', name: 'Ana Lopez', by: 'email', as: 'ana.lopez@example.com' },
    ]);
  });

  it('a name and an email of the roster met in different events are the same person', () => {
    const mentions: NamedPerson[] = [
      { name: 'Ana Lopez' },
      { email: 'ana.lopez@example.com', name: 'Ana Lopez' },
    ];
    const found = identify(mentions, roster);
    expect(found.stubs).toEqual([]);
    expect(found.loginOf(mentions[0] as NamedPerson)).toBe('ana');
  });

  it('placeholders are unique, and the schema refuses them until they are replaced', () => {
    const mentions: NamedPerson[] = [
      { name: 'Sam Lee' },
      { name: 'Sam  Lee!' },
      { email: 'sam.lee@other.example' },
    ];
    const found = identify(mentions, roster);
    expect(found.stubs.map((stub) => stub.github)).toEqual(['TODO.sam-lee', 'TODO.sam-lee-2']);
    const people = {
      people: found.stubs.map((stub) => ({
        github: stub.github,
        name: stub.name,
        team: 'red',
        timezone: 'UTC',
      })),
    };
    const problems = checkSchema('people', 'rotations/people.yaml', people);
    expect(problems.map((problem) => [problem.at.path, problem.message])).toEqual([
      [['people', 0, 'github'], 'people[0].github must be a GitHub login'],
      [['people', 1, 'github'], 'people[1].github must be a GitHub login'],
    ]);
  });
});
