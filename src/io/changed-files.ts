/** Which on-call files differ between two checkouts (a pull request's base and head). */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export const ON_CALL_FOLDERS = ['rotations', 'playbooks'] as const;

export async function changedOnCallFiles(baseRoot: string, headRoot: string): Promise<string[]> {
  const files = new Set([...(await listFiles(baseRoot)), ...(await listFiles(headRoot))]);
  const changed: string[] = [];
  for (const file of [...files].sort()) {
    const [before, after] = await Promise.all([
      readFile(path.join(baseRoot, file)).catch(() => undefined),
      readFile(path.join(headRoot, file)).catch(() => undefined),
    ]);
    if (!before || !after || !before.equals(after)) changed.push(file);
  }
  return changed;
}

async function listFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const folder of ON_CALL_FOLDERS) {
    const entries = await readdir(path.join(root, folder), { recursive: true, withFileTypes: true }).catch(
      () => [],
    );
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const full = path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
      found.push(path.relative(root, full).split(path.sep).join('/'));
    }
  }
  return found;
}
