/**
 * Symbolic links in the on-call repository. The decision (docs/files.md): a file that is, or lies
 * under, a link leading out of the repository (or nowhere) is refused with `symlink-outside` and
 * never opened, so a pull request cannot make a check read /etc/passwd or a runner's files, nor
 * make a command write through the link; a link that stays inside the repository is read.
 * Each case runs `oncall validate --json`, `oncall who --json` and `oncall schedule extend`
 * (which writes) and checks that nothing outside the repository was read into the output or
 * changed on disk.
 */
import { createHash } from 'node:crypto';
import {
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { makeRepo, removeRepos, runCli } from '../../test/helpers/repo.js';
import { type InputResult, PEOPLE, PLAYBOOK, ROTATION, SCHEDULE, validFiles } from './bad-inputs.js';
import { crashIn, Observer } from './measure.js';

export interface LinkInput {
  name: string;
  /** Makes the links in `root`; `outside` is a folder out of the repository holding valid files. */
  make: (root: string, outside: string) => void;
  /** The file whose refusal is expected, or undefined when the link must be read (inside). */
  refused?: string;
}

/** A line of /etc/passwd that must never show in any output. */
const PASSWD_LINE = /^root:[^:\n]*:0:0:/m;

/** Replaces `file` in `root` by a symbolic link to `target`. */
function link(root: string, file: string, target: string): void {
  const full = path.join(root, file);
  rmSync(full, { recursive: true, force: true });
  symlinkSync(target, full);
}

export function linkInputs(): LinkInput[] {
  return [
    {
      name: 'rotation.yaml is a link to /etc/passwd',
      make: (root) => link(root, ROTATION, '/etc/passwd'),
      refused: ROTATION,
    },
    {
      name: 'a playbook is a link to /etc/passwd',
      make: (root) => link(root, PLAYBOOK, '/etc/passwd'),
      refused: PLAYBOOK,
    },
    {
      // Valid content: refused for where it is, not for what it says.
      name: 'people.yaml is a relative link to a valid roster out of the repository',
      make: (root, outside) =>
        link(root, PEOPLE, path.relative(path.dirname(path.join(root, PEOPLE)), path.join(outside, PEOPLE))),
      refused: PEOPLE,
    },
    {
      name: 'schedule.yaml is a link to a schedule out of the repository (extend must not write it)',
      make: (root, outside) => link(root, SCHEDULE, path.join(outside, SCHEDULE)),
      refused: SCHEDULE,
    },
    {
      name: 'the rotation folder is a link to a folder out of the repository',
      make: (root, outside) => link(root, 'rotations/ops', path.join(outside, 'rotations/ops')),
      refused: ROTATION,
    },
    {
      name: 'schedule.yaml is a link to nothing',
      make: (root) => link(root, SCHEDULE, path.join(root, 'no-such-file.yaml')),
      refused: SCHEDULE,
    },
    {
      name: 'rotation.yaml is a link to itself (a loop)',
      make: (root) => link(root, ROTATION, 'rotation.yaml'),
      refused: ROTATION,
    },
    {
      name: 'schedule.yaml is a link to a file inside the repository (read)',
      make: (root) => {
        writeFileSync(path.join(root, 'shared-schedule.yaml'), validFiles()[SCHEDULE] as string);
        link(root, SCHEDULE, '../../shared-schedule.yaml');
      },
    },
  ];
}

/** Every file under `root` by content hash, and every link by its target (never followed). */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const info = lstatSync(full);
      if (info.isSymbolicLink()) files.set(path.relative(root, full), `link to ${readlinkSync(full)}`);
      else if (info.isDirectory()) walk(full);
      else
        files.set(path.relative(root, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(root);
  return files;
}

function checkUnchanged(obs: Observer, root: string, before: Map<string, string>, where: string): void {
  const after = snapshot(root);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
    (file) => before.get(file) !== after.get(file),
  );
  obs.count('rewritten', changed.length, `files changed ${where}: ${changed.join(', ')}`);
}

interface Diagnostic {
  file: string;
  rule: string;
}

export async function linkCase(input: LinkInput): Promise<InputResult> {
  const obs = new Observer(`symlink: ${input.name}`);
  const mismatch: string[] = [];
  try {
    const outside = makeRepo(validFiles());
    const root = makeRepo(validFiles());
    input.make(root, outside);
    const before = snapshot(outside);
    const rootBefore = snapshot(root);
    const runs = [
      await runCli(['validate', '--root', root, '--json']),
      await runCli(['who', '--root', root, '--json']),
      await runCli(['schedule', 'extend', '--root', root, '--until', '2027-03-22', '--json']),
    ];
    const [validate] = runs;
    for (const [index, run] of runs.entries()) {
      const label = ['validate', 'who', 'schedule extend'][index];
      const crash = crashIn(run.stdout + run.stderr);
      if (![0, 1].includes(run.code) || crash) {
        obs.count('crashes', 1, `${label}: exit ${run.code}${crash ? `, ${crash}` : ''}`);
      }
      if (PASSWD_LINE.test(run.stdout + run.stderr)) {
        obs.count('crashes', 1, `${label}: the output shows /etc/passwd: the link was followed out`);
      }
    }
    // Nothing out of the repository is written through a link.
    checkUnchanged(obs, outside, before, 'out of the repository');
    const errors = (JSON.parse(validate?.stdout ?? '{}') as { errors?: Diagnostic[] }).errors ?? [];
    if (input.refused) {
      const refused = errors.some((item) => item.file === input.refused && item.rule === 'symlink-outside');
      if (!refused) {
        mismatch.push(
          `not refused as symlink-outside: ${JSON.stringify(errors.slice(0, 2).map((e) => `${e.file} ${e.rule}`))}`,
        );
      }
      checkUnchanged(obs, root, rootBefore, 'in the repository');
    } else if (validate?.code !== 0) {
      mismatch.push(`a link inside the repository, yet: ${JSON.stringify(errors.slice(0, 2))}`);
    }
    if (!input.refused) {
      // The link inside was read: extend appended through it, to the shared file in the repository.
      const shared = readFileSync(path.join(root, 'shared-schedule.yaml'), 'utf8');
      if (shared === validFiles()[SCHEDULE])
        mismatch.push('schedule extend did not write the linked schedule');
    }
  } catch (err) {
    obs.count('crashes', 1, `threw in-process: ${(err as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
  } finally {
    removeRepos();
  }
  return { ...obs.result(), mismatch, stillValid: input.refused === undefined };
}
