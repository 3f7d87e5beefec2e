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
  await writeFile(path.join(out, 'index.html'), 'the last good HTML');
  await writeFile(path.join(out, pdf), 'the last good PDF');
  return out;
}

const beside = async (out: string) => (await readdir(path.dirname(out))).filter((n) => n !== path.basename(out));

test('without a browser, the build exits 1 with pdf:no-browser, writes the new HTML and keeps the last good PDF', async () => {
  process.env.PUPPETEER_EXECUTABLE_PATH = '/nonexistent/chromium';
  const out = await lastGoodBuild(SMALL_PDF);
  const lines: string[] = [];
  const code = await main(['build', path.join(repoRoot, 'tests/fixtures/plans/small'), '--out', out], { out: (s) => lines.push(s), err: (s) => lines.push(s) });
  const output = lines.join('\n');
  expect(code).toBe(1);
  expect(output).toMatch(/plan\.yaml {2}error {2}PUPPETEER_EXECUTABLE_PATH is set to .* {2}pdf:no-browser/);
  expect(output).not.toMatch(/^\s+at /m);
  expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain('<h1');
  expect(await readFile(path.join(out, SMALL_PDF), 'utf8')).toBe('the last good PDF');
  expect(await beside(out)).toEqual([]);
});

test('Ctrl-C while the PDF prints leaves out/ untouched and no staging directory', async () => {
  const plan = await planWith('sample');
  const name = pdfName({ title: 'Rotherham Youth Justice Plan', period: '2019/21' } as Parameters<typeof pdfName>[0]);
  const out = await lastGoodBuild(name);
  // Its own process group, so the signal reaches npx, tsx and node alike, as Ctrl-C in a terminal does.
  const child = spawn('npx', ['tsx', 'scripts/cli/index.ts', 'build', plan, '--out', out], { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  // 'close', not 'exit': npx may end before the build it started, which still holds the pipes.
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
  process.kill(-child.pid!, 'SIGINT');
  const end = await exited;
  expect(end.code === 0).toBe(false);
  expect(output).toContain('build:interrupted');
  expect(output).not.toMatch(/^\s+at /m);
  expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('the last good HTML');
  expect(await readFile(path.join(out, name), 'utf8')).toBe('the last good PDF');
  expect((await readdir(out)).sort()).toEqual(['index.html', name].sort());
  expect(await beside(out)).toEqual([]);
});
