/**
 * Appends people to people.yaml without touching anything else: new entries are inserted as text
 * after the last person, in block style so each field can carry a comment saying what to fill in.
 * The result is parsed again and must hold the old roster unchanged followed by the new people:
 * a write can never lose or change an existing person.
 */
import { isMap, isScalar, isSeq, parseDocument, type YAMLSeq } from 'yaml';

export interface FieldToWrite {
  key: string;
  value: string;
  /** Written after the value, as `# comment`. */
  comment?: string;
}

export interface PersonToWrite {
  fields: FieldToWrite[];
}

/** `header`, when given, is a comment line above the first new person. */
export function appendPeople(text: string, people: readonly PersonToWrite[], header?: string): string {
  if (people.length === 0) return text;
  const doc = parseDocument(text, { version: '1.2', schema: 'core' });
  if (!isMap(doc.contents)) throw new Error('people.yaml has no top-level mapping');
  const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === 'people');
  if (!pair) throw new Error('people.yaml has no people key');
  const seq = pair.value as YAMLSeq | null;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let result: string;
  if (isSeq(seq) && !seq.flow && seq.items.length > 0) {
    const firstItem = seq.items[0] as { range?: number[] };
    const lastItem = seq.items[seq.items.length - 1] as { range?: number[] };
    const itemStart = firstItem.range?.[0] ?? 0;
    const lineStart = text.lastIndexOf('\n', itemStart - 1) + 1;
    const prefix = text.slice(lineStart, itemStart); // e.g. "  - "
    const end = lastItem.range?.[1] ?? text.length;
    const newline = text.indexOf('\n', end - 1);
    const insertAt = newline === -1 ? text.length : newline + 1;
    const before = text.slice(0, insertAt);
    const block = blockPeople(people, prefix, header, eol);
    result = `${before}${before.endsWith('\n') ? '' : eol}${block}${eol}${text.slice(insertAt)}`;
  } else if (isSeq(seq) && seq.items.length > 0) {
    // A flow list has no room for comments: the new people go in as flow maps.
    const lastItem = seq.items[seq.items.length - 1] as { range?: number[] };
    const end = lastItem.range?.[1];
    if (end === undefined) throw new Error('cannot find where to write people');
    const added = people.map(
      (person) => `, { ${person.fields.map((f) => `${f.key}: ${scalar(f.value)}`).join(', ')} }`,
    );
    result = `${text.slice(0, end)}${added.join('')}${text.slice(end)}`;
  } else {
    // `people: []` or an empty value: the value becomes a block list.
    const valueStart = isSeq(seq)
      ? (seq.range?.[0] ?? text.length)
      : (pair.key as { range?: number[] }).range?.[1];
    if (valueStart === undefined) throw new Error('cannot find where to write people');
    const valueEnd = isSeq(seq) ? (seq.range?.[1] ?? valueStart) : valueStart;
    const head = text
      .slice(0, valueStart)
      .replace(/[ \t]*:?[ \t]*$/, (match) => (match.includes(':') ? ':' : ''));
    const tail = text.slice(valueEnd).replace(/^[ \t]*\r?\n?/, '');
    result = `${head.endsWith(':') ? head : `${head}:`}${eol}${blockPeople(people, '  - ', header, eol)}${eol}${tail}`;
  }
  return checked(text, result, people);
}

function blockPeople(
  people: readonly PersonToWrite[],
  prefix: string,
  header: string | undefined,
  eol: string,
): string {
  const indent = ' '.repeat(prefix.length);
  const lines: string[] = [];
  if (header) lines.push(`${' '.repeat(Math.max(0, prefix.indexOf('-')))}# ${header}`);
  for (const person of people) {
    person.fields.forEach((field, index) => {
      const comment = field.comment ? `  # ${field.comment}` : '';
      lines.push(`${index === 0 ? prefix : indent}${field.key}: ${scalar(field.value)}${comment}`);
    });
  }
  return lines.join(eol);
}

/** The value plain when YAML reads it back as the same text, else double-quoted. */
export function scalar(value: string): string {
  if (/^[\p{L}\p{N}][\p{L}\p{N} ._@'/+-]*$/u.test(value) && !/\s$/.test(value)) {
    const read = parseDocument(`k: ${value}`, { version: '1.2', schema: 'core' }).toJS() as { k?: unknown };
    if (read.k === value) return value;
  }
  return JSON.stringify(value);
}

function checked(before: string, after: string, added: readonly PersonToWrite[]): string {
  const read = (text: string) =>
    (
      parseDocument(text, { version: '1.2', schema: 'core', uniqueKeys: true }).toJS() as {
        people?: unknown[] | null;
      }
    ).people ?? [];
  const expected = [
    ...read(before),
    ...added.map((person) => Object.fromEntries(person.fields.map((field) => [field.key, field.value]))),
  ];
  if (JSON.stringify(read(after)) !== JSON.stringify(expected)) {
    throw new Error(
      'internal check failed: the rewritten people.yaml would not hold the same people; nothing was written',
    );
  }
  return after;
}
