/**
 * The command line when printing fails or is stopped: the last good PDF is never lost, and
 * Ctrl-C leaves out/ exactly as it was, with no staging directory beside it.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { pdfName } from '../../scripts/build/index.ts';
import { main } from '../../scripts/cli/index.ts';
import { displayPath, MARKER, writeMarker } from '../../scripts/output/out-dir.ts';
import { planWith, repoRoot } from '../helpers/plan-dir.ts';

const SMALL_PDF = 'example-youth-justice-plan-2024-25.pdf';
const saved = process.env.PUPPETEER_EXECUTABLE_PATH;

afterEach(() => {
  if (saved === undefined) delete process.env.PUPPETEER_EXECUTABLE_PATH;
  else process.env.PUPPETEER_EXECUTABLE_PATH = saved;
});

async function lastGoodBuild(pdf: string): Promise<string> {
  const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'yjplan-cli-')), 'out');
  await mkdir(out);
  await writeMarker(out);
  await writeFile(path.join(out, 'index.html'), 'the last good HTML');
  await writeFile(path.join(out, pdf), 'the last good PDF');
  return out;
}

const beside = async (out: string) => (await readdir(path.dirname(out))).filter((n) => n !== path.basename(out));

test('without a browser, the build exits 1 with pdf:no-browser, and the last good HTML and PDF stay together, as the message says', async () => {
  process.env.PUPPETEER_EXECUTABLE_PATH = '/nonexistent/chromium';
  const out = await lastGoodBuild(SMALL_PDF);
  const lines: string[] = [];
  const code = await main(['build', path.join(repoRoot, 'tests/fixtures/plans/small'), '--out', out], { out: (s) => lines.push(s), err: (s) => lines.push(s) });
  const output = lines.join('\n');
  expect(code).toBe(1);
  expect(output).toMatch(/plan\.yaml {2}error {2}PUPPETEER_EXECUTABLE_PATH is set to .* {2}pdf:no-browser/);
  expect(output).not.toMatch(/^\s+at /m);
  // The HTML and the PDF land together or not at all.
  expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('the last good HTML');
  expect(await readFile(path.join(out, SMALL_PDF), 'utf8')).toBe('the last good PDF');
  expect(await beside(out)).toEqual([]);
  // The message names the folder --out gave, and what it still holds.
  expect(output).toContain(`Build failed: nothing was written. ${displayPath(out)}/ still holds the last good build, unchanged: ${['index.html', SMALL_PDF].sort().join(', ')}.`);
});

test('Ctrl-C while the PDF prints leaves out/ untouched and no staging directory', async () => {
  const plan = await planWith('sample');
  const name = pdfName({ title: 'Rotherham Youth Justice Plan', period: '2019/21' } as Parameters<typeof pdfName>[0]);
  const out = await lastGoodBuild(name);
  // Run as the README says, in its own process group, so the signal reaches npm, the shell and
  // the build alike, as Ctrl-C in a terminal does.
  const child = spawn('npm', ['run', 'build', '--', plan, '--out', out], { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // 'close', not 'exit': npm may end before the build it started, which still holds the pipes.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    const hear = (chunk: Buffer) => {
      output += chunk.toString();
      if (/pdf: (Chrome|Chromium|HeadlessChrome)\//.test(output)) resolve();
    };
    child.stdout.on('data', hear);
    child.stderr.on('data', hear);
    void exited.then(() => reject(new Error(`the build ended before printing began:\n${output}`)));
  });
  // Runners that pass the signal on (npm, tsx) make the build hear it again a moment later.
  process.kill(-child.pid!, 'SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 100));
  process.kill(-child.pid!, 'SIGINT');
  const end = await exited;
  expect(end.code === 0).toBe(false);
  expect(output).toContain('Stopping the build');
  expect(output).toContain('build:interrupted');
  // Stopped in good order, not cut short: the echo of the one Ctrl-C is not taken for a second.
  expect(output).toContain('Build failed: nothing was written.');
  expect(output).not.toMatch(/^\s+at /m);
  expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('the last good HTML');
  expect(await readFile(path.join(out, name), 'utf8')).toBe('the last good PDF');
  expect((await readdir(out)).sort()).toEqual([MARKER, 'index.html', name].sort());
  expect(await beside(out)).toEqual([]);
});

/** Runs the command line in a process of its own, with its own temporary folder; resolves when it has ended. */
function runCli(args: string[], env: Record<string, string>, stopAfterMs?: number) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/yjplan.mjs'), ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  if (stopAfterMs !== undefined) setTimeout(() => child.kill('SIGINT'), stopAfterMs);
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, output })));
}

test('a browser that ends as it starts fails the build, which then ends, leaving no profile behind', async () => {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'yjplan-dies-'));
  const plan = await planWith('small');
  const end = await runCli(['build', plan, '--out', path.join(tmp, 'out')], { PUPPETEER_EXECUTABLE_PATH: '/bin/false', TMPDIR: tmp });
  expect(end.code, end.output).toBe(1);
  expect(end.output).toContain('pdf:launch-failed');
  expect((await readdir(tmp)).filter((n) => n.startsWith('yjplan-chromium-'))).toEqual([]);
}, 60_000);

test('Ctrl-C while a browser that never answers is starting ends it, and leaves no profile behind', async () => {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'yjplan-mute-'));
  const mute = path.join(tmp, 'mute-browser');
  // Answers nothing and stays: only this build may end it. Its own marker finds it afterwards.
  await writeFile(mute, `#!/bin/sh\nexec sleep 600 # ${path.basename(tmp)}\n`, { mode: 0o755 });
  const plan = await planWith('small');
  const end = await runCli(['build', plan, '--out', path.join(tmp, 'out')], { PUPPETEER_EXECUTABLE_PATH: mute, TMPDIR: tmp }, 4_000);
  expect(end.code === 0, end.output).toBe(false);
  expect((await readdir(tmp)).filter((n) => n.startsWith('yjplan-chromium-')), end.output).toEqual([]);
  const { execFileSync } = await import('node:child_process');
  const left = (() => {
    try {
      return execFileSync('pgrep', ['-f', `sleep 600`], { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  })();
  expect(left).toBe('');
}, 60_000);
