/**
 * Stage 7, print PDF: the built HTML → a tagged, bookmarked A4 PDF with numbered contents.
 *
 *   locate browser ─▶ launch ─▶ load HTML ─▶ print ─▶ read heading pages ─┐
 *   (system Chromium,  (temp     (setContent,  (tagged,  (named destinations │
 *    never downloaded)  profile)  requests      outline)  via pdf.js)        │
 *                                 blocked)        ▲                          │
 *                                                 └── fill contents numbers ◀┘
 *                                                     until they stop moving
 *   ─▶ finish (metadata, bookmark titles; pdf-lib) ─▶ write atomically ─▶ close browser (always)
 *
 * One browser and one page serve every printing. The browser is closed however the
 * stage ends: success, failure, the time limit, the caller's AbortSignal, or
 * SIGINT/SIGTERM/SIGHUP (after which the signal is raised again if nobody else
 * handles it).
 */
import { createHash } from 'node:crypto';
import { PuppeteerError, type Page } from 'puppeteer-core';
import { diagnostic, PlanError, type Diagnostic, type MessageText } from '../diagnostics.ts';
import { pdfMessages } from '../messages/pdf.ts';
import { launchBrowser, locateBrowser, type LaunchedBrowser } from './browser.ts';
import { contentsTargets, fillContents, samePages, targetPages, type PageNumbers } from './contents.ts';
import { loadHermetic } from './load-page.ts';
import { documentDate, type PdfMeta } from './meta.ts';
import { finishPdf } from './finish.ts';
import { printedHeadings } from './outline.ts';
import { preloadPdfjs } from './read-pdf.ts';
import { createStopper, reraise, Stopped, type StopCause } from './stopper.ts';
import { writeAtomic } from './write.ts';

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
}

export interface PrintResult {
  pages: number;
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

export async function printPdf(html: string, options: PrintOptions): Promise<PrintResult> {
  const file = options.file ?? 'plan.yaml';
  const log = options.log ?? (() => undefined);
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const diagnostics: Diagnostic[] = [];
  const blocked: string[] = [];
  const warn = (text: MessageText) => diagnostics.push(diagnostic(file, undefined, text));
  const fail = (text: MessageText): PlanError => new PlanError([...diagnostics, diagnostic(file, undefined, text, 'error')]);

  const located = locateBrowser({ env });
  if ('problem' in located) throw fail(located.problem);

  const timings: Record<string, number> = {};
  const started = performance.now();
  const stopper = createStopper({ timeoutMs, signal: options.signal, processSignals: options.processSignals });
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    stopper.stage = name;
    try {
      return await stopper.race(work());
    } finally {
      timings[name] = Math.round(performance.now() - t0);
    }
  };

  void preloadPdfjs().catch(() => undefined); // its failure, if any, is met again where it is used
  // Kept apart from its result: if a stop wins the race, the browser may still arrive and must be closed.
  let launching: Promise<LaunchedBrowser> | undefined;
  try {
    const launched = await timed('launch', () => (launching = launchBrowser({ executablePath: located.executablePath, signal: stopper.signal })))
      .catch((error: unknown) => {
        if (error instanceof Stopped) throw error;
        throw fail(pdfMessages.launchFailed(located.executablePath, reasonOf(error)));
      });
    log(`pdf: ${launched.version} (${launched.executablePath})`);
    const { page, targets, headings } = await timed('load', async () => {
      const page = await launched.browser.newPage();
      await loadHermetic(page, html, (url) => {
        blocked.push(url);
        warn(pdfMessages.blockedRequest(url));
      });
      // Print media from here on, so the headings read are those that print.
      await page.emulateMediaType('print');
      return { page, targets: await contentsTargets(page), headings: await printedHeadings(page) };
    });

    let pdf = await timed('print 1', () => print(page, timeoutMs));
    let numbers = await timed('contents 1', () => targetPages(pdf, targets));
    for (const target of targets) if (!numbers.has(target)) warn(pdfMessages.contentsTargetMissing(target));

    // Fill the numbers in and print again until a printing confirms them.
    let printings = 1;
    let confirmed = targets.length === 0;
    while (!confirmed && printings < MAX_PRINTINGS) {
      const filled: PageNumbers = numbers;
      printings += 1;
      pdf = await timed(`print ${printings}`, async () => {
        await fillContents(page, filled);
        return print(page, timeoutMs);
      });
      numbers = await timed(`contents ${printings}`, () => targetPages(pdf, targets));
      confirmed = samePages(filled, numbers);
      if (!confirmed) log(`pdf: contents page numbers moved in printing ${printings}; printing again`);
    }
    if (!confirmed) warn(pdfMessages.contentsUnstable(printings));

    const date = documentDate(options.meta, env);
    const fingerprint = createHash('sha256').update(html).update(JSON.stringify(options.meta)).update(date.toISOString()).digest('hex');
    const finished = await timed('finish', () => finishPdf(pdf, { meta: options.meta, date, fingerprint, headings }));
    if (!finished.bookmarksRetitled) log('pdf: the bookmarks do not match the headings one to one; kept the titles Chromium gave them');

    // Not raced: once begun, the write finishes, so a stop never leaves a temp file behind.
    const stop = stopper.cause();
    if (stop) throw new Stopped(stop, 'write');
    const t0 = performance.now();
    await writeAtomic(options.outFile, finished.bytes).catch((error: unknown) => {
      throw fail(pdfMessages.writeFailed(options.outFile, reasonOf(error)));
    });
    timings.write = Math.round(performance.now() - t0);
    log(`pdf: ${finished.pages} pages, printed ${printings} times`);
    return { pages: finished.pages, diagnostics, blocked, timings };
  } catch (error) {
    throw explain(error, fail, stopper.stage);
  } finally {
    const t0 = performance.now();
    const browser = await Promise.race([launching?.catch(() => undefined), delay(CLOSE_WAIT_MS)]);
    await browser?.close();
    timings.close = Math.round(performance.now() - t0);
    timings.total = Math.round(performance.now() - started);
    const cause = stopper.cause();
    stopper.dispose();
    reraise(cause);
  }
}

/** How long a stopped launch may take to hand over its browser for closing. */
const CLOSE_WAIT_MS = 10_000;

const delay = (ms: number): Promise<undefined> =>
  new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());

function print(page: Page, timeoutMs: number): Promise<Uint8Array> {
  return page.pdf({
    format: 'A4',
    preferCSSPageSize: true,
    printBackground: true,
    tagged: true,
    outline: true,
    waitForFonts: true,
    timeout: timeoutMs,
  });
}

/** A stop or a browser failure becomes a diagnostic; anything else is our bug and keeps its stack. */
function explain(error: unknown, fail: (text: MessageText) => PlanError, stage: string): unknown {
  if (error instanceof PlanError) return error;
  if (error instanceof Stopped) return fail(stopMessage(error.why, stageName(error.stage)));
  if (error instanceof PuppeteerError) return fail(pdfMessages.browserFailed(stageName(stage), reasonOf(error)));
  return error;
}

function stopMessage(cause: StopCause, stage: string): MessageText {
  if (cause.kind === 'timeout') return pdfMessages.timeout(cause.limitMs, stage);
  if (cause.kind === 'signal') return pdfMessages.aborted(`${cause.signal} received`, stage);
  return pdfMessages.aborted(cause.reason, stage);
}

const stageNames: Record<string, string> = {
  launch: 'starting the browser',
  load: 'loading the HTML',
  finish: 'writing the PDF metadata',
  write: 'writing the file',
};

function stageName(stage: string): string {
  if (stageNames[stage]) return stageNames[stage];
  const [step, n] = stage.split(' ');
  if (step === 'print') return `printing (pass ${n})`;
  if (step === 'contents') return `reading the contents page numbers (pass ${n})`;
  return stage;
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Puppeteer's launch errors carry the browser's whole stderr; the first line says what happened.
  return message.split('\n')[0]!.trim();
}
