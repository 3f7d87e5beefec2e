/**
 * The preview, measured in a process of its own: `node --import tsx scripts/bench/run-preview.ts
 * <plan-dir> [--edits 5]`. Prints one line of JSON (a PreviewSample).
 *
 *   save a section ──▶ "reload" event on the page's stream          reloadMs  (target ≤ 100 ms)
 *   save a section ──▶ GET /__yjplan/plan.pdf answered, new version  pdfMs     (target ≤ 1.5 × warmPrintMs)
 *   the same HTML loaded once in the same warm browser ──▶ page.pdf() warmPrintMs, the floor
 *
 * The plan (a copy made by the bench) is edited in place; each save changes one sentence.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchBrowser, locateBrowser } from '../output/pdf/browser.ts';
import { eventsPath } from '../dev/reload-client.ts';
import { pdfPath } from '../dev/pdf-page.ts';
import { startPreview } from '../dev/server.ts';

export interface PreviewSample {
  reloadMs: number[];
  pdfMs: number[];
  warmPrintMs: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { edits: { type: 'string', default: '5' } } });
const root = path.resolve(positionals[0] ?? '.');
const edits = Number(values.edits);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A long quiet time, so that no unasked printing falls inside a measurement.
const preview = await startPreview({ root, port: 0, pdf: true, pdfQuietMs: 60_000 });
const file = path.join(root, 'content', (await readdir(path.join(root, 'content'))).filter((f) => f.endsWith('.md')).sort()[0]!);
const original = await readFile(file, 'utf8');

let onReload: (() => void) | undefined;
const stream = http.get(new URL(eventsPath, preview.url), { agent: false }, (response) => {
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    if (chunk.includes('event: reload')) onReload?.();
  });
});
await pause(200);

function getPdf(): Promise<{ version: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(pdfPath, preview.url), { agent: false }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => (response.statusCode === 200 ? resolve({ version: String(response.headers['x-yjplan-version']), bytes }) : reject(new Error(`PDF: HTTP ${response.statusCode}`))));
      })
      .on('error', reject);
  });
}

const sample: PreviewSample = { reloadMs: [], pdfMs: [], warmPrintMs: [] };
let saves = 0;
const save = () => writeFile(file, `${original}\nSaved ${++saves} times.\n`);
// Two unmeasured rounds: the first printing launches nothing (the browser is warm) but loads the code.
for (let i = -2; i < edits; i++) {
  const reloaded = new Promise<void>((resolve) => (onReload = resolve));
  let start = performance.now();
  await save();
  await reloaded;
  const reloadMs = performance.now() - start;
  await pause(150); // past the watcher's window for repeated changes, as a person's saves are

  start = performance.now();
  const outcome = new Promise<string>((resolve) => {
    const off = preview.on('rebuild', (o) => (off(), resolve(o.version)));
  });
  await save();
  const version = await outcome;
  const pdf = await getPdf();
  const pdfMs = performance.now() - start;
  if (pdf.version !== version) throw new Error(`the PDF is of version ${pdf.version}, not ${version}`);
  if (i >= 0) {
    sample.reloadMs.push(reloadMs);
    sample.pdfMs.push(pdfMs);
  }
  await pause(150);
}

// The floor: one page.pdf() of the same HTML, in a warm browser, the page already loaded.
const html = await (await fetch(preview.url)).text();
stream.destroy();
await preview.close();
await writeFile(file, original);
const located = locateBrowser();
if (!('executablePath' in located)) throw new Error(located.problem.message);
const launched = await launchBrowser({ executablePath: located.executablePath });
try {
  const page = await launched.browser.newPage();
  await page.setJavaScriptEnabled(false);
  await page.setContent(html, { waitUntil: 'load' });
  await page.emulateMediaType('print');
  for (let i = -1; i < edits; i++) {
    const start = performance.now();
    await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, waitForFonts: true });
    if (i >= 0) sample.warmPrintMs.push(performance.now() - start);
  }
} finally {
  await launched.close();
}
process.stdout.write(`${JSON.stringify(sample)}\n`);
