/**
 * Chromium as a process: started the moment a build begins, before anything heavy is loaded: a plain spawn,
 * with Puppeteer's own arguments, connected to later (browser.ts). Puppeteer's launch needs this
 * process's event loop at every step, and a build's synchronous stages held it so long that the
 * browser began to start only once the HTML was done; spawned here, Chromium boots in its own
 * processes, and opens its first tab, whatever this process is busy with. Ended here too, for
 * certain, with its helpers and its profile, whether or not Puppeteer ever took it over.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pdfMessages } from '../../messages/pdf.ts';
import type { MessageText } from '../../diagnostics/index.ts';
import { findBrowser, type FindBrowserOptions } from './find-browser.mjs';

/** The executable to print with, or the message saying why there is none. */
export function locateBrowser(options: FindBrowserOptions = {}): { executablePath: string } | { problem: MessageText } {
  const search = findBrowser(options);
  if (search.found) return { executablePath: search.executablePath };
  if (search.badVariable) return { problem: pdfMessages.notExecutable(search.badVariable.variable, search.badVariable.value) };
  return { problem: pdfMessages.noBrowser(search.tried) };
}

/** Prefix of the profile directory, so a test can look for stray processes by it. */
export const PROFILE_PREFIX = 'yjplan-chromium-';

/**
 * Puppeteer's arguments for a headless Chromium (`puppeteer.defaultArgs({ headless: true })`,
 * less the profile and first page, which startBrowser adds). Kept here so that the spawn need not
 * load Puppeteer; a test holds them equal to the installed Puppeteer's.
 */
export const PUPPETEER_ARGS = [
  '--allow-pre-commit-input',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--enable-automation',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--enable-features=PdfOopif',
  '--headless=new',
  '--hide-scrollbars',
  '--mute-audio',
  '--disable-extensions',
];

/**
 * Ours, on top of Puppeteer's (which already turn off background networking and sync, the
 * first-run dialogue, and /dev/shm, which containers keep to 64 MB).
 */
export const browserArgs = (isRoot: boolean): string[] => [
  // Nothing updates itself while a plan is printed.
  '--disable-component-update',
  '--disable-gpu',
  // Chromium refuses to start as root with its sandbox on; elsewhere keep the sandbox.
  ...(isRoot ? ['--no-sandbox'] : []),
];

/** Everything Chromium is started with: the DevTools protocol over a pipe (no port is opened), and a first, blank tab to print in. */
export const chromiumArgs = (userDataDir: string, isRoot: boolean): string[] => [
  ...PUPPETEER_ARGS,
  `--user-data-dir=${userDataDir}`,
  ...browserArgs(isRoot),
  '--remote-debugging-pipe',
  'about:blank',
];

export interface StartedBrowser {
  executablePath: string;
  child: ChildProcess;
  /** The pipes the DevTools protocol runs over: this process writes to the first and reads the second. */
  pipes: { write: Writable; read: Readable };
  userDataDir: string;
  /** Settles, with what went wrong, if the browser ends or cannot be run: it never fulfils. */
  failed: Promise<never>;
}

/**
 * Starts Chromium with a throw-away profile, synchronously. When this process dies, even by
 * SIGKILL, the pipe closes and Chromium exits.
 */
export function startBrowser(executablePath: string, isRoot = process.getuid?.() === 0): StartedBrowser {
  // The profile is named by this process, so that one left by a build that was killed outright
  // (SIGKILL, a power cut) is known for what it is and removed by the next.
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
  keepUntilExit(userDataDir);
  void removeOrphanProfiles();
  // Chromium's own temporary files (its singleton socket directory, which a killed browser leaves
  // behind) go inside the profile, so removing the profile removes them.
  const tempDir = path.join(userDataDir, 'tmp');
  mkdirSync(tempDir);
  const child = spawn(executablePath, chromiumArgs(userDataDir, isRoot), {
    // Leader of its own process group, so its helpers can be ended with it (browser.ts).
    detached: process.platform !== 'win32',
    env: { ...process.env, TMPDIR: tempDir },
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  // A browser killed or gone resets its pipes: that is met as its exit (failed), never as an error thrown here.
  for (const stream of [child.stdio[2], child.stdio[3], child.stdio[4]]) stream?.on('error', () => undefined);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    if (stderr.length < 8192) stderr += chunk.toString();
  });
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`Failed to launch the browser process: ${error.message}`)));
    child.once('exit', (code, signal) => {
      // What Chromium said is the reason; its first line is read out (print.ts).
      const said = stderr.trim().split('\n').find((line) => line.trim() !== '');
      reject(new Error(`Failed to launch the browser process: ${said ?? `it stopped (${signal ?? `exit code ${code}`})`}`));
    });
  });
  failed.catch(() => undefined);
  return { executablePath, child, pipes: { write: child.stdio[3] as Writable, read: child.stdio[4] as Readable }, userDataDir, failed };
}

const CLOSE_GRACE_MS = 5_000;

/** Waits for the browser to go (after `closing`, if given), kills it if it does not, ends its helpers and removes its profile. */
export async function endBrowser(started: StartedBrowser, closing?: Promise<unknown>): Promise<void> {
  const child = started.child;
  const running = () => child.exitCode === null && child.signalCode === null && child.pid !== undefined;
  const exited = running() ? new Promise<void>((resolve) => child.once('exit', () => resolve())) : Promise.resolve();
  try {
    const outcome = closing ? await Promise.race([closing.then(() => exited), sleep(CLOSE_GRACE_MS, 'late')]) : 'now';
    if (outcome !== undefined || running()) {
      child.kill('SIGKILL');
      await Promise.race([exited, sleep(CLOSE_GRACE_MS)]);
    }
    // Renderers can outlive the main process by a moment (a page stuck in a script does).
    // Chromium's processes share one process group, led by the main process: end them all.
    if (child.pid !== undefined) await endGroup(child.pid);
  } finally {
    // The pipes to a browser that has gone would keep this process running.
    for (const stream of [started.pipes.write, started.pipes.read, child.stderr]) stream?.destroy();
    await removeProfile(started.userDataDir);
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
  await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }).then(() => live.delete(dir), () => undefined);
}

/** Profiles of this process not yet removed: a stop that ends the process before endBrowser has finished removes them as it exits. */
const live = new Set<string>();
let sweepAtExit = false;

function keepUntilExit(dir: string): void {
  if (!sweepAtExit) {
    sweepAtExit = true;
    process.once('exit', () => {
      for (const left of live) {
        try {
          rmSync(left, { recursive: true, force: true });
        } catch {
          // The next build's orphan sweep has it.
        }
      }
    });
  }
  live.add(dir);
}

const ORPHAN_AGE_MS = 60 * 60 * 1000;

/** Removes the profiles of builds whose process has gone: none of theirs is still running. Never throws. */
async function removeOrphanProfiles(): Promise<void> {
  const names = await readdir(os.tmpdir()).catch(() => [] as string[]);
  for (const name of names) {
    const pid = new RegExp(`^${PROFILE_PREFIX}(\\d+)-`).exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || running(Number(pid))) continue;
    // And untouched for an hour: a process this one cannot see (another container sharing the
    // folder) may still be printing with it.
    const info = await stat(path.join(os.tmpdir(), name)).catch(() => undefined);
    if (!info?.isDirectory() || Date.now() - info.mtimeMs < ORPHAN_AGE_MS) continue;
    await rm(path.join(os.tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
