/**
 * Places where GitHub's published description disagrees with what api.github.com answers. Each
 * entry patches `components.schemas` before use and says why; keep the list short and specific.
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
