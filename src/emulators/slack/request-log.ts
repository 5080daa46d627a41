/** What the Slack emulator records for tests to assert on: every request, and every misuse of the API. */

export interface SlackRequestLogEntry {
  /** The Web API method, e.g. "chat.postMessage" (the path after /api/). */
  method: string;
  /** GET or POST. */
  httpMethod: string;
  /** The arguments as sent (form fields are strings; JSON keeps its types), without the token. */
  args: Record<string, unknown>;
  /** "form", "json" or "query": how the arguments came. */
  encoding: 'form' | 'json' | 'query' | 'other';
  /** The HTTP status answered (Slack answers 200 except for 429 and server errors). */
  status: number;
  /** The `ok` of the answer's body, when it had one. */
  ok?: boolean;
  /** The `error` of an `{ ok: false }` answer. */
  error?: string;
  /** The kind of fault injected into this request, if any. */
  fault?: string;
  /** True when the request changed state before its fault answered (an "after write" fault). */
  applied?: boolean;
}

export type SlackViolationKind =
  /** A method the emulator does not know (Slack answers `unknown_method`). */
  | 'unknown-method'
  /** A required argument missing (Slack answers `invalid_arguments`). */
  | 'missing-argument'
  /** An argument Slack refuses: too long, empty, malformed blocks, bad JSON. */
  | 'invalid-argument'
  /** A body Slack cannot read (content type), or no token at all. */
  | 'request'
  /** The emulator itself failed. */
  | 'emulator-error';

export interface SlackViolation {
  kind: SlackViolationKind;
  method: string;
  message: string;
}

export function formatSlackViolation(v: SlackViolation): string {
  return `${v.method} [${v.kind}] ${v.message}`;
}
