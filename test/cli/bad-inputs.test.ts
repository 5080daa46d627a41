/**
 * The bad-input corpus: every file under test/fixtures/bad-inputs/ is one file of an on-call
 * repository, broken on purpose. Each is copied over its counterpart in an otherwise valid small
 * repository; `oncall validate` must then fail cleanly (exit 1, a positioned error in that very
 * file, no stack trace) and leave the file as it was. The file name says what is broken; its
 * first line (or, in a playbook, the first line of the front matter) says where.
 */
import { readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CORPUS_EXPECTED as expected } from '../fixtures/bad-inputs.expected.js';
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
    const { rule, line, column, message } = expected[fixture] ?? {};
    // Refused for the reason the file is named for, not for another one it happens to have.
    expect(doc.errors).toContainEqual(
      expect.objectContaining({ file, rule, line, column, message: expect.stringContaining(message ?? '') }),
    );
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

describe('symbolic links: read only inside the repository', () => {
  /** A valid repository whose `file` is replaced by a link to `target`. */
  function linked(file: string, target: (root: string, outside: string) => string) {
    const outside = makeRepo({ ...smallRepoFiles(), [PLAYBOOK]: VALID_PLAYBOOK });
    const root = makeRepo({ ...smallRepoFiles(), [PLAYBOOK]: VALID_PLAYBOOK });
    rmSync(path.join(root, file), { recursive: true });
    symlinkSync(target(root, outside), path.join(root, file));
    return { root, outside };
  }

  it.each([
    ['rotation.yaml to /etc/passwd', ROTATION, ROTATION, () => '/etc/passwd'],
    ['a playbook to /etc/passwd', PLAYBOOK, PLAYBOOK, () => '/etc/passwd'],
    [
      'people.yaml to a valid roster elsewhere',
      PEOPLE,
      PEOPLE,
      (_r: string, o: string) => path.join(o, PEOPLE),
    ],
    [
      'the rotation folder to one elsewhere',
      'rotations/ops',
      ROTATION,
      (_r: string, o: string) => `${o}/rotations/ops`,
    ],
    ['schedule.yaml to nothing', SCHEDULE, SCHEDULE, (r: string) => path.join(r, 'gone.yaml')],
    ['rotation.yaml to itself', ROTATION, ROTATION, () => 'rotation.yaml'],
  ])('%s: refused at 1:1 as symlink-outside, never opened', async (_name, file, refused, target) => {
    const { root } = linked(file, target);
    const run = await runCli(['validate', '--root', root, '--json']);
    expect(run.code).toBe(1);
    expect(run.json().errors).toContainEqual(
      expect.objectContaining({ file: refused, line: 1, column: 1, rule: 'symlink-outside' }),
    );
    expect(run.stdout).not.toMatch(/root:[^:]*:0:0:/);
  });

  it('schedule extend does not write through a link out of the repository', async () => {
    const { root, outside } = linked(SCHEDULE, (_r, o) => path.join(o, SCHEDULE));
    const before = readFileSync(path.join(outside, SCHEDULE), 'utf8');
    const run = await runCli(['schedule', 'extend', '--root', root, '--until', '2027-03-22']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('symlink-outside');
    expect(readFileSync(path.join(outside, SCHEDULE), 'utf8')).toBe(before);
  });

  it('a link that stays inside the repository is read, and extend writes the file it leads to', async () => {
    const { root } = linked(SCHEDULE, (r) => {
      writeFileSync(path.join(r, 'shared.yaml'), smallRepoFiles()[SCHEDULE] as string);
      return '../../shared.yaml';
    });
    const run = await runCli(['validate', '--root', root, '--json']);
    expect(run.json()).toEqual({ ok: true, errors: [], warnings: expect.any(Array) });
    const extend = await runCli(['schedule', 'extend', '--root', root, '--until', '2027-03-22']);
    expect(extend.code, extend.stderr).toBe(0);
    expect(readFileSync(path.join(root, 'shared.yaml'), 'utf8')).toContain('start: 2027-03-15');
  });
});
