/**
 * What the core says about the files: a rule, a message and where in the data it applies.
 * The core knows data paths, not lines; the file adapter turns a path into line and column,
 * so every message a user sees is positioned without the core ever touching YAML text.
 */
export type DataPath = readonly (string | number)[];
export type Severity = 'error' | 'warning';

export interface Location {
  file: string;
  /** Where in the file's data; the adapter maps it to a line and column. */
  path?: DataPath;
  /** Point at the key of the last path segment instead of its value (unknown keys, duplicates). */
  key?: boolean;
  /** For files that are not YAML (markdown bodies): a known position. */
  line?: number;
  column?: number;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  at: Location;
}

/** A finding after its position was resolved: the shape `oncall validate --json` prints. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  rule: string;
  message: string;
  severity: Severity;
}

export function error(rule: string, message: string, at: Location): Finding {
  return { rule, severity: 'error', message, at };
}

export function warning(rule: string, message: string, at: Location): Finding {
  return { rule, severity: 'warning', message, at };
}

export function hasErrors(items: readonly { severity: Severity }[]): boolean {
  return items.some((item) => item.severity === 'error');
}
