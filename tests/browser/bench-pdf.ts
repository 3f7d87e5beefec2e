/**
 * What the PDF stage costs over one bare print of the same HTML (launch, setContent,
 * one page.pdf, close), measured in the same run, alternately, median of N:
 * `tsx tests/browser/bench-pdf.ts [runs]`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, locateBrowser } from '../../scripts/output/pdf/browser.ts';
import { printPdf } from '../../scripts/output/pdf/index.ts';
import { fixtureHtml, fixtureMeta } from './fixture.ts';

const runs = Number(process.argv[2] ?? 5);
const located = locateBrowser();
if (!('executablePath' in located)) throw new Error(located.problem.message);
const html = await fixtureHtml('final');
const dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-bench-'));

async function bare(): Promise<number> {
  const t0 = performance.now();
  const launched = await launchBrowser({ executablePath: (located as { executablePath: string }).executablePath });
  try {
    const page = await launched.browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
  } finally {
    await launched.close();
  }
  return performance.now() - t0;
}

async function full(): Promise<{ ms: number; timings: Record<string, number> }> {
  const t0 = performance.now();
  const { timings } = await printPdf(html, { meta: fixtureMeta('final'), outFile: path.join(dir, 'plan.pdf') });
  return { ms: performance.now() - t0, timings };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bares: number[] = [];
const fulls: number[] = [];
let lastTimings: Record<string, number> = {};
await bare(); // warm the disk cache and pdf.js's module load
await full();
for (let i = 0; i < runs; i++) {
  bares.push(await bare());
  const f = await full();
  fulls.push(f.ms);
  lastTimings = f.timings;
}
await rm(dir, { recursive: true, force: true });
const b = median(bares);
const f = median(fulls);
console.log(`bare print (launch + setContent + 1 × page.pdf + close): median ${Math.round(b)} ms of ${runs}`);
console.log(`printPdf (2 printings, contents, finish, write):          median ${Math.round(f)} ms of ${runs}`);
console.log(`ratio: ${(f / b).toFixed(2)}`);
console.log(`printPdf steps (last run): ${JSON.stringify(lastTimings)}`);
