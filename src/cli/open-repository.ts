/** Loading the repository for a command, and picking the rotation it is about. */
import { type LoadedRepository, loadRepository, RootNotFoundError } from '../io/load-repository.js';
import { type CommonOptions, UsageError } from './options.js';

export async function openRepository(options: CommonOptions): Promise<LoadedRepository> {
  try {
    return await loadRepository(options.root);
  } catch (err) {
    if (err instanceof RootNotFoundError) throw new UsageError(`--root: ${err.message}`);
    throw err;
  }
}

/** --rotation NAME, or the only rotation there is. */
export function chooseRotation(loaded: LoadedRepository, requested: string | undefined): string {
  const names = loaded.rotationNames;
  if (requested !== undefined) {
    if (!names.includes(requested)) {
      throw new UsageError(`unknown rotation "${requested}" (rotations: ${names.join(', ') || 'none'})`);
    }
    return requested;
  }
  if (names.length === 1) return names[0] as string;
  if (names.length === 0) throw new UsageError(`no rotation found under ${loaded.root}/rotations/`);
  throw new UsageError(`there are several rotations (${names.join(', ')}): pass --rotation NAME`);
}
