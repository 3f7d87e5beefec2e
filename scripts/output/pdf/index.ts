/**
 * Stage 7, print PDF: the built HTML → a tagged, bookmarked A4 PDF with numbered contents.
 *
 *   locate browser ─▶ launch ─▶ load HTML ─▶ fill contents ─▶ print ─▶ read heading pages ─┐
 *   (system Chromium,  (temp     (setContent,  (the last        (tagged,  (named destinations │
 *    never downloaded)  profile)  requests      build's numbers, outline)  via pdf.js)        │
 *                                 blocked)      if remembered)     ▲                          │
 *                                                                  └── numbers moved: fill ◀──┘
 *                                                                      them in, print again
 *   ─▶ finish (metadata, bookmark titles; pdf-lib) ─▶ write atomically ─▶ close browser (always)
 *
 * One browser and one page serve every printing. The browser is closed however the
 * stage ends: success, failure, the time limit, the caller's AbortSignal, or
 * SIGINT/SIGTERM/SIGHUP (after which the signal is raised again if nobody else
 * handles it).
 */
import type { Diagnostic } from '../../diagnostics/index.ts';
import type { PdfMeta } from './meta.ts';

export type { PdfMeta } from './meta.ts';
export { pageRules, cssString } from './page-rules.ts';

export interface PrintOptions {
  meta: PdfMeta;
  /** Where to write the PDF. Written only when printing succeeds; an older file is replaced at once. */
  outFile: string;
  /** Limit for the whole stage, launch to write. Default 60 000 ms. */
  timeoutMs?: number | undefined;
  /** Hears one line per step, for the build's progress output. */
  log?: ((line: string) => void) | undefined;
  /** Stops printing; the browser is closed and nothing is written. */
  signal?: AbortSignal | undefined;
  /** Plan-relative file the diagnostics are reported against. Default `plan.yaml`. */
  file?: string | undefined;
  /** Environment to find the browser in and read SOURCE_DATE_EPOCH from. Default `process.env`. */
  env?: Record<string, string | undefined> | undefined;
  /** Process signals that stop printing. Default SIGINT, SIGTERM, SIGHUP; `[]` for none. */
  processSignals?: readonly NodeJS.Signals[] | undefined;
  /**
   * Where to keep the contents page numbers between builds (the plan's `.yjplan-cache`). With it,
   * a build whose headings stay on their pages prints once; without it, every build prints twice.
   */
  cacheDir?: string | undefined;
}

export interface PrintResult {
  pages: number;
  /** How many times the document was printed: 1 when the contents numbers held at once. */
  printings: number;
  /** Warnings (blocked requests, contents entries without a heading). */
  diagnostics: Diagnostic[];
  /** The URLs the page asked for and was refused, in order, for mapping back to the source. */
  blocked: string[];
  /** Milliseconds per step: launch, load, print 1, contents 1, print 2, …, finish, write, close, total. */
  timings: Record<string, number>;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
/** Printings at most: the first, then until the contents numbers stop moving. */
export const MAX_PRINTINGS = 4;

/**
 * Prints `html` to `options.outFile`. The printing machinery (puppeteer, pdf-lib, pdf.js: about
 * a second to load) is loaded here, on first use, not when the build starts, so a build
 * without a PDF never pays for it.
 */
export async function printPdf(html: string, options: PrintOptions): Promise<PrintResult> {
  await preparing;
  const { printPdf: print } = await import('./print.ts');
  return print(html, options);
}

let preparing: Promise<unknown> | undefined;

/**
 * Starts what printing needs, the printing code and the browser, so that both are ready by the
 * time printPdf is called: called as a build that will print begins, the browser starts while
 * the plan is read, parsed and rendered, instead of after. printPdf takes the browser over and
 * closes it. If printPdf is not called after all (the plan has errors), call the function
 * returned, which closes the browser.
 */
export function prepareToPrint(options: { env?: Record<string, string | undefined> | undefined } = {}): () => Promise<void> {
  const ready = import('./print.ts').then((print) => print.prepare(options.env ?? process.env));
  preparing = ready.catch(() => undefined);
  return async () => (await ready)();
}
