/**
 * One request through the emulator: fault → route (from GitHub's OpenAPI description) → request
 * check → handler → response check → conditional GET → answer. Every step is logged, and every
 * departure from the description is recorded as a violation.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { GitHubError, Unsupported } from './errors.js';
import { etagFor, matchesIfNoneMatch } from './etag.js';
import { type FaultQueue, faultResponse, malformedBody } from './faults.js';
import type { HandlerResult, HandlerTable } from './handlers/context.js';
import { readBody, send } from './http-io.js';
import type { OpenApiValidator } from './openapi/validator.js';
import type { Renderer } from './render.js';
import type { RequestLogEntry, Violation, ViolationKind } from './request-log.js';
import type { UserRecord } from './state/records.js';
import type { GitHubStore } from './state/store.js';

export interface PipelineDeps {
  baseUrl: string;
  store: GitHubStore;
  render: Renderer;
  validator: OpenApiValidator;
  handlers: HandlerTable;
  faults: FaultQueue;
  log: RequestLogEntry[];
  violations: Violation[];
  /** The user a request acts as, from its Authorization header; null without one. */
  authenticate(authorization: string | undefined): UserRecord | null;
  /** A classic token's OAuth scopes (sent back in `x-oauth-scopes`); undefined for other tokens. */
  scopesOf(authorization: string | undefined): string[] | undefined;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  /** A malformed answer (a fault), sent as it is. */
  raw?: { contentType: string; text: string };
}

export async function serve(deps: PipelineDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', deps.baseUrl);
  const path = safeDecode(url.pathname);
  const query = Object.fromEntries(url.searchParams);
  const entry: RequestLogEntry = { method, path, query, body: undefined, status: 0, receivedAt: Date.now() };
  deps.log.push(entry);
  const requestId = randomUUID().toUpperCase();
  const violate = (kind: ViolationKind, message: string, operationId?: string): void => {
    deps.violations.push({ kind, method, path, message, ...(operationId && { operationId }) });
  };

  let answer: Answer;
  try {
    const text = await readBody(req);
    answer = await answerRequest(deps, { req, method, url, path, query, text, entry, requestId, violate });
  } catch (err) {
    violate('emulator-error', err instanceof Error ? (err.stack ?? err.message) : String(err));
    answer = { status: 500, headers: {}, body: new GitHubError(500, 'Server Error').body() };
  }

  entry.status = answer.status;
  const scopes = deps.scopesOf(req.headers.authorization);
  const headers = {
    ...standardHeaders(requestId, path),
    ...(scopes && { 'x-oauth-scopes': scopes.join(', ') }),
    ...answer.headers,
  };
  if (answer.raw) {
    res.writeHead(answer.status, {
      ...headers,
      'content-type': answer.raw.contentType,
      'content-length': String(Buffer.byteLength(answer.raw.text)),
    });
    res.end(answer.raw.text);
    return;
  }
  send(res, answer.status, headers, answer.body === undefined ? undefined : JSON.stringify(answer.body));
}

interface RequestFacts {
  req: IncomingMessage;
  method: string;
  url: URL;
  path: string;
  query: Record<string, string>;
  text: string;
  entry: RequestLogEntry;
  requestId: string;
  violate(kind: ViolationKind, message: string, operationId?: string): void;
}

async function answerRequest(deps: PipelineDeps, facts: RequestFacts): Promise<Answer> {
  const { req, method, url, path, query, entry, violate } = facts;

  let body: unknown;
  if (facts.text.trim()) {
    try {
      body = JSON.parse(facts.text);
    } catch {
      entry.body = facts.text;
      return error(new GitHubError(400, 'Problems parsing JSON'));
    }
  }
  entry.body = body;

  const fault = deps.faults.take(method, path);
  if (fault) entry.fault = fault.kind;
  if (fault?.latencyMs) await delay(fault.latencyMs);
  if (fault?.kind === 'barrier') await deps.faults.wait(fault);
  const afterWrite = (fault?.kind === 'status' || fault?.kind === 'malformed') && fault.afterWrite === true;
  if (fault && !afterWrite) {
    const injected = faultResponse(fault, facts.requestId, Date.now());
    if (injected) return injected;
  }

  const found = deps.validator.spec.find(method, url.pathname);
  if (!found) {
    violate('unknown-route', "no operation in GitHub's OpenAPI description has this method and path");
    return error(new GitHubError(404, 'Not Found'));
  }
  const { operation, pathParams } = found;
  entry.operationId = operation.operationId;

  // An operation the emulator has no handler for is described by its route alone (the committed
  // subset of the description keeps only the served ones whole), so it is refused before checking.
  const handler = deps.handlers[operation.operationId];
  if (!handler) {
    violate(
      'not-implemented',
      `the emulator does not implement ${operation.operationId}`,
      operation.operationId,
    );
    return error(new GitHubError(404, 'Not Found'));
  }

  const problems = deps.validator.checkRequest(operation, { pathParams, query, body });
  for (const p of problems) violate(p.where, p.message, operation.operationId);
  // GitHub answers a path that does not fit (issues/abc) with 404, and a bad query or body with 422.
  if (problems.some((p) => p.where === 'path')) return error(new GitHubError(404, 'Not Found'));
  if (problems.length) {
    const details = problems.map((p) => `${p.where} ${p.message}`).join('\n');
    return error(new GitHubError(422, `Invalid request.\n\n${details}`));
  }

  let result: HandlerResult;
  try {
    result = handler({
      store: deps.store,
      render: deps.render,
      actor: deps.authenticate(req.headers.authorization),
      pathParams,
      query,
      body,
      url,
      searchIncomplete: fault?.kind === 'search-incomplete',
    });
  } catch (err) {
    if (err instanceof Unsupported) {
      violate('unsupported', `the emulator does not support ${err.message}`, operation.operationId);
      return error(new GitHubError(422, `The GitHub emulator does not support ${err.message}`));
    }
    if (!(err instanceof GitHubError)) throw err;
    result = { status: err.status, body: err.body(), headers: err.headers };
  }

  for (const p of deps.validator.checkResponse(operation, result.status, result.body)) {
    violate(p.where, p.message, operation.operationId);
  }

  if (afterWrite && fault?.kind === 'status') {
    entry.applied = result.status < 400;
    return faultResponse(fault, facts.requestId, Date.now()) as Answer;
  }
  if (afterWrite && fault?.kind === 'malformed') {
    // The write is done; its answer is cut off (the real JSON, half of it) or replaced by a page.
    entry.applied = result.status < 400;
    return {
      status: fault.status ?? 502,
      headers: {},
      raw: malformedBody(fault.body, JSON.stringify(result.body ?? {})),
    };
  }

  const headers = { ...(result.headers ?? {}) };
  if (method === 'GET' && result.status === 200) {
    const etag = etagFor(JSON.stringify(result.body));
    headers.etag = etag;
    if (matchesIfNoneMatch(req.headers['if-none-match'], etag)) return { status: 304, headers };
  }
  return result.body === undefined
    ? { status: result.status, headers }
    : { status: result.status, headers, body: result.body };
}

function error(err: GitHubError): Answer {
  return { status: err.status, headers: err.headers, body: err.body() };
}

function standardHeaders(requestId: string, path: string): Record<string, string> {
  const search = path.startsWith('/search/');
  return {
    'x-github-api-version-selected': '2022-11-28',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-request-id': requestId,
    'x-ratelimit-limit': search ? '30' : '5000',
    'x-ratelimit-remaining': search ? '29' : '4999',
    'x-ratelimit-used': '1',
    'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 3600),
    'x-ratelimit-resource': search ? 'search' : 'core',
    'access-control-allow-origin': '*',
  };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
