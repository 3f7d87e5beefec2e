/**
 * The printed pages of the sample and of the small fixture plan look as they did: each page,
 * drawn small, matches its golden image (tests/browser/goldens/), and the page count is the same.
 * A draft is dated by SOURCE_DATE_EPOCH, so its cover and footer never change with the clock.
 * How the goldens are written, compared and updated (UPDATE_GOLDENS=1): goldens.ts.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { loadPlan } from '../../scripts/load/index.ts';
import { printPdf } from '../../scripts/output/pdf/index.ts';
import { fixture, repoRoot } from '../helpers/plan-dir.ts';
import { checkGoldens, drawPages, type GoldenOutcome } from './goldens.ts';

/** 30 June 2019: the day a draft of the sample says it was built. */
const SOURCE_DATE_EPOCH = '1561852800';

let dir: string;
const pdfs: Record<'sample' | 'small', string> = { sample: '', small: '' };

/** The plan built and printed as `npm run build` prints it, with the draft's date pinned. */
async function printed(root: string, name: string): Promise<string> {
  const result = await build({ root, outDir: path.join(dir, `${name}-html`), pdf: false });
  if (!result.ok || !result.printed) throw new Error(`${name} did not build: ${JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error'))}`);
  const { plan } = await loadPlan(root);
  const outFile = path.join(dir, `${name}.pdf`);
  await printPdf(result.printed, { meta: plan!.meta, outFile, env: { ...process.env, SOURCE_DATE_EPOCH } });
  return outFile;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-visual-'));
  pdfs.sample = await printed(repoRoot, 'sample');
  pdfs.small = await printed(fixture('small'), 'small');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Says what was written, if anything, and fails with every difference, one to a line. */
function expectMatch(outcome: GoldenOutcome): void {
  if (outcome.wrote) console.log(outcome.wrote);
  expect(outcome.differences, outcome.differences.join('\n')).toEqual([]);
}

test('the sample’s printed pages match their golden images', async () => {
  expectMatch(await checkGoldens('sample', 'the sample', pdfs.sample));
});

test('the small fixture plan’s printed pages match their golden images', async () => {
  expectMatch(await checkGoldens('small', 'the small plan', pdfs.small));
});

describe('the comparison itself, on goldens of its own', () => {
  let goldens: string;
  let out: string;
  const env = { CI: undefined, UPDATE_GOLDENS: undefined };

  beforeAll(async () => {
    goldens = await mkdtemp(path.join(os.tmpdir(), 'yjplan-goldens-test-'));
    out = path.join(goldens, 'out');
  });

  afterAll(async () => {
    await rm(goldens, { recursive: true, force: true });
  });

  test('draws the same PDF to the same bytes every time', async () => {
    const [a, b] = [await drawPages(pdfs.small), await drawPages(pdfs.small)];
    expect(a.length).toBe(3);
    expect(b.map((p, i) => p.equals(a[i]!))).toEqual([true, true, true]);
    // Small enough to keep in the repository.
    for (const page of a) expect(page.length).toBeLessThan(40_000);
  });

  test('refuses to write missing goldens under CI, and writes them otherwise', async () => {
    const missing = path.join(goldens, 'missing');
    const ci = await checkGoldens('x', 'the small plan', pdfs.small, { env: { CI: 'true' }, dir: missing, out });
    expect(ci.differences).toHaveLength(1);
    expect(ci.differences[0]).toMatch(/^There are no golden images for the small plan in .*\. Run `UPDATE_GOLDENS=1 npx vitest run tests\/browser\/visual\.test\.ts`/);
    await expect(readdir(missing)).rejects.toThrow();

    const local = await checkGoldens('x', 'the small plan', pdfs.small, { env, dir: missing, out });
    expect(local.wrote).toMatch(/^Wrote 3 golden images for the small plan to .* \(there were none\)/);
    expect((await readdir(missing)).sort()).toEqual(['page-01.png', 'page-02.png', 'page-03.png']);
    expect((await checkGoldens('x', 'the small plan', pdfs.small, { env: { CI: 'true' }, dir: missing, out })).differences).toEqual([]);
  });

  test('names the page that differs, by how much, with a diff image outside the repository', async () => {
    const swapped = path.join(goldens, 'swapped');
    await checkGoldens('x', 'the small plan', pdfs.small, { env, dir: swapped, out });
    // Page 2's golden is page 3: a page whose layout has changed.
    await copyFile(path.join(swapped, 'page-03.png'), path.join(swapped, 'page-02.png'));
    const { differences } = await checkGoldens('x', 'the small plan', pdfs.small, { env, dir: swapped, out });
    expect(differences).toHaveLength(2);
    const [, share, file] = /^Page 2 of the small plan differs from its golden image in ([\d.]+)% of its pixels \(\d+ of \d+; at most 0\.1% may\)\. See (.*)\.$/.exec(differences[0]!) ?? [];
    expect(Number(share)).toBeGreaterThan(1);
    expect(file).toBe(path.join(out, 'page-02-diff.png'));
    expect((await readdir(out)).sort()).toEqual(['page-02-diff.png', 'page-02.png']);
    expect(differences[1]).toMatch(/UPDATE_GOLDENS=1/);
  });

  test('fails on a page count that differs, and UPDATE_GOLDENS=1 writes the goldens afresh', async () => {
    const short = path.join(goldens, 'short');
    await checkGoldens('x', 'the small plan', pdfs.small, { env, dir: short, out });
    await rm(path.join(short, 'page-03.png'));
    const { differences } = await checkGoldens('x', 'the small plan', pdfs.small, { env, dir: short, out });
    expect(differences[0]).toBe('The small plan printed 3 pages; its golden images have 2.');

    await mkdir(short, { recursive: true });
    const updated = await checkGoldens('x', 'the small plan', pdfs.small, { env: { UPDATE_GOLDENS: '1', CI: 'true' }, dir: short, out });
    expect(updated.wrote).toMatch(/^Wrote 3 golden images for the small plan to .* \(UPDATE_GOLDENS=1\)/);
    expect((await checkGoldens('x', 'the small plan', pdfs.small, { env, dir: short, out })).differences).toEqual([]);
  });
});
