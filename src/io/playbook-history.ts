/**
 * Which playbooks changed in a time window, from `git log` in the checkout. The history may be
 * missing (no git, not a repository, a shallow clone that starts after the window): then the
 * answer is "unknown" with the reason, never an empty list, which would read as "none changed".
 */
import { execFile } from 'node:child_process';

export type PlaybookHistory = { known: true; files: string[] } | { known: false; why: string };

export async function playbooksChangedBetween(
  root: string,
  since: Date,
  until: Date,
  folder = 'playbooks/',
): Promise<PlaybookHistory> {
  const git = (args: string[]) => run('git', ['-C', root, ...args]);
  try {
    const inside = await git(['rev-parse', '--is-inside-work-tree']);
    if (inside.trim() !== 'true') return { known: false, why: `${root} is not a git checkout` };
    const shallow = (await git(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
    if (shallow) {
      // The oldest commit fetched must be older than the window, or part of the week is missing.
      const dates = (await git(['log', '--format=%cI'])).trim().split('\n').filter(Boolean);
      const oldest = dates.at(-1);
      if (!oldest || Date.parse(oldest) > since.getTime()) {
        return {
          known: false,
          why: 'the checkout is shallow and does not reach back to the start of the week (check out with fetch-depth: 0)',
        };
      }
    }
    const out = await git([
      'log',
      `--since=${since.toISOString()}`,
      `--until=${until.toISOString()}`,
      '--name-only',
      '--format=',
      '--',
      folder,
    ]);
    const files = [
      ...new Set(
        out
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      ),
    ].sort();
    return { known: true, files };
  } catch (err) {
    return { known: false, why: `git log could not be read (${(err as Error).message.split('\n')[0]})` };
  }
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024, timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${command} ${args.slice(2, 4).join(' ')}: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}
