/**
 * A lock around creating something that must exist once (the status issue, a handoff issue),
 * for runs that may overlap: a scheduled run and one started by hand, or a runner retrying a job.
 * Looking first and then creating leaves a window in which two runs both find nothing; the lock
 * closes it with the one write GitHub refuses to do twice: creating a label of a given name (a
 * second create answers 422). The label lives only while the creator works and is deleted after.
 *
 * A run that died holding the lock leaves its label: its description says since when, and after
 * `staleMinutes` another run removes it and takes the lock. A create that failed with a 5xx may
 * still have made the label: the description carries the run's nonce, so the run recognises its
 * own label and goes on. Labels need only the issues permission every job already has.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { GitHub } from './client.js';
import { NO_RETRY } from './client.js';

export interface LockRepoRef {
  owner: string;
  repo: string;
}

export const LOCK_LABEL_PREFIX = 'oncall-lock:';
const DESCRIPTION = /^oncall-as-code is creating this since (\S+) \(run ([\w-]+)\)$/;

/**
 * A lock key that fits a label name (50 characters with the prefix): kept as it is when it fits,
 * else its kind (the part before the first colon) and a hash of the whole, so two long keys never
 * share a lock by being cut at the same place.
 */
export function fittingLockKey(key: string): string {
  if (`${LOCK_LABEL_PREFIX}${key}`.length <= 50) return key;
  const kind = key.split(':')[0] ?? 'lock';
  return `${kind.slice(0, 12)}:${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
}

export type LockResult<T> = { held: true; value: T } | { held: false; since: string };

/**
 * Runs `create` holding the lock named `key`; `{held: false}` when another run holds it (the
 * caller finds the other run's result on its next look, or leaves the work to the next run).
 */
export async function withCreationLock<T>(
  github: GitHub,
  ref: LockRepoRef,
  key: string,
  now: Date,
  create: () => Promise<T>,
  staleMinutes = 10,
): Promise<LockResult<T>> {
  // Only the repository goes into the requests, whatever else the caller's ref carries.
  const repo = { owner: ref.owner, repo: ref.repo };
  const name = `${LOCK_LABEL_PREFIX}${fittingLockKey(key)}`;
  const nonce = randomUUID();
  const description = `oncall-as-code is creating this since ${now.toISOString()} (run ${nonce})`;
  const taken = await acquire(github, repo, name, description, nonce, now, staleMinutes);
  if (!taken.held) return taken;
  try {
    return { held: true, value: await create() };
  } finally {
    await github.rest.issues.deleteLabel({ ...repo, name }).catch(() => {
      // Left behind, it goes stale and the next creator removes it.
    });
  }
}

async function acquire(
  github: GitHub,
  ref: LockRepoRef,
  name: string,
  description: string,
  nonce: string,
  now: Date,
  staleMinutes: number,
): Promise<{ held: true } | { held: false; since: string }> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await github.rest.issues.createLabel({ ...ref, name, color: 'ededed', description, ...NO_RETRY });
      return { held: true };
    } catch (err) {
      const status = (err as { status?: number }).status ?? 0;
      if (status !== 422 && status !== 0 && status < 500) throw err;
    }
    // Refused, or unknown after a server error: whose label is it?
    let found: { description?: string | null } | undefined;
    try {
      found = (await github.rest.issues.getLabel({ ...ref, name })).data;
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
      continue; // released meanwhile: try again
    }
    const match = DESCRIPTION.exec(found.description ?? '');
    if (match?.[2] === nonce) return { held: true };
    const since = match?.[1] ?? '';
    const age = (now.getTime() - Date.parse(since)) / 60_000;
    if (Number.isFinite(age) && age < staleMinutes) return { held: false, since };
    // Stale (or not ours to read): its holder died. Remove it and try again.
    await github.rest.issues.deleteLabel({ ...ref, name }).catch((err: { status?: number }) => {
      if (err.status !== 404) throw err;
    });
  }
  return { held: false, since: '' };
}

/**
 * Runs `work` holding the lock named `key`, waiting for it while another run holds it (polling,
 * a quarter second at first, then up to two seconds apart) until `until` (epoch ms, the real
 * clock): for work that must not be skipped, only serialised, such as writing an incident's
 * record. Throws when the lock is still held at `until`.
 */
export async function withLockWaiting<T>(
  github: GitHub,
  ref: LockRepoRef,
  key: string,
  now: Date,
  work: () => Promise<T>,
  options: { until: number; staleMinutes: number; clock?: () => number },
): Promise<T> {
  const clock = options.clock ?? Date.now;
  let pause = 250;
  for (;;) {
    const locked = await withCreationLock(github, ref, key, now, work, options.staleMinutes);
    if (locked.held) return locked.value;
    if (clock() + pause > options.until) {
      throw new Error(`another run has held the lock ${key} since ${locked.since}; this run's time is up`);
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(2_000, pause * 2);
  }
}
