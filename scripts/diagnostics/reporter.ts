/** One reporter for every problem, in the style of unified's: `file:line:column  severity  message  rule`. */
import { invisibleKind } from '../safety/invisible.ts';
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
  const file = printable(d.file);
  const where = d.place ? `${file}:${d.place.line}:${d.place.column}` : file;
  const line = `${where}  ${d.severity}  ${printable(d.message)}  ${d.ruleId}`;
  return d.hint ? `${line}\n    hint: ${printable(d.hint)}` : line;
}

/**
 * Text a plan chose (a file's name, words quoted from a file) shown as written but never obeyed
 * by the terminal: a control character (an escape sequence that clears the screen or retitles
 * the window, a line break that starts a forged message) or a direction override is shown as its
 * escape, `\x1b`, `\n`, `\u202e`.
 */
export function printable(text: string): string {
  const escapes: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  return [...text]
    .map((c) => {
      const code = c.codePointAt(0)!;
      // The kinds a plan's text is checked for (safety/invisible.ts) that the terminal would act on.
      const kind = invisibleKind(code);
      if (escapes[c]) return escapes[c];
      if (kind !== 'control' && kind !== 'override' && kind !== 'direction') return c;
      return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
    })
    .join('');
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
