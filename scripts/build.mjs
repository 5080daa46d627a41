// Builds the committed single-file bundles in dist/. CI rebuilds and fails when they differ.
import { build } from 'esbuild';

const entries = {
  cli: 'src/cli/bin.ts',
};

await Promise.all(
  Object.entries(entries).map(([name, entry]) =>
    build({
      entryPoints: [entry],
      outfile: `dist/${name}.js`,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      minify: true,
      legalComments: 'none',
      logLevel: 'warning',
      // Some bundled CommonJS packages call require(); give the ESM bundle one.
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
    }),
  ),
);
