/**
 * Reads YAML the safe way and keeps positions. YAML 1.2 core schema (so `no` stays a string and
 * `12:30` is not a number), duplicate keys rejected, aliases limited, prototype keys refused.
 * Every problem comes back as a positioned diagnostic instead of a thrown error.
 *
 * Two parsers, for speed: a clean file (the usual case) is read by js-yaml, several times faster
 * on a large roster; the `yaml` package, which keeps every node's position, reads it only when a
 * position is asked for. A file that js-yaml refuses, or that has anchors, aliases or tags, goes
 * straight to `yaml`, whose positioned diagnostics are the ones reported.
 */
import { CORE_SCHEMA, load as fastLoad } from 'js-yaml';
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  visit,
  type YAMLError,
} from 'yaml';
import type { DataPath, Diagnostic, Location } from '../core/diagnostics/finding.js';

/** A roster of thousands is far below this; a file over it is a mistake or an attack. */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;
/** Anchors are handy once or twice; many aliases mean a billion-laughs expansion. */
export const MAX_ALIASES = 20;
/**
 * Our files nest a few levels; a deeply nested file is an attack on the parser's stack. Counted
 * in collections (maps and sequences): 100 may nest, the 101st is refused.
 */
export const MAX_DEPTH = 100;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Characters outside YAML's printable set: C0 controls but tab, LF and CR; DEL; C1 but NEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const NON_PRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]/;

export interface YamlSource {
  file: string;
  data: unknown;
  locate(at: Pick<Location, 'path' | 'key'>): { line: number; column: number };
}

export interface ParsedYaml {
  source?: YamlSource;
  diagnostics: Diagnostic[];
}

export function parseYaml(file: string, text: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  const problem = (rule: string, message: string, offset: number): Diagnostic => ({
    file,
    ...position(offset),
    rule,
    message,
    severity: 'error',
  });

  if (Buffer.byteLength(text) > MAX_YAML_BYTES) {
    return {
      diagnostics: [
        {
          file,
          line: 1,
          column: 1,
          rule: 'file-too-large',
          message: `file is larger than ${MAX_YAML_BYTES / 1024 / 1024} MiB`,
          severity: 'error',
        },
      ],
    };
  }

  // YAML allows only printable characters (YAML 1.2, 5.1); the parser would keep a raw BEL or
  // ESC inside a scalar. An escape in a double-quoted string ("\a", "\e") is still fine.
  const control = NON_PRINTABLE.exec(text);
  if (control) {
    const code = control[0].codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0');
    // Nothing is parsed yet, so the line counter is empty: count the lines before it here.
    const before = text.slice(0, control.index);
    return {
      diagnostics: [
        {
          file,
          line: (before.match(/\n/g)?.length ?? 0) + 1 + lineOffset,
          column: control.index - before.lastIndexOf('\n'),
          rule: 'yaml-syntax',
          message: `control character U+${code} is not allowed in YAML; write it as an escape in a double-quoted string`,
          severity: 'error',
        },
      ],
    };
  }

  const fast = tryFastPath(text);
  const tooDeep = (line: number, column: number): ParsedYaml => ({
    diagnostics: [
      {
        file,
        line,
        column,
        rule: 'yaml-syntax',
        message: `nesting is deeper than ${MAX_DEPTH} levels`,
        severity: 'error',
      },
    ],
  });
  if (fast && 'tooDeep' in fast) {
    // The full parser would recurse as deep as the file and run out of stack: refuse it here.
    return tooDeep(fast.tooDeep.line + 1 + lineOffset, fast.tooDeep.column + 1);
  }
  if (fast && 'tooDeepAt' in fast) {
    // A few levels over the limit: the full parser is safe at this depth and finds the place.
    const doc = parseDocument(text, { version: '1.2', schema: 'core', lineCounter });
    const at = position(offsetOf(doc, fast.tooDeepAt, false));
    return tooDeep(at.line, at.column);
  }
  if (fast) {
    let located: ((at: Pick<Location, 'path' | 'key'>) => { line: number; column: number }) | undefined;
    return {
      diagnostics: [],
      source: {
        file,
        data: fast.data,
        locate: (at) => {
          if (!located) {
            const doc = parseDocument(text, { version: '1.2', schema: 'core', lineCounter });
            located = ({ path = [], key = false }) => position(offsetOf(doc, path, key));
          }
          return located(at);
        },
      },
    };
  }

  const doc = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
    lineCounter,
  });
  const syntax = [...doc.errors, ...doc.warnings].map((err: YAMLError) =>
    problem(
      err.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax',
      firstLine(err.message),
      err.pos[0],
    ),
  );
  if (syntax.length > 0) return { diagnostics: syntax };

  const structural: Diagnostic[] = [];
  let aliases = 0;
  visit(doc, {
    Alias(_key, node) {
      aliases += 1;
      if (aliases === MAX_ALIASES + 1) {
        structural.push(
          problem('alias-limit', `more than ${MAX_ALIASES} aliases in one file`, node.range?.[0] ?? 0),
        );
      }
      return visit.SKIP;
    },
    Pair(_key, pair) {
      const key = pair.key as Node | null;
      if (isScalar(key)) {
        if (FORBIDDEN_KEYS.has(String(key.value))) {
          structural.push(
            problem('forbidden-key', `"${String(key.value)}" cannot be used as a key`, key.range?.[0] ?? 0),
          );
        }
      } else if (key !== null) {
        structural.push(problem('yaml-syntax', 'keys must be plain strings', key.range?.[0] ?? 0));
      }
    },
  });
  if (structural.length > 0) return { diagnostics: structural };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    return { diagnostics: [problem('alias-limit', firstLine((err as Error).message), 0)] };
  }
  const deep = pathDeeperThan(data, MAX_DEPTH);
  if (deep) {
    return {
      diagnostics: [
        problem('yaml-syntax', `nesting is deeper than ${MAX_DEPTH} levels`, offsetOf(doc, deep, false)),
      ],
    };
  }
  return {
    diagnostics: [],
    source: {
      file,
      data,
      locate: ({ path = [], key = false }) => position(offsetOf(doc, path, key)),
    },
  };
}

/** Anything beyond plain mappings, sequences and scalars takes the slow, positioned path. */
const NEEDS_FULL_PARSER = /(^|[\s[{,:-])[&*!]/m;

/**
 * js-yaml's reading of a file that has no anchors, aliases or tags, when it finds nothing wrong;
 * undefined sends the file to the full parser.
 */
function tryFastPath(
  text: string,
):
  | { data: unknown }
  | { tooDeep: { line: number; column: number } }
  | { tooDeepAt: (string | number)[] }
  | undefined {
  let data: unknown;
  try {
    // js-yaml's own limit guards the stack; it counts levels a little differently for flow and
    // block collections, so the exact limit is checked on the data below.
    data = fastLoad(text, { schema: CORE_SCHEMA, maxAliases: 0, json: false, maxDepth: MAX_DEPTH + 4 });
  } catch (err) {
    const mark = (err as { mark?: { line: number; column: number } }).mark;
    if (mark && /maxDepth/.test((err as Error).message)) return { tooDeep: mark };
    return undefined;
  }
  const deep = pathDeeperThan(data, MAX_DEPTH);
  if (deep) return { tooDeepAt: deep };
  if (NEEDS_FULL_PARSER.test(text)) return undefined;
  return hasForbiddenKey(data) ? undefined : { data };
}

/** The path to the first collection nested deeper than `max` collections, if there is one. */
function pathDeeperThan(
  value: unknown,
  max: number,
  path: (string | number)[] = [],
): (string | number)[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (path.length >= max) return path;
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : Object.entries(value);
  for (const [key, child] of entries) {
    const found = pathDeeperThan(child, max, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

function hasForbiddenKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasForbiddenKey);
  if (typeof value !== 'object' || value === null) return false;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key) || hasForbiddenKey((value as Record<string, unknown>)[key])) return true;
  }
  // A `__proto__` key may have set the prototype instead of a property.
  return Object.getPrototypeOf(value) !== Object.prototype;
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

/** Walks the node tree along a data path; stops at the deepest node that exists. */
function offsetOf(doc: Document, path: DataPath, wantKey: boolean): number {
  let node: unknown = doc.contents;
  let keyNode: Node | undefined;
  let complete = true;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((item) => keyNames(item.key).includes(String(segment)));
      if (!pair) {
        complete = false;
        break;
      }
      keyNode = pair.key as Node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      keyNode = undefined;
      node = node.items[segment];
    } else {
      complete = false;
      break;
    }
  }
  const target = wantKey && complete && keyNode ? keyNode : (node as Node | null);
  return target?.range?.[0] ?? 0;
}

/**
 * The names a scalar key has in the data: its text, and for a null key both the "" that `yaml`
 * gives it and the "null" that js-yaml gives it, so paths from either parser find it again.
 */
function keyNames(key: unknown): string[] {
  if (!isScalar(key)) return [];
  return key.value === null || key.value === undefined ? ['', 'null'] : [String(key.value)];
}
