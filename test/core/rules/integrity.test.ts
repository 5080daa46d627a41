/**
 * One test per integrity rule: a valid small repository with one deliberate mistake, checked
 * through `oncall validate --json`, must fail with that rule at the exact file, line and column.
 * Line and column numbers below are 1-based and were counted on the files of smallRepoFiles():
 *
 * rotations/people.yaml                      rotations/ops/schedule.yaml
 *  1 people:                                   1 rotation: ops
 *  2   - { github: ana, ... }                  2 shifts:
 *  3   - { github: ben, ... }                  3   - { start: 2027-01-04, primary: ana, secondary: ben }
 *  4   - { github: cy, ... }                   4   - { start: 2027-01-11, primary: cy, secondary: dee }
 *  5   - { github: dee, ... }                  5   - { start: 2027-01-18, primary: eli, secondary: fay }
 *  6   - github: eli                           6   - { start: 2027-01-25, primary: ben, secondary: cy }
 *  7     name: Eli                             7   - { start: 2027-02-01, primary: dee, secondary: eli }
 *  8     team: blue                            8   - { start: 2027-02-08, primary: fay, secondary: ana }
 *  9     timezone: Europe/London               9   - { start: 2027-02-15, primary: ana, secondary: cy }
 * 10     away:                                10   - { start: 2027-02-22, primary: ben, secondary: dee }
 * 11       - { from: 2027-03-01, to: 2027-03-05, reason: ski trip }
 * 12   - { github: fay, ..., joined: 2026-01-01 }
 *
 * In a schedule line, `start`'s value is at column 14, `primary`'s at 35 and, after a
 * three-letter primary, `secondary`'s at 51.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRepo, runCli, smallRepoFiles } from '../../helpers/repo.js';

const PEOPLE = 'rotations/people.yaml';
const ROTATION = 'rotations/ops/rotation.yaml';
const SCHEDULE = 'rotations/ops/schedule.yaml';

type Files = Record<string, string>;

interface Expected {
  file: string;
  line: number;
  column?: number;
  rule: string;
}

interface Diagnostic {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

interface ValidateJson {
  ok: boolean;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

/** Replaces `from` by `to` in one file; fails loudly when `from` is not there exactly once. */
function edit(files: Files, file: string, from: string, to: string): Files {
  const text = files[file];
  if (text === undefined) throw new Error(`no file ${file}`);
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`"${from}" is not once in ${file}`);
  return { ...files, [file]: text.replace(from, to) };
}

function append(files: Files, file: string, text: string): Files {
  return { ...files, [file]: `${files[file] ?? ''}${text}` };
}

/** smallRepoFiles() with an `overrides:` list at lines 12, 13, ... of schedule.yaml. */
function withOverrides(...entries: string[]): Files {
  return append(smallRepoFiles(), SCHEDULE, `overrides:\n${entries.map((e) => `  - ${e}\n`).join('')}`);
}

/** smallRepoFiles() with fairness rules appended to rotation.yaml (from line 8). */
function withRules(rules: string, files = smallRepoFiles()): Files {
  return append(files, ROTATION, `rules:\n${rules}`);
}

async function validate(root: string, now?: string) {
  const run = await runCli(['validate', '--root', root, '--json'], now);
  return { ...run, doc: run.json() as ValidateJson };
}

async function validateFiles(files: Files, now?: string) {
  return validate(makeRepo(files), now);
}

function matcher({ file, line, column, rule }: Expected) {
  return expect.objectContaining({ file, line, rule, ...(column === undefined ? {} : { column }) });
}

/** Exit 1, not ok, and an error of `rule` exactly where expected. */
async function expectError(files: Files, expected: Expected, now?: string) {
  const run = await validateFiles(files, now);
  expect(run.code, run.stdout).toBe(1);
  expect(run.doc.ok).toBe(false);
  expect(run.doc.errors).toContainEqual(matcher(expected));
  return run.doc;
}

/** Exit 0 (a warning is no error), and a warning of `rule` exactly where expected. */
async function expectWarning(files: Files, expected: Expected, now?: string) {
  const run = await validateFiles(files, now);
  expect(run.code, run.stdout).toBe(0);
  expect(run.doc.ok).toBe(true);
  expect(run.doc.errors).toEqual([]);
  expect(run.doc.warnings).toContainEqual(matcher(expected));
  return run.doc;
}

const playbook = (system: string, body = PLAYBOOK_BODY) => `---
system: ${system}
title: Database
team: red
point_people: [ana, ben]
---
${body}`;

/** Lines 7 to 19 of a playbook: the title and the four required sections. */
const PLAYBOOK_BODY = `# Database

## Symptoms
Slow queries.

## Diagnose
Check the dashboard.

## Mitigate
Fail over.

## Escalate
Page the DBA.
`;

const VALID_OVERRIDE =
  '{ from: "2027-01-19T18:00", to: "2027-01-20T09:00", replace: eli, with: ana, reason: dentist }';

describe('oncall validate on a valid repository', () => {
  it('exits 0 with ok: true and no findings', async () => {
    const run = await validateFiles(smallRepoFiles());
    expect(run.code).toBe(0);
    expect(run.doc).toEqual({ ok: true, errors: [], warnings: [] });
    expect(run.stderr).toBe('');
  });

  it('accepts a valid override and a valid playbook too', async () => {
    const files = { ...withOverrides(VALID_OVERRIDE), 'playbooks/db.md': playbook('db') };
    const run = await validateFiles(files);
    expect(run.doc).toEqual({ ok: true, errors: [], warnings: [] });
    expect(run.code).toBe(0);
  });

  it('prints exactly one JSON document of the contract shape on stdout', async () => {
    const files = append(
      edit(smallRepoFiles(), SCHEDULE, 'primary: cy,', 'primary: zed,'),
      ROTATION,
      'members_typo: 1\n',
    );
    const run = await validateFiles(withRules('  min_gap_shifts: 1\n', files));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    // One document: it parses whole, and nothing but whitespace is around it.
    expect(run.stdout.trim().startsWith('{')).toBe(true);
    expect(run.stdout.trim().endsWith('}')).toBe(true);
    const doc = JSON.parse(run.stdout);
    expect(Object.keys(doc).sort()).toEqual(['errors', 'ok', 'warnings']);
    expect(doc.ok).toBe(false);
    expect(doc.errors.length).toBeGreaterThan(0);
    // The schema error stops rotation.yaml, so no fairness warning here; check both lists' items.
    for (const item of [...doc.errors, ...doc.warnings]) {
      expect(Object.keys(item)).toEqual(['file', 'line', 'column', 'rule', 'message']);
      expect(typeof item.file).toBe('string');
      expect(Number.isInteger(item.line) && item.line >= 1).toBe(true);
      expect(Number.isInteger(item.column) && item.column >= 1).toBe(true);
      expect(item.rule).toMatch(/^[a-z_-]+$/);
      expect(item.message.length).toBeGreaterThan(0);
    }
  });

  it('puts warnings in their own list with the same item shape', async () => {
    const run = await validateFiles(withRules('  min_gap_shifts: 1\n'));
    expect(run.code).toBe(0);
    expect(run.doc.ok).toBe(true);
    expect(run.doc.errors).toEqual([]);
    expect(run.doc.warnings).toHaveLength(1);
    expect(Object.keys(run.doc.warnings[0] ?? {})).toEqual(['file', 'line', 'column', 'rule', 'message']);
  });
});

describe('integrity rules: each error at its file, line and column', () => {
  it('schema: an unknown key, at the key', async () => {
    const files = edit(
      smallRepoFiles(),
      PEOPLE,
      'timezone: Europe/London }',
      'timezone: Europe/London, colour: blue }',
    );
    const doc = await expectError(files, { file: PEOPLE, line: 3, column: 68, rule: 'schema' });
    expect(doc.errors[0]?.message).toContain('unknown key "colour"');
  });

  it('schema: a value of the wrong type or range, at the value', async () => {
    const files = edit(smallRepoFiles(), ROTATION, 'publish_weeks_ahead: 5', 'publish_weeks_ahead: 2');
    await expectError(files, { file: ROTATION, line: 7, column: 22, rule: 'schema' });
    const missing = edit(smallRepoFiles(), ROTATION, 'slots: [primary, secondary]\n', '');
    const doc = await expectError(missing, { file: ROTATION, line: 1, column: 1, rule: 'schema' });
    expect(doc.errors[0]?.message).toContain('"slots"');
  });

  it('schema: a null key is found at its line, not at the top of the file', async () => {
    for (const text of ['~: x\n', 'null: x\n', '? \n: x\n']) {
      const doc = await expectError(append(smallRepoFiles(), ROTATION, text), {
        file: ROTATION,
        line: 8,
        rule: 'schema',
      });
      expect(doc.errors[0]?.message).toContain('unknown key "null"');
    }
  });

  it('schema: playbook front matter lines count from the top of the file', async () => {
    const files = {
      ...smallRepoFiles(),
      'playbooks/db.md': playbook('db').replace('team: red', 'team: Red Team'),
    };
    await expectError(files, { file: 'playbooks/db.md', line: 4, column: 7, rule: 'schema' });
  });

  it('yaml-syntax: an unclosed flow map, at the line after it', async () => {
    const files = edit(
      smallRepoFiles(),
      SCHEDULE,
      'primary: cy, secondary: dee }',
      'primary: cy, secondary: dee',
    );
    await expectError(files, { file: SCHEDULE, line: 5, column: 3, rule: 'yaml-syntax' });
  });

  it('yaml-syntax: a tab as indentation', async () => {
    const files = edit(smallRepoFiles(), PEOPLE, '    name: Eli', '\tname: Eli');
    await expectError(files, { file: PEOPLE, line: 7, column: 1, rule: 'yaml-syntax' });
  });

  it('yaml-syntax: a raw control character, at that character', async () => {
    const files = edit(smallRepoFiles(), PEOPLE, 'name: Cy,', 'name: C\u0007y,');
    await expectError(files, { file: PEOPLE, line: 4, column: 26, rule: 'yaml-syntax' });
  });

  it('duplicate-key: at the second occurrence', async () => {
    const files = edit(smallRepoFiles(), SCHEDULE, 'primary: cy,', 'primary: cy, primary: ana,');
    await expectError(files, { file: SCHEDULE, line: 4, column: 39, rule: 'duplicate-key' });
  });

  it('alias-limit: a billion-laughs alias bomb stops at the first alias over the limit, fast', async () => {
    const levels = 'abcdefghi'.split('');
    const bomb = levels
      .map((name, i) => {
        const items = i === 0 ? Array(9).fill('"lol"') : Array(9).fill(`*${levels[i - 1]}`);
        return `${name}: &${name} [${items.join(', ')}]`;
      })
      .join('\n');
    const started = Date.now();
    // Line 1 holds no alias, lines 2 and 3 hold 9 each: the 21st is line 4's third (`*c` at 16).
    const files = smallRepoFiles();
    const doc = await expectError(
      { ...files, [ROTATION]: `${bomb}\n${files[ROTATION]}` },
      { file: ROTATION, line: 4, column: 16, rule: 'alias-limit' },
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(doc.errors).toHaveLength(1);
  });

  it('forbidden-key: __proto__, constructor and prototype are refused where they are written', async () => {
    await expectError(
      edit(smallRepoFiles(), PEOPLE, '  - { github: ben,', '  - { __proto__: { team: x }, github: ben,'),
      { file: PEOPLE, line: 3, column: 7, rule: 'forbidden-key' },
    );
    await expectError(append(smallRepoFiles(), ROTATION, 'constructor: x\n'), {
      file: ROTATION,
      line: 8,
      column: 1,
      rule: 'forbidden-key',
    });
    await expectError(edit(smallRepoFiles(), SCHEDULE, 'primary: cy,', 'prototype: cy,'), {
      file: SCHEDULE,
      line: 4,
      column: 26,
      rule: 'forbidden-key',
    });
  });

  it('file-too-large: a YAML file over 2 MiB is refused before it is parsed', async () => {
    const padding = `# ${'x'.repeat(2 * 1024 * 1024)}\n`;
    const files = append(smallRepoFiles(), PEOPLE, padding);
    await expectError(files, { file: PEOPLE, line: 1, column: 1, rule: 'file-too-large' });
  });

  it('missing-file: a rotation without schedule.yaml, and a repository without people.yaml', async () => {
    const noSchedule = smallRepoFiles();
    delete noSchedule[SCHEDULE];
    await expectError(noSchedule, { file: SCHEDULE, line: 1, column: 1, rule: 'missing-file' });
    const noPeople = smallRepoFiles();
    delete noPeople[PEOPLE];
    await expectError(noPeople, { file: PEOPLE, line: 1, column: 1, rule: 'missing-file' });
  });

  it('encoding: bytes that are not UTF-8, at the first of them', async () => {
    const root = makeRepo(smallRepoFiles());
    const bytes = Buffer.concat([Buffer.from('name: ops\n'), Buffer.from([0xff, 0xfe, 0x0a])]);
    writeFileSync(path.join(root, ROTATION), bytes);
    const run = await validate(root);
    expect(run.code).toBe(1);
    expect(run.doc.errors).toContainEqual(matcher({ file: ROTATION, line: 2, column: 1, rule: 'encoding' }));
  });

  it('duplicate-person: the same login in another case, at the second github', async () => {
    const files = append(
      smallRepoFiles(),
      PEOPLE,
      '  - { github: ANA, name: Ana Two, team: blue, timezone: Europe/Paris }\n',
    );
    await expectError(files, { file: PEOPLE, line: 13, column: 15, rule: 'duplicate-person' });
  });

  it('unknown-timezone: in the roster and in a rotation', async () => {
    const person = edit(smallRepoFiles(), PEOPLE, 'timezone: Europe/London }', 'timezone: Europe/Londn }');
    await expectError(person, { file: PEOPLE, line: 3, column: 53, rule: 'unknown-timezone' });
    const rotation = edit(smallRepoFiles(), ROTATION, 'timezone: America/New_York', 'timezone: EST');
    await expectError(rotation, { file: ROTATION, line: 4, column: 11, rule: 'unknown-timezone' });
  });

  it('date-order: an away period that ends before it starts, at its end', async () => {
    const files = edit(
      smallRepoFiles(),
      PEOPLE,
      '{ from: 2027-03-01, to: 2027-03-05,',
      '{ from: 2027-03-05, to: 2027-03-01,',
    );
    await expectError(files, { file: PEOPLE, line: 11, column: 33, rule: 'date-order' });
  });

  it('date-order: an override whose end is not after its start, at `to`', async () => {
    const files = withOverrides(
      '{ from: "2027-01-20T09:00", to: "2027-01-19T18:00", replace: eli, with: ana }',
    );
    await expectError(files, { file: SCHEDULE, line: 12, column: 37, rule: 'date-order' });
  });

  it('rotation-name: a name that is not the folder, in rotation.yaml and in schedule.yaml', async () => {
    const files = edit(smallRepoFiles(), ROTATION, 'name: ops', 'name: opz');
    const doc = await expectError(files, { file: ROTATION, line: 1, column: 7, rule: 'rotation-name' });
    expect(doc.errors).toContainEqual(
      matcher({ file: SCHEDULE, line: 1, column: 11, rule: 'rotation-name' }),
    );
  });

  it('shift-weekday: a rotation start that is not the handoff weekday', async () => {
    const files = edit(smallRepoFiles(), ROTATION, 'start: 2027-01-04', 'start: 2027-01-03');
    await expectError(files, { file: ROTATION, line: 6, column: 8, rule: 'shift-weekday' });
  });

  it('shift-weekday: a shift that does not start on the handoff weekday', async () => {
    const files = edit(smallRepoFiles(), SCHEDULE, 'start: 2027-02-22', 'start: 2027-02-23');
    await expectError(files, { file: SCHEDULE, line: 10, column: 14, rule: 'shift-weekday' });
  });

  it('unknown-person: in a shift, a rotation, an override and a playbook', async () => {
    await expectError(edit(smallRepoFiles(), SCHEDULE, 'primary: cy,', 'primary: zed,'), {
      file: SCHEDULE,
      line: 4,
      column: 35,
      rule: 'unknown-person',
    });
    await expectError(
      edit(smallRepoFiles(), ROTATION, '[red, blue, green] }', '[red, blue, green], include: [zed] }'),
      {
        file: ROTATION,
        line: 2,
        column: 49,
        rule: 'unknown-person',
      },
    );
    await expectError(withOverrides(VALID_OVERRIDE.replace('with: ana', 'with: zed')), {
      file: SCHEDULE,
      line: 12,
      column: 77,
      rule: 'unknown-person',
    });
    const files = {
      ...smallRepoFiles(),
      'playbooks/db.md': playbook('db').replace('[ana, ben]', '[ana, zed]'),
    };
    await expectError(files, { file: 'playbooks/db.md', line: 5, column: 21, rule: 'unknown-person' });
  });

  it('unknown-team: a warning, not an error, at the team', async () => {
    const files = edit(smallRepoFiles(), ROTATION, '[red, blue, green]', '[red, blue, green, purple]');
    await expectWarning(files, { file: ROTATION, line: 2, column: 38, rule: 'unknown-team' });
  });

  it('too-few-members: fewer members than slots, at members', async () => {
    const files = edit(smallRepoFiles(), ROTATION, '{ teams: [red, blue, green] }', '{ include: [ana] }');
    await expectError(files, { file: ROTATION, line: 2, column: 10, rule: 'too-few-members' });
  });

  it('unknown-step: an escalation step that is no slot, point_people or team:/user:', async () => {
    const files = append(
      smallRepoFiles(),
      ROTATION,
      'escalation: { ack_minutes: 15, steps: [primary, tertiary] }\n',
    );
    await expectError(files, { file: ROTATION, line: 8, column: 49, rule: 'unknown-step' });
  });

  it('shift-order: a shift before the one above it', async () => {
    const files = edit(
      smallRepoFiles(),
      SCHEDULE,
      '  - { start: 2027-01-11, primary: cy, secondary: dee }\n  - { start: 2027-01-18, primary: eli, secondary: fay }\n',
      '  - { start: 2027-01-18, primary: eli, secondary: fay }\n  - { start: 2027-01-11, primary: cy, secondary: dee }\n',
    );
    await expectError(files, { file: SCHEDULE, line: 5, column: 14, rule: 'shift-order' });
  });

  it("shift-order: a first shift before the rotation's start", async () => {
    const files = edit(smallRepoFiles(), ROTATION, 'start: 2027-01-04', 'start: 2027-01-11');
    await expectError(files, { file: SCHEDULE, line: 3, column: 14, rule: 'shift-order' });
  });

  it('shift-overlap: a shift that starts before the one above it ends', async () => {
    const files = edit(smallRepoFiles(), ROTATION, 'length_days: 7', 'length_days: 14');
    await expectError(files, { file: SCHEDULE, line: 4, column: 14, rule: 'shift-overlap' });
  });

  it('shift-gap: a week nobody covers', async () => {
    const files = edit(
      smallRepoFiles(),
      SCHEDULE,
      '  - { start: 2027-01-18, primary: eli, secondary: fay }\n',
      '',
    );
    const doc = await expectError(files, { file: SCHEDULE, line: 5, column: 14, rule: 'shift-gap' });
    expect(doc.errors.filter((item) => item.rule === 'shift-gap')).toHaveLength(1);
  });

  it('unknown-slot: at the key; missing-slot: at the shift', async () => {
    const files = edit(
      smallRepoFiles(),
      SCHEDULE,
      'primary: cy, secondary: dee',
      'primary: cy, tertiary: dee',
    );
    const doc = await expectError(files, { file: SCHEDULE, line: 4, column: 39, rule: 'unknown-slot' });
    expect(doc.errors).toContainEqual(matcher({ file: SCHEDULE, line: 4, column: 5, rule: 'missing-slot' }));
  });

  it('missing-slot: a shift without its secondary', async () => {
    const files = edit(smallRepoFiles(), SCHEDULE, 'primary: cy, secondary: dee }', 'primary: cy }');
    await expectError(files, { file: SCHEDULE, line: 4, column: 5, rule: 'missing-slot' });
  });

  it('duplicate-in-shift: one person in two slots (any case), or covering a shift they hold', async () => {
    await expectError(
      edit(smallRepoFiles(), SCHEDULE, 'primary: cy, secondary: dee', 'primary: cy, secondary: CY'),
      {
        file: SCHEDULE,
        line: 4,
        column: 50,
        rule: 'duplicate-in-shift',
      },
    );
    await expectError(withOverrides(VALID_OVERRIDE.replace('with: ana', 'with: fay')), {
      file: SCHEDULE,
      line: 12,
      column: 77,
      rule: 'duplicate-in-shift',
    });
  });

  it('invalid-date: an override on 30 February', async () => {
    const files = withOverrides(VALID_OVERRIDE.replace('2027-01-19T18:00', '2027-02-30T18:00'));
    await expectError(files, { file: SCHEDULE, line: 12, column: 13, rule: 'invalid-date' });
  });

  it('invalid-date: an override with an offset no clock uses', async () => {
    const files = withOverrides(VALID_OVERRIDE.replace('2027-01-20T09:00', '2027-01-20T09:00+99:00'));
    await expectError(files, { file: SCHEDULE, line: 12, column: 37, rule: 'invalid-date' });
  });

  it('override-self: a person replacing themselves', async () => {
    const files = withOverrides(VALID_OVERRIDE.replace('with: ana', 'with: eli'));
    await expectError(files, { file: SCHEDULE, line: 12, column: 77, rule: 'override-self' });
  });

  it('override-outside-shift: an override before the published schedule', async () => {
    const files = withOverrides(
      VALID_OVERRIDE.replace('2027-01-19T18:00', '2026-12-01T18:00').replace(
        '2027-01-20T09:00',
        '2026-12-02T09:00',
      ),
    );
    await expectError(files, { file: SCHEDULE, line: 12, column: 13, rule: 'override-outside-shift' });
  });

  it('override-not-on-call: replacing someone who is not on call then', async () => {
    const files = withOverrides(VALID_OVERRIDE.replace('replace: eli, with: ana', 'replace: ana, with: ben'));
    await expectError(files, { file: SCHEDULE, line: 12, column: 66, rule: 'override-not-on-call' });
  });

  it('override-overlap: two covers of one person at once, at the second', async () => {
    const files = withOverrides(
      VALID_OVERRIDE,
      '{ from: "2027-01-20T08:00", to: "2027-01-20T12:00", replace: eli, with: ben }',
    );
    const doc = await expectError(files, { file: SCHEDULE, line: 13, column: 13, rule: 'override-overlap' });
    expect(doc.errors).toHaveLength(1);
  });

  it('on-call-while-away: a shift during an away period, at the slot', async () => {
    const files = edit(
      smallRepoFiles(),
      PEOPLE,
      '{ from: 2027-03-01, to: 2027-03-05,',
      '{ from: 2027-02-02, to: 2027-02-03,',
    );
    await expectError(files, { file: SCHEDULE, line: 7, column: 51, rule: 'on-call-while-away' });
  });

  it('on-call-while-away: a cover by someone away, at `with`', async () => {
    const files = edit(
      withOverrides(VALID_OVERRIDE),
      PEOPLE,
      'team: red, timezone: America/New_York }\n  - { github: ben',
      'team: red, timezone: America/New_York, away: [{ from: 2027-01-20, to: 2027-01-20 }] }\n  - { github: ben',
    );
    await expectError(files, { file: SCHEDULE, line: 12, column: 77, rule: 'on-call-while-away' });
  });

  it('on-call-before-joined: a shift before the person joined', async () => {
    const files = edit(smallRepoFiles(), PEOPLE, 'joined: 2026-01-01', 'joined: 2027-01-20');
    await expectError(files, { file: SCHEDULE, line: 5, column: 51, rule: 'on-call-before-joined' });
  });

  it('on-call-after-left: a shift after the person left', async () => {
    const files = edit(
      smallRepoFiles(),
      PEOPLE,
      'timezone: Europe/London }',
      'timezone: Europe/London, left: 2027-02-01 }',
    );
    const doc = await expectError(files, {
      file: SCHEDULE,
      line: 10,
      column: 35,
      rule: 'on-call-after-left',
    });
    expect(doc.errors).toHaveLength(1);
  });

  it('horizon: fewer than 4 weeks published ahead of now, at the last shift', async () => {
    await expectError(
      smallRepoFiles(),
      { file: SCHEDULE, line: 10, column: 14, rule: 'horizon' },
      '2027-02-10T12:00:00-05:00',
    );
  });

  it('playbook-name: a system that is not the file name', async () => {
    const files = { ...smallRepoFiles(), 'playbooks/db.md': playbook('database') };
    await expectError(files, { file: 'playbooks/db.md', line: 2, column: 9, rule: 'playbook-name' });
  });

  it('duplicate-system: two playbooks for one system', async () => {
    // Only a case-sensitive file system can hold DB.md next to db.md; elsewhere there is no way
    // to write two playbooks that claim one system without a playbook-name error on both.
    const root = makeRepo({
      ...smallRepoFiles(),
      'playbooks/DB.md': playbook('db'),
      'playbooks/db.md': playbook('db'),
    });
    if (readdirSync(path.join(root, 'playbooks')).length < 2) return;
    const run = await validate(root);
    expect(run.code).toBe(1);
    expect(run.doc.errors).toContainEqual(
      matcher({ file: 'playbooks/db.md', line: 2, column: 9, rule: 'duplicate-system' }),
    );
    expect(run.doc.errors).toContainEqual(
      matcher({ file: 'playbooks/DB.md', line: 2, column: 9, rule: 'playbook-name' }),
    );
  });

  it('playbook-section: a missing required section, at the last section there is', async () => {
    const body = PLAYBOOK_BODY.replace('\n## Escalate\nPage the DBA.\n', '');
    const files = { ...smallRepoFiles(), 'playbooks/db.md': playbook('db', body) };
    const doc = await expectError(files, {
      file: 'playbooks/db.md',
      line: 15,
      column: 1,
      rule: 'playbook-section',
    });
    expect(doc.errors[0]?.message).toContain('## Escalate');
  });

  it('playbook-front-matter: no front matter, or front matter never closed', async () => {
    await expectError(
      { ...smallRepoFiles(), 'playbooks/db.md': PLAYBOOK_BODY },
      {
        file: 'playbooks/db.md',
        line: 1,
        column: 1,
        rule: 'playbook-front-matter',
      },
    );
    await expectError(
      { ...smallRepoFiles(), 'playbooks/db.md': playbook('db').replace('---\n#', '#') },
      {
        file: 'playbooks/db.md',
        line: 1,
        column: 1,
        rule: 'playbook-front-matter',
      },
    );
  });
});

describe('fairness rules: warnings at the slot, unless enforced', () => {
  it('min_gap_shifts: ana on call two weeks running', async () => {
    const doc = await expectWarning(withRules('  min_gap_shifts: 1\n'), {
      file: SCHEDULE,
      line: 9,
      column: 35,
      rule: 'min_gap_shifts',
    });
    expect(doc.warnings).toHaveLength(1);
  });

  it('distinct_teams: two people of team red in one shift', async () => {
    const files = edit(
      withRules('  distinct_teams: true\n'),
      SCHEDULE,
      'primary: ana, secondary: cy',
      'primary: ana, secondary: dee',
    );
    const doc = await expectWarning(files, { file: SCHEDULE, line: 9, column: 51, rule: 'distinct_teams' });
    expect(doc.warnings).toHaveLength(1);
  });

  it('experienced_partner: two newcomers paired in the first shift, at the second', async () => {
    await expectWarning(withRules('  experienced_partner: 1\n'), {
      file: SCHEDULE,
      line: 3,
      column: 51,
      rule: 'experienced_partner',
    });
  });

  it('min_tenure_days: fay on call within 400 days of joining', async () => {
    const doc = await expectWarning(withRules('  min_tenure_days: 400\n'), {
      file: SCHEDULE,
      line: 5,
      column: 51,
      rule: 'min_tenure_days',
    });
    expect(doc.warnings).toHaveLength(1);
  });

  it('avoid_repeat_pairs: ana and ben paired again 7 shifts later', async () => {
    const files = edit(
      withRules('  avoid_repeat_pairs: 8\n'),
      SCHEDULE,
      'primary: ben, secondary: dee',
      'primary: ana, secondary: ben',
    );
    const doc = await expectWarning(files, {
      file: SCHEDULE,
      line: 10,
      column: 51,
      rule: 'avoid_repeat_pairs',
    });
    expect(doc.warnings).toHaveLength(1);
  });

  it('{ value: 3, enforce: error } turns a fairness rule into an error: exit 1', async () => {
    const doc = await expectError(withRules('  min_gap_shifts: { value: 3, enforce: error }\n'), {
      file: SCHEDULE,
      line: 9,
      column: 35,
      rule: 'min_gap_shifts',
    });
    expect(doc.warnings.filter((item) => item.rule === 'min_gap_shifts')).toEqual([]);
    expect(doc.errors.every((item) => item.rule === 'min_gap_shifts')).toBe(true);
  });

  it('{ value: 1, enforce: warning } stays a warning', async () => {
    await expectWarning(withRules('  min_gap_shifts: { value: 1, enforce: warning }\n'), {
      file: SCHEDULE,
      line: 9,
      column: 35,
      rule: 'min_gap_shifts',
    });
  });
});
