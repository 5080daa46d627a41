/**
 * Where the browser tests find Chromium, and whether a run may go without it. Shared by
 * vitest.config.ts (which leaves the browser project out when it may) and the browser test.
 * playwright-core downloads no browser: the tests drive the system's Chromium (Debian's `chromium`).
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** `CHROMIUM_PATH` when set (set empty, it names no browser), else `chromium` on the PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const named = env.CHROMIUM_PATH;
  if (named !== undefined) return named !== '' && isExecutableFile(named) ? named : null;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'chromium');
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/**
 * A missing browser fails the run in CI (which installs it) and when the browser tests were asked
 * for by name (`npm run test:browser`); anywhere else it skips them, so `npm test` passes on a
 * fresh machine.
 */
export function browserRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = (env.CI ?? '').trim().toLowerCase();
  return (ci !== '' && ci !== 'false' && ci !== '0') || env.npm_lifecycle_event === 'test:browser';
}

export const HOW_TO_GET_CHROMIUM =
  "install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary";

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
