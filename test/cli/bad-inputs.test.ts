/**
 * The bad-input corpus: every file under test/fixtures/bad-inputs/ is one file of an on-call
 * repository, broken on purpose. Each is copied over its counterpart in an otherwise valid small
 * repository; `oncall validate` must then fail cleanly (exit 1, a positioned error in that very
 * file, no stack trace) and leave the file as it was. The file name says what is broken; its
 * first line (or, in a playbook, the first line of the front matter) says where.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeRepo, runCli, smallRepoFiles } from '../helpers/repo.js';

const CORPUS = fileURLToPath(new URL('../fixtures/bad-inputs', import.meta.url));

const PEOPLE = 'rotations/people.yaml';
const ROTATION = 'rotations/ops/rotation.yaml';
const SCHEDULE = 'rotations/ops/schedule.yaml';
const PLAYBOOK = 'playbooks/db.md';

/** Which file of the repository a fixture replaces, by its name's prefix. */
function targetOf(fixture: string): string {
  if (fixture.startsWith('people-')) return PEOPLE;
  if (fixture.startsWith('rotation-')) return ROTATION;
  if (fixture.startsWith('schedule-')) return SCHEDULE;
  if (fixture.startsWith('playbook-')) return PLAYBOOK;
  throw new Error(`${fixture}: name it people-*, rotation-*, schedule-* or playbook-*`);
}

/**
 * The error each fixture must produce: [rule, line, column]. Every fixture must be listed, so a
 * new one cannot slip in unchecked.
 */
const expected: Record<string, [rule: string, line: number, column: number]> = {
  'people-alias-bomb-billion-laughs.yaml': ['alias-limit', 5, 16],
  'people-away-ends-before-it-starts.yaml': ['date-order', 12, 33],
  'people-bad-slack-id.yaml': ['schema', 3, 77],
  'people-complex-key.yaml': ['yaml-syntax', 9, 5],
  'people-control-character-escape.yaml': ['yaml-syntax', 6, 27],
  'people-duplicate-key.yaml': ['duplicate-key', 10, 5],
  'people-duplicate-person-case.yaml': ['duplicate-person', 14, 15],
  'people-empty-file.yaml': ['schema', 1, 1],
  'people-huge-string-name.yaml': ['schema', 5, 25],
  'people-impossible-date-feb-30.yaml': ['schema', 13, 79],
  'people-invalid-utf8.yaml': ['encoding', 3, 27],
  'people-list-at-root.yaml': ['schema', 2, 1],
  'people-missing-required-timezone.yaml': ['schema', 3, 5],
  'people-multiple-documents.yaml': ['yaml-syntax', 14, 1],
  'people-nul-byte.yaml': ['encoding', 4, 28],
  'people-proto-key.yaml': ['forbidden-key', 4, 7],
  'people-tab-indentation.yaml': ['yaml-syntax', 8, 1],
  'people-unknown-key-phone.yaml': ['schema', 5, 73],
  'people-unknown-timezone.yaml': ['unknown-timezone', 4, 53],
  'people-wrong-type-people-is-a-map.yaml': ['schema', 3, 3],
  'people-yaml-syntax-unclosed-flow-map.yaml': ['yaml-syntax', 5, 3],
  'people-yaml11-octal-login-0755.yaml': ['schema', 6, 15],
  'playbook-front-matter-is-a-list.md': ['schema', 3, 1],
  'playbook-front-matter-never-closed.md': ['playbook-front-matter', 1, 1],
  'playbook-front-matter-proto-key.md': ['forbidden-key', 7, 1],
  'playbook-front-matter-unknown-key.md': ['schema', 7, 1],
  'playbook-front-matter-yaml-syntax.md': ['yaml-syntax', 6, 24],
  'playbook-missing-section-escalate.md': ['playbook-section', 16, 1],
  'playbook-no-front-matter.md': ['playbook-front-matter', 1, 1],
  'playbook-system-not-file-name.md': ['playbook-name', 3, 9],
  'playbook-unknown-point-person.md': ['unknown-person', 6, 21],
  'rotation-constructor-key.yaml': ['forbidden-key', 9, 1],
  'rotation-null-key.yaml': ['schema', 9, 1],
  'rotation-prototype-key-nested.yaml': ['forbidden-key', 6, 37],
  'rotation-publish-weeks-below-four.yaml': ['schema', 8, 22],
  'rotation-rule-enforce-unknown.yaml': ['schema', 10, 40],
  'rotation-start-not-on-handoff-weekday.yaml': ['shift-weekday', 7, 8],
  'rotation-too-few-members.yaml': ['too-few-members', 3, 10],
  'rotation-unknown-escalation-step.yaml': ['unknown-step', 9, 49],
  'rotation-unknown-key-slot-typo.yaml': ['schema', 4, 1],
  'rotation-unknown-timezone.yaml': ['unknown-timezone', 5, 11],
  'rotation-unresolved-tag.yaml': ['yaml-syntax', 2, 7],
  'rotation-wrong-type-slots-string.yaml': ['schema', 4, 8],
  'rotation-yaml11-no-as-boolean.yaml': ['schema', 10, 19],
  'rotation-yaml11-octal-name-0755.yaml': ['schema', 2, 7],
  'rotation-yaml11-sexagesimal-ack-minutes.yaml': ['schema', 9, 28],
  'rotation-yaml11-sexagesimal-time.yaml': ['schema', 9, 55],
  'schedule-duplicate-key-in-shift.yaml': ['duplicate-key', 5, 39],
  'schedule-empty-shift-entry.yaml': ['schema', 6, 4],
  'schedule-gap-missing-week.yaml': ['shift-gap', 7, 14],
  'schedule-horizon-under-four-weeks.yaml': ['horizon', 6, 14],
  'schedule-impossible-date-feb-30.yaml': ['schema', 11, 14],
  'schedule-list-at-root.yaml': ['schema', 2, 1],
  'schedule-multiple-documents.yaml': ['yaml-syntax', 13, 1],
  'schedule-override-ends-before-start.yaml': ['date-order', 13, 37],
  'schedule-override-hour-25.yaml': ['invalid-date', 13, 13],
  'schedule-override-impossible-offset.yaml': ['invalid-date', 13, 13],
  'schedule-override-not-on-call.yaml': ['override-not-on-call', 13, 66],
  'schedule-override-unquoted-space-datetime.yaml': ['schema', 13, 13],
  'schedule-person-twice-in-shift.yaml': ['duplicate-in-shift', 11, 51],
  'schedule-rotation-wrong-type.yaml': ['schema', 2, 11],
  'schedule-shift-on-a-tuesday.yaml': ['shift-weekday', 11, 14],
  'schedule-shifts-out-of-order.yaml': ['shift-order', 6, 14],
  'schedule-unknown-person.yaml': ['unknown-person', 6, 35],
  'schedule-unknown-slot.yaml': ['unknown-slot', 8, 40],
  'schedule-yaml11-merge-key.yaml': ['schema', 2, 1],
};

const fixtures = readdirSync(CORPUS).sort();

interface Diagnostic {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
}

/** A valid small repository (with a valid playbook) whose `file` is replaced by `bytes`. */
function repoWith(file: string, bytes: Buffer): string {
  const root = makeRepo({ ...smallRepoFiles(), [PLAYBOOK]: VALID_PLAYBOOK });
  writeFileSync(path.join(root, file), bytes);
  return root;
}

const VALID_PLAYBOOK = `---
system: db
title: Database
team: red
point_people: [ana, ben]
---
# Database

## Symptoms
Slow queries.

## Diagnose
Check the dashboard.

## Mitigate
Fail over.

## Escalate
Page the DBA.
`;

/**
 * Runs validate with --json and without, and checks what every bad input must give: exit 1,
 * errors only in the broken file, each positioned, no stack trace, the file left untouched.
 */
async function expectCleanFailure(file: string, bytes: Buffer, root = repoWith(file, bytes)) {
  const json = await runCli(['validate', '--root', root, '--json']);
  expect(json.code).toBe(1);
  expect(json.stderr).toBe('');
  const doc = json.json() as { ok: boolean; errors: Diagnostic[]; warnings: Diagnostic[] };
  expect(doc.ok).toBe(false);
  expect(doc.errors.length).toBeGreaterThan(0);
  for (const item of doc.errors) {
    expect(item.file).toBe(file);
    expect(Number.isInteger(item.line) && item.line >= 1, JSON.stringify(item)).toBe(true);
    expect(Number.isInteger(item.column) && item.column >= 1, JSON.stringify(item)).toBe(true);
    expect(item.message).not.toMatch(/\n/);
  }

  const human = await runCli(['validate', '--root', root]);
  expect(human.code).toBe(1);
  expect(human.stderr).not.toMatch(/internal error/i);
  expect(human.stderr).not.toMatch(/^\s+at /m);
  const lines = human.stderr.trimEnd().split('\n');
  // One line per error, then the count.
  expect(lines.at(-1)).toMatch(/^\d+ error\(s\), \d+ warning\(s\)$/);
  for (const line of lines.slice(0, -1)) expect(line.startsWith(`${file}:`), line).toBe(true);

  expect(readFileSync(path.join(root, file)).equals(bytes)).toBe(true);
  return doc;
}

describe('the bad-input corpus', () => {
  it('holds at least 35 files, each listed with the error it must give', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(35);
    expect(fixtures).toEqual(Object.keys(expected).sort());
    for (const fixture of fixtures) targetOf(fixture);
  });

  it.each(fixtures)('%s: exit 1, a positioned error in the broken file, no stack trace', async (fixture) => {
    const source = path.join(CORPUS, fixture);
    const bytes = readFileSync(source);
    const file = targetOf(fixture);
    const started = Date.now();
    const doc = await expectCleanFailure(file, bytes);
    // Even the alias bomb is refused before it expands; generous for a slow CI machine.
    expect(Date.now() - started).toBeLessThan(5000);
    const [rule, line, column] = expected[fixture] ?? [];
    expect(doc.errors).toContainEqual(expect.objectContaining({ file, rule, line, column }));
    expect(readFileSync(source).equals(bytes)).toBe(true);
  });

  it('refuses a YAML file over 2 MiB without reading it as YAML', async () => {
    const big = Buffer.from(`${smallRepoFiles()[PEOPLE]}# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const doc = await expectCleanFailure(PEOPLE, big);
    expect(doc.errors).toEqual([
      expect.objectContaining({ file: PEOPLE, line: 1, column: 1, rule: 'file-too-large' }),
    ]);
  });

  it('refuses a playbook over 2 MiB', async () => {
    const big = Buffer.from(`${VALID_PLAYBOOK}\n${'padding line\n'.repeat(170_000)}`);
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    const doc = await expectCleanFailure(PLAYBOOK, big);
    expect(doc.errors).toEqual([
      expect.objectContaining({ file: PLAYBOOK, line: 1, column: 1, rule: 'file-too-large' }),
    ]);
  });

  it('reads YAML 1.1-isms as YAML 1.2 strings where a string is wanted', async () => {
    // Under YAML 1.1, 11:00 was the number 660 and `no` was false; under 1.2 both are strings.
    const files = smallRepoFiles();
    const root = makeRepo({
      ...files,
      [ROTATION]: files[ROTATION]?.replace('time: "11:00"', 'time: 11:00') ?? '',
      [PEOPLE]: files[PEOPLE]?.replace('name: Ana', 'name: no') ?? '',
    });
    const run = await runCli(['validate', '--root', root, '--json']);
    expect(run.json()).toEqual({ ok: true, errors: [], warnings: [] });
    expect(run.code).toBe(0);
  });
});
