/**
 * Printing, behind index.ts: loaded only when a PDF is asked for, so an HTML-only build never
 * loads puppeteer, pdf-lib or pdf.js. See index.ts for the stage as a whole.
 */
import { createHash } from 'node:crypto';
import { PuppeteerError, type Page } from 'puppeteer-core';
import { diagnostic, PlanError, type Diagnostic, type MessageText } from '../../diagnostics/index.ts';
import { pdfMessages } from '../../messages/pdf.ts';
import { launchBrowser, locateBrowser, type LaunchedBrowser } from './browser.ts';
import { contentsTargets, fillContents, samePages, targetPages, type PageNumbers } from './contents.ts';
import { printedHeadings } from './headings.ts';
import { loadHermetic } from './load-page.ts';
import { documentDate } from './meta.ts';
import { preloadPdfjs } from './read-pdf.ts';
import { recallPages, rememberPages } from './remembered-pages.ts';
import { createStopper, reraise, Stopped, type StopCause } from './stopper.ts';
import { writeAtomic } from './write.ts';
import { DEFAULT_TIMEOUT_MS, MAX_PRINTINGS, type PrintOptions, type PrintResult } from './index.ts';

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

  // Kept apart from its result: if a stop wins the race, the browser may still arrive and must be closed.
  let launching: Promise<LaunchedBrowser> | undefined;
  let printings = 0;
  try {
    const launched = await timed('launch', () => {
      launching = takePrepared(located.executablePath) ?? launchBrowser({ executablePath: located.executablePath, signal: stopper.signal });
      loadTheRest();
      return launching;
    }).catch((error: unknown) => {
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

    // The numbers the page shows: at first none, or the last build's, which usually still hold.
    let shown: PageNumbers = new Map();
    const remembered = options.cacheDir && targets.length > 0 ? await recallPages(options.cacheDir, targets) : undefined;
    let pdf!: Uint8Array;
    let numbers: PageNumbers = new Map();
    let confirmed = false;
    while (!confirmed && printings < MAX_PRINTINGS) {
      printings += 1;
      const fill = printings === 1 ? remembered : numbers;
      pdf = await timed(`print ${printings}`, async () => {
        if (fill) await fillContents(page, fill);
        return print(page, timeoutMs);
      });
      if (fill) shown = fill;
      numbers = await timed(`contents ${printings}`, () => targetPages(pdf, targets));
      if (printings === 1) for (const target of targets) if (!numbers.has(target)) warn(pdfMessages.contentsTargetMissing(target));
      // A printing is final when the numbers it shows are where the headings landed in it.
      confirmed = samePages(shown, numbers);
      if (confirmed) break;
      if (printings === 1 && remembered) log('pdf: the last build\'s contents page numbers have moved; printing again');
      else if (printings > 1) log(`pdf: contents page numbers moved in printing ${printings}; printing again`);
    }
    if (!confirmed) warn(pdfMessages.contentsUnstable(printings));
    if (options.cacheDir && targets.length > 0) await rememberPages(options.cacheDir, numbers);

    const date = documentDate(options.meta, env);
    const fingerprint = createHash('sha256').update(html).update(JSON.stringify(options.meta)).update(date.toISOString()).digest('hex');
    const { finishPdf } = await finishing();
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
    log(`pdf: ${finished.pages} pages, printed ${printings} ${printings === 1 ? 'time' : 'times'}`);
    return { pages: finished.pages, printings, diagnostics, blocked, timings };
  } catch (error) {
    throw explain(error, fail, stopper.stage);
  } finally {
    const t0 = performance.now();
    const browser = await Promise.race([launching?.catch(() => undefined), delay(CLOSE_WAIT_MS)]);
    await browser?.close();
    timings.close = Math.round(performance.now() - t0);
    timings.total = Math.round(performance.now() - started);
    log(`pdf: ${Object.entries(timings).map(([step, ms]) => `${step} ${ms} ms`).join(', ')}`);
    const cause = stopper.cause();
    stopper.dispose();
    reraise(cause);
  }
}

/**
 * A browser launched before printPdf was called (see prepareToPrint in index.ts), waiting for
 * printPdf to take it over. Until then, whoever prepared it closes it with the function returned.
 */
let prepared: { executablePath: string; launching: Promise<LaunchedBrowser> } | undefined;

export function prepare(env: Record<string, string | undefined>): () => Promise<void> {
  const located = locateBrowser({ env });
  // No browser: printPdf says so, with the diagnostic, when it is called.
  if ('problem' in located) return async () => undefined;
  // Only the browser: pdf.js and pdf-lib load once printPdf has begun, while the page loads
  // and prints, so as not to hold up the stages before it.
  const launching = launchBrowser({ executablePath: located.executablePath });
  // A failed launch is met again, and reported, by printPdf.
  launching.catch(() => undefined);
  const mine = { executablePath: located.executablePath, launching };
  const release = async (browser: typeof mine | undefined): Promise<void> => {
    await (await browser?.launching.catch(() => undefined))?.close();
  };
  void release(prepared); // one prepared browser at a time
  prepared = mine;
  return async () => {
    if (prepared !== mine) return; // taken by printPdf, which closes it
    prepared = undefined;
    await release(mine);
  };
}

function takePrepared(executablePath: string): Promise<LaunchedBrowser> | undefined {
  if (prepared?.executablePath !== executablePath) return undefined;
  const { launching } = prepared;
  prepared = undefined;
  return launching;
}

/**
 * What is needed after printing loads while the browser starts, which leaves this process idle.
 * Their failure, if any, is met again where they are used.
 */
function loadTheRest(): void {
  void preloadPdfjs().catch(() => undefined);
  void finishing().catch(() => undefined);
}

/** pdf-lib, for the bookmarks and the metadata: loaded once, while the browser starts. */
let finishModule: Promise<typeof import('./finish.ts')> | undefined;
const finishing = () => (finishModule ??= import('./finish.ts'));

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
