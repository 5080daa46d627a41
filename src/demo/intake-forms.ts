/**
 * A report as a reporter files it through the repository's intake forms
 * (.github/ISSUE_TEMPLATE/incident.yml, bug.yml, request.yml, cover-request.yml): the form's title prefix and labels,
 * and the body GitHub writes for the answers (`### Label`, a blank line, the answer or
 * `_No response_`, fields in the form's order). A dropdown answer must be one of its options;
 * `system: 'gravity'` picks the option of that system.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export type FormKind = 'incident' | 'bug' | 'request' | 'cover-request';

interface FormField {
  id: string;
  label: string;
  options?: string[];
}

export interface FiledReport {
  title: string;
  body: string;
  labels: string[];
}

/** The issue a reporter gets by filling in the form `kind` of the repository at `root`. */
export function fileReport(
  root: string,
  kind: FormKind,
  title: string,
  answers: Record<string, string>,
): FiledReport {
  const file = path.join(root, '.github', 'ISSUE_TEMPLATE', `${kind}.yml`);
  const form = parse(readFileSync(file, 'utf8')) as {
    title?: string;
    labels?: string[];
    body?: { type: string; id?: string; attributes?: { label?: string; options?: string[] } }[];
  };
  const fields: FormField[] = (form.body ?? [])
    .filter((item) => item.type !== 'markdown')
    .map((item) => ({
      id: item.id ?? '',
      label: item.attributes?.label ?? '',
      ...(item.attributes?.options ? { options: item.attributes.options } : {}),
    }));
  for (const id of Object.keys(answers)) {
    if (!fields.some((field) => field.id === id)) throw new Error(`the ${kind} form has no field "${id}"`);
  }
  const body = fields
    .map((field) => {
      let value = answers[field.id];
      if (value !== undefined && field.options) {
        const option = field.options.find(
          (candidate) => candidate === value || candidate.startsWith(`${value} — `),
        );
        if (!option) {
          throw new Error(`"${value}" is not an option of "${field.label}": ${field.options.join(', ')}`);
        }
        value = option;
      }
      return `### ${field.label}\n\n${value ?? '_No response_'}`;
    })
    .join('\n\n');
  return { title: `${form.title ?? ''}${title}`, body, labels: form.labels ?? [] };
}
