/**
 * Golden images of printed pages, so that a change to the layout is seen before it lands.
 *
 *   PDF ──pdftoppm (50 dpi, grey)──► pages ──16 greys──► PNG ──pixelmatch──► the stored page
 *
 * Each page is drawn small and in sixteen shades of grey (about 15 KB a page): enough to see a
 * line, a table or a chart move, too coarse to store the text. A page matches when fewer than
 * TOLERANCE of its pixels differ (pixelmatch, its anti-aliasing ignored); the page count must
 * match exactly. The goldens live in tests/browser/goldens/<name>/page-NN.png:
 *
 * - missing, they are written (and the test says so), except under CI=true, where that fails:
 *   a golden must be looked at by a person before it is trusted;
 * - UPDATE_GOLDENS=1 writes them afresh, after a change to the layout that was meant;
 * - on a difference, each page that differs is named with its share of pixels, and the page as
 *   printed and a diff image (differences in red) are written under the system's temporary
 *   folder, never in the repository.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { root } from './fixture.ts';

export const GOLDEN_DPI = 50;
/** Shades of grey kept: a sixteenth of the colours, a half of the bytes. */
const LEVELS = 16;
/** The share of a page's pixels that may differ: a few stray pixels, never a moved line. */
export const TOLERANCE = 0.001;
/** pixelmatch's own threshold for calling two pixels different (0–1; its default). */
const PIXEL_THRESHOLD = 0.1;

export const goldenDir = (name: string): string => path.join(root, 'tests/browser/goldens', name);
/** Where the pages as printed and the diff images of a failing comparison go. */
export const diffDir = (name: string): string => path.join(os.tmpdir(), 'yjplan-goldens', name);

const pageFile = (n: number): string => `page-${String(n).padStart(2, '0')}.png`;

/** Each page of the PDF as a small grey PNG, in order. */
export async function drawPages(pdfFile: string): Promise<Buffer[]> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'yjplan-pages-'));
  try {
    execFileSync('pdftoppm', ['-r', String(GOLDEN_DPI), '-gray', '-png', pdfFile, path.join(work, 'p')]);
    // pdftoppm numbers its files with as many digits as the last page needs: sort by number.
    const files = (await readdir(work)).filter((f) => f.endsWith('.png')).sort((a, b) => pageNumber(a) - pageNumber(b));
    return Promise.all(files.map(async (f) => quantise(PNG.sync.read(await readFile(path.join(work, f))))));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const pageNumber = (file: string): number => Number(/-(\d+)\.png$/.exec(file)![1]);

/** A grey PNG in LEVELS shades, from whatever pdftoppm wrote (RGB or grey, read as RGBA). */
function quantise(png: PNG): Buffer {
  const step = 255 / (LEVELS - 1);
  const grey = Buffer.alloc(png.width * png.height);
  for (let i = 0; i < grey.length; i++) grey[i] = Math.round(Math.round(png.data[i * 4]! / step) * step);
  return PNG.sync.write({ width: png.width, height: png.height, data: grey } as PNG, { colorType: 0, inputColorType: 0, inputHasAlpha: false, deflateLevel: 9 });
}

export interface GoldenOutcome {
  /** What was written instead of compared, to say in the test's output. */
  wrote?: string | undefined;
  /** Each way the pages differ from the goldens, as a sentence; empty when they match. */
  differences: string[];
}

export interface GoldenOptions {
  env?: Record<string, string | undefined>;
  /** Where the goldens are; tests/browser/goldens/<name> unless given. */
  dir?: string;
  /** Where a failing comparison's images go. */
  out?: string;
}

/** Compares the PDF's pages with the goldens called `name` (`label` names them in messages). */
export async function checkGoldens(name: string, label: string, pdfFile: string, options: GoldenOptions = {}): Promise<GoldenOutcome> {
  const env = options.env ?? process.env;
  const dir = options.dir ?? goldenDir(name);
  const out = options.out ?? diffDir(name);
  const shown = dir.startsWith(root + path.sep) ? path.relative(root, dir) : dir;
  const pages = await drawPages(pdfFile);
  const goldens = await readGoldens(dir);
  await rm(out, { recursive: true, force: true });

  const update = env.UPDATE_GOLDENS === '1';
  if (update || goldens.length === 0) {
    if (!update && isCi(env)) {
      return {
        differences: [
          `There are no golden images for ${label} in ${shown}. Run \`UPDATE_GOLDENS=1 npx vitest run tests/browser/visual.test.ts\` where the PDF prints as it should, look at the images, and commit them.`,
        ],
      };
    }
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    for (const [i, page] of pages.entries()) await writeFile(path.join(dir, pageFile(i + 1)), page);
    const why = update ? 'UPDATE_GOLDENS=1' : 'there were none';
    return { wrote: `Wrote ${pages.length} golden images for ${label} to ${shown} (${why}): look at them before committing them.`, differences: [] };
  }

  const differences: string[] = [];
  if (pages.length !== goldens.length) {
    differences.push(`${capitalise(label)} printed ${pages.length} pages; its golden images have ${goldens.length}.`);
  }
  for (let i = 0; i < Math.min(pages.length, goldens.length); i++) {
    const actual = PNG.sync.read(pages[i]!);
    const expected = PNG.sync.read(goldens[i]!);
    const n = i + 1;
    await mkdir(out, { recursive: true });
    if (actual.width !== expected.width || actual.height !== expected.height) {
      await writeFile(path.join(out, pageFile(n)), pages[i]!);
      differences.push(`Page ${n} of ${label} is ${actual.width}×${actual.height} pixels; its golden image is ${expected.width}×${expected.height}. See ${path.join(out, pageFile(n))}.`);
      continue;
    }
    const diff = new PNG({ width: actual.width, height: actual.height });
    const pixels = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold: PIXEL_THRESHOLD });
    const share = pixels / (actual.width * actual.height);
    if (share <= TOLERANCE) continue;
    const diffFile = path.join(out, pageFile(n).replace('.png', '-diff.png'));
    await writeFile(path.join(out, pageFile(n)), pages[i]!);
    await writeFile(diffFile, PNG.sync.write(diff));
    differences.push(`Page ${n} of ${label} differs from its golden image in ${(share * 100).toFixed(2)}% of its pixels (${pixels} of ${actual.width * actual.height}; at most ${(TOLERANCE * 100).toFixed(1)}% may). See ${diffFile}.`);
  }
  if (differences.length > 0) {
    differences.push(`If the change is meant, write the goldens afresh with \`UPDATE_GOLDENS=1 npx vitest run tests/browser/visual.test.ts\` and look at them before committing them.`);
  }
  return { differences };
}

async function readGoldens(dir: string): Promise<Buffer[]> {
  const files = await readdir(dir).catch(() => [] as string[]);
  const pages = files.filter((f) => /^page-\d+\.png$/.test(f)).sort((a, b) => pageNumber(a) - pageNumber(b));
  return Promise.all(pages.map((f) => readFile(path.join(dir, f))));
}

const isCi = (env: Record<string, string | undefined>): boolean => !!env.CI && env.CI !== 'false' && env.CI !== '0';
const capitalise = (text: string): string => text[0]!.toUpperCase() + text.slice(1);
