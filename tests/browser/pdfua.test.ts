/**
 * The PDFs of the fixture plan and of a generated large plan pass every point of the PDF/UA-1
 * checker (the sample's PDF is checked in a11y-pdf.test.ts, which builds it already).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeLargePlan } from '../../scripts/bench/large-plan.ts';
import { build } from '../../scripts/build/index.ts';
import { checkPdfUa, summarise } from '../../scripts/output/pdf/conformance/index.ts';
import { printPdf } from '../../scripts/output/pdf/index.ts';
import { loadPlan } from '../../scripts/load/index.ts';
import { repoRoot } from '../helpers/plan-dir.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-pdfua-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Built, then printed with a generous time limit: a large plan on a busy machine takes minutes. */
async function builtPdf(root: string, name: string): Promise<Uint8Array> {
  const result = await build({ root, outDir: path.join(dir, `${name}-html`), pdf: false });
  if (!result.ok || !result.printed) throw new Error(`${name} did not build: ${JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error'))}`);
  const { plan } = await loadPlan(root);
  const outFile = path.join(dir, `${name}.pdf`);
  await printPdf(result.printed, { meta: plan!.meta, outFile, timeoutMs: 540_000, processSignals: [] });
  return new Uint8Array(await readFile(outFile));
}

test('the fixture plan’s PDF passes every point of the PDF/UA-1 checker', { timeout: 600_000 }, async () => {
  const bytes = await builtPdf(path.join(repoRoot, 'tests/fixtures/plans/small'), 'small');
  expect(summarise(await checkPdfUa(bytes))).toEqual({});
});

test('a large plan’s PDF (the sample three times over) passes every point of the PDF/UA-1 checker', { timeout: 600_000 }, async () => {
  const plan = await writeLargePlan(repoRoot, 3, path.join(dir, 'large-plan'));
  const bytes = await builtPdf(plan.dir, 'large');
  expect(summarise(await checkPdfUa(bytes))).toEqual({});
});
