/**
 * A problem found in a plan: where it is, how bad, which rule, and what to do.
 * Shaped after vfile-message so one reporter prints every stage's problems alike.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Place {
  line: number;
  column: number;
  endLine?: number | undefined;
  endColumn?: number | undefined;
}

export interface Diagnostic {
  /** Path relative to the plan directory, with forward slashes (`data/budget.yaml`). */
  file: string;
  place?: Place | undefined;
  severity: Severity;
  /** Stable id of the rule, in the `source:rule` style of unified (`yaml:syntax`). */
  ruleId: string;
  message: string;
  /** One line saying what to do about it. */
  hint?: string | undefined;
}

/** What a message function in the catalogue returns; the caller adds file and place. */
export interface MessageText {
  ruleId: string;
  message: string;
  hint?: string | undefined;
  severity?: Severity | undefined;
}

export function diagnostic(
  file: string,
  place: Place | undefined,
  text: MessageText,
  severity: Severity = text.severity ?? 'error',
): Diagnostic {
  return { file, place, severity, ruleId: text.ruleId, message: text.message, hint: text.hint };
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');

/**
 * A failure a user caused, carrying its diagnostics up to the CLI.
 * Anything else that is thrown is our bug and keeps its stack.
 */
export class PlanError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('\n'));
    this.name = 'PlanError';
    this.diagnostics = diagnostics;
  }
}
