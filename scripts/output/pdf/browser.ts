/**
 * The browser at the edge: find a system Chromium (never download one), launch it
 * headless with a throw-away profile, and close it for certain.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { pdfMessages } from '../../messages/pdf.ts';
import type { MessageText } from '../../diagnostics/index.ts';
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
  const running = () => child !== null && child.exitCode === null && child.signalCode === null;
  const exited = running() ? new Promise<void>((resolve) => child!.once('exit', () => resolve())) : Promise.resolve();
  try {
    const outcome = await Promise.race([browser.close().then(() => exited).catch(() => undefined), sleep(CLOSE_GRACE_MS, 'late')]);
    if (outcome === 'late' || running()) {
      child?.kill('SIGKILL');
      await Promise.race([exited, sleep(CLOSE_GRACE_MS)]);
    }
    // Renderers can outlive the main process by a moment (a page stuck in a script does).
    // Chromium's processes share one process group, led by the main process: end them all.
    if (child?.pid !== undefined) await endGroup(child.pid);
  } finally {
    await removeProfile(userDataDir);
  }
}

const sleep = <T = undefined>(ms: number, value?: T): Promise<T | undefined> =>
  new Promise((resolve) => setTimeout(() => resolve(value), ms).unref());

/** SIGKILLs what is left of a process group and waits until it is gone (POSIX only). */
async function endGroup(pgid: number): Promise<void> {
  if (process.platform === 'win32') return;
  const alive = () => {
    try {
      process.kill(-pgid, 0);
    } catch {
      return false; // ESRCH: no process is left in the group
    }
    // The helpers are orphans once the main process has gone, so their parent is
    // init, and an init that reaps slowly (some container inits take seconds) leaves
    // them as zombies. A zombie holds no files and runs nothing: it is gone enough.
    const members = groupMembers(pgid);
    return members === undefined || members.some((m) => m.state !== 'Z');
  };
  if (!alive()) return;
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    return;
  }
  // A timer that holds the process open: the wait is short and bounded, and nothing else may be left to.
  for (let waited = 0; alive() && waited < CLOSE_GRACE_MS; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** The processes in a group and their states, from /proc; undefined where there is no /proc. */
function groupMembers(pgid: number): Array<{ pid: number; state: string }> | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const members: Array<{ pid: number; state: string }> = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // it ended while we looked
    }
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses, so read from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid) members.push({ pid: Number(entry), state: fields[0]! });
  }
  return members;
}

async function removeProfile(dir: string): Promise<void> {
  // Chromium's helpers can hold files for a moment after the main process exits.
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).catch(() => undefined);
}
