/**
 * GitHub's published OpenAPI description, as far as the emulator serves it, indexed by method and
 * path template. The part it serves (github-subset.json) is cut from @octokit/openapi, a
 * devDependency, by scripts/openapi-subset.ts (see extract.ts) and committed, so the demo runs
 * where only the runtime dependencies are installed; a test checks it still matches the package.
 */
import { applyErrata, applyResponseErrata } from './errata.js';
import { METHODS } from './extract.js';
import subset from './github-subset.json' with { type: 'json' };

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: unknown;
}

export interface Operation {
  method: string;
  template: string;
  operationId: string;
  parameters: OpenApiParameter[];
  /** The OpenAPI schema of an `application/json` request body, when the operation takes one. */
  requestBody?: unknown;
  requestBodyRequired: boolean;
  /** OpenAPI schema of the `application/json` body for each documented status; null when empty. */
  responses: Map<number, unknown | null>;
}

export interface GitHubSpec {
  /** The `components.schemas` of the description (errata applied), still in OpenAPI form. */
  schemas: Record<string, unknown>;
  /** Every format name used by a schema in the description. */
  formats: Set<string>;
  find(method: string, pathname: string): { operation: Operation; pathParams: Record<string, string> } | null;
}

/** Path parameters that may hold slashes (file paths and git refs). */
const MULTI_SEGMENT = new Set(['path', 'ref']);

interface Route {
  operation: Operation;
  pattern: RegExp;
  names: string[];
  literals: number;
}

let loaded: GitHubSpec | undefined;

/**
 * The description of api.github.com, indexed once per process. A copy: the errata patch it, and
 * the imported module stays as committed.
 */
export function loadGitHubSpec(): GitHubSpec {
  loaded ??= indexDescription(structuredClone(subset) as Record<string, unknown>);
  return loaded;
}

type Doc = {
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, unknown>;
    parameters?: Record<string, unknown>;
    responses?: Record<string, unknown>;
    requestBodies?: Record<string, unknown>;
  };
};

/** Indexes a description (the subset, or in tests the whole one); patches it with the errata. */
export function indexDescription(raw: Record<string, unknown>): GitHubSpec {
  const doc = raw as unknown as Doc;
  applyErrata(doc.components.schemas);
  applyResponseErrata(doc.paths);
  const deref = <T>(value: unknown): T => {
    let current = value as { $ref?: string };
    while (current && typeof current.$ref === 'string') {
      const [, , kind, name] = current.$ref.split('/');
      const table = (doc.components as Record<string, Record<string, unknown>>)[kind ?? ''];
      current = table?.[decodeURIComponent(name ?? '')] as { $ref?: string };
    }
    return current as T;
  };

  const routes: Route[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    const shared = ((item.parameters as unknown[]) ?? []).map((p) => deref<OpenApiParameter>(p));
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op) continue;
      const own = ((op.parameters as unknown[]) ?? []).map((p) => deref<OpenApiParameter>(p));
      const byKey = new Map<string, OpenApiParameter>();
      for (const p of [...shared, ...own]) byKey.set(`${p.in}:${p.name}`, p);
      const body = deref<{ required?: boolean; content?: Record<string, { schema?: unknown }> }>(
        op.requestBody,
      );
      const responses = new Map<number, unknown | null>();
      for (const [status, response] of Object.entries((op.responses as Record<string, unknown>) ?? {})) {
        const code = Number.parseInt(status, 10);
        if (Number.isNaN(code)) continue;
        const content = deref<{ content?: Record<string, { schema?: unknown }> }>(response).content;
        responses.set(code, content?.['application/json']?.schema ?? null);
      }
      const operation: Operation = {
        method: method.toUpperCase(),
        template,
        operationId: String(op.operationId),
        parameters: [...byKey.values()],
        requestBody: body?.content?.['application/json']?.schema,
        requestBodyRequired: body?.required === true,
        responses,
      };
      routes.push(compileRoute(operation));
    }
  }
  // More literal segments first, so /issues/comments wins over /issues/{issue_number}.
  routes.sort((a, b) => b.literals - a.literals);

  return {
    schemas: doc.components.schemas,
    formats: collectFormats(doc.components.schemas, doc.paths),
    find(method, pathname) {
      const upper = method.toUpperCase();
      for (const route of routes) {
        if (route.operation.method !== upper) continue;
        const match = route.pattern.exec(pathname);
        if (!match) continue;
        const pathParams: Record<string, string> = {};
        route.names.forEach((name, i) => {
          pathParams[name] = safeDecode(match[i + 1] ?? '');
        });
        return { operation: route.operation, pathParams };
      }
      return null;
    },
  };
}

function compileRoute(operation: Operation): Route {
  const names: string[] = [];
  let literals = 0;
  const segments = operation.template.split('/').map((segment, index, all) => {
    const param = /^\{([^}]+)\}$/.exec(segment);
    if (!param) {
      if (segment) literals++;
      return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
    }
    const name = param[1] ?? '';
    names.push(name);
    return index === all.length - 1 && MULTI_SEGMENT.has(name) ? '(.+)' : '([^/]+)';
  });
  return { operation, names, literals, pattern: new RegExp(`^${segments.join('/')}/?$`) };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function collectFormats(...roots: unknown[]): Set<string> {
  const formats = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'format' && typeof inner === 'string') formats.add(inner);
        else walk(inner);
      }
    }
  };
  for (const root of roots) walk(root);
  return formats;
}
