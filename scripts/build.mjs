// Builds the committed bundles in dist/. CI rebuilds and fails when they differ.
// The CLI is split so that large, rarely needed data (public holidays) loads only when used;
// each GitHub Action is one file, beside one file of public holidays they share.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { unusedOidcClient } from './unused-oidc-client.mjs';

// The schema validators are compiled ahead of time (ajv standalone code) and take the place of
// the module that compiles them at first use, so no run pays for compiling schemas.
const validators = path.resolve('.build/schema-validators.js');
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/precompile-schemas.ts', validators], {
  stdio: 'inherit',
});
const precompiledSchemas = {
  name: 'precompiled-schemas',
  setup(builder) {
    builder.onResolve({ filter: /\/schema-validators\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}src${path.sep}`) ? { path: validators } : undefined,
    );
  },
};

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [precompiledSchemas, unusedOidcClient],
  // Some bundled CommonJS packages call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
};

rmSync('dist/cli', { recursive: true, force: true });
rmSync('dist/cli.js', { force: true });
// One file per GitHub Action, so a run needs no npm ci. The public-holidays data (date-holidays with
// moment-timezone and astronomia, about 1.4 MB) is one more file the actions share, loaded only for
// a rotation with `holidays:` (src/io/holidays.ts imports it lazily): a released action is used
// from the whole repository at its tag, so dist/actions/holidays.js is always beside the bundles.
const actions = ['validate-pr', 'incident', 'tick', 'handoff', 'publish', 'cover', 'notify-changes'];
rmSync('dist/actions', { recursive: true, force: true });
const sharedHolidays = {
  name: 'shared-holidays',
  setup(builder) {
    builder.onResolve({ filter: /^date-holidays$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: '../holidays.js', external: true } : undefined,
    );
  },
};
await Promise.all([
  ...actions.map((name) =>
    build({
      ...shared,
      plugins: [...shared.plugins, sharedHolidays],
      entryPoints: [`src/actions/${name}/index.ts`],
      outfile: `dist/actions/${name}/index.js`,
    }),
  ),
  build({
    ...shared,
    stdin: {
      contents: "export { default } from 'date-holidays';",
      resolveDir: '.',
      sourcefile: 'holidays.js',
    },
    outfile: 'dist/actions/holidays.js',
  }),
]);

await build({
  ...shared,
  entryPoints: { oncall: 'src/cli/bin.ts' },
  outdir: 'dist/cli',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
