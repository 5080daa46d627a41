/**
 * The intake forms in .github/ISSUE_TEMPLATE/: rewrites the options of each form's generated
 * "Which system?" dropdown (`id: system`) from the playbooks, editing only that list's text so
 * every other line, comment and quote of the form stays byte for byte. The result is parsed again
 * and checked before it is returned.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Scalar, type YAMLMap } from 'yaml';

export const ISSUE_TEMPLATE_DIR = '.github/ISSUE_TEMPLATE';
const GENERATED = '# generated from playbooks/ by `oncall forms sync`: edit the playbooks, not this list';

export type RewriteResult = { ok: true; text: string; found: boolean } | { ok: false; problem: string };

/** The form's text with the system dropdown's options replaced; `found` is false when it has none. */
export function rewriteSystemOptions(
  text: string,
  options: readonly string[],
  fieldId = 'system',
): RewriteResult {
  const doc = parseDocument(text, { version: '1.2', schema: 'core' });
  if (doc.errors.length > 0) return { ok: false, problem: `not valid YAML: ${doc.errors[0]?.message}` };
  const body = doc.get('body', true);
  if (!isSeq(body)) return { ok: true, text, found: false };
  const field = body.items.find(
    (item): item is YAMLMap => isMap(item) && item.get('id') === fieldId && item.get('type') === 'dropdown',
  );
  if (!field) return { ok: true, text, found: false };
  const attributes = field.get('attributes', true);
  if (!isMap(attributes)) return { ok: false, problem: `the "${fieldId}" dropdown has no attributes` };
  const pair = attributes.items.find((item) => isScalar(item.key) && item.key.value === 'options');
  const keyRange = (pair?.key as Scalar | undefined)?.range;
  const valueRange = (pair?.value as { range?: [number, number, number] } | null | undefined)?.range;
  if (!pair || !keyRange || !valueRange) {
    return { ok: false, problem: `the "${fieldId}" dropdown has no options list to rewrite` };
  }
  const keyStart = keyRange[0];
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  const indent = `${' '.repeat(keyStart - lineStart)}  `;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const list = options.map((option) => `${indent}- ${JSON.stringify(option)}`).join(eol);
  // The list's range runs over the line break after it; keep that break where it is.
  let end = valueRange[1];
  while (end > keyRange[1] && /\s/.test(text[end - 1] as string)) end -= 1;
  const result = `${text.slice(0, keyRange[1])}: ${GENERATED}${eol}${list}${text.slice(end)}`;

  const expected = doc.toJS() as { body: Record<string, unknown>[] };
  const index = body.items.indexOf(field);
  (expected.body[index] as { attributes: Record<string, unknown> }).attributes.options = [...options];
  const actual = parseDocument(result, { version: '1.2', schema: 'core' }).toJS();
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    return {
      ok: false,
      problem: 'internal check failed: the rewritten form would change more than the options',
    };
  }
  return { ok: true, text: result, found: true };
}

export interface FormSync {
  file: string;
  changed: boolean;
  text: string;
}

/** Every form under .github/ISSUE_TEMPLATE/ with a system dropdown, rewritten in memory. */
export async function planFormSync(
  root: string,
  options: readonly string[],
): Promise<{ forms: FormSync[]; problems: string[] }> {
  const dir = path.join(root, ISSUE_TEMPLATE_DIR);
  const names = await readdir(dir).catch(() => [] as string[]);
  const forms: FormSync[] = [];
  const problems: string[] = [];
  for (const name of names.filter((item) => /\.ya?ml$/.test(item) && !/^config\.ya?ml$/.test(item)).sort()) {
    const file = `${ISSUE_TEMPLATE_DIR}/${name}`;
    const text = await readFile(path.join(root, file), 'utf8');
    const result = rewriteSystemOptions(text, options);
    if (!result.ok) problems.push(`${file}: ${result.problem}`);
    else if (result.found) forms.push({ file, changed: result.text !== text, text: result.text });
  }
  return { forms, problems };
}

export async function writeForms(root: string, forms: readonly FormSync[]): Promise<void> {
  for (const form of forms) if (form.changed) await writeFile(path.join(root, form.file), form.text);
}
