/**
 * Faults queued by a test: each matches a Web API method (a name, a RegExp, or any when omitted)
 * and fires for its next N calls.
 */

export interface SlackFaultMatch {
  /** "chat.postMessage", /^usergroups\./, or any method when omitted. */
  method?: string | RegExp;
  /** How many matching calls the fault fires for; 1 when omitted. */
  times?: number;
  /** Delay before answering, in milliseconds (combines with any kind). */
  latencyMs?: number;
  /** Matching calls to let through untouched first: a fault on the third post is `skip: 2`. */
  skip?: number;
}

export type SlackFaultKind =
  /** HTTP 429 with `Retry-After` in seconds (default 1), as Slack's rate limiter answers. */
  | { kind: 'rate-limit'; retryAfter?: number }
  /** An HTTP error status (500, 502, 503…); with `afterWrite`, only after applying the call. */
  | { kind: 'status'; status: number; afterWrite?: boolean }
  /**
   * HTTP 200 with `{ ok: false, error }`, e.g. 'ratelimited', 'internal_error', 'fatal_error';
   * `retryAfter` adds a Retry-After header; with `afterWrite`, only after applying the call.
   */
  | { kind: 'error'; error: string; retryAfter?: number; afterWrite?: boolean }
  /** Only the delay of `latencyMs`; the call is then served normally. */
  | { kind: 'latency' }
  /**
   * A body that is not Slack's JSON, with this status (default 502): `html`, the error page a
   * proxy serves; `truncated-json`, the answer cut off mid-way. With `afterWrite`, only after
   * applying the call.
   */
  | { kind: 'malformed'; body: 'html' | 'truncated-json'; status?: number; afterWrite?: boolean };

export type SlackFault = SlackFaultMatch & SlackFaultKind;

export interface SlackFaultResponse {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** Sent as it is instead of `body`, with its own content type (a malformed answer). */
  raw?: { contentType: string; text: string };
}

/** A malformed answer: a proxy's HTML error page, or `json` cut off half-way. */
export function malformedSlackBody(kind: 'html' | 'truncated-json', json: string): SlackFaultResponse['raw'] {
  return kind === 'html'
    ? {
        contentType: 'text/html; charset=utf-8',
        text: '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>\n',
      }
    : {
        contentType: 'application/json; charset=utf-8',
        text: json.slice(0, Math.max(1, Math.floor(json.length / 2))),
      };
}

interface Queued {
  fault: SlackFault;
  remaining: number;
  skip: number;
}

export class SlackFaultQueue {
  private readonly queue: Queued[] = [];

  add(fault: SlackFault): void {
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new Error(`fault.times must be positive, got ${times}`);
    if (fault.kind === 'status' && !(fault.status >= 400 && fault.status <= 599)) {
      throw new Error(`a status fault needs an HTTP error status, got ${fault.status}`);
    }
    this.queue.push({ fault, remaining: times, skip: fault.skip ?? 0 });
  }

  /** The first queued fault for this method, counted as used; undefined when none matches. */
  take(method: string): SlackFault | undefined {
    const index = this.queue.findIndex(({ fault }) => matches(fault.method, method));
    const queued = this.queue[index];
    if (!queued) return undefined;
    if (queued.skip > 0) {
      queued.skip--;
      return undefined;
    }
    queued.remaining--;
    if (queued.remaining <= 0) this.queue.splice(index, 1);
    return queued.fault;
  }

  pending(): SlackFault[] {
    return this.queue.map((q) => q.fault);
  }

  clear(): void {
    this.queue.length = 0;
  }
}

/** The answer a fault gives instead of the real one; undefined for latency only. */
export function slackFaultResponse(fault: SlackFault): SlackFaultResponse | undefined {
  switch (fault.kind) {
    case 'rate-limit':
      return {
        status: 429,
        headers: { 'retry-after': String(fault.retryAfter ?? 1) },
        body: { ok: false, error: 'ratelimited' },
      };
    case 'status':
      return { status: fault.status, headers: {}, body: { ok: false, error: 'internal_error' } };
    case 'error':
      return {
        status: 200,
        headers: fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) },
        body: { ok: false, error: fault.error },
      };
    case 'malformed':
      return {
        status: fault.status ?? 502,
        headers: {},
        body: {},
        raw: malformedSlackBody(fault.body, JSON.stringify({ ok: false, error: 'internal_error' })),
      };
    default:
      return undefined;
  }
}

function matches(pattern: string | RegExp | undefined, method: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? pattern === method : pattern.test(method);
}
