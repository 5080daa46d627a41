/**
 * The demo's on-call repository: a copy of the example the package ships with (rotations/,
 * playbooks/, the intake forms) in a temporary directory, never the user's own files. It plays the
 * runner's checkout of the default branch: merged pull requests and edits are written into it,
 * and, when git is installed, committed with the scripted time, so the handoff can tell which
 * playbooks changed during the week.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { devNull, tmpdir } from 'node:os';
import path from 'node:path';

/** What is copied from the example repository. */
const EXAMPLE_PARTS = ['rotations', 'playbooks', path.join('.github', 'ISSUE_TEMPLATE')];

export class Checkout {
  /** Whether the checkout is a git repository (git was found and worked). */
  readonly git: boolean;
  private readonly copies: string[] = [];

  private constructor(
    /** The temporary directory that holds the checkout and its copies. */
    private readonly base: string,
    readonly root: string,
    git: boolean,
  ) {
    this.git = git;
  }

  /**
   * Copies the example into a new temporary directory, lets `prepare` adjust the copy (the
   * script's starting state), and commits it at `at` when git is available.
   */
  static create(exampleRoot: string, at: Date, prepare: (root: string) => void): Checkout {
    const base = mkdtempSync(path.join(tmpdir(), 'oncall-demo-'));
    const root = path.join(base, 'oncall');
    for (const part of EXAMPLE_PARTS) {
      const from = path.join(exampleRoot, part);
      if (!existsSync(from))
        throw new Error(`the example repository has no ${part}/ (looked in ${exampleRoot})`);
      cpSync(from, path.join(root, part), { recursive: true });
    }
    prepare(root);
    const git = initGit(root, at);
    return new Checkout(base, root, git);
  }

  read(file: string): string {
    return readFileSync(path.join(this.root, file), 'utf8');
  }

  /** Writes files into the checkout and commits them (authored by `author` at `at`) when it is a git repository. */
  write(files: Record<string, string>, commit: { message: string; author: string; at: Date }): void {
    for (const [file, text] of Object.entries(files)) {
      const target = path.join(this.root, file);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    if (!this.git) return;
    git(this.root, ['add', '--', ...Object.keys(files)], commit.at, commit.author);
    git(this.root, ['commit', '--quiet', '-m', commit.message], commit.at, commit.author);
  }

  /** A second checkout with some files changed (a pull request's head), removed by `dispose()`. */
  copyWith(name: string, files: Record<string, string>): string {
    const dir = path.join(this.base, name);
    cpSync(this.root, dir, { recursive: true, filter: (source) => path.basename(source) !== '.git' });
    for (const [file, text] of Object.entries(files)) writeFileSync(path.join(dir, file), text);
    this.copies.push(dir);
    return dir;
  }

  /** Removes the checkout and every copy. */
  dispose(): void {
    rmSync(this.base, { recursive: true, force: true });
  }
}

/** A fresh repository holding the checkout as one commit; false when git is missing or fails. */
function initGit(root: string, at: Date): boolean {
  try {
    git(root, ['init', '--quiet'], at, 'oncall-demo');
    git(root, ['add', '--all'], at, 'oncall-demo');
    git(root, ['commit', '--quiet', '-m', 'The on-call repository as the demo starts'], at, 'oncall-demo');
    return true;
  } catch {
    rmSync(path.join(root, '.git'), { recursive: true, force: true });
    return false;
  }
}

/** git in the checkout, with the scripted time and author and none of the user's configuration. */
function git(root: string, args: string[], at: Date, author: string): void {
  const when = at.toISOString();
  execFileSync(
    'git',
    [
      '-C',
      root,
      '-c',
      'init.defaultBranch=main',
      '-c',
      'commit.gpgsign=false',
      '-c',
      `core.hooksPath=${devNull}`,
      '-c',
      `user.name=${author}`,
      '-c',
      `user.email=${author}@users.noreply.github.com`,
      ...args,
    ],
    {
      stdio: 'ignore',
      timeout: 10_000,
      env: {
        PATH: process.env.PATH ?? '',
        ...(process.env.SYSTEMROOT ? { SYSTEMROOT: process.env.SYSTEMROOT } : {}),
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: devNull,
        GIT_AUTHOR_DATE: when,
        GIT_COMMITTER_DATE: when,
      },
    },
  );
}
