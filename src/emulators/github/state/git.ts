/**
 * The emulator's file trees: blob and tree shas computed as git computes them, files read from a
 * directory on disk, and the file list of a change between two trees (what "Files changed" shows).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { GitFile, PullFileRecord } from './records.js';

/** Files given to seed a tree: path → text or bytes. */
export type FileMap = Record<string, string | Uint8Array>;

/** git's blob sha: sha1("blob <size>\0<content>"). */
export function blobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

export function gitFile(content: string | Uint8Array): GitFile {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  return { sha: blobSha(bytes), content: bytes };
}

/** A stable sha for a set of files (git's nested trees are flattened: paths and blob shas). */
export function treeSha(files: ReadonlyMap<string, GitFile>): string {
  const hash = createHash('sha1');
  for (const name of [...files.keys()].sort()) hash.update(`${name}\0${files.get(name)?.sha}\n`);
  return hash.digest('hex');
}

/** A path as the contents API takes it: no leading, trailing or doubled slashes. */
export function normalizePath(file: string): string {
  return file.split('/').filter(Boolean).join('/');
}

export function toFiles(map: FileMap): Map<string, GitFile> {
  const files = new Map<string, GitFile>();
  for (const [name, content] of Object.entries(map)) files.set(normalizePath(name), gitFile(content));
  return files;
}

/** Every file under `dir` (`.git` and `node_modules` left out), by path relative to it. */
export function readFileTree(dir: string): FileMap {
  const files: FileMap = {};
  const walk = (relative: string): void => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) files[child] = readFileSync(path.join(dir, child));
    }
  };
  walk('');
  return files;
}

/** The files that differ from `base` to `head`, by path, as a pull request lists them. */
export function diffTrees(
  base: ReadonlyMap<string, GitFile>,
  head: ReadonlyMap<string, GitFile>,
): PullFileRecord[] {
  const names = [...new Set([...base.keys(), ...head.keys()])].sort();
  const files: PullFileRecord[] = [];
  for (const filename of names) {
    const before = base.get(filename);
    const after = head.get(filename);
    if (before && after && before.sha === after.sha) continue;
    const diff = lineDiff(before?.content, after?.content);
    files.push({
      filename,
      status: !before ? 'added' : !after ? 'removed' : 'modified',
      additions: diff.additions,
      deletions: diff.deletions,
      ...(diff.patch !== undefined && { patch: diff.patch }),
    });
  }
  return files;
}

const CONTEXT = 3;

/**
 * A one-hunk unified diff: the lines between the common prefix and the common suffix are the
 * change. Exact for the edits a bot makes (lines appended or replaced in one place); a change in
 * two distant places shows as one larger hunk. Binary files get no patch.
 */
function lineDiff(
  before: Buffer | undefined,
  after: Buffer | undefined,
): { additions: number; deletions: number; patch?: string } {
  if (before?.includes(0) || after?.includes(0)) {
    return { additions: 0, deletions: 0 };
  }
  const old = splitLines(before);
  const now = splitLines(after);
  let prefix = 0;
  while (prefix < old.length && prefix < now.length && old[prefix] === now[prefix]) prefix += 1;
  let suffix = 0;
  while (
    suffix < old.length - prefix &&
    suffix < now.length - prefix &&
    old[old.length - 1 - suffix] === now[now.length - 1 - suffix]
  ) {
    suffix += 1;
  }
  const removed = old.slice(prefix, old.length - suffix);
  const added = now.slice(prefix, now.length - suffix);
  if (removed.length === 0 && added.length === 0) return { additions: 0, deletions: 0 };
  const from = Math.max(0, prefix - CONTEXT);
  const leading = old.slice(from, prefix);
  const trailing = old.slice(old.length - suffix, Math.min(old.length, old.length - suffix + CONTEXT));
  const oldCount = leading.length + removed.length + trailing.length;
  const newCount = leading.length + added.length + trailing.length;
  const start = (count: number) => (count === 0 ? from : from + 1);
  const lines = [
    `@@ -${start(oldCount)},${oldCount} +${start(newCount)},${newCount} @@`,
    ...leading.map((line) => ` ${line}`),
    ...removed.map((line) => `-${line}`),
    ...added.map((line) => `+${line}`),
    ...trailing.map((line) => ` ${line}`),
  ];
  return { additions: added.length, deletions: removed.length, patch: lines.join('\n') };
}

function splitLines(content: Buffer | undefined): string[] {
  if (!content || content.length === 0) return [];
  const text = content.toString('utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
