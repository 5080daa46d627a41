/**
 * Whether the browser tests run: a fresh machine without Chromium skips them, CI and
 * `npm run test:browser` never do, and a path that is no browser counts as none.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserRequired, findChromium } from './chromium.js';

let dir: string;
let bin: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'oncall-chromium-'));
  bin = path.join(dir, 'bin');
  mkdirSync(path.join(bin, 'chromium-dir', 'chromium'), { recursive: true });
  writeFileSync(path.join(bin, 'chromium'), '#!/bin/sh\n');
  chmodSync(path.join(bin, 'chromium'), 0o755);
  writeFileSync(path.join(dir, 'not-executable'), '#!/bin/sh\n');
  chmodSync(path.join(dir, 'not-executable'), 0o644);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('findChromium', () => {
  it('takes CHROMIUM_PATH when it names an executable file', () => {
    const file = path.join(bin, 'chromium');
    expect(findChromium({ CHROMIUM_PATH: file, PATH: '' })).toBe(file);
  });

  it('finds no browser when CHROMIUM_PATH is empty, missing, a folder or not executable, even with one on the PATH', () => {
    for (const named of ['', path.join(dir, 'nothing'), bin, path.join(dir, 'not-executable')]) {
      expect(findChromium({ CHROMIUM_PATH: named, PATH: bin }), named).toBeNull();
    }
  });

  it('looks for chromium on the PATH, skipping empty entries and a folder named chromium', () => {
    const folders = ['', path.join(bin, 'chromium-dir'), path.join(dir, 'nothing'), bin].join(path.delimiter);
    expect(findChromium({ PATH: folders })).toBe(path.join(bin, 'chromium'));
    expect(findChromium({ PATH: path.join(bin, 'chromium-dir') })).toBeNull();
    expect(findChromium({})).toBeNull();
  });
});

describe('browserRequired', () => {
  it.each([
    [{ CI: 'true' }, true],
    [{ CI: '1' }, true],
    [{ CI: 'TRUE ' }, true],
    [{ CI: 'false' }, false],
    [{ CI: 'False' }, false],
    [{ CI: '0' }, false],
    [{ CI: '' }, false],
    [{}, false],
    [{ npm_lifecycle_event: 'test:browser' }, true],
    [{ npm_lifecycle_event: 'test' }, false],
  ])('%j → %s', (env, required) => {
    expect(browserRequired(env)).toBe(required);
  });
});
