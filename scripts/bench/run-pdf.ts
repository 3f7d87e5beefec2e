/**
 * The PDF stage alone, in a process of its own: `node --import tsx scripts/bench/run-pdf.ts
 * <plan-dir> <index.html> <out.pdf> [cache-dir]`. With a cache directory, the contents page
 * numbers of the last run are filled in before the first printing. Prints one line of JSON.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadPlan } from '../load/index.ts';
import { printPdf } from '../output/pdf/index.ts';

const [root, htmlFile, outFile, cacheDir] = process.argv.slice(2);
if (!root || !htmlFile || !outFile) throw new Error('usage: run-pdf.ts <plan-dir> <index.html> <out.pdf> [cache-dir]');
const loaded = await loadPlan(path.resolve(root));
if (!loaded.plan) throw new Error(`The plan at ${root} does not load`);
const html = await readFile(htmlFile, 'utf8');
const t0 = performance.now();
const result = await printPdf(html, { meta: loaded.plan.meta, outFile, cacheDir: cacheDir || undefined });
const ms = performance.now() - t0;
process.stdout.write(`${JSON.stringify({ ms, pages: result.pages, printings: result.printings, steps: result.timings })}\n`);
