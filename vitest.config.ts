import { configDefaults, defineConfig } from 'vitest/config';
import { browserRequired, findChromium, HOW_TO_GET_CHROMIUM } from './test/site/chromium.js';

// Two projects: `node` (every test but the browser's) and `browser` (the status page in headless
// Chromium, `npm run test:browser`). Without Chromium, `npm test` leaves the browser project out
// and says so in one line at the end, so the suite passes on a fresh machine; in CI (CI=true) and
// under `npm run test:browser` the project stays in and a missing browser fails the run.
const BROWSER_TESTS = 'test/**/*.browser.test.ts';
const skipBrowser = findChromium() === null && !browserRequired();

export default defineConfig({
  test: {
    // Two cores here and in CI: keep the pool small and the suite deterministic.
    pool: 'forks',
    maxWorkers: 2,
    // An end-to-end scenario runs a dozen bundle processes in a row, each taking its pages' locks
    // (about 16 s on an idle 2-core machine): a minute leaves room for a busy one, and a hang
    // still fails.
    testTimeout: 60_000,
    // Every test file: no connection may leave loopback.
    setupFiles: ['test/setup/loopback-only.ts'],
    reporters: skipBrowser
      ? [
          'default',
          {
            onTestRunEnd() {
              console.log(
                `Browser tests skipped: no Chromium found; ${HOW_TO_GET_CHROMIUM}, then run them with \`npm run test:browser\`.`,
              );
            },
          },
        ]
      : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, BROWSER_TESTS],
        },
      },
      ...(skipBrowser
        ? []
        : [{ extends: true as const, test: { name: 'browser', include: [BROWSER_TESTS] } }]),
    ],
  },
});
