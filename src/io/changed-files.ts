/**
 * Which files differ between two checkouts (a pull request's base and head): every file of the
 * tree, not only the on-call folders, since a change to the machinery must be seen too. Git's own
 * folder and installed packages are not part of the change.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

const SKIPPED = new Set(['.git', 'node_modules']);

export async function changedFiles(baseRoot: string, headRoot: string): Promise<string[]> {
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

/** The first CODEOWNERS GitHub would read: .github/, the root, then docs/. */
export async function readCodeOwners(root: string): Promise<string | undefined> {
  for (const file of ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS']) {
    const text = await readFile(path.join(root, file), 'utf8').catch(() => undefined);
    if (text !== undefined) return text;
  }
  return undefined;
}

async function listFiles(root: string, folder = ''): Promise<string[]> {
  const entries = await readdir(path.join(root, folder), { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    const relative = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) found.push(...(await listFiles(root, relative)));
    } else if (entry.isFile() || entry.isSymbolicLink()) found.push(relative);
  }
  return found;
}
