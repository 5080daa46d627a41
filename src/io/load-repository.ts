/**
 * Reads an on-call repository from disk: rotations/people.yaml, rotations/NAME/{rotation,schedule}.yaml
 * and playbooks/*.md. Syntax and schema problems come back as positioned diagnostics; what passed
 * comes back as a typed Repository. Nothing here decides policy.
 */
import { isUtf8 } from 'node:buffer';
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic, Finding } from '../core/diagnostics/finding.js';
import { checkSchema, type SchemaName } from '../core/model/check-schema.js';
import type { PlaybookSource, Repository, RotationSource } from '../core/model/repository.js';
import type { PeopleFile, PlaybookFrontMatter, RotationFile, ScheduleFile } from '../core/model/schemas.js';
import { parseMarkdownPlaybook } from './markdown-playbook.js';
import { MAX_YAML_BYTES, parseYaml, type YamlSource } from './yaml-source.js';

export const PEOPLE_FILE = 'rotations/people.yaml';

export interface LoadedRepository {
  root: string;
  /** Every file that parsed; rotations and playbooks with syntax or schema errors are left out. */
  repository?: Repository;
  /** Rotation names found on disk, whether or not they loaded. */
  rotationNames: string[];
  diagnostics: Diagnostic[];
  /** Turns core findings into positioned diagnostics. */
  resolve(findings: readonly Finding[]): Diagnostic[];
}

export class RootNotFoundError extends Error {}

/**
 * `overlay` (path → text) stands in for files on disk: a job that edits a file in memory (a cover,
 * a publication) checks the edited repository without copying it anywhere.
 */
export async function loadRepository(
  root: string,
  overlay: ReadonlyMap<string, string> = new Map(),
): Promise<LoadedRepository> {
  const rootStat = await stat(root).catch(() => undefined);
  if (!rootStat?.isDirectory()) throw new RootNotFoundError(`no such directory: ${root}`);

  const sources = new Map<string, YamlSource>();
  const diagnostics: Diagnostic[] = [];

  // Every file is read only where it really is inside the repository (symbolic links resolved).
  const realRoot = await realpath(root);
  const readYaml = async (file: string, schema: SchemaName): Promise<unknown> => {
    const text = overlay.get(file) ?? (await readText(root, file, diagnostics, realRoot));
    if (text === undefined) return undefined;
    const parsed = parseYaml(file, text);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.source) return undefined;
    sources.set(file, parsed.source);
    const problems = checkSchema(schema, file, parsed.source.data);
    diagnostics.push(...resolveFindings(problems, sources));
    return problems.length === 0 ? parsed.source.data : undefined;
  };

  const people = (await readYaml(PEOPLE_FILE, 'people')) as PeopleFile | undefined;

  const rotationNames = await listRotations(root);
  if (rotationNames.length === 0) {
    diagnostics.push(at('rotations', 'missing-file', 'no rotation found: add rotations/NAME/rotation.yaml'));
  }
  const rotations: RotationSource[] = [];
  for (const dir of rotationNames) {
    const rotationFile = `rotations/${dir}/rotation.yaml`;
    const scheduleFile = `rotations/${dir}/schedule.yaml`;
    const rotation = (await readYaml(rotationFile, 'rotation')) as RotationFile | undefined;
    const schedule = (await readYaml(scheduleFile, 'schedule')) as ScheduleFile | undefined;
    if (rotation && schedule) rotations.push({ dir, rotationFile, scheduleFile, rotation, schedule });
  }

  const playbooks: PlaybookSource[] = [];
  for (const file of await listPlaybooks(root)) {
    const text = overlay.get(file) ?? (await readText(root, file, diagnostics, realRoot));
    if (text === undefined) continue;
    const parsed = parseMarkdownPlaybook(file, text);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.frontMatter) continue;
    sources.set(file, parsed.frontMatter);
    const problems = checkSchema('playbook', file, parsed.frontMatter.data);
    diagnostics.push(...resolveFindings(problems, sources));
    if (problems.length === 0) {
      playbooks.push({
        file,
        frontMatter: parsed.frontMatter.data as PlaybookFrontMatter,
        sections: parsed.sections,
      });
    }
  }

  return {
    root,
    repository: people ? { peopleFile: PEOPLE_FILE, people, rotations, playbooks } : undefined,
    rotationNames,
    diagnostics,
    resolve: (findings) => resolveFindings(findings, sources),
  };
}

function resolveFindings(
  findings: readonly Finding[],
  sources: ReadonlyMap<string, YamlSource>,
): Diagnostic[] {
  return findings.map(({ rule, severity, message, at: where }) => {
    const position =
      where.line !== undefined
        ? { line: where.line, column: where.column ?? 1 }
        : (sources.get(where.file)?.locate(where) ?? { line: 1, column: 1 });
    return { file: where.file, ...position, rule, message, severity };
  });
}

function at(file: string, rule: string, message: string): Diagnostic {
  return { file, line: 1, column: 1, rule, message, severity: 'error' };
}

/**
 * A file's text, or undefined with a diagnostic. With `confine` (the repository's real path), a
 * file that is, or lies under, a symbolic link leading outside the repository (or nowhere) is
 * refused and never opened: a pull request must not make a check read /etc/passwd or a runner's
 * secrets into its annotations. A link that stays inside the repository is read.
 */
async function readText(
  root: string,
  file: string,
  diagnostics: Diagnostic[],
  confine?: string,
): Promise<string | undefined> {
  let full = path.join(root, file);
  if (confine !== undefined) {
    const real = await realpath(full).catch(() => undefined);
    if (real === undefined && (await lstat(full).catch(() => undefined))?.isSymbolicLink()) {
      diagnostics.push(at(file, 'symlink-outside', `${file} is a symbolic link to nothing: it is not read`));
      return undefined;
    }
    if (real !== undefined) {
      if (!real.startsWith(`${confine}${path.sep}`)) {
        diagnostics.push(
          at(file, 'symlink-outside', `${file} is a symbolic link out of the repository: it is not read`),
        );
        return undefined;
      }
      full = real;
    }
  }
  const info = await stat(full).catch(() => undefined);
  if (!info?.isFile()) {
    diagnostics.push(at(file, 'missing-file', `${file} is missing`));
    return undefined;
  }
  // Refuse before reading: a huge file should cost nothing.
  if (info.size > MAX_YAML_BYTES) {
    diagnostics.push(at(file, 'file-too-large', `file is larger than ${MAX_YAML_BYTES / 1024 / 1024} MiB`));
    return undefined;
  }
  const bytes = await readFile(full);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  // A literal U+FFFD is fine; only bytes the decoder had to replace make the file not UTF-8.
  const invalid = isUtf8(bytes) ? -1 : text.indexOf('\uFFFD');
  const bad = invalid >= 0 ? invalid : text.indexOf('\u0000');
  if (bad >= 0) {
    const before = text.slice(0, bad);
    diagnostics.push({
      ...at(
        file,
        'encoding',
        invalid >= 0 ? 'file is not UTF-8 text' : 'file holds a NUL byte: it is not text',
      ),
      line: (before.match(/\n/g)?.length ?? 0) + 1,
      column: bad - before.lastIndexOf('\n'),
    });
    return undefined;
  }
  return text.replace(/^\uFEFF/, '');
}

async function listRotations(root: string): Promise<string[]> {
  const entries = await readdir(path.join(root, 'rotations'), { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const entry of entries) {
    // A linked rotation folder is listed too: its files are then read only if inside the repository.
    if (!entry.isDirectory() && !entry.isSymbolicLink()) continue;
    // lstat: a rotation.yaml that is a broken link is listed, then refused with its reason.
    const info = await lstat(path.join(root, 'rotations', entry.name, 'rotation.yaml')).catch(
      () => undefined,
    );
    if (info) names.push(entry.name);
  }
  return names.sort();
}

async function listPlaybooks(root: string): Promise<string[]> {
  const entries = await readdir(path.join(root, 'playbooks'), { withFileTypes: true }).catch(() => []);
  return entries
    .filter(
      // A linked playbook is listed too (not silently skipped): readText decides whether it is read.
      (entry) =>
        (entry.isFile() || entry.isSymbolicLink()) &&
        entry.name.endsWith('.md') &&
        entry.name.toLowerCase() !== 'readme.md',
    )
    .map((entry) => `playbooks/${entry.name}`)
    .sort();
}

export interface LoadedYamlFile {
  data?: unknown;
  diagnostics: Diagnostic[];
  resolve(findings: readonly Finding[]): Diagnostic[];
}

/**
 * One YAML file from anywhere (a pull request's base or head schedule), checked against a schema.
 * Diagnostics and resolved findings are labelled `label` (its path in the repository).
 */
export async function loadYamlFile(
  fullPath: string,
  label: string,
  schema: SchemaName,
): Promise<LoadedYamlFile> {
  const diagnostics: Diagnostic[] = [];
  const text = await readText(path.dirname(fullPath), path.basename(fullPath), diagnostics);
  const relabel = (items: Diagnostic[]) => items.map((item) => ({ ...item, file: label }));
  const sources = new Map<string, YamlSource>();
  const resolve = (findings: readonly Finding[]) => resolveFindings(findings, sources);
  if (text === undefined) return { diagnostics: relabel(diagnostics), resolve };
  const parsed = parseYaml(label, text);
  if (!parsed.source) return { diagnostics: relabel(parsed.diagnostics), resolve };
  sources.set(label, parsed.source);
  const problems = checkSchema(schema, label, parsed.source.data);
  return {
    data: problems.length === 0 ? parsed.source.data : undefined,
    diagnostics: resolveFindings(problems, sources),
    resolve,
  };
}
