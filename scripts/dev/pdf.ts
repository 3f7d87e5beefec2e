/**
 * The PDF beside the preview: a browser kept warm for the whole session, so that the pages as
 * they will print (and where they break) follow the editor within about one printing.
 *
 *   build ok ──► quiet for a second ──► print (warm browser, remembered contents numbers,
 *      │                                 no finish) ──► kept in memory, "pdf" event to the viewer
 *   GET /__yjplan/plan.pdf ──► the latest build's PDF, printed now if it is not yet
 *
 * Printings never overlap: one waits for the other, and a print asked for an older build is
 * skipped for the newest. Nothing is written but the contents numbers in the plan's cache.
 * The browser is launched when the preview starts, relaunched if it dies, and closed with it.
 */
import type { Diagnostic } from '../diagnostics/index.ts';
import { diagnostic, PlanError } from '../diagnostics/index.ts';
import { devMessages } from '../messages/dev.ts';
import { launchBrowser, locateBrowser, type LaunchedBrowser } from '../output/pdf/browser.ts';
import { printPdf } from '../output/pdf/index.ts';
import type { PlanMeta } from '../schema/index.ts';

/** What to print: the page as built, and for which version of the preview. */
export interface PdfSource {
  html: string;
  meta: PlanMeta;
  version: string;
}

export interface PreviewPdf {
  version: string;
  /** The PDF, or, when it could not be printed, the problems that say why. */
  bytes?: Uint8Array | undefined;
  problems: Diagnostic[];
  pages?: number | undefined;
  /** From the start of its printing to the PDF in memory, in ms. */
  elapsed: number;
}

export interface PdfPreviewOptions {
  /** The plan's cache, for the contents page numbers. */
  cacheDir: string;
  /** Quiet time after a build before printing unasked, in ms (default 1000). */
  quietMs?: number | undefined;
  log?: ((line: string) => void) | undefined;
  /** Called with every PDF printed. */
  onPrinted?: ((pdf: PreviewPdf) => void) | undefined;
  /** Environment to find the browser in (default process.env). */
  env?: Record<string, string | undefined> | undefined;
}

export interface PdfPreview {
  /** A build succeeded: print it once the edits have paused. */
  update(source: PdfSource): void;
  /** The latest build's PDF, printed now if need be; undefined before any build has succeeded. */
  current(): Promise<PreviewPdf | undefined>;
  close(): Promise<void>;
}

export function pdfPreview(options: PdfPreviewOptions): PdfPreview {
  const quietMs = options.quietMs ?? 1000;
  const log = options.log ?? (() => undefined);
  const env = options.env ?? process.env;
  let browser: Promise<LaunchedBrowser | { problem: Diagnostic }> | undefined;
  let latest: PdfSource | undefined;
  let printed: PreviewPdf | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let pending: Promise<PreviewPdf> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  function warm(): Promise<LaunchedBrowser | { problem: Diagnostic }> {
    browser ??= (async () => {
      const located = locateBrowser({ env });
      if ('problem' in located) return { problem: diagnostic('plan.yaml', undefined, located.problem, 'error') };
      try {
        return await launchBrowser({ executablePath: located.executablePath });
      } catch (error) {
        browser = undefined; // try again on the next printing
        return { problem: diagnostic('plan.yaml', undefined, { ruleId: 'dev:pdf-browser', message: devMessages.pdfBrowserFailed(error instanceof Error ? error.message.split('\n')[0]! : String(error)) }, 'error') };
      }
    })();
    return browser;
  }

  async function printLatest(): Promise<PreviewPdf> {
    const source = latest!;
    if (printed?.version === source.version) return printed;
    const start = performance.now();
    let launched = await warm();
    // A browser that has died (closed by hand, or crashed) is replaced.
    if (!('problem' in launched) && !launched.browser.connected) {
      void launched.close();
      browser = undefined;
      launched = await warm();
    }
    let result: PreviewPdf;
    if ('problem' in launched) {
      result = { version: source.version, problems: [launched.problem], elapsed: performance.now() - start };
    } else {
      try {
        const out = await printPdf(source.html, { meta: source.meta, browser: launched, finish: false, cacheDir: options.cacheDir, processSignals: [] });
        result = { version: source.version, bytes: out.bytes, pages: out.pages, problems: out.diagnostics, elapsed: performance.now() - start };
      } catch (error) {
        if (!(error instanceof PlanError)) throw error;
        result = { version: source.version, problems: error.diagnostics, elapsed: performance.now() - start };
      }
    }
    printed = result;
    log(result.bytes ? devMessages.pdfPrinted(result.elapsed, result.pages ?? 0) : devMessages.pdfFailed(result.problems.length));
    options.onPrinted?.(result);
    return result;
  }

  /** One printing at a time; asked for while one runs, the newest build is printed next, once. */
  function current(): Promise<PreviewPdf | undefined> {
    if (!latest) return Promise.resolve(undefined);
    if (printed?.version === latest.version) return Promise.resolve(printed);
    pending ??= queue.then(() => {
      pending = undefined;
      return printLatest();
    });
    queue = pending.catch(() => undefined);
    return pending;
  }

  // The browser starts with the preview, so the first PDF is one printing away.
  void warm();

  return {
    update(source) {
      if (closed) return;
      latest = source;
      clearTimeout(timer);
      timer = setTimeout(() => void current().catch((error: unknown) => log(devMessages.internalError(error instanceof Error ? (error.stack ?? error.message) : String(error)))), quietMs);
      timer.unref();
    },
    current,
    async close() {
      closed = true;
      clearTimeout(timer);
      await queue;
      const launched = await browser;
      if (launched && !('problem' in launched)) await launched.close();
    },
  };
}
