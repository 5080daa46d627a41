/** Loading the repository for a command, and picking the rotation it is about. */
import type { Repository, RotationSource } from '../core/model/repository.js';
import { isValidZone } from '../core/time/wall-clock.js';
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

/**
 * The named rotations, every one of them, or why one cannot be used: a feed or a page that left a
 * rotation out would silently hide who is on call there, so all of them load, or none.
 */
export function everyRotation(
  loaded: LoadedRepository,
  names: readonly string[],
): { ok: true; repository: Repository; sources: RotationSource[] } | { ok: false; why: string } {
  const repository = loaded.repository;
  if (!repository)
    return { ok: false, why: 'the roster (rotations/people.yaml) has errors; run oncall validate' };
  if (names.length === 0) return { ok: false, why: `no rotation found under ${loaded.root}/rotations/` };
  const sources: RotationSource[] = [];
  for (const name of names) {
    const source = repository.rotations.find((rotation) => rotation.dir === name);
    if (!source)
      return { ok: false, why: `the files of rotation "${name}" have errors; run oncall validate` };
    if (!isValidZone(source.rotation.timezone)) {
      return { ok: false, why: `rotation "${name}" has an unknown timezone "${source.rotation.timezone}"` };
    }
    sources.push(source);
  }
  return { ok: true, repository, sources };
}
