/**
 * Builds that fail: no browser, the time limit, an abort, Ctrl-C. None may leave a
 * Chromium process or its profile behind, or touch the PDF of the last good build.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { PlanError } from '../../scripts/diagnostics/index.ts';
import { pdfMessages } from '../../scripts/messages/pdf.ts';
import { locateBrowser, PROFILE_PREFIX } from '../../scripts/output/pdf/browser.ts';
import { printPdf } from '../../scripts/output/pdf/index.ts';
import { fixtureMeta, HANGING_HTML, root } from './fixture.ts';

let tmp: string;
let savedTmpdir: string | undefined;

// Each test gets its own TMPDIR, so the browser profile (and so the Chromium command
// lines naming it) can be told apart from any other build running on the machine.
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'yjplan-failure-'));
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
});

afterEach(async () => {
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  await rm(tmp, { recursive: true, force: true });
});

/** Processes whose command line names a profile under `dir`. */
function processesUsing(dir: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', path.join(dir, PROFILE_PREFIX)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

/** What is left in `dir`, less tsx's own cache (the child process is run with tsx). */
const ours = async (dir: string) => (await readdir(dir)).filter((name) => !name.startsWith('tsx-'));

const profilesIn = async (dir: string) => (await readdir(dir)).filter((name) => name.startsWith(PROFILE_PREFIX));

async function planError(work: Promise<unknown>): Promise<PlanError> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PlanError);
  return error as PlanError;
}

test('without a browser, the diagnostic says how to install one', () => {
  const located = locateBrowser({ env: {}, platform: 'linux', isExecutable: () => false });
  expect('problem' in located && located.problem).toMatchObject({ ruleId: 'pdf:no-browser' });
  const problem = (located as { problem: { message: string; hint: string } }).problem;
  expect(problem.message).toContain('/usr/bin/chromium');
  expect(problem.hint).toContain('apt-get install -y chromium');
  expect(problem.hint).toContain('PUPPETEER_EXECUTABLE_PATH');
});

test('a PUPPETEER_EXECUTABLE_PATH that names no browser fails the build with pdf:no-browser', async () => {
  const error = await planError(
    printPdf('<p>x</p>', { meta: fixtureMeta('draft'), outFile: path.join(tmp, 'x.pdf'), env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' } }),
  );
  expect(error.diagnostics).toMatchObject([{ ruleId: 'pdf:no-browser', severity: 'error', message: pdfMessages.notExecutable('PUPPETEER_EXECUTABLE_PATH', '/nonexistent/chromium').message }]);
  expect(await readdir(tmp)).toEqual([]);
});

test('a browser that will not start fails the build with pdf:launch-failed and leaves no profile behind', async () => {
  const error = await planError(
    printPdf('<p>x</p>', { meta: fixtureMeta('draft'), outFile: path.join(tmp, 'x.pdf'), env: { PUPPETEER_EXECUTABLE_PATH: '/bin/false' } }),
  );
  expect(error.diagnostics).toMatchObject([{ ruleId: 'pdf:launch-failed', severity: 'error' }]);
  expect(error.diagnostics[0]!.message).toContain('/bin/false');
  expect(await readdir(tmp)).toEqual([]);
});

test('reaching the time limit keeps the previous PDF and leaves no Chromium or profile behind', async () => {
  const outFile = path.join(tmp, 'plan.pdf');
  await writeFile(outFile, 'the last good PDF');
  const started = Date.now();
  // Long enough for the browser to start on a busy machine, and far shorter than the page takes to load.
  const error = await planError(printPdf(HANGING_HTML, { meta: fixtureMeta('draft'), outFile, timeoutMs: 15_000 }));
  expect(Date.now() - started).toBeLessThan(90_000);
  expect(error.diagnostics).toMatchObject([{ ruleId: 'pdf:timeout', severity: 'error' }]);
  // With the page's scripts off, the endless page is endless to lay out: the limit is met loading or printing it.
  expect(error.diagnostics[0]!.message).toMatch(/loading the HTML|printing/);
  expect(await readFile(outFile, 'utf8')).toBe('the last good PDF');
  expect(processesUsing(tmp)).toEqual([]);
  expect(await profilesIn(tmp)).toEqual([]);
  expect(await readdir(tmp)).toEqual(['plan.pdf']); // no temporary file either
});

test('an abort stops the build at once and leaves no Chromium or profile behind', async () => {
  const controller = new AbortController();
  let running: string[] = [];
  const error = await planError(
    printPdf(HANGING_HTML, {
      meta: fixtureMeta('draft'),
      outFile: path.join(tmp, 'plan.pdf'),
      signal: controller.signal,
      log: (line) => {
        if (!line.startsWith('pdf: Chrome')) return;
        running = processesUsing(tmp);
        setTimeout(() => controller.abort(), 500);
      },
    }),
  );
  expect(running.length).toBeGreaterThan(0); // it was really running
  expect(error.diagnostics).toMatchObject([{ ruleId: 'pdf:aborted' }]);
  expect(processesUsing(tmp)).toEqual([]);
  expect(await ours(tmp)).toEqual([]);
});

test('Ctrl-C (SIGINT) closes Chromium, removes its profile and ends the process by the signal', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/browser/print-child.ts'), path.join(tmp, 'plan.pdf')], {
    cwd: root,
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('launched')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => reject(new Error(`the child ended before launching: ${output}`)));
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(processesUsing(tmp).length).toBeGreaterThan(0);
  child.kill('SIGINT');
  expect(await exited).toEqual({ code: null, signal: 'SIGINT' });
  expect(processesUsing(tmp)).toEqual([]);
  expect(await ours(tmp)).toEqual([]);
});

test('Chromium is started with Puppeteer’s own arguments, as its launch would, over a pipe', async () => {
  const { default: puppeteer } = await import('puppeteer-core');
  const { browserArgs, chromiumArgs } = await import('../../scripts/output/pdf/spawn.ts');
  for (const isRoot of [true, false]) {
    const theirs = puppeteer.defaultArgs({ headless: true, userDataDir: '/profile', args: browserArgs(isRoot) });
    expect(new Set(chromiumArgs('/profile', isRoot))).toEqual(new Set([...theirs, '--remote-debugging-pipe']));
  }
});

test('a build that fails before printing closes the browser it started and removes its profile', async () => {
  const { prepareToPrint } = await import('../../scripts/output/pdf/index.ts');
  const release = prepareToPrint();
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(processesUsing(tmp).length).toBeGreaterThan(0); // it was really starting
  await release();
  expect(processesUsing(tmp)).toEqual([]);
  expect(await ours(tmp)).toEqual([]);
});

test('a profile left by a build that was killed outright is removed by the next build that starts a browser, once an hour old', async () => {
  const { utimes, mkdir } = await import('node:fs/promises');
  const { startBrowser } = await import('../../scripts/output/pdf/spawn.ts');
  const located = locateBrowser();
  if (!('executablePath' in located)) throw new Error(located.problem.message);
  // A process id no process has (above the kernel's limit), and one that is running (this one's parent).
  const orphan = path.join(tmp, `${PROFILE_PREFIX}4194999-abc`);
  const recent = path.join(tmp, `${PROFILE_PREFIX}4194998-abc`);
  const alive = path.join(tmp, `${PROFILE_PREFIX}${process.ppid}-abc`);
  for (const dir of [orphan, recent, alive]) await mkdir(path.join(dir, 'Default'), { recursive: true });
  const hoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
  for (const dir of [orphan, alive]) await utimes(dir, hoursAgo, hoursAgo);
  const started = startBrowser(located.executablePath);
  started.child.kill('SIGKILL');
  await new Promise((resolve) => setTimeout(resolve, 500));
  const left = await profilesIn(tmp);
  expect(left).not.toContain(path.basename(orphan));
  expect(left).toEqual(expect.arrayContaining([path.basename(recent), path.basename(alive)]));
  for (const stream of [started.pipes.write, started.pipes.read, started.child.stderr]) stream?.destroy();
  await rm(started.userDataDir, { recursive: true, force: true });
});
