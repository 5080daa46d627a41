/**
 * What the committed bundles carry. CI rebuilds dist/ before the tests, so these read what the
 * sources build to: each action one file without the OIDC client's HTTP stack (undici) or the
 * public holidays (one file the actions share, loaded when a rotation has `holidays:`), and no
 * bundle that needs @octokit/openapi, a devDependency, at run time.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { unusedOidcClient } from '../../scripts/unused-oidc-client.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ACTIONS = path.join(ROOT, 'dist/actions');
/** Error codes only undici has: their presence means its 400 KB came along. */
const UNDICI = /UND_ERR_/;
/** A name only moment-timezone's data has: its presence means the holidays' 1.4 MB came along. */
const TIMEZONE_DATA = /Antarctica\/Troll/;

/** Bundles `source` (an entry written beside the sources) as the action bundles are built. */
async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: path.join(ROOT, 'src/actions'), loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    plugins: [unusedOidcClient],
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('the action bundles', () => {
  const names = readdirSync(ACTIONS).filter((name) => existsSync(path.join(ACTIONS, name, 'index.js')));

  it('are one file per action, none carrying undici or the public holidays', () => {
    expect(names.length).toBeGreaterThanOrEqual(7);
    for (const name of names) {
      const text = readFileSync(path.join(ACTIONS, name, 'index.js'), 'utf8');
      expect(UNDICI.test(text), name).toBe(false);
      expect(TIMEZONE_DATA.test(text), name).toBe(false);
      expect(readdirSync(path.join(ACTIONS, name)), name).toEqual(['index.js']);
    }
    expect(readdirSync(ACTIONS).sort()).toEqual([...names, 'holidays.js'].sort());
  });

  it('share one file of public holidays, which the actions that need them load from beside them', () => {
    expect(TIMEZONE_DATA.test(readFileSync(path.join(ACTIONS, 'holidays.js'), 'utf8'))).toBe(true);
    const loading = names.filter((name) =>
      readFileSync(path.join(ACTIONS, name, 'index.js'), 'utf8').includes('import("../holidays.js")'),
    );
    // Work hours (pages), shift weights (covers, publishing) and the handoff all count holidays.
    expect(loading).toEqual(expect.arrayContaining(['incident', 'tick', 'handoff', 'publish', 'cover']));
  });

  it('and the CLI never load @octokit/openapi at run time', () => {
    const files = [
      ...names.map((name) => path.join(ACTIONS, name, 'index.js')),
      path.join(ACTIONS, 'holidays.js'),
    ];
    const cli = path.join(ROOT, 'dist/cli');
    for (const entry of readdirSync(cli, { recursive: true, encoding: 'utf8' })) {
      if (entry.endsWith('.js')) files.push(path.join(cli, entry));
    }
    for (const file of files) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/@octokit\/openapi\//);
    }
  });
});

describe('the unused OIDC client plugin', () => {
  it('drops the HTTP client when only inputs and outputs are used', async () => {
    const text = await bundle(
      "import * as core from '@actions/core'; core.setOutput('x', core.getInput('y'));",
    );
    expect(text).toContain('function getInput(');
    expect(UNDICI.test(text)).toBe(false);
  }, 30_000);

  it('keeps it whole when something asks for an OIDC token', async () => {
    const text = await bundle("import * as core from '@actions/core'; await core.getIDToken('aud');");
    expect(UNDICI.test(text)).toBe(true);
  }, 30_000);
});
