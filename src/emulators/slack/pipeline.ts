/**
 * One Web API call through the emulator: read the arguments (form, JSON or query) → fault →
 * token → method → answer. Slack answers HTTP 200 with `{ ok, ... }` for everything except rate
 * limiting (429) and server errors; every call is logged, and every misuse recorded.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { malformedSlackBody, type SlackFaultQueue, slackFaultResponse } from './faults.js';
import { Args, type MethodHandler, SlackErrorAnswer } from './methods.js';
import type { SlackRequestLogEntry, SlackViolation, SlackViolationKind } from './request-log.js';
import { scopeNeeded } from './scopes.js';
import type { SlackStore } from './state.js';

export interface SlackPipelineDeps {
  baseUrl: string;
  store: SlackStore;
  methods: Record<string, MethodHandler>;
  faults: SlackFaultQueue;
  log: SlackRequestLogEntry[];
  violations: SlackViolation[];
  /** Whether a token is accepted; every token is unless the emulator was given a list. */
  acceptsToken(token: string): boolean;
  /** The app's scopes now (sent in `x-oauth-scopes` and checked on every call). */
  scopes(): readonly string[];
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** A malformed answer (a fault), sent as it is. */
  raw?: { contentType: string; text: string };
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function serveSlack(
  deps: SlackPipelineDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', deps.baseUrl);
  const method = /^\/api\/([^/]+)$/.exec(url.pathname)?.[1] ?? url.pathname;
  const entry: SlackRequestLogEntry = {
    method,
    httpMethod: (req.method ?? 'GET').toUpperCase(),
    args: {},
    encoding: 'query',
    status: 0,
  };
  deps.log.push(entry);
  const violate = (kind: SlackViolationKind, message: string): void => {
    deps.violations.push({ kind, method, message });
  };

  let answer: Answer;
  try {
    answer = await answerCall(deps, { req, url, method, entry, violate });
  } catch (err) {
    violate('emulator-error', err instanceof Error ? (err.stack ?? err.message) : String(err));
    answer = { status: 500, headers: {}, body: { ok: false, error: 'internal_error' } };
  }

  entry.status = answer.status;
  if (typeof answer.body.ok === 'boolean') entry.ok = answer.body.ok;
  if (typeof answer.body.error === 'string') entry.error = answer.body.error;
  const text = answer.raw?.text ?? JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'content-type': answer.raw?.contentType ?? 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'x-slack-req-id': randomBytes(16).toString('hex'),
    'x-oauth-scopes': deps.scopes().join(','),
    ...answer.headers,
  });
  res.end(text);
}

interface CallFacts {
  req: IncomingMessage;
  url: URL;
  method: string;
  entry: SlackRequestLogEntry;
  violate(kind: SlackViolationKind, message: string): void;
}

async function answerCall(deps: SlackPipelineDeps, facts: CallFacts): Promise<Answer> {
  const { req, url, method, entry, violate } = facts;
  const ok = (body: Record<string, unknown>): Answer => ({
    status: 200,
    headers: {},
    body: { ok: true, ...body },
  });
  const refuse = (error: string, extra: Record<string, unknown> = {}): Answer => ({
    status: 200,
    headers: {},
    body: { ok: false, error, ...extra },
  });

  const parsed = parseArguments(req, url, await readBody(req));
  entry.encoding = parsed.encoding;
  const { token: bodyToken, ...args } = parsed.args;
  entry.args = args;
  if (parsed.problem) {
    violate(parsed.problem.kind, parsed.problem.message);
    return refuse(parsed.problem.error);
  }

  const fault = deps.faults.take(method);
  if (fault) entry.fault = fault.kind;
  if (fault?.latencyMs) await delay(fault.latencyMs);
  const afterWrite =
    (fault?.kind === 'status' || fault?.kind === 'error' || fault?.kind === 'malformed') &&
    fault.afterWrite === true;
  if (fault && !afterWrite) {
    const injected = slackFaultResponse(fault);
    if (injected) return injected;
  }

  // A JSON body cannot carry the token: Slack reads it from the Authorization header only.
  const header = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const token = header ?? (parsed.encoding === 'json' ? undefined : stringOrUndefined(bodyToken));
  if (!token) {
    violate('request', 'no token: neither an Authorization: Bearer header nor a token argument');
    return refuse('not_authed');
  }
  if (!deps.acceptsToken(token)) return refuse('invalid_auth');

  const handler = deps.methods[method];
  if (!handler) {
    violate('unknown-method', `the emulator does not implement "${method}" (Slack answers unknown_method)`);
    return refuse('unknown_method', { req_method: method });
  }

  const callArgs = new Args(args, violate);
  const needed = scopeNeeded(method, callArgs, deps.store);
  const granted = deps.scopes();
  if (needed && !granted.includes(needed)) {
    return refuse('missing_scope', { needed, provided: granted.join(',') });
  }

  let answer: Answer;
  try {
    answer = ok(handler({ store: deps.store, args: callArgs, violate }));
  } catch (err) {
    if (!(err instanceof SlackErrorAnswer)) throw err;
    answer = refuse(err.error, err.extra);
  }

  if (afterWrite && fault?.kind === 'malformed') {
    // The call is done; its answer is cut off (the real JSON, half of it) or replaced by a page.
    entry.applied = answer.body.ok === true;
    return {
      ...answer,
      status: fault.status ?? 502,
      raw: malformedSlackBody(fault.body, JSON.stringify(answer.body)),
    };
  }
  if (afterWrite && fault) {
    entry.applied = answer.body.ok === true;
    return slackFaultResponse(fault) as Answer;
  }
  return answer;
}

interface ParsedArguments {
  encoding: SlackRequestLogEntry['encoding'];
  args: Record<string, unknown>;
  problem?: { kind: SlackViolationKind; error: string; message: string };
}

function parseArguments(req: IncomingMessage, url: URL, text: string): ParsedArguments {
  const query = Object.fromEntries(url.searchParams) as Record<string, unknown>;
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!text.trim()) {
    const encoding =
      contentType === 'application/x-www-form-urlencoded'
        ? 'form'
        : contentType === 'application/json'
          ? 'json'
          : 'query';
    return { encoding, args: query };
  }
  if (contentType === 'application/x-www-form-urlencoded') {
    return { encoding: 'form', args: { ...query, ...Object.fromEntries(new URLSearchParams(text)) } };
  }
  if (contentType === 'application/json') {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return {
        encoding: 'json',
        args: query,
        problem: { kind: 'invalid-argument', error: 'invalid_json', message: 'the JSON body does not parse' },
      };
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return {
        encoding: 'json',
        args: query,
        problem: {
          kind: 'invalid-argument',
          error: 'json_not_object',
          message: 'the JSON body is not an object',
        },
      };
    }
    return { encoding: 'json', args: { ...query, ...(body as Record<string, unknown>) } };
  }
  return {
    encoding: 'other',
    args: query,
    problem: {
      kind: 'request',
      error: 'invalid_form_data',
      message: `the emulator reads form-encoded or JSON bodies, not "${contentType || 'no content type'}"`,
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body over 1 MiB');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
