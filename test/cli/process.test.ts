/**
 * The real `oncall` process: bin/oncall.js running the committed bundle in dist/ (run
 * `npm run build` after changing src/). Exit codes, streams and the absence of stack traces are
 * checked as a script or CI job would see them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, smallRepoFiles } from '../helpers/repo.js';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(PROJECT, 'bin/oncall.js');
/** Inside the small repository's published weeks, so a valid repository stays valid whatever the date. */
const AT = '2027-01-05T12:00-05:00';

function oncall(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: PROJECT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ONCALL_DEBUG: '' },
    timeout: 15_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectNoStackTrace(text: string) {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toMatch(/internal error/i);
  expect(text).not.toMatch(/\b(TypeError|RangeError|SyntaxError|ReferenceError)\b/);
}

/** A usage error: exit 2, nothing on stdout, one line on stderr naming the problem. */
function expectUsageError(run: ReturnType<typeof oncall>, mentions: RegExp) {
  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.endsWith('\n')).toBe(true);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^oncall/);
  expect(run.stderr).toMatch(mentions);
  expectNoStackTrace(run.stderr);
}

beforeAll(() => {
  const bin = oncall('--help');
  if (bin.code !== 0)
    throw new Error(`bin/oncall.js does not run; run \`npm run build\` first:\n${bin.stderr}`);
});

describe('oncall as a process', () => {
  it('--help and validate --help exit 0 with the usage on stdout', () => {
    const main = oncall('--help');
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/^Usage: oncall COMMAND/);
    expect(main.stdout).toContain('validate');
    expect(main.stderr).toBe('');
    const validate = oncall('validate', '--help');
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/^Usage: oncall validate/);
    expect(validate.stderr).toBe('');
  });

  it('an unknown flag exits 2 with one line on stderr', () => {
    const root = makeRepo(smallRepoFiles());
    expectUsageError(oncall('validate', '--root', root, '--frobnicate'), /--frobnicate/);
  });

  it('an unknown command exits 2 with one line on stderr', () => {
    expectUsageError(oncall('frobnicate'), /unknown command "frobnicate"/);
  });

  it('a --root that does not exist exits 2', () => {
    const missing = path.join(makeRepo({}), 'no-such-dir');
    expect(existsSync(missing)).toBe(false);
    expectUsageError(oncall('validate', '--root', missing, '--at', AT), /no such directory/);
    expectUsageError(oncall('who', '--root', missing, '--at', AT), /no such directory/);
  });

  it.each([
    ['no offset', '2027-01-05T12:00'],
    ['a date only', '2027-01-05'],
    ['words', 'tomorrow'],
    ['month 13', '2027-13-05T12:00Z'],
    ['an impossible offset', '2027-01-05T12:00+99:99'],
  ])('a bad --at (%s) exits 2', (_case, at) => {
    const root = makeRepo(smallRepoFiles());
    expectUsageError(oncall('validate', '--root', root, '--at', at), /--at/);
  });

  it('import reads an export through the lazily loaded iCalendar chunk of the bundle', () => {
    const root = makeRepo(smallRepoFiles());
    const ics = path.join(PROJECT, 'test/fixtures/ics/opsgenie.ics');
    const run = oncall('import', '--root', root, '--ics', ics, '--dry-run', '--json', '--at', AT);
    expect(run.code, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ rotation: 'ops', dryRun: true });
    expect(Array.isArray(doc.unmapped)).toBe(true);
    expectNoStackTrace(run.stderr);
  });

  it('import of a file that is not iCalendar exits 1 naming the file, no stack trace', () => {
    const root = makeRepo(smallRepoFiles());
    const run = oncall('import', '--root', root, '--ics', path.join(PROJECT, 'package.json'), '--dry-run');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/package\.json/);
    expectNoStackTrace(run.stderr);
  });

  it('validate exits 0 on a valid repository', () => {
    const root = makeRepo(smallRepoFiles());
    const run = oncall('validate', '--root', root, '--at', AT, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, errors: [], warnings: [] });
    expect(run.stderr).toBe('');
  });

  it('validate --json exits 1 on a broken repository, stdout one JSON document, stderr empty', () => {
    const files = smallRepoFiles();
    files['rotations/ops/schedule.yaml'] =
      files['rotations/ops/schedule.yaml']?.replace('primary: cy,', 'primary: zed,') ?? '';
    files['rotations/people.yaml'] +=
      '  - { github: ana, name: Ana Again, team: blue, timezone: Mars/Base }\n';
    const run = oncall('validate', '--root', makeRepo(files), '--at', AT, '--json');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const doc = JSON.parse(run.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.errors).toEqual(
      expect.arrayContaining([
        {
          file: 'rotations/ops/schedule.yaml',
          line: 4,
          column: 35,
          rule: 'unknown-person',
          message: expect.any(String),
        },
        {
          file: 'rotations/people.yaml',
          line: 13,
          column: 15,
          rule: 'duplicate-person',
          message: expect.any(String),
        },
        {
          file: 'rotations/people.yaml',
          line: 13,
          column: 59,
          rule: 'unknown-timezone',
          message: expect.any(String),
        },
      ]),
    );
  });

  it('validate without --json prints file:line:column lines on stderr and exits 1', () => {
    const files = smallRepoFiles();
    files['rotations/ops/schedule.yaml'] =
      files['rotations/ops/schedule.yaml']?.replace('primary: cy,', 'primary: zed,') ?? '';
    const run = oncall('validate', '--root', makeRepo(files), '--at', AT);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^rotations\/ops\/schedule\.yaml:4:35 unknown-person /m);
    expect(run.stderr).toMatch(/^1 error\(s\), 0 warning\(s\)$/m);
    expectNoStackTrace(run.stderr);
  });

  it('validate exits 1, not a crash, on an alias bomb', () => {
    const files = smallRepoFiles();
    const levels = 'abcdefghi'.split('');
    const bomb = levels
      .map(
        (name, i) =>
          `${name}: &${name} [${Array(9)
            .fill(i === 0 ? '"lol"' : `*${levels[i - 1]}`)
            .join(', ')}]`,
      )
      .join('\n');
    files['rotations/people.yaml'] = `${bomb}\n${files['rotations/people.yaml']}`;
    const run = oncall('validate', '--root', makeRepo(files), '--at', AT, '--json');
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).errors).toEqual([
      expect.objectContaining({ file: 'rotations/people.yaml', rule: 'alias-limit' }),
    ]);
    expectNoStackTrace(run.stderr);
  });
});
