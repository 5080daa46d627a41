/**
 * Reads YAML the safe way and keeps positions. YAML 1.2 core schema (so `no` stays a string and
 * `12:30` is not a number), duplicate keys rejected, aliases limited, prototype keys refused.
 * Every problem comes back as a positioned diagnostic instead of a thrown error.
 */
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
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

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
  return {
    diagnostics: [],
    source: {
      file,
      data,
      locate: ({ path = [], key = false }) => position(offsetOf(doc, path, key)),
    },
  };
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
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
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
