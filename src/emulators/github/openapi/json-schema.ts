/**
 * OpenAPI 3.0 schemas → JSON Schema that ajv understands: `nullable: true` becomes a union with
 * "null", `$ref`s to components become absolute references into one shared document, and keywords
 * that only document (examples, discriminator, xml) are dropped.
 */

export type JsonSchema = { [key: string]: unknown };

/** The `$id` under which the converted `components.schemas` are registered with ajv. */
export const COMPONENTS_ID = 'https://api.github.com/openapi/components.json';

export const DOCUMENTATION_ONLY = new Set(['example', 'examples', 'discriminator', 'xml', 'externalDocs']);
/** Keywords whose value is a map of names to schemas, a list of schemas, or one schema. */
export const SCHEMA_MAPS = new Set(['properties', 'patternProperties']);
export const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
export const SCHEMA_VALUES = new Set(['items', 'not', 'additionalProperties']);

/** Converts one OpenAPI schema object (and everything below it) to JSON Schema. */
export function toJsonSchema(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const source = schema as JsonSchema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(source)) {
    if (DOCUMENTATION_ONLY.has(key) || key === 'nullable' || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string') out.$ref = absoluteRef(value);
    else if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, toJsonSchema(sub)]));
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(toJsonSchema);
    else if (SCHEMA_VALUES.has(key)) out[key] = toJsonSchema(value);
    else out[key] = value;
  }
  return source.nullable === true ? allowNull(out) : out;
}

function allowNull(schema: JsonSchema): JsonSchema {
  const { type } = schema;
  if (typeof type === 'string' || Array.isArray(type)) {
    const types = Array.isArray(type) ? type : [type];
    const result: JsonSchema = { ...schema, type: types.includes('null') ? types : [...types, 'null'] };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) result.enum = [...schema.enum, null];
    return result;
  }
  // `nullable` alone constrains nothing; beside allOf/anyOf/oneOf/$ref it needs a wrapper.
  const constrained = ['$ref', 'allOf', 'anyOf', 'oneOf', 'enum'].some((key) => key in schema);
  if (!constrained) return schema;
  const { description, title, readOnly, deprecated, ...rest } = schema;
  const meta: JsonSchema = {};
  if (description !== undefined) meta.description = description;
  if (title !== undefined) meta.title = title;
  if (readOnly !== undefined) meta.readOnly = readOnly;
  if (deprecated !== undefined) meta.deprecated = deprecated;
  return { ...meta, anyOf: [rest, { type: 'null' }] };
}

function absoluteRef(ref: string): string {
  return ref.startsWith('#/components/') ? `${COMPONENTS_ID}${ref}` : ref;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
