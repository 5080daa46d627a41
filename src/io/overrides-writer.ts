/**
 * Appends many overrides to schedule.yaml at once. appendOverride (schedule-writer) reads and
 * checks the whole file for each override; an import can bring hundreds (a different handoff
 * time makes two covers a week), so the first one goes through appendOverride, which settles
 * where the list is and its style, and the rest are written after it in that style and checked
 * together: the file must hold the same document with exactly these overrides added.
 */
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { appendOverride, type OverrideToWrite, overrideFields } from './schedule-writer.js';

export function appendOverrides(text: string, overrides: readonly OverrideToWrite[]): string {
  const [first, ...rest] = overrides;
  if (!first) return text;
  let result = appendOverride(text, first);
  if (rest.length === 0) return result;

  const doc = parseDocument(result, { version: '1.2', schema: 'core' });
  const pair = isMap(doc.contents)
    ? doc.contents.items.find((item) => isScalar(item.key) && item.key.value === 'overrides')
    : undefined;
  const seq = pair?.value as YAMLSeq | undefined;
  if (!isSeq(seq) || seq.flow || seq.items.length === 0) {
    // A flow list: rare enough to take the slow, one-by-one path.
    for (const override of rest) result = appendOverride(result, override);
    return result;
  }
  const eol = result.includes('\r\n') ? '\r\n' : '\n';
  const firstItem = seq.items[0] as { range?: number[] };
  const lastItem = seq.items[seq.items.length - 1] as { range?: number[] };
  const itemStart = firstItem.range?.[0] ?? 0;
  const prefix = result.slice(result.lastIndexOf('\n', itemStart - 1) + 1, itemStart);
  const flowStyle = isMap(seq.items[0]) && (seq.items[0] as YAMLMap).flow === true;
  const end = lastItem.range?.[1] ?? result.length;
  const newline = result.indexOf('\n', end - 1);
  const insertAt = newline === -1 ? result.length : newline + 1;
  const entries = rest.map((override) =>
    flowStyle
      ? `${prefix}{ ${overrideFields(override).join(', ')} }`
      : overrideFields(override)
          .map((field, index) => `${index === 0 ? prefix : ' '.repeat(prefix.length)}${field}`)
          .join(eol),
  );
  const before = result.slice(0, insertAt);
  const written = `${before}${before.endsWith('\n') ? '' : eol}${entries.join(eol)}${eol}${result.slice(insertAt)}`;

  const expected = doc.toJS() as { overrides: unknown[] };
  expected.overrides.push(...rest.map(plain));
  const actual = parseDocument(written, { version: '1.2', schema: 'core', uniqueKeys: true }).toJS();
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(
      'internal check failed: the edited schedule.yaml would not hold the same entries plus the overrides; nothing was written',
    );
  }
  return written;
}

function plain(override: OverrideToWrite) {
  return {
    from: override.from,
    to: override.to,
    replace: override.replace,
    with: override.with,
    ...(override.reason !== undefined && { reason: override.reason }),
  };
}
