/** The workflow files of a checkout: the names in `.github/workflows/`, none when there is no such folder. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export async function listWorkflowFiles(root: string): Promise<string[]> {
  try {
    const names = await readdir(path.join(root, '.github', 'workflows'));
    return names.filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
