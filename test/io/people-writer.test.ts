/**
 * Appending people to people.yaml: every existing byte stays, new people are block entries with
 * a comment per field where one is given, in the file's indentation and line ends; an empty
 * roster becomes a list; values YAML would read as something else are quoted.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appendPeople, type PersonToWrite, scalar } from '../../src/io/people-writer.js';

const JANE: PersonToWrite = {
  fields: [
    { key: 'github', value: 'TODO.jane-doe', comment: "Jane Doe's GitHub login" },
    { key: 'name', value: 'Jane Doe' },
    { key: 'team', value: 'TODO', comment: 'a lowercase id' },
    { key: 'timezone', value: 'America/New_York' },
    { key: 'email', value: 'jane.doe@example.com' },
  ],
};

describe('appendPeople', () => {
  it('after the last person, in the list indentation, everything before kept byte for byte', () => {
    const before = [
      '# The roster.',
      'people:',
      '    - { github: ana, name: Ana, team: red, timezone: UTC }  # first',
      '    - github: ben',
      '      name: Ben',
      '      team: blue',
      '      timezone: UTC',
      '',
      '# trailing comment',
      '',
    ].join('\n');
    const after = appendPeople(before, [JANE], 'Added by oncall import');
    const head = before.slice(0, before.indexOf('\n# trailing'));
    expect(after.startsWith(head)).toBe(true);
    expect(after).toBe(
      [
        '# The roster.',
        'people:',
        '    - { github: ana, name: Ana, team: red, timezone: UTC }  # first',
        '    - github: ben',
        '      name: Ben',
        '      team: blue',
        '      timezone: UTC',
        '    # Added by oncall import',
        "    - github: TODO.jane-doe  # Jane Doe's GitHub login",
        '      name: Jane Doe',
        '      team: TODO  # a lowercase id',
        '      timezone: America/New_York',
        '      email: jane.doe@example.com',
        '',
        '# trailing comment',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['people: []\n', 'people:\n  - github: TODO.jane-doe'],
    ['# none yet\npeople:\n', '# none yet\npeople:\n  - github: TODO.jane-doe'],
  ])('an empty roster (%j) becomes a block list', (before, start) => {
    const after = appendPeople(before, [JANE]);
    expect(after.startsWith(start)).toBe(true);
    expect(parse(after).people).toHaveLength(1);
  });

  it('a flow list gains flow entries (no room for comments there)', () => {
    const after = appendPeople('people: [{ github: ana, name: Ana, team: red, timezone: UTC }]\n', [JANE]);
    expect(after).toBe(
      'people: [{ github: ana, name: Ana, team: red, timezone: UTC }, { github: TODO.jane-doe, name: Jane Doe, team: TODO, timezone: America/New_York, email: jane.doe@example.com }]\n',
    );
  });

  it('keeps CRLF line ends', () => {
    const after = appendPeople('people:\r\n  - { github: ana, name: Ana, team: red, timezone: UTC }\r\n', [
      JANE,
    ]);
    expect(after.split('\r\n')).toHaveLength(8);
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('scalar', () => {
  it.each([
    ['Jane Doe', 'Jane Doe'],
    ["Liam O'Brien", "Liam O'Brien"],
    ['Inês Carvalho', 'Inês Carvalho'],
    ['America/New_York', 'America/New_York'],
    ['true', '"true"'],
    ['1234', '"1234"'],
    ['null', '"null"'],
    ['Ops: Team #1', '"Ops: Team #1"'],
    ['*star', '"*star"'],
    ['- dash', '"- dash"'],
    ['trailing ', '"trailing "'],
  ])('%j → %s', (value, written) => {
    expect(scalar(value)).toBe(written);
    expect(parse(`k: ${scalar(value)}`).k).toBe(value);
  });
});
