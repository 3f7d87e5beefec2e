/**
 * The browser at the edge: a system Chromium (never a download), started headless with a
 * throw-away profile (spawn.ts), taken over with Puppeteer, and closed for certain.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { endBrowser, startBrowser, type StartedBrowser } from './spawn.ts';

export { findBrowser, systemBrowserPaths } from './find-browser.mjs';
export { browserArgs, locateBrowser, PROFILE_PREFIX, startBrowser, type StartedBrowser } from './spawn.ts';

export interface LaunchedBrowser {
  browser: Browser;
  /** For example `Chrome/156.0.8078.79`. */
  version: string;
  executablePath: string;
  userDataDir: string;
  /** The blank tab Chromium opened as it started, the first time it is asked for; then none (open another). */
  firstPage?: (() => Promise<Page | undefined>) | undefined;
  /** Closes the browser, kills it if it does not go, removes the profile. Safe to call twice. */
  close: () => Promise<void>;
}

export interface LaunchOptions {
  executablePath: string;
  /** Closes the browser if it fires while launching. */
  signal?: AbortSignal | undefined;
  isRoot?: boolean | undefined;
}

export async function launchBrowser(options: LaunchOptions): Promise<LaunchedBrowser> {
  return connectBrowser(startBrowser(options.executablePath, options.isRoot ?? process.getuid?.() === 0), options.signal);
}

/** Puppeteer's launch waits as long for a browser to start. */
const CONNECT_TIMEOUT_MS = 30_000;

/** Puppeteer's, as its launch sets it. */
const DEFAULT_VIEWPORT = { width: 800, height: 600 };

/** Takes over a browser started by startBrowser (spawn.ts): connected over its pipe, or ended, its profile gone, if it cannot be. */
export async function connectBrowser(started: StartedBrowser, signal?: AbortSignal): Promise<LaunchedBrowser> {
  let browser: Browser;
  let transport: { onclose?: () => void; close(): void } | undefined;
  try {
    signal?.throwIfAborted();
    // Puppeteer's own transport for a browser it launched with `pipe: true`.
    const { PipeTransport } = await import('puppeteer-core/internal/node/PipeTransport.js');
    let timer: NodeJS.Timeout | undefined;
    const stopped = new Promise<never>((_, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      // As Puppeteer's launch would: a browser that never answers is given up, not waited for.
      timer = setTimeout(() => reject(new Error(`Failed to launch the browser process: it did not answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
      timer.unref();
    });
    stopped.catch(() => undefined);
    try {
      browser = await Promise.race([
        puppeteer.connect({ transport: (transport = new PipeTransport(started.pipes.write, started.pipes.read)), defaultViewport: DEFAULT_VIEWPORT }),
        started.failed,
        stopped,
      ]);
    } finally {
      clearTimeout(timer);
    }
  } catch (error) {
    // The connection may still wait on answers (each with a timer of minutes) from a browser that
    // has gone, or went before it listened: closing its transport ends them.
    transport?.close();
    transport?.onclose?.();
    await endBrowser(started);
    throw error;
  }
  let closing: Promise<void> | undefined;
  let firstTaken = false;
  return {
    browser,
    version: await browser.version(),
    executablePath: started.executablePath,
    userDataDir: started.userDataDir,
    async firstPage() {
      if (firstTaken) return undefined;
      firstTaken = true;
      const pages = await browser.pages().catch(() => [] as Page[]);
      try {
        // A tab whose frame has not yet reported (asked for too soon) is left: another is opened.
        return pages.find((page) => page.url() === 'about:blank');
      } catch {
        return undefined;
      }
    },
    close: () => (closing ??= closeBrowser(browser, started)),
  };
}

async function closeBrowser(browser: Browser, started: StartedBrowser): Promise<void> {
  const closed = browser.close().catch(() => undefined);
  await endBrowser(started, closed);
}

