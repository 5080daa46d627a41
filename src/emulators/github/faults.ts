/**
 * Faults queued by a test: each matches a method and path pattern and fires for its next N
 * requests. A pattern is a path with wildcards: `*` or `{name}` for one segment, `**` for the rest.
 */
import { DOCS_URL, defaultMessage } from './errors.js';

export interface FaultMatch {
  /** HTTP method; any when omitted. */
  method?: string;
  /** "/repos/acme/oncall/issues", "/repos/{owner}/{repo}/issues/*", "/search/**", or a RegExp. */
  path: string | RegExp;
  /** How many matching requests the fault fires for; 1 when omitted. */
  times?: number;
  /** Delay before answering, in milliseconds (combines with any kind). */
  latencyMs?: number;
  /** Matching requests to let through untouched first: a fault on the third create is `skip: 2`. */
  skip?: number;
}

export type FaultKind =
  /** Answer with this status and a GitHub-like message; with `afterWrite`, only after applying it. */
  | { kind: 'status'; status: number; message?: string; retryAfter?: number; afterWrite?: boolean }
  /** GitHub's secondary rate limit: 403 (or 429) with its message and a Retry-After header. */
  | { kind: 'secondary-rate-limit'; status?: 403 | 429; retryAfter?: number }
  /** The primary rate limit: 403 (or 429) with x-ratelimit-remaining: 0 and x-ratelimit-reset. */
  | { kind: 'rate-limit'; status?: 403 | 429; resetInSeconds?: number }
  /** Only the delay of `latencyMs`; the request is then served normally. */
  | { kind: 'latency' }
  /** A search served normally but marked `incomplete_results: true` (GitHub's search timed out). */
  | { kind: 'search-incomplete' }
  /**
   * Holds each of the next `times` matching requests until all of them have arrived (or
   * `timeoutMs`, default 10 s, passed), then serves them normally: forces runs to overlap at
   * that request, so a race is tried on every run instead of left to chance.
   */
  | { kind: 'barrier'; timeoutMs?: number }
  /**
   * A body that is not GitHub's JSON, with this status (default 502): `html`, the error page a
   * proxy or load balancer serves; `truncated-json`, a JSON answer cut off mid-way (a dropped
   * connection). With `afterWrite`, only after applying the request.
   */
  | { kind: 'malformed'; body: 'html' | 'truncated-json'; status?: number; afterWrite?: boolean };

export type Fault = FaultMatch & FaultKind;

export interface FaultResponse {
  status: number;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
  /** Sent as it is instead of `body`, with its own content type (a malformed answer). */
  raw?: { contentType: string; text: string };
}

/** The page a proxy in front of an API serves when the service behind it fails. */
const HTML_ERROR_PAGE =
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><h1>Bad Gateway</h1>' +
  '<p>The server returned an invalid or incomplete response.</p></body></html>\n';

/** A malformed answer: an HTML page, or the start of a JSON document cut off. */
export function malformedBody(kind: 'html' | 'truncated-json', json: string): FaultResponse['raw'] {
  return kind === 'html'
    ? { contentType: 'text/html; charset=utf-8', text: HTML_ERROR_PAGE }
    : {
        contentType: 'application/json; charset=utf-8',
        text: json.slice(0, Math.max(1, Math.floor(json.length / 2))),
      };
}

interface Queued {
  fault: Fault;
  pattern: RegExp;
  remaining: number;
  skip: number;
}

/** The requests a barrier fault holds until all `expected` have arrived. */
class Barrier {
  private arrived = 0;
  private readonly open: Promise<void>;
  private release!: () => void;

  constructor(
    private readonly expected: number,
    private readonly timeoutMs: number,
  ) {
    this.open = new Promise((resolve) => {
      this.release = resolve;
    });
  }

  arrive(): Promise<void> {
    this.arrived += 1;
    if (this.arrived >= this.expected) this.release();
    const timer = setTimeout(() => this.release(), this.timeoutMs);
    return this.open.finally(() => clearTimeout(timer));
  }
}

export class FaultQueue {
  private readonly queue: Queued[] = [];
  private readonly barriers = new Map<Fault, Barrier>();

  add(fault: Fault): void {
    const times = fault.times ?? 1;
    if (!(times > 0)) throw new Error(`fault.times must be positive, got ${times}`);
    this.queue.push({ fault, pattern: toPattern(fault.path), remaining: times, skip: fault.skip ?? 0 });
    if (fault.kind === 'barrier') this.barriers.set(fault, new Barrier(times, fault.timeoutMs ?? 10_000));
  }

  /** For a barrier fault taken by a request: resolves when the request may go on. */
  wait(fault: Fault): Promise<void> {
    return this.barriers.get(fault)?.arrive() ?? Promise.resolve();
  }

  /** The first queued fault for this request, counted as used; undefined when none matches. */
  take(method: string, path: string): Fault | undefined {
    const index = this.queue.findIndex(
      (q) =>
        (!q.fault.method || q.fault.method.toUpperCase() === method.toUpperCase()) && q.pattern.test(path),
    );
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

  /** Faults that have not fired as often as asked. */
  pending(): Fault[] {
    return this.queue.map((q) => q.fault);
  }

  clear(): void {
    this.queue.length = 0;
    this.barriers.clear();
  }
}

/** The answer a fault gives instead of the real one; undefined for kinds that only alter it. */
export function faultResponse(fault: Fault, requestId: string, nowMs: number): FaultResponse | undefined {
  const body = (status: number, message: string): Record<string, unknown> => ({
    message,
    documentation_url: DOCS_URL,
    status: String(status),
  });
  switch (fault.kind) {
    case 'status': {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      return {
        status: fault.status,
        headers,
        body: body(fault.status, fault.message ?? defaultMessage(fault.status)),
      };
    }
    case 'secondary-rate-limit': {
      const status = fault.status ?? 403;
      return {
        status,
        headers: { 'retry-after': String(fault.retryAfter ?? 1) },
        body: {
          ...body(
            status,
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
              `If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
          ),
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        },
      };
    }
    case 'rate-limit': {
      const status = fault.status ?? 403;
      // Clients compare the reset with their own clock, so it is real time, not the emulator's.
      const reset = Math.ceil(nowMs / 1000) + (fault.resetInSeconds ?? 1);
      return {
        status,
        headers: {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': '5000',
          'x-ratelimit-reset': String(reset),
          'x-ratelimit-resource': 'core',
        },
        body: {
          ...body(status, 'API rate limit exceeded for installation ID 1.'),
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits',
        },
      };
    }
    case 'malformed':
      return {
        status: fault.status ?? 502,
        headers: {},
        raw: malformedBody(
          fault.body,
          JSON.stringify({ message: 'Server Error', documentation_url: DOCS_URL }),
        ),
      };
    default:
      return undefined;
  }
}

function toPattern(path: string | RegExp): RegExp {
  if (path instanceof RegExp) return path;
  const source = path
    .split('/')
    .map((segment) => {
      if (segment === '**') return '.*';
      if (segment === '*' || /^\{[^}]+\}$/.test(segment)) return '[^/]+';
      return segment.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`);
}
