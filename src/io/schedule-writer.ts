/**
 * Writes shifts into schedule.yaml without touching anything else: new shifts are inserted as text
 * after the last one, in the style of the existing entries, so comments, order and formatting stay
 * byte for byte. The result is parsed again and checked before it is returned: a write can never
 * lose or change an existing shift.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Assignment } from '../core/schedule/timeline.js';

export interface ShiftToWrite {
  start: string;
  assignments: Assignment[];
}

export function appendShifts(text: string, shifts: readonly ShiftToWrite[]): string {
  if (shifts.length === 0) return text;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', schema: 'core', lineCounter });
  if (!isMap(doc.contents)) throw new Error('schedule.yaml has no top-level mapping');
  const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === 'shifts');
  if (!pair) throw new Error('schedule.yaml has no shifts key');
  const seq = pair.value as YAMLSeq | null;
  // New lines end like the file's lines do.
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let result: string;
  if (isSeq(seq) && !seq.flow && seq.items.length > 0) {
    result = appendToBlock(text, seq);
  } else if (isSeq(seq) && seq.items.length > 0) {
    result = appendToFlow(text, seq);
  } else {
    // `shifts: []` or an empty value: replace the value by a block list.
    const valueStart = isSeq(seq)
      ? (seq.range?.[0] ?? text.length)
      : (pair.key as { range?: number[] }).range?.[1];
    if (valueStart === undefined) throw new Error('cannot find where to write shifts');
    const valueEnd = isSeq(seq) ? (seq.range?.[1] ?? valueStart) : valueStart;
    const lines = shifts.map((shift) => `  - ${flowShift(shift)}`).join(eol);
    const head = text
      .slice(0, valueStart)
      .replace(/[ \t]*:?[ \t]*$/, (match) => (match.includes(':') ? ':' : ''));
    result = `${head.endsWith(':') ? head : `${head}:`}${eol}${lines}${eol}${text.slice(valueEnd).replace(/^[ \t]*\r?\n?/, '')}`;
  }
  return appendAfterCheck(text, result, shifts);

  function appendToBlock(source: string, list: YAMLSeq): string {
    const lastItem = list.items[list.items.length - 1] as { range?: number[] };
    const firstItem = list.items[0] as { range?: number[] };
    const itemStart = firstItem.range?.[0] ?? 0;
    const lineStart = source.lastIndexOf('\n', itemStart - 1) + 1;
    const prefix = source.slice(lineStart, itemStart); // e.g. "  - "
    const flowStyle = isMap(list.items[0]) && (list.items[0] as YAMLMap).flow === true;
    const end = lastItem.range?.[1] ?? source.length;
    const insertAt = source.indexOf('\n', end - 1) === -1 ? source.length : source.indexOf('\n', end - 1) + 1;
    const newText = shifts
      .map((shift) => (flowStyle ? `${prefix}${flowShift(shift)}` : blockShift(shift, prefix, eol)))
      .join(eol);
    const before = source.slice(0, insertAt);
    return `${before}${before.endsWith('\n') ? '' : eol}${newText}${eol}${source.slice(insertAt)}`;
  }

  /**
   * `shifts: [{ ... }, { ... }]`: new entries go after the last one. When it has a line of its own,
   * so does each new entry, after any comment on that line (the last line only gains its comma).
   */
  function appendToFlow(source: string, list: YAMLSeq): string {
    const lastItem = list.items[list.items.length - 1] as { range?: number[] };
    const end = lastItem.range?.[1];
    if (end === undefined) throw new Error('cannot find where to write shifts');
    const itemStart = lastItem.range?.[0] ?? end;
    const lineStart = source.lastIndexOf('\n', itemStart - 1) + 1;
    const indent = source.slice(lineStart, itemStart);
    let lineEnd = source.indexOf('\n', end);
    if (lineEnd === -1) lineEnd = source.length;
    else if (source[lineEnd - 1] === '\r') lineEnd -= 1;
    const rest = source.slice(end, lineEnd);
    if (/^[ \t]*$/.test(indent) && /^[ \t]*,?[ \t]*(#.*)?$/.test(rest)) {
      const trailingComma = /^[ \t]*,/.test(rest);
      const head = trailingComma ? source.slice(0, lineEnd) : `${source.slice(0, end)},${rest}`;
      const items = shifts.map((shift) => `${indent}${flowShift(shift)}`).join(`,${eol}`);
      return `${head}${eol}${items}${trailingComma ? ',' : ''}${source.slice(lineEnd)}`;
    }
    const newText = shifts.map((shift) => `, ${flowShift(shift)}`).join('');
    return `${source.slice(0, end)}${newText}${source.slice(end)}`;
  }
}

function flowShift(shift: ShiftToWrite): string {
  const parts = [
    `start: ${shift.start}`,
    ...shift.assignments.map(({ slot, github }) => `${slot}: ${github}`),
  ];
  return `{ ${parts.join(', ')} }`;
}

function blockShift(shift: ShiftToWrite, prefix: string, eol: string): string {
  const inner = ' '.repeat(prefix.length);
  const rest = shift.assignments.map(({ slot, github }) => `${inner}${slot}: ${github}`);
  return [`${prefix}start: ${shift.start}`, ...rest].join(eol);
}

/** Parses the new text and checks it holds the old shifts unchanged followed by the new ones. */
function appendAfterCheck(before: string, after: string, added: readonly ShiftToWrite[]): string {
  const read = (text: string) => {
    const data = parseDocument(text, { version: '1.2', schema: 'core', uniqueKeys: true }).toJS() as {
      shifts?: Record<string, string>[] | null;
    };
    return data.shifts ?? [];
  };
  const old = read(before);
  const now = read(after);
  const expected = [
    ...old,
    ...added.map((shift) => ({
      start: shift.start,
      ...Object.fromEntries(shift.assignments.map(({ slot, github }) => [slot, github])),
    })),
  ];
  if (JSON.stringify(now) !== JSON.stringify(expected)) {
    throw new Error(
      'internal check failed: the rewritten schedule.yaml would not hold the same shifts; nothing was written',
    );
  }
  return after;
}

export interface SlotChange {
  /** Index of the shift in `shifts`. */
  index: number;
  slot: string;
  github: string;
}

/** Replaces the people of some slots, editing only those values' text. */
export function replaceSlots(text: string, changes: readonly SlotChange[]): string {
  if (changes.length === 0) return text;
  const doc = parseDocument(text, { version: '1.2', schema: 'core' });
  const edits = changes.map((change) => {
    const node = doc.getIn(['shifts', change.index, change.slot], true) as { range?: number[] } | undefined;
    const range = node?.range;
    if (!range) throw new Error(`cannot find shift ${change.index + 1} slot ${change.slot} in schedule.yaml`);
    return { from: range[0] as number, to: range[1] as number, value: change.github };
  });
  let result = text;
  for (const edit of edits.sort((a, b) => b.from - a.from)) {
    result = `${result.slice(0, edit.from)}${edit.value}${result.slice(edit.to)}`;
  }
  const expected = doc.toJS() as { shifts: Record<string, string>[] };
  for (const change of changes)
    (expected.shifts[change.index] as Record<string, string>)[change.slot] = change.github;
  const actual = parseDocument(result, { version: '1.2', schema: 'core' }).toJS();
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(
      'internal check failed: the edited schedule.yaml would not hold the expected shifts; nothing was written',
    );
  }
  return result;
}

export interface OverrideToWrite {
  /** Wall clock in the rotation's zone (2027-02-16T09:00) or with an offset. */
  from: string;
  to: string;
  replace: string;
  with: string;
  reason?: string;
}

/**
 * Adds one override after the last one (or a new `overrides:` list at the end of the file),
 * in the style of the existing entries; every other byte stays. The result is parsed again and
 * must hold the same document with exactly this override added.
 */
export function appendOverride(text: string, override: OverrideToWrite): string {
  const doc = parseDocument(text, { version: '1.2', schema: 'core' });
  if (!isMap(doc.contents)) throw new Error('schedule.yaml has no top-level mapping');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === 'overrides');
  const seq = pair?.value as YAMLSeq | null | undefined;
  let result: string;
  if (!pair) {
    const head = text.length === 0 || text.endsWith('\n') ? text : `${text}${eol}`;
    result = `${head}overrides:${eol}  - ${flowOverride(override)}${eol}`;
  } else if (isSeq(seq) && !seq.flow && seq.items.length > 0) {
    const firstItem = seq.items[0] as { range?: number[] };
    const lastItem = seq.items[seq.items.length - 1] as { range?: number[] };
    const itemStart = firstItem.range?.[0] ?? 0;
    const lineStart = text.lastIndexOf('\n', itemStart - 1) + 1;
    const prefix = text.slice(lineStart, itemStart);
    const flowStyle = isMap(seq.items[0]) && (seq.items[0] as YAMLMap).flow === true;
    const end = lastItem.range?.[1] ?? text.length;
    const newline = text.indexOf('\n', end - 1);
    const insertAt = newline === -1 ? text.length : newline + 1;
    const entry = flowStyle
      ? `${prefix}${flowOverride(override)}`
      : overrideFields(override)
          .map((field, index) => `${index === 0 ? prefix : ' '.repeat(prefix.length)}${field}`)
          .join(eol);
    const before = text.slice(0, insertAt);
    result = `${before}${before.endsWith('\n') ? '' : eol}${entry}${eol}${text.slice(insertAt)}`;
  } else if (isSeq(seq) && seq.items.length > 0) {
    const lastItem = seq.items[seq.items.length - 1] as { range?: number[] };
    const end = lastItem.range?.[1];
    if (end === undefined) throw new Error('cannot find where to write the override');
    result = `${text.slice(0, end)}, ${flowOverride(override)}${text.slice(end)}`;
  } else {
    // `overrides: []` or an empty value: replace the value by a block list of one.
    const valueStart = isSeq(seq)
      ? (seq.range?.[0] ?? text.length)
      : (pair.key as { range?: number[] }).range?.[1];
    if (valueStart === undefined) throw new Error('cannot find where to write the override');
    const valueEnd = isSeq(seq) ? (seq.range?.[1] ?? valueStart) : valueStart;
    const head = text
      .slice(0, valueStart)
      .replace(/[ \t]*:?[ \t]*$/, (match) => (match.includes(':') ? ':' : ''));
    result = `${head.endsWith(':') ? head : `${head}:`}${eol}  - ${flowOverride(override)}${eol}${text.slice(valueEnd).replace(/^[ \t]*\r?\n?/, '')}`;
  }
  // The check: the same document, with exactly this override added at the end.
  const expected = doc.toJS() as Record<string, unknown>;
  expected.overrides = [
    ...(((expected.overrides as unknown[] | null | undefined) ?? []) as unknown[]),
    {
      from: override.from,
      to: override.to,
      replace: override.replace,
      with: override.with,
      ...(override.reason !== undefined && { reason: override.reason }),
    },
  ];
  const actual = parseDocument(result, { version: '1.2', schema: 'core', uniqueKeys: true }).toJS();
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(
      'internal check failed: the edited schedule.yaml would not hold the same entries plus the override; nothing was written',
    );
  }
  return result;
}

/** An override's fields as written, in order; a reason JSON-quoted. */
export function overrideFields(override: OverrideToWrite): string[] {
  return [
    `from: ${override.from}`,
    `to: ${override.to}`,
    `replace: ${override.replace}`,
    `with: ${override.with}`,
    ...(override.reason !== undefined ? [`reason: ${JSON.stringify(override.reason)}`] : []),
  ];
}

function flowOverride(override: OverrideToWrite): string {
  return `{ ${overrideFields(override).join(', ')} }`;
}
