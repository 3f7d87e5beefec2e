/**
 * The PDF is reproducible too: printed twice from the same HTML, with the date taken from the
 * plan's `published` (or SOURCE_DATE_EPOCH for a draft), it comes out byte for byte the same.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { printPdf } from '../../scripts/output/pdf/index.ts';
import { fixtureHtml, fixtureMeta } from './fixture.ts';

async function printTwice(status: 'draft' | 'final', env: Record<string, string | undefined>): Promise<[Buffer, Buffer]> {
  const html = await fixtureHtml(status);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-repro-pdf-'));
  const files = [path.join(dir, 'a.pdf'), path.join(dir, 'b.pdf')];
  for (const outFile of files) await printPdf(html, { meta: fixtureMeta(status), outFile, env: { ...process.env, ...env } });
  return [await readFile(files[0]!), await readFile(files[1]!)];
}

test('a final plan printed twice gives byte-identical PDFs', async () => {
  const [a, b] = await printTwice('final', { SOURCE_DATE_EPOCH: undefined });
  expect(a.length).toBeGreaterThan(10_000);
  expect(b.equals(a)).toBe(true);
});

test('a draft printed twice with SOURCE_DATE_EPOCH set gives byte-identical PDFs', async () => {
  const [a, b] = await printTwice('draft', { SOURCE_DATE_EPOCH: '1561852800' });
  expect(b.equals(a)).toBe(true);
});
