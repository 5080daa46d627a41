// Builds the committed bundles in dist/. CI rebuilds and fails when they differ.
// The CLI is split so that large, rarely needed data (public holidays) loads only when used;
// each GitHub Action (added later) is one self-contained file.
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
// One self-contained file per GitHub Action, so a run needs no npm ci.
const actions = ['validate-pr', 'incident', 'tick', 'handoff', 'publish', 'cover', 'notify-changes'];
rmSync('dist/actions', { recursive: true, force: true });
await Promise.all(
  actions.map((name) =>
    build({
      ...shared,
      entryPoints: [`src/actions/${name}/index.ts`],
      outfile: `dist/actions/${name}/index.js`,
    }),
  ),
);

await build({
  ...shared,
  entryPoints: { oncall: 'src/cli/bin.ts' },
  outdir: 'dist/cli',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
