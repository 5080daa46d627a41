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
