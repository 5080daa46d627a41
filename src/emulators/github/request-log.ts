/** What the emulator records for tests to assert on: every request, and every contract violation. */

export interface RequestLogEntry {
  method: string;
  /** The decoded path without the query, e.g. "/repos/acme/oncall/issues/1/comments". */
  path: string;
  query: Record<string, string>;
  /** The parsed JSON request body; undefined when the request had none. */
  body: unknown;
  status: number;
  /** The OpenAPI operation, e.g. "issues/create"; undefined for an unknown route. */
  operationId?: string;
  /** The kind of fault injected into this request, if any. */
  fault?: string;
  /** True when the request changed state before its fault answered (an "after write" fault). */
  applied?: boolean;
  /** When the request arrived (epoch ms, the real clock): how long a client waited between tries. */
  receivedAt?: number;
}

export type ViolationKind =
  | 'unknown-route'
  | 'not-implemented'
  | 'path'
  | 'query'
  | 'body'
  | 'response'
  | 'unsupported'
  | 'emulator-error';

export interface Violation {
  kind: ViolationKind;
  method: string;
  path: string;
  operationId?: string;
  message: string;
}

export function formatViolation(v: Violation): string {
  return `${v.method} ${v.path}${v.operationId ? ` (${v.operationId})` : ''} [${v.kind}] ${v.message}`;
}
