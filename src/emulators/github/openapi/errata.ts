/**
 * Places where GitHub's published description disagrees with what api.github.com answers. Each
 * entry patches `components.schemas` (or, in RESPONSE_ERRATA, one operation's response) before use
 * and says why; keep the lists short and specific.
 */

interface Erratum {
  schema: string;
  /** Property names from the schema down to the patched one; "[]" steps into `items`. */
  path: string[];
  patch: Record<string, unknown>;
  why: string;
}

export const ERRATA: readonly Erratum[] = [
  {
    schema: 'pull-request-simple',
    path: ['labels', '[]', 'description'],
    patch: { nullable: true },
    why:
      'a label without a description lists as null, as in `label` and `pull-request` ' +
      '(github/rest-api-description#1812, open)',
  },
  {
    schema: 'issue-search-result-item',
    path: ['body'],
    patch: { nullable: true },
    why: 'an issue without a body is found with body null, as `issue` documents for the same issue',
  },
];

export function applyErrata(schemas: Record<string, unknown>): void {
  for (const erratum of ERRATA) {
    let node = schemas[erratum.schema] as Record<string, unknown> | undefined;
    for (const step of erratum.path) {
      if (!node) break;
      node =
        step === '[]'
          ? (node.items as Record<string, unknown> | undefined)
          : ((node.properties as Record<string, unknown> | undefined)?.[step] as Record<string, unknown>);
    }
    if (!node)
      throw new Error(`OpenAPI erratum no longer applies: ${erratum.schema}.${erratum.path.join('.')}`);
    Object.assign(node, erratum.patch);
  }
}

interface ResponseErratum {
  method: 'get' | 'put' | 'post' | 'patch' | 'delete';
  path: string;
  status: number;
  /** The schema's `oneOf` becomes `anyOf`. */
  patch: 'oneOf-to-anyOf';
  why: string;
}

export const RESPONSE_ERRATA: readonly ResponseErratum[] = [
  {
    method: 'put',
    path: '/repos/{owner}/{repo}/contents/{path}',
    status: 409,
    patch: 'oneOf-to-anyOf',
    why:
      'the conflict answer is `oneOf` basic-error and repository-rule-violation-error, whose properties are ' +
      'all optional and shared: every error body matches both, so "exactly one" can never hold; either is meant',
  },
];

export function applyResponseErrata(paths: Record<string, Record<string, unknown>>): void {
  for (const erratum of RESPONSE_ERRATA) {
    const operation = paths[erratum.path]?.[erratum.method] as
      | { responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }> }
      | undefined;
    const schema = operation?.responses?.[String(erratum.status)]?.content?.['application/json']?.schema;
    if (!schema || !Array.isArray(schema.oneOf)) {
      throw new Error(
        `OpenAPI erratum no longer applies: ${erratum.method.toUpperCase()} ${erratum.path} ${erratum.status}`,
      );
    }
    schema.anyOf = schema.oneOf;
    delete schema.oneOf;
  }
}
