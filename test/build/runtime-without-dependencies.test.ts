/**
 * The runtime is the committed bundles: the CLI (every command, the demo's chunk included) and each
 * action (with the public holidays they share) run with no node_modules at all, which is why every package is a devDependency and
 * `npm install --omit=dev` of the packed package installs nothing else. Each run here is a copy of
 * bin/, dist/ and the example repository in a temporary folder with no node_modules above it.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const AT = '2026-12-01T09:00:00-05:00';
let dir: string;

/** Runs node in the copy with an environment that names no module folder. */
function node(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: dir, TZ: 'UTC' },
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function noModuleFolderAbove(folder: string): boolean {
  for (let at = folder; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, 'node_modules'))) return false;
    if (path.dirname(at) === at) return true;
  }
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'oncall-bare-'));
  for (const part of ['bin', 'dist', 'package.json', 'rotations', 'playbooks']) {
    cpSync(path.join(ROOT, part), path.join(dir, part), { recursive: true });
  }
  cpSync(path.join(ROOT, 'test/fixtures/ics/opsgenie.ics'), path.join(dir, 'export.ics'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('with no dependencies installed', () => {
  it('the copy can resolve no package at all (or this test proves nothing)', () => {
    expect(noModuleFolderAbove(dir)).toBe(true);
    const run = node(['--input-type=module', '-e', "await import('yaml')"]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('ERR_MODULE_NOT_FOUND');
  });

  it('runs the CLI: validate, who, report with the public holidays, and import through ical.js', () => {
    expect(node(['bin/oncall.js', 'validate', '--at', AT])).toMatchObject({ code: 0 });
    const who = node(['bin/oncall.js', 'who', '--json', '--at', AT]);
    expect(who.code, who.stderr).toBe(0);
    expect(JSON.parse(who.stdout)).toMatchObject({ rotation: 'engineering' });
    const report = node(['bin/oncall.js', 'report', '--from', '2026-11-01', '--to', '2027-01-31', '--json']);
    expect(report.code, report.stderr).toBe(0);
    const imported = node([
      'bin/oncall.js',
      'import',
      '--ics',
      'export.ics',
      '--dry-run',
      '--json',
      '--at',
      AT,
    ]);
    expect(imported.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (package|module)/);
    expect(JSON.parse(imported.stdout)).toHaveProperty('shifts');
  });

  it('loads every lazily loaded chunk of the CLI, the demo and its emulators included', () => {
    const chunks = readdirSync(path.join(dir, 'dist/cli/chunks')).filter((file) => file.endsWith('.js'));
    expect(chunks.some((file) => file.startsWith('run-demo-'))).toBe(true);
    const imports = chunks.map((file) => `await import('./dist/cli/chunks/${file}');`).join('\n');
    const run = node(['--input-type=module', '-e', imports]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The actions' shared public holidays, as src/io/holidays.ts uses them.
    const holidays = node([
      '--input-type=module',
      '-e',
      "const { default: H } = await import('./dist/actions/holidays.js'); console.log(new H('US').getHolidays(2026).find((h) => h.name === 'Independence Day').date)",
    ]);
    expect(holidays).toMatchObject({ code: 0, stdout: '2026-07-04 00:00:00\n' });
    // The demo's emulator reads GitHub's description from inside its chunk, not from a package.
    const demo = chunks.find((file) => file.startsWith('run-demo-')) as string;
    expect(readFileSync(path.join(dir, 'dist/cli/chunks', demo), 'utf8')).toContain('"x-subset-of"');
  });

  it('starts every action, which stops only because it is not inside GitHub Actions', () => {
    const actions = readdirSync(path.join(dir, 'dist/actions')).filter((name) => name !== 'holidays.js');
    expect(actions.length).toBeGreaterThanOrEqual(7);
    for (const name of actions) {
      const run = node([`dist/actions/${name}/index.js`]);
      expect(run.stdout + run.stderr, name).toContain('GITHUB_EVENT_PATH is not set');
      expect(run.code, name).toBe(1);
    }
  });
});
