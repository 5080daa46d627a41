/**
 * Checks parsed file data against the JSON Schemas and turns ajv's errors into findings a person
 * can act on: the unknown key by name with the allowed ones, the expected format by example.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { type DataPath, error, type Finding } from '../diagnostics/finding.js';
import { type SchemaName, schemaValidators } from './schema-validators.js';

export type { SchemaName } from './schema-validators.js';

let validators: Record<SchemaName, ValidateFunction> | undefined;

function compiled(): Record<SchemaName, ValidateFunction> {
  validators ??= schemaValidators();
  return validators;
}

/** Findings for `data` against the named schema; none means the data has the schema's type. */
export function checkSchema(schema: SchemaName, file: string, data: unknown): Finding[] {
  const validate = compiled()[schema];
  if (validate(data)) return [];
  return explain(validate.errors ?? [], file, data);
}

function explain(errors: ErrorObject[], file: string, data: unknown): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const err of preferredBranch(errors, data)) {
    const path = toPath(err.instancePath);
    let finding: Finding;
    if (err.keyword === 'additionalProperties') {
      const extra = String(err.params.additionalProperty);
      const allowed = Object.keys((err.parentSchema as { properties?: object })?.properties ?? {});
      finding = error(
        'schema',
        `unknown key "${extra}"${allowed.length ? ` (expected one of: ${allowed.join(', ')})` : ''}`,
        { file, path: [...path, extra], key: true },
      );
    } else if (err.keyword === 'required') {
      finding = error('schema', `missing required key "${String(err.params.missingProperty)}"`, {
        file,
        path,
      });
    } else {
      finding = error('schema', `${describe(path)} ${message(err)}`, { file, path });
    }
    const id = `${JSON.stringify(finding.at.path)}|${finding.message}`;
    if (!seen.has(id)) {
      seen.add(id);
      findings.push(finding);
    }
  }
  return findings;
}

/**
 * A rule may be `value` or `{ value, enforce }`, so ajv reports the failures of both branches of
 * the anyOf. Only the branch matching the shape the user wrote (an object or not) is useful.
 */
function preferredBranch(errors: ErrorObject[], data: unknown): ErrorObject[] {
  const wroteObject = new Map<string, boolean>();
  for (const err of errors) {
    if (err.keyword !== 'anyOf') continue;
    const value = valueAt(data, toPath(err.instancePath));
    wroteObject.set(err.instancePath, typeof value === 'object' && value !== null && !Array.isArray(value));
  }
  return errors.filter((err) => {
    if (err.keyword === 'anyOf') return false;
    const branch = /\/anyOf\/(\d+)\//.exec(err.schemaPath);
    if (!branch) return true;
    const base = [...wroteObject.keys()].find(
      (path) => err.instancePath === path || err.instancePath.startsWith(`${path}/`),
    );
    if (base === undefined) return true;
    return (branch[1] === '1') === wroteObject.get(base);
  });
}

function valueAt(data: unknown, path: DataPath): unknown {
  let value = data;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

function toPath(pointer: string): DataPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function describe(path: DataPath): string {
  if (path.length === 0) return 'the file';
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part),
    '',
  );
}

function message(err: ErrorObject): string {
  const schema = err.parentSchema as { description?: string } | undefined;
  switch (err.keyword) {
    case 'type':
      return `must be ${article(String(err.params.type))}`;
    case 'enum':
      return `must be one of: ${(err.params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'pattern':
    case 'format':
      return schema?.description ? `must be ${schema.description}` : `is not valid (${err.message})`;
    case 'minimum':
    case 'maximum':
      return `must be ${err.keyword === 'minimum' ? 'at least' : 'at most'} ${String(err.params.limit)}`;
    case 'minItems':
      return `needs at least ${String(err.params.limit)} item(s)`;
    case 'maxItems':
      return `takes at most ${String(err.params.limit)} item(s)`;
    case 'minLength':
      return 'must not be empty';
    case 'maxLength':
      return `must be at most ${String(err.params.limit)} characters`;
    case 'uniqueItems':
      return `has a duplicate entry (items ${String(err.params.j)} and ${String(err.params.i)})`;
    default:
      return err.message ?? 'is not valid';
  }
}

function article(type: string): string {
  const words = type.split(',').map((word) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`));
  return words.join(' or ');
}
