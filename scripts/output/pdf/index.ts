/**
 * Stage 7, print PDF: the built HTML → a tagged, bookmarked A4 PDF with numbered contents.
 *
 *   locate browser ─▶ launch ─▶ load HTML ─▶ fill contents ─▶ print ─▶ read heading pages ─┐
 *   (system Chromium,  (temp     (no page JS,  (the last        (tagged,  (named destinations │
 *    never downloaded)  profile)  strict CSP,   build's numbers, outline)  via pdf-lib)       │
 *                                 requests      if remembered)     ▲                          │
 *                                 refused)                         │                          │
 *                                                                  └── numbers moved: fill ◀──┘
 *                                                                      them in, print again
 *   ─▶ finish (metadata, bookmark titles; pdf-lib) ─▶ write atomically ─▶ close browser (always;
 *                                                                          a lent one: its page)
 *
 * One browser and one page serve every printing. The browser is closed however the
 * stage ends: success, failure, the time limit, the caller's AbortSignal, or
 * SIGINT/SIGTERM/SIGHUP (after which the signal is raised again if nobody else
 * handles it).
 */
import type { Diagnostic, Place } from '../../diagnostics/index.ts';
import type { LaunchedBrowser } from './browser.ts';
import { endBrowser, locateBrowser, startBrowser, type StartedBrowser } from './spawn.ts';
import type { PdfMeta } from './meta.ts';

export type { PdfMeta } from './meta.ts';
export { pageRules, cssString } from './page-rules.ts';

export interface PrintOptions {
  meta: PdfMeta;
  /**
   * Where to write the PDF. Written only when printing succeeds; an older file is replaced at once.
   * Without it nothing is written: the PDF is only returned (the preview's).
   */
  outFile?: string | undefined;
  /** A browser already running, to print with and leave running (the preview keeps one warm). Default: launch one, and close it. */
  browser?: LaunchedBrowser | undefined;
  /**
   * Finish the PDF (metadata, bookmark titles, the PDF/UA pass). Default true. The preview prints
   * without, to show the pages sooner: they look the same, only what a reader does not see differs.
   */
  finish?: boolean | undefined;
  /** Limit for the whole stage, launch to write. Default 60 000 ms. */
  timeoutMs?: number | undefined;
  /** Hears one line per step, for the build's progress output. */
  log?: ((line: string) => void) | undefined;
  /** Stops printing; the browser is closed and nothing is written. */
  signal?: AbortSignal | undefined;
  /** The PDF's name as the user should read it in a message (where it lands, not where it is staged). Default `outFile`. */
  shownFile?: string | undefined;
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
  /**
   * Finds where in the plan a text first appears (the first of `needles` found anywhere), so that a
   * request or a script the page holds is reported at the line it came from. Without it, at `file`.
   */
  locate?: ((needles: readonly string[]) => { file: string; place?: Place | undefined } | undefined) | undefined;
}

export interface PrintResult {
  pages: number;
  /** How many times the document was printed: 1 when the contents numbers held at once. */
  printings: number;
  /** Warnings (contents entries without a heading). A refused request or a script in the page is an error, thrown. */
  diagnostics: Diagnostic[];
  /** The URLs the page asked for and was refused, in order, for mapping back to the source. */
  blocked: string[];
  /** Milliseconds per step: launch, load, print 1, contents 1, print 2, …, finish, write, close, total. */
  timings: Record<string, number>;
  /** The PDF as written (or, without outFile, as it would have been). */
  bytes: Uint8Array;
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
  const located = locateBrowser({ env: options.env ?? process.env });
  // No browser, or none that starts: printPdf says so, with the diagnostic, when it is called.
  let started: StartedBrowser | undefined;
  try {
    started = 'problem' in located ? undefined : startBrowser(located.executablePath);
  } catch {
    started = undefined;
  }
  if (!started) return async () => undefined;
  const mine = started;
  const ready = import('./print.ts').then(
    (print) => print.prepare(mine),
    async (error: unknown) => {
      await endBrowser(mine);
      throw error;
    },
  );
  preparing = ready.catch(() => undefined);
  return async () => (await ready)();
}
