/** Compiler-style lines (`file:line:col rule message`) so editors and terminals make them clickable. */
import type { Diagnostic } from '../core/diagnostics/finding.js';

const paint = (code: number, color: boolean) => (text: string) =>
  color ? `\u001b[${code}m${text}\u001b[0m` : text;

export function sortDiagnostics(items: readonly Diagnostic[]): Diagnostic[] {
  return [...items].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule),
  );
}

export function formatDiagnostic(item: Diagnostic, color: boolean): string {
  const where = paint(1, color)(`${item.file}:${item.line}:${item.column}`);
  const rule =
    item.severity === 'error' ? paint(31, color)(item.rule) : paint(33, color)(`${item.rule} (warning)`);
  return `${where} ${rule} ${item.message}`;
}

/** The JSON shape of a diagnostic: the fields the CLI contract names, in that order. */
export function diagnosticJson({ file, line, column, rule, message }: Diagnostic) {
  return { file, line, column, rule, message };
}

export function bold(text: string, color: boolean): string {
  return paint(1, color)(text);
}

/**
 * The files cannot be used: the errors found, then what it means for this command; as one JSON
 * document (`extra`, `error`, `errors`) with --json. Returns the exit code for input errors.
 */
export function reportInputFailure(
  io: { stdout(text: string): void; stderr(text: string): void; color: boolean },
  options: { command: string; json: boolean; extra: Record<string, unknown> },
  diagnostics: readonly Diagnostic[],
  message: string,
): 1 {
  const errors = sortDiagnostics(diagnostics.filter((item) => item.severity === 'error'));
  if (options.json) {
    const document = { ...options.extra, error: message, errors: errors.map(diagnosticJson) };
    io.stdout(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    for (const item of errors) io.stderr(`${formatDiagnostic(item, io.color)}\n`);
    io.stderr(`oncall ${options.command}: ${message}\n`);
  }
  return 1;
}
