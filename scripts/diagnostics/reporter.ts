/** One reporter for every problem, in the style of unified's: `file:line:column  severity  message  rule`. */
import type { Diagnostic } from './index.ts';

const order = { error: 0, warning: 1, info: 2 } as const;

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.place?.line ?? 0) - (b.place?.line ?? 0) ||
      (a.place?.column ?? 0) - (b.place?.column ?? 0) ||
      order[a.severity] - order[b.severity],
  );
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.place ? `${d.file}:${d.place.line}:${d.place.column}` : d.file;
  const line = `${where}  ${d.severity}  ${d.message}  ${d.ruleId}`;
  return d.hint ? `${line}\n    hint: ${d.hint}` : line;
}

export function summary(diagnostics: readonly Diagnostic[]): string {
  const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const errors = count('error');
  const warnings = count('warning');
  if (errors === 0 && warnings === 0) return 'no problems found';
  return [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
}

export function report(diagnostics: readonly Diagnostic[]): string {
  return [...sortDiagnostics(diagnostics).map(formatDiagnostic), summary(diagnostics)].join('\n');
}
