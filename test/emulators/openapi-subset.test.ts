/**
 * The emulator checks traffic against the part of GitHub's OpenAPI description it serves,
 * committed as github-subset.json so that @octokit/openapi (385 MB) is only a devDependency. The
 * committed file must be exactly what the pinned package gives (this is CI's check), serve every
 * handler whole, and the cutting must keep what validation reads and nothing a person wrote.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPackageDescription, SUBSET_FILE, subsetText } from '../../scripts/openapi-subset.js';
import { handlers } from '../../src/emulators/github/handlers/index.js';
import { extractSubset, trimSchema } from '../../src/emulators/github/openapi/extract.js';
import { indexDescription, loadGitHubSpec } from '../../src/emulators/github/openapi/spec.js';

const SOURCE = { package: 'test', version: '0.0.0', file: 'inline' };

describe('the committed subset', () => {
  const whole = readPackageDescription();
  const subset = JSON.parse(readFileSync(SUBSET_FILE, 'utf8'));

  it('is what the pinned @octokit/openapi gives (else: npm run openapi:subset)', () => {
    expect(readFileSync(SUBSET_FILE, 'utf8') === subsetText(whole)).toBe(true);
    expect(subset['x-subset-of']).toMatchObject({ package: '@octokit/openapi', version: whole.version });
  });

  it('describes every operation the emulator has a handler for whole, and no other', () => {
    const described: string[] = [];
    let routes = 0;
    for (const item of Object.values<Record<string, { operationId: string }>>(subset.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (method === 'parameters') continue;
        routes++;
        if (Object.keys(op).length > 1) described.push(op.operationId);
      }
    }
    expect(described.sort()).toEqual(Object.keys(handlers).sort());
    expect(routes).toBe(subset['x-subset-of'].operations);
    expect(routes).toBeGreaterThan(1000);
    // What the errata patch is kept (they throw at load otherwise), and nothing written for people.
    expect(Object.keys(loadGitHubSpec().schemas)).toEqual(
      expect.arrayContaining(['issue', 'pull-request-simple', 'issue-search-result-item', 'label']),
    );
    expect(JSON.stringify(subset)).not.toMatch(/"(summary|example|examples|x-github)":/);
  });

  it('routes every request to the same operation as the whole description does', () => {
    const full = indexDescription(structuredClone(whole.description));
    const spec = loadGitHubSpec();
    let checked = 0;
    for (const [template, item] of Object.entries<Record<string, unknown>>(subset.paths)) {
      // Numbers, words, and a slash where a file path may hold one.
      for (const fill of ['7', 'main', 'docs/a.md']) {
        const path = template.replace(/\{[^}]+\}/g, fill);
        for (const method of Object.keys(item).filter((key) => key !== 'parameters')) {
          const want = full.find(method, path)?.operation.operationId;
          expect(spec.find(method, path)?.operation.operationId, `${method} ${path}`).toBe(want);
          checked++;
        }
      }
    }
    expect(checked).toBe(3 * subset['x-subset-of'].operations);
    expect(spec.find('GET', '/repos/acme/oncall/no-such-thing')).toBeNull();
  });
});

describe('cutting the subset from a description', () => {
  const description = {
    openapi: '3.0.3',
    info: { title: 'everything', version: '1' },
    paths: {
      '/things/{id}': {
        parameters: [{ $ref: '#/components/parameters/id' }],
        get: {
          operationId: 'things/get',
          summary: 'Get a thing',
          description: 'Long prose.',
          tags: ['things'],
          'x-github': { category: 'things' },
          parameters: [{ name: 'full', in: 'query', description: 'prose', schema: { type: 'boolean' } }],
          responses: {
            '200': {
              description: 'ok',
              headers: { Link: { $ref: '#/components/headers/link' } },
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/thing' },
                  examples: { default: { $ref: '#/components/examples/thing' } },
                },
                'text/html': { schema: { $ref: '#/components/schemas/html-only' } },
              },
            },
            '404': { $ref: '#/components/responses/not_found' },
          },
        },
        delete: { operationId: 'things/delete', responses: { '204': { description: 'gone' } } },
      },
      '/things': {
        post: {
          operationId: 'things/create',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/new%20thing' } } },
          },
          responses: { '201': { content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
      '/unserved': {
        get: { operationId: 'other/list', parameters: [{ $ref: '#/components/parameters/page' }] },
      },
    },
    components: {
      schemas: {
        thing: {
          type: 'object',
          description: 'A thing.',
          example: { description: 'not a keyword here' },
          properties: {
            description: { type: 'string', nullable: true, description: 'the property named description' },
            owner: { $ref: '#/components/schemas/user' },
            kind: { type: 'string', enum: ['a', 'b'], default: 'a' },
            meta: { type: 'object', default: { description: 'a default value stays as written' } },
          },
          required: ['description'],
        },
        user: { allOf: [{ $ref: '#/components/schemas/simple-user' }], 'x-ignore': true },
        'simple-user': { type: 'object', properties: { login: { type: 'string', example: 'octocat' } } },
        'new thing': { type: 'object', properties: { name: { type: 'string' } } },
        'html-only': { type: 'string' },
        unused: { type: 'string' },
        'basic-error': { type: 'object', properties: { message: { type: 'string' } } },
      },
      parameters: {
        id: { name: 'id', in: 'path', required: true, description: 'prose', schema: { type: 'integer' } },
        page: { name: 'page', in: 'query', schema: { type: 'integer' } },
      },
      responses: {
        not_found: {
          description: 'Resource not found',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/basic-error' } } },
        },
      },
      headers: { link: { schema: { type: 'string' } } },
      examples: { thing: { value: {} } },
    },
  };

  it('keeps the served operations whole, the others as routes, and only the components reached', () => {
    const subset = extractSubset(description, ['things/get', 'things/create'], SOURCE);
    expect(subset['x-subset-of']).toEqual({ ...SOURCE, operations: 4, served: 2 });
    expect(Object.keys(subset.paths)).toEqual(['/things', '/things/{id}', '/unserved']);
    expect(subset.paths['/unserved']).toEqual({ get: { operationId: 'other/list' } });
    expect(subset.paths['/things/{id}']).toEqual({
      delete: { operationId: 'things/delete' },
      get: {
        operationId: 'things/get',
        parameters: [{ name: 'full', in: 'query', schema: { type: 'boolean' } }],
        responses: {
          '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/thing' } } } },
          '404': { $ref: '#/components/responses/not_found' },
        },
      },
      parameters: [{ $ref: '#/components/parameters/id' }],
    });
    expect(subset.paths['/things']?.post).toMatchObject({
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: expect.any(String) } } },
      },
    });
    expect(Object.keys(subset.components)).toEqual(['parameters', 'responses', 'schemas']);
    // Followed through schemas, parameters and responses, an encoded name decoded; never `unused`,
    // the page parameter of an unserved route, the HTML-only schema, headers or examples.
    expect(Object.keys(subset.components.schemas ?? {})).toEqual([
      'basic-error',
      'new thing',
      'simple-user',
      'thing',
      'user',
    ]);
    expect(subset.components.parameters).toEqual({
      id: { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
    });
    expect(subset.components.responses).toEqual({
      not_found: {
        content: { 'application/json': { schema: { $ref: '#/components/schemas/basic-error' } } },
      },
    });
  });

  it('drops the words written for people but keeps a property named description and every value', () => {
    expect(trimSchema(description.components.schemas.thing)).toEqual({
      type: 'object',
      properties: {
        description: { type: 'string', nullable: true },
        owner: { $ref: '#/components/schemas/user' },
        kind: { type: 'string', enum: ['a', 'b'], default: 'a' },
        meta: { type: 'object', default: { description: 'a default value stays as written' } },
      },
      required: ['description'],
    });
    expect(trimSchema(description.components.schemas.user)).toEqual({
      allOf: [{ $ref: '#/components/schemas/simple-user' }],
    });
  });

  it('refuses a handler for an operation the description does not have, naming it', () => {
    expect(() => extractSubset(description, ['things/get', 'things/frobnicate', 'a/b'], SOURCE)).toThrow(
      'no operation in the description has the operationId a/b, things/frobnicate',
    );
  });

  it('refuses a reference that points at nothing, or outside the components it keeps', () => {
    const dangling = structuredClone(description);
    delete (dangling.components.schemas as Record<string, unknown>).user;
    expect(() => extractSubset(dangling, ['things/get'], SOURCE)).toThrow(
      '#/components/schemas/user points at nothing in the description',
    );
    const elsewhere = structuredClone(description);
    elsewhere.components.schemas['simple-user'] = { $ref: 'https://example.com/user.json' } as never;
    expect(() => extractSubset(elsewhere, ['things/get'], SOURCE)).toThrow(
      'cannot follow https://example.com/user.json',
    );
  });

  it('gives the same text for the same description, whatever order it was written in', () => {
    const reordered = structuredClone(description);
    reordered.components.schemas = Object.fromEntries(
      Object.entries(description.components.schemas).reverse(),
    ) as typeof description.components.schemas;
    reordered.paths = Object.fromEntries(
      Object.entries(description.paths).reverse(),
    ) as typeof description.paths;
    const ids = ['things/get', 'things/create'];
    expect(JSON.stringify(extractSubset(reordered, [...ids].reverse(), SOURCE))).toBe(
      JSON.stringify(extractSubset(description, ids, SOURCE)),
    );
  });
});
