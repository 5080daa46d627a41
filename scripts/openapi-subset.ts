/**
 * Writes (or with --check, verifies) the part of GitHub's OpenAPI description the emulator serves:
 * src/emulators/github/openapi/github-subset.json, cut from the pinned @octokit/openapi (a
 * devDependency) for the operations the emulator's handlers route. Run it after adding a handler
 * or upgrading @octokit/openapi:
 *
 *   npm run openapi:subset            # rewrite the committed file
 *   npm run openapi:subset -- --check # exit 1 when it differs from what the package gives
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { handlers } from '../src/emulators/github/handlers/index.js';
import { extractSubset } from '../src/emulators/github/openapi/extract.js';

export const SUBSET_FILE = fileURLToPath(
  new URL('../src/emulators/github/openapi/github-subset.json', import.meta.url),
);
const PACKAGE = '@octokit/openapi';
const FILE = 'generated/api.github.com.json';

/** The whole description in the pinned package (13 MB of JSON), and the package's version. */
export function readPackageDescription(): { description: Record<string, unknown>; version: string } {
  const require = createRequire(import.meta.url);
  const { version } = require(`${PACKAGE}/package.json`) as { version: string };
  const description = JSON.parse(readFileSync(require.resolve(`${PACKAGE}/${FILE}`), 'utf8'));
  return { description, version };
}

/** The subset as the pinned package gives it, as the text committed. */
export function subsetText(
  { description, version } = readPackageDescription(),
  operationIds: Iterable<string> = Object.keys(handlers),
): string {
  const subset = extractSubset(description, operationIds, { package: PACKAGE, version, file: FILE });
  return `${JSON.stringify(subset, null, 1)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = subsetText();
  if (process.argv.includes('--check')) {
    if (readFileSync(SUBSET_FILE, 'utf8') !== text) {
      console.error(`${SUBSET_FILE} differs from ${PACKAGE}: run \`npm run openapi:subset\` and commit it`);
      process.exit(1);
    }
    console.log(`${SUBSET_FILE} matches ${PACKAGE}`);
  } else {
    writeFileSync(SUBSET_FILE, text);
    console.log(`wrote ${SUBSET_FILE} (${Buffer.byteLength(text)} bytes)`);
  }
}
