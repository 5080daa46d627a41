/**
 * The part of GitHub's OpenAPI description that the emulator serves, cut from the whole one (13 MB,
 * in the 385 MB @octokit/openapi package) so that neither has to be installed to run the demo.
 *
 * Kept, as published (errata are applied at load, not here):
 * - every operation the emulator has a handler for: its parameters, request body and the
 *   `application/json` schema of each documented status, which is all the validator reads;
 * - every other operation as its method, path and operationId only, so a request GitHub would
 *   answer but the emulator does not is still told apart from a path GitHub does not have, and
 *   routes keep their order (a literal segment before a parameter);
 * - the components those reference, followed through every `$ref`.
 * Dropped: text written for people (descriptions, summaries, examples), other media types and
 * response headers. Everything is sorted, so the committed file changes only when GitHub's does.
 */
import { DOCUMENTATION_ONLY, SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_VALUES } from './json-schema.js';

export const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'] as const;
const JSON_MEDIA = 'application/json';
/** Component tables a kept part can point into; a `$ref` elsewhere is refused. */
const COMPONENT_KINDS = ['schemas', 'parameters', 'responses', 'requestBodies'] as const;
type ComponentKind = (typeof COMPONENT_KINDS)[number];

type Json = Record<string, unknown>;

export interface SubsetSource {
  /** The npm package and version the whole description came from, recorded in the subset. */
  package: string;
  version: string;
  file: string;
}

export interface DescriptionSubset {
  'x-subset-of': SubsetSource & { operations: number; served: number };
  openapi: unknown;
  paths: Record<string, Json>;
  components: Partial<Record<ComponentKind, Record<string, unknown>>>;
}

/** Cuts the subset serving `operationIds`; every id must name an operation of the description. */
export function extractSubset(
  description: Json,
  operationIds: Iterable<string>,
  source: SubsetSource,
): DescriptionSubset {
  const served = new Set(operationIds);
  const paths = (description.paths ?? {}) as Record<string, Json>;
  const components = (description.components ?? {}) as Record<string, Record<string, unknown>>;
  const found = new Set<string>();
  const refs: string[] = [];
  const collect = (value: unknown): void => collectRefs(value, refs);

  const outPaths: Record<string, Json> = {};
  let operations = 0;
  for (const template of Object.keys(paths).sort()) {
    const item = paths[template] ?? {};
    const outItem: Json = {};
    let servesAny = false;
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      operations++;
      const id = String(op.operationId);
      if (!served.has(id)) {
        outItem[method] = { operationId: id };
        continue;
      }
      found.add(id);
      servesAny = true;
      const kept: Json = { operationId: id };
      if (Array.isArray(op.parameters)) kept.parameters = op.parameters.map(trimParameter);
      if (op.requestBody !== undefined) kept.requestBody = trimBody(op.requestBody);
      if (op.responses !== undefined) kept.responses = trimResponses(op.responses as Json);
      collect(kept);
      outItem[method] = kept;
    }
    if (servesAny && Array.isArray(item.parameters)) {
      outItem.parameters = item.parameters.map(trimParameter);
      collect(outItem.parameters);
    }
    if (Object.keys(outItem).length) outPaths[template] = sortKeys(outItem);
  }
  const missing = [...served].filter((id) => !found.has(id)).sort();
  if (missing.length) {
    throw new Error(`no operation in the description has the operationId ${missing.join(', ')}`);
  }

  const outComponents: Partial<Record<ComponentKind, Record<string, unknown>>> = {};
  const seen = new Set<string>();
  while (refs.length) {
    const ref = refs.pop() as string;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const { kind, name } = parseRef(ref);
    const component = components[kind]?.[name];
    if (component === undefined) throw new Error(`${ref} points at nothing in the description`);
    const trimmed = TRIM[kind](component);
    collect(trimmed);
    const table = outComponents[kind] ?? {};
    table[name] = trimmed;
    outComponents[kind] = table;
  }
  for (const kind of Object.keys(outComponents) as ComponentKind[]) {
    outComponents[kind] = sortKeys(outComponents[kind] as Json);
  }

  return {
    'x-subset-of': { ...source, operations, served: served.size },
    openapi: description.openapi,
    paths: outPaths,
    components: sortKeys(outComponents as Json) as DescriptionSubset['components'],
  };
}

/** An OpenAPI schema without the keywords that only document, recursing only into subschemas. */
export function trimSchema(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (isDocumentation(key)) continue;
    if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, trimSchema(sub)]));
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) out[key] = value.map(trimSchema);
    else if (SCHEMA_VALUES.has(key)) out[key] = trimSchema(value);
    else out[key] = value;
  }
  return out;
}

const TRIM: Record<ComponentKind, (value: unknown) => unknown> = {
  schemas: trimSchema,
  parameters: trimParameter,
  responses: trimResponse,
  requestBodies: trimBody,
};

function trimParameter(parameter: unknown): unknown {
  if (!isObject(parameter) || typeof parameter.$ref === 'string') return parameter;
  const out: Json = {};
  for (const [key, value] of Object.entries(parameter)) {
    if (isDocumentation(key)) continue;
    out[key] = key === 'schema' ? trimSchema(value) : value;
  }
  return out;
}

function trimResponses(responses: Json): Json {
  return sortKeys(
    Object.fromEntries(Object.entries(responses).map(([status, r]) => [status, trimResponse(r)])),
  );
}

function trimResponse(response: unknown): unknown {
  if (!isObject(response) || typeof response.$ref === 'string') return response;
  return jsonContent(response);
}

function trimBody(body: unknown): unknown {
  if (!isObject(body) || typeof body.$ref === 'string') return body;
  return { ...(body.required !== undefined && { required: body.required }), ...jsonContent(body) };
}

/** Only the `application/json` schema: the one media type the emulator reads and answers. */
function jsonContent(holder: Json): Json {
  const media = (holder.content as Record<string, Json> | undefined)?.[JSON_MEDIA];
  if (!media || media.schema === undefined) return {};
  return { content: { [JSON_MEDIA]: { schema: trimSchema(media.schema) } } };
}

function collectRefs(value: unknown, into: string[]): void {
  if (Array.isArray(value)) for (const item of value) collectRefs(item, into);
  else if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') into.push(inner);
      else collectRefs(inner, into);
    }
  }
}

function parseRef(ref: string): { kind: ComponentKind; name: string } {
  const match = /^#\/components\/([^/]+)\/([^/]+)$/.exec(ref);
  const kind = match?.[1] as ComponentKind | undefined;
  if (!match || !kind || !(COMPONENT_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`cannot follow ${ref}: only #/components/{${COMPONENT_KINDS.join(',')}}/NAME is kept`);
  }
  return { kind, name: decodeURIComponent(match[2] ?? '') };
}

function isDocumentation(key: string): boolean {
  return key === 'description' || key === 'summary' || DOCUMENTATION_ONLY.has(key) || key.startsWith('x-');
}

function sortKeys(object: Json): Json {
  return Object.fromEntries(
    Object.keys(object)
      .sort()
      .map((key) => [key, object[key]]),
  );
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
