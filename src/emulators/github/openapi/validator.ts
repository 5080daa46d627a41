/**
 * Checks requests and responses against the operation's schemas with ajv. Validators are compiled
 * on first use of an operation and kept for the life of the process: the schemas never change.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { COMPONENTS_ID, type JsonSchema, toJsonSchema } from './json-schema.js';
import { type GitHubSpec, loadGitHubSpec, type Operation } from './spec.js';

// ajv-formats is published as CommonJS with a default export.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** The formats checked for real; every other format in the description is accepted as written. */
const CHECKED_FORMATS = ['date-time', 'date', 'uri', 'email'] as const;
const MAX_PROBLEMS = 8;

export type Where = 'path' | 'query' | 'body' | 'response';

export interface Problem {
  where: Where;
  message: string;
}

interface RequestValidators {
  path: ValidateFunction;
  query: ValidateFunction;
  body?: ValidateFunction;
  bodyRequired: boolean;
}

export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly requests = new Map<Operation, RequestValidators>();
  private readonly responses = new Map<string, ValidateFunction | null>();

  constructor(readonly spec: GitHubSpec) {
    const components = {
      $id: COMPONENTS_ID,
      components: {
        schemas: Object.fromEntries(Object.entries(spec.schemas).map(([k, v]) => [k, toJsonSchema(v)])),
      },
    };
    this.ajv = new Ajv({
      strict: false,
      allErrors: true,
      allowUnionTypes: true,
      validateSchema: false,
      // Each component schema becomes one function, instead of being inlined wherever it is used.
      inlineRefs: false,
    });
    addFormats(this.ajv, [...CHECKED_FORMATS]);
    for (const format of spec.formats) {
      if (!(CHECKED_FORMATS as readonly string[]).includes(format)) this.ajv.addFormat(format, true);
    }
    this.ajv.addSchema(components);
  }

  checkRequest(
    operation: Operation,
    input: { pathParams: Record<string, string>; query: Record<string, string>; body: unknown },
  ): Problem[] {
    const validators = this.requestValidators(operation);
    const problems: Problem[] = [];
    problems.push(...run(validators.path, coerce(input.pathParams, operation, 'path'), 'path'));
    problems.push(...run(validators.query, coerce(input.query, operation, 'query'), 'query'));
    if (input.body === undefined) {
      if (validators.bodyRequired) problems.push({ where: 'body', message: 'a request body is required' });
    } else if (validators.body) {
      problems.push(...run(validators.body, input.body, 'body'));
    } else if (!isEmpty(input.body)) {
      problems.push({ where: 'body', message: 'this operation takes no request body' });
    }
    return problems.slice(0, MAX_PROBLEMS);
  }

  checkResponse(operation: Operation, status: number, body: unknown): Problem[] {
    if (!operation.responses.has(status)) {
      // GitHub answers errors it does not document (401, 500, ...); an undocumented success is ours.
      return status < 400
        ? [{ where: 'response', message: `status ${status} is not documented for ${operation.operationId}` }]
        : [];
    }
    const validate = this.responseValidator(operation, status);
    if (!validate) {
      return body === undefined || body === ''
        ? []
        : [{ where: 'response', message: `status ${status} documents no body, but one was sent` }];
    }
    return run(validate, body, 'response').slice(0, MAX_PROBLEMS);
  }

  private requestValidators(operation: Operation): RequestValidators {
    let validators = this.requests.get(operation);
    if (!validators) {
      const paramsSchema = (where: 'path' | 'query'): JsonSchema => {
        const params = operation.parameters.filter((p) => p.in === where);
        return {
          type: 'object',
          properties: Object.fromEntries(params.map((p) => [p.name, toJsonSchema(p.schema ?? {})])),
          required: params.filter((p) => p.required).map((p) => p.name),
          // GitHub ignores unknown query parameters; a misspelt one is a bug in the caller, so say so.
          additionalProperties: false,
        };
      };
      const rawBody = operation.requestBody;
      validators = {
        path: this.ajv.compile(paramsSchema('path')),
        query: this.ajv.compile(paramsSchema('query')),
        bodyRequired: operation.requestBodyRequired,
      };
      if (rawBody !== undefined) {
        validators.body = this.ajv.compile(closeTopLevel(toJsonSchema(rawBody) as JsonSchema));
      }
      this.requests.set(operation, validators);
    }
    return validators;
  }

  private responseValidator(operation: Operation, status: number): ValidateFunction | null {
    const key = `${operation.method} ${operation.template} ${status}`;
    let validate = this.responses.get(key);
    if (validate === undefined) {
      const schema = operation.responses.get(status);
      validate = schema == null ? null : this.ajv.compile(toJsonSchema(schema) as JsonSchema);
      this.responses.set(key, validate);
    }
    return validate;
  }
}

let shared: OpenApiValidator | undefined;

/** One validator per process: compiled operations are reused by every emulator started here. */
export function sharedValidator(): OpenApiValidator {
  shared ??= new OpenApiValidator(loadGitHubSpec());
  return shared;
}

/** Path and query values arrive as strings; "7" is a fine integer there, "true" a fine boolean. */
function coerce(
  values: Record<string, string>,
  operation: Operation,
  where: 'path' | 'query',
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const param of operation.parameters) {
    const value = values[param.name];
    if (param.in !== where || value === undefined) continue;
    const type = (param.schema as { type?: unknown } | undefined)?.type;
    if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value))
      out[param.name] = Number(value);
    else if (type === 'boolean' && (value === 'true' || value === 'false'))
      out[param.name] = value === 'true';
  }
  return out;
}

/** Unknown keys in a request body are silently dropped by GitHub; for us they are a caller's bug. */
function closeTopLevel(schema: JsonSchema): JsonSchema {
  if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined) {
    return { ...schema, additionalProperties: false };
  }
  return schema;
}

function run(validate: ValidateFunction, data: unknown, where: Where): Problem[] {
  if (validate(data)) return [];
  return describe(validate.errors ?? []).map((message) => ({ where, message }));
}

function describe(errors: ErrorObject[]): string[] {
  const messages = new Set<string>();
  for (const err of errors) {
    const at = err.instancePath || '(root)';
    if (err.keyword === 'additionalProperties') {
      messages.add(`${at}: unknown key "${String(err.params.additionalProperty)}"`);
    } else if (err.keyword === 'enum') {
      messages.add(`${at}: must be one of ${JSON.stringify(err.params.allowedValues)}`);
    } else {
      messages.add(`${at}: ${err.message ?? err.keyword}`);
    }
  }
  return [...messages];
}

function isEmpty(body: unknown): boolean {
  return (
    body === null ||
    body === '' ||
    (typeof body === 'object' && body !== null && Object.keys(body as object).length === 0)
  );
}
