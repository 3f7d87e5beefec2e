/**
 * One measured build in a process of its own, as the command line runs it (same options, the
 * plan's own .yjplan-cache), for the bench: `node --import tsx scripts/bench/run-build.ts
 * <plan-dir> <out-dir> [--no-pdf | --proposed]`. Prints one line of JSON (a BuildSample) on stdout.
 *
 * `--proposed` measures the build as it would be with the two changes proposed for build.ts:
 * prepareToPrint() when the build starts (the browser launches while the plan is built), and
 * printPdf given the cache directory (the last build's contents numbers). It runs build()
 * without the PDF, then printPdf itself, so that no stage of build.ts is copied here.
 *
 * Memory: the process's RSS when each stage ends, the highest RSS sampled while it ran (a
 * timer, so it sees the asynchronous stages; a synchronous stage's peak is usually its end),
 * and the process's maxRSS from the kernel.
 */
import { isEntryPoint } from '../cli/io.ts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

export interface BuildSample {
  ok: boolean;
  errors: number;
  warnings: number;
  /** Loading build.ts and everything it imports. */
  importMs: number;
  /** build() from call to return. */
  buildMs: number;
  /** The build's own stage times (load, parse, transform, charts, render, write, pdf). */
  stages: Record<string, number>;
  /** printPdf's steps (launch, load, print 1, contents 1, …, finish, write, close, total). */
  pdfSteps: Record<string, number>;
  pages?: number | undefined;
  printings?: number | undefined;
  /** MiB: RSS at the end of each stage, and the highest seen up to then. */
  rssAtEnd: Record<string, number>;
  peakRss: Record<string, number>;
  /** MiB, from process.resourceUsage(). */
  maxRss: number;
}

const MiB = 1024 * 1024;

async function main(argv: string[]): Promise<BuildSample> {
  const [root, outDir, ...flags] = argv;
  if (!root || !outDir) throw new Error('usage: run-build.ts <plan-dir> <out-dir> [--no-pdf]');
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  sampler.unref();

  const proposed = flags.includes('--proposed');
  const t0 = performance.now();
  const pdfModule = proposed ? await import('../output/pdf/index.ts') : undefined;
  const release = pdfModule?.prepareToPrint();
  const { build, pdfName } = await import('../build/index.ts');
  const importMs = performance.now() - t0;

  const rssAtEnd: Record<string, number> = {};
  const peakRss: Record<string, number> = {};
  const pdfSteps: Record<string, number> = {};
  let pages: number | undefined;
  let printings: number | undefined;
  const t1 = performance.now();
  const cacheDir = path.join(path.resolve(root), '.yjplan-cache');
  const log = (line: string): void => {
    const stage = /^(\w+)\s+\d+ ms/.exec(line)?.[1];
    if (stage) {
      const rss = process.memoryUsage.rss();
      peak = Math.max(peak, rss);
      rssAtEnd[stage] = rss / MiB;
      peakRss[stage] = peak / MiB;
    }
    // printPdf's closing line: "pdf: launch 651 ms, load 1442 ms, print 1 379 ms, …"
    const steps = /^\s*pdf: ((?:[a-z]+(?: \d+)? \d+ ms(?:, )?)+)$/.exec(line)?.[1];
    if (steps) for (const m of steps.matchAll(/([a-z]+(?: \d+)?) (\d+) ms/g)) pdfSteps[m[1]!] = Number(m[2]);
    const printed = /pdf: (\d+) pages, printed (\d+) time/.exec(line);
    if (printed) {
      pages = Number(printed[1]);
      printings = Number(printed[2]);
    }
  };
  const result = await build({ root: path.resolve(root), outDir: path.resolve(outDir), pdf: !proposed && !flags.includes('--no-pdf'), cacheDir, log });
  if (pdfModule && release) {
    if (result.ok) {
      const meta = parse(await readFile(path.join(root, 'plan.yaml'), 'utf8')) as Parameters<typeof pdfName>[0];
      const t2 = performance.now();
      await pdfModule.printPdf(result.printed!, { meta, outFile: path.join(outDir, pdfName(meta)), cacheDir, log: (line) => log(`  ${line}`) });
      result.timings.pdf = performance.now() - t2;
      log(`pdf ${Math.round(result.timings.pdf)} ms`);
    } else {
      await release();
    }
  }
  const buildMs = performance.now() - t1;
  return {
    ok: result.ok,
    errors: result.diagnostics.filter((d) => d.severity === 'error').length,
    warnings: result.diagnostics.filter((d) => d.severity === 'warning').length,
    importMs,
    buildMs,
    stages: result.timings,
    pdfSteps,
    pages,
    printings,
    rssAtEnd,
    peakRss,
    maxRss: process.resourceUsage().maxRSS / 1024,
  };
}

if (isEntryPoint(import.meta.url)) {
  const sample = await main(process.argv.slice(2));
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}
