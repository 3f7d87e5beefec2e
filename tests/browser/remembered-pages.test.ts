/**
 * The contents page numbers of the last build, kept in the cache directory, are filled in
 * before the first printing: when they still hold, the PDF is printed once, and it is the
 * same PDF as two printings make. When they have moved, one more printing puts them right.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { printPdf, type PrintResult } from '../../scripts/output/pdf/index.ts';
import { recallPages } from '../../scripts/output/pdf/remembered-pages.ts';
import { readCacheFile, writeCacheFile } from '../../scripts/safety/cache-dir.ts';
import { fixtureHtml, fixtureMeta } from './fixture.ts';

let dir: string;
let html: string;
const env = { ...process.env, SOURCE_DATE_EPOCH: '1561852800' };

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-remembered-'));
  html = await fixtureHtml('final');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const print = (name: string, cacheDir?: string): Promise<PrintResult> =>
  printPdf(html, { meta: fixtureMeta('final'), outFile: path.join(dir, `${name}.pdf`), env, cacheDir });

test('a build whose contents numbers still hold prints once, and makes the same PDF as two printings', async () => {
  const cache = path.join(dir, 'cache');
  const first = await print('first', cache);
  expect(first.printings).toBe(2);
  const remembered = await recallPages(cache, ['foreword', 'contents']);
  expect(remembered?.get('foreword')).toBeGreaterThan(0);

  const again = await print('again', cache);
  expect(again.printings).toBe(1);
  expect(Object.keys(again.timings).filter((k) => k.startsWith('print '))).toEqual(['print 1']);
  expect(Buffer.compare(await readFile(path.join(dir, 'again.pdf')), await readFile(path.join(dir, 'first.pdf')))).toBe(0);
});

test('numbers that have moved since the last build cost one more printing, and are put right', async () => {
  const cache = path.join(dir, 'stale');
  await print('fresh', cache);
  // As an earlier build of a longer plan would have left them.
  const stored = JSON.parse((await readCacheFile(cache, 'contents-pages.json'))!.toString()) as { format: number; pages: Record<string, number> };
  for (const key of Object.keys(stored.pages)) stored.pages[key] = stored.pages[key]! + 1;
  await writeCacheFile(cache, 'contents-pages.json', JSON.stringify(stored));

  const moved = await print('moved', cache);
  expect(moved.printings).toBe(2);
  expect(Buffer.compare(await readFile(path.join(dir, 'moved.pdf')), await readFile(path.join(dir, 'fresh.pdf')))).toBe(0);
});

test('a damaged or missing cache is no error: the PDF is printed as without one', async () => {
  const cache = path.join(dir, 'damaged');
  expect(await recallPages(cache, ['foreword'])).toBeUndefined();
  await print('damaged-first', cache);
  await writeFile(path.join(cache, 'contents-pages.json'), '{ not json');
  const result = await print('damaged', cache);
  expect(result.printings).toBe(2);
  expect(result.diagnostics).toEqual([]);
});
