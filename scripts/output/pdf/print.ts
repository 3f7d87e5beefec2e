/**
 * Printing, behind index.ts: loaded only when a PDF is asked for, so an HTML-only build never
 * loads puppeteer, pdf-lib or pdf.js. See index.ts for the stage as a whole.
 */
import { createHash } from 'node:crypto';
import type { PDFDocument } from 'pdf-lib';
import { PuppeteerError, type Page } from 'puppeteer-core';
import { diagnostic, PlanError, type Diagnostic, type MessageText, type Place } from '../../diagnostics/index.ts';
import { pdfMessages } from '../../messages/pdf.ts';
import { connectBrowser, launchBrowser, locateBrowser, type LaunchedBrowser, type StartedBrowser } from './browser.ts';
import { contentsTargets, fillContents, readPrinted, samePages, targetPages, type PageNumbers } from './contents.ts';
import { printedHeadings } from './headings.ts';
import { printedLinks } from './printed-links.ts';
import { tableGrids } from './table-grids.ts';
import { loadHermetic, type Attempt } from './load-page.ts';
import { documentDate, epochProblem } from './meta.ts';
import { stampDraft } from './stamp.ts';
import { recallPages, rememberPages } from './remembered-pages.ts';
import { createStopper, reraise, Stopped, type StopCause } from './stopper.ts';
import { writeAtomic } from './write.ts';
import { DEFAULT_TIMEOUT_MS, MAX_PRINTINGS, type PrintOptions, type PrintResult } from './index.ts';

export async function printPdf(html: string, options: PrintOptions): Promise<PrintResult> {
  const file = options.file ?? 'plan.yaml';
  const log = options.log ?? (() => undefined);
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The document's date: written into the PDF, and on a draft's cover and footer.
  const date = documentDate(options.meta, env);
  const diagnostics: Diagnostic[] = [];
  const blocked: string[] = [];
  const attempts: Attempt[] = [];
  const warn = (text: MessageText) => diagnostics.push(diagnostic(file, undefined, text));
  const fail = (text: MessageText): PlanError => new PlanError([...diagnostics, diagnostic(file, undefined, text, 'error')]);

  // Checked first: a date no PDF can hold is better said before a minute of printing than after.
  const epoch = epochProblem(env.SOURCE_DATE_EPOCH);
  if (epoch) throw fail(pdfMessages.badSourceDateEpoch(env.SOURCE_DATE_EPOCH!, epoch));
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
  let abandonPrepared: (() => void) | undefined;
  // A browser lent by the caller (the preview's warm one) is left open; only the page is closed.
  let lentPage: Page | undefined;
  const finish = options.finish ?? true;
  let printings = 0;
  try {
    const launched = await timed('launch', () => {
      if (options.browser) return Promise.resolve(options.browser);
      const taken = takePrepared(located.executablePath);
      abandonPrepared = taken?.abandon;
      launching = taken?.launching ?? launchBrowser({ executablePath: located.executablePath, signal: stopper.signal });
      if (finish) loadTheRest();
      return launching;
    }).catch((error: unknown) => {
      if (error instanceof Stopped) throw error;
      throw fail(pdfMessages.launchFailed(located.executablePath, reasonOf(error)));
    });
    log(`pdf: ${launched.version} (${launched.executablePath})`);
    const { page, targets, headings, tables } = await timed('load', async () => {
      // The tab Chromium opened as it started has its renderer running already.
      const page = (await launched.firstPage?.()) ?? (await launched.browser.newPage());
      if (options.browser) lentPage = page;
      await loadHermetic(page, html, (attempt) => {
        if (attempt.kind === 'request') blocked.push(attempt.url);
        attempts.push(attempt);
      });
      // Anything the page tried to load, connect to or run stops the printing: the plan says where.
      if (attempts.length > 0) throw new PlanError([...diagnostics, ...attempts.map((attempt) => attemptDiagnostic(attempt, file, options.locate))]);
      await stampDraft(page, options.meta, date);
      // Print media from here on, so the headings read are those that print.
      await page.emulateMediaType('print');
      return { page, targets: await contentsTargets(page), headings: await printedHeadings(page), tables: await tableGrids(page) };
    });

    // The numbers the page shows: at first none, or the last build's, which usually still hold.
    let shown: PageNumbers = new Map();
    const remembered = options.cacheDir && targets.length > 0 ? await recallPages(options.cacheDir, targets) : undefined;
    let pdf!: Uint8Array;
    // The last printing as parsed to read its numbers: the finish works on it rather than parse it again.
    let parsed: PDFDocument | undefined;
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
      parsed = undefined;
      if (targets.length > 0) {
        numbers = await timed(`contents ${printings}`, async () => {
          parsed = await readPrinted(pdf);
          return targetPages(parsed, targets);
        });
      }
      if (printings === 1) for (const target of targets) if (!numbers.has(target)) warn(pdfMessages.contentsTargetMissing(target));
      // A printing is final when the numbers it shows are where the headings landed in it.
      confirmed = samePages(shown, numbers);
      if (confirmed) break;
      if (printings === 1 && remembered) log('pdf: the last build\'s contents page numbers have moved; printing again');
      else if (printings > 1) log(`pdf: contents page numbers moved in printing ${printings}; printing again`);
    }
    if (!confirmed) warn(pdfMessages.contentsUnstable(printings));
    if (options.cacheDir && targets.length > 0) await rememberPages(options.cacheDir, numbers);

    let finished: { bytes: Uint8Array; pages: number };
    if (finish) {
      const fingerprint = createHash('sha256').update(html).update(JSON.stringify(options.meta)).update(date.toISOString()).digest('hex');
      // Read from the page as it was last printed, contents numbers and all.
      const links = await printedLinks(page);
      const { finishPdf } = await finishing();
      const done = await timed('finish', () => finishPdf(pdf, { meta: options.meta, date, fingerprint, headings, tables, links, parsed }));
      if (!done.bookmarksRetitled) log('pdf: the bookmarks do not match the headings one to one; kept the titles Chromium gave them');
      finished = done;
    } else {
      finished = { bytes: pdf, pages: (parsed ?? (await readPrinted(pdf))).getPageCount() };
    }

    const outFile = options.outFile;
    if (outFile !== undefined) {
      // Not raced: once begun, the write finishes, so a stop never leaves a temp file behind.
      const stop = stopper.cause();
      if (stop) throw new Stopped(stop, 'write');
      const t0 = performance.now();
      await writeAtomic(outFile, finished.bytes).catch((error: unknown) => {
        throw fail(pdfMessages.writeFailed(options.shownFile ?? outFile, reasonOf(error), (error as NodeJS.ErrnoException).code));
      });
      timings.write = Math.round(performance.now() - t0);
    }
    log(`pdf: ${finished.pages} pages, printed ${printings} ${printings === 1 ? 'time' : 'times'}`);
    return { pages: finished.pages, printings, diagnostics, blocked, timings, bytes: finished.bytes };
  } catch (error) {
    throw explain(error, fail, stopper.stage);
  } finally {
    const t0 = performance.now();
    await lentPage?.close().catch(() => undefined);
    // Stopped while the prepared browser was still starting: it is ended, not waited for.
    if (stopper.cause()) abandonPrepared?.();
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
let prepared: Prepared | undefined;

interface Prepared {
  executablePath: string;
  launching: Promise<LaunchedBrowser>;
  /** Gives up a browser not yet taken over: it is ended and its profile removed. */
  abandon: () => void;
}

export function prepare(started: StartedBrowser): () => Promise<void> {
  // Only the browser: pdf-lib loads once printPdf has begun, while the page loads and prints,
  // so as not to hold up the stages before it.
  const controller = new AbortController();
  const launching = connectBrowser(started, controller.signal);
  // A failed launch is met again, and reported, by printPdf.
  launching.catch(() => undefined);
  const mine: Prepared = { executablePath: started.executablePath, launching, abandon: () => controller.abort(new Error('stopped')) };
  const release = async (browser: Prepared | undefined): Promise<void> => {
    // A browser still starting (or one that never answers) is ended rather than waited for.
    browser?.abandon();
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

function takePrepared(executablePath: string): Prepared | undefined {
  if (prepared?.executablePath !== executablePath) return undefined;
  const taken = prepared;
  prepared = undefined;
  return taken;
}

/**
 * What the finish needs (pdf-lib) loads while the browser starts, which leaves this process
 * idle. Its failure, if any, is met again where it is used.
 */
function loadTheRest(): void {
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

/** Where in the plan the page's attempt comes from, as far as the plan's text can tell. */
function attemptDiagnostic(attempt: Attempt, file: string, locate: PrintOptions['locate']): Diagnostic {
  const needles = attempt.kind === 'request' ? urlNeedles(attempt.url) : [attempt.text, attempt.what.replace(/=$/, '').replace(/^<(\w+).*$/, '<$1')].filter((n) => n.length >= 3);
  const found = locate?.(needles);
  const text = attempt.kind === 'request' ? pdfMessages.blockedRequest(attempt.url, found !== undefined) : pdfMessages.scriptInPage(attempt.what, attempt.text, found !== undefined);
  return diagnostic(found?.file ?? file, found?.place, text, 'error');
}

/** The ways a URL may be written in the plan, most exact first: as refused, without its scheme, its last part. */
export function urlNeedles(url: string): string[] {
  const needles = [url, url.replace(/\/$/, '')];
  const rest = /^[a-z][a-z0-9+.-]*:(\/\/)?(.*)$/i.exec(url);
  if (rest) needles.push(rest[2]!);
  try {
    const parsed = new URL(url);
    needles.push(decodeURIComponent(parsed.pathname + parsed.search));
    const last = parsed.pathname.split('/').filter(Boolean).pop();
    if (last) needles.push(decodeURIComponent(last));
    if (parsed.host) needles.push(parsed.host);
  } catch {
    // not a URL Node can read: the text as refused is all there is
  }
  return [...new Set(needles)].filter((n) => n.length >= 4 && n !== '/');
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
