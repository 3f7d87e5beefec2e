/**
 * The browser at the edge: find a system Chromium (never download one), launch it
 * headless with a throw-away profile, and close it for certain.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { pdfMessages } from '../messages/pdf.ts';
import type { MessageText } from '../diagnostics.ts';
import { findBrowser, type FindBrowserOptions } from './find-browser.mjs';

export { findBrowser, systemBrowserPaths } from './find-browser.mjs';

/** The executable to print with, or the message saying why there is none. */
export function locateBrowser(options: FindBrowserOptions = {}): { executablePath: string } | { problem: MessageText } {
  const search = findBrowser(options);
  if (search.found) return { executablePath: search.executablePath };
  if (search.badVariable) return { problem: pdfMessages.notExecutable(search.badVariable.variable, search.badVariable.value) };
  return { problem: pdfMessages.noBrowser(search.tried) };
}

/** Prefix of the profile directory, so a test can look for stray processes by it. */
export const PROFILE_PREFIX = 'yjplan-chromium-';

export const browserArgs = (isRoot: boolean): string[] => [
  // Nothing phones home or updates itself while a plan is printed.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  // Containers give /dev/shm 64 MB, which a long document can exhaust.
  '--disable-dev-shm-usage',
  // Chromium refuses to start as root with its sandbox on; elsewhere keep the sandbox.
  ...(isRoot ? ['--no-sandbox'] : []),
];

export interface LaunchedBrowser {
  browser: Browser;
  /** For example `Chrome/156.0.8078.79`. */
  version: string;
  executablePath: string;
  userDataDir: string;
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
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), PROFILE_PREFIX));
  // Chromium's own temporary files (its singleton socket directory, which a killed
  // browser leaves behind) go inside the profile, so removing the profile removes them.
  const tempDir = path.join(userDataDir, 'tmp');
  await mkdir(tempDir);
  const isRoot = options.isRoot ?? process.getuid?.() === 0;
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: options.executablePath,
      headless: true,
      // A pipe instead of a debugging port: no port is opened, and Chromium exits
      // when this process dies, even by SIGKILL.
      pipe: true,
      userDataDir,
      args: browserArgs(isRoot),
      env: { ...process.env, TMPDIR: tempDir },
      // printPdf handles signals itself, so it can close the browser and remove the profile.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      signal: options.signal,
    });
  } catch (error) {
    await removeProfile(userDataDir);
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    browser,
    version: await browser.version(),
    executablePath: options.executablePath,
    userDataDir,
    close: () => (closing ??= closeBrowser(browser, userDataDir)),
  };
}

const CLOSE_GRACE_MS = 5_000;

async function closeBrowser(browser: Browser, userDataDir: string): Promise<void> {
  const child = browser.process();
  const exited = child && child.exitCode === null && child.signalCode === null
    ? new Promise<void>((resolve) => child.once('exit', () => resolve()))
    : Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), CLOSE_GRACE_MS);
  });
  try {
    const outcome = await Promise.race([browser.close().then(() => exited).catch(() => undefined), grace]);
    if (outcome === 'late' || (child && child.exitCode === null && child.signalCode === null)) {
      child?.kill('SIGKILL');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS))]);
    }
  } finally {
    clearTimeout(timer);
    await removeProfile(userDataDir);
  }
}

async function removeProfile(dir: string): Promise<void> {
  // Chromium's helpers can hold files for a moment after the main process exits.
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => undefined);
}
