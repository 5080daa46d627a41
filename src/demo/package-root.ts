/**
 * Where this package is installed: the demo needs its committed action bundles (dist/actions/) and
 * the example on-call repository it ships with (rotations/, playbooks/, .github/ISSUE_TEMPLATE/),
 * whether it runs from the bundle in dist/cli/ or from src/ under the tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'oncall-as-code';

/** The directory holding this package's package.json, found upwards from this module. */
export function packageRoot(from: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(from));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME)
          return dir;
      } catch {
        // Not ours (or unreadable): keep looking upwards.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir)
      throw new Error(`cannot find the ${PACKAGE_NAME} package around ${fileURLToPath(from)}`);
    dir = parent;
  }
}

/** The committed single-file bundle of an Action. */
export function actionBundle(root: string, action: string): string {
  return path.join(root, 'dist', 'actions', action, 'index.js');
}
