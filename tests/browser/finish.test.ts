/**
 * Post-processing with pdf-lib changes metadata and bookmark titles only: the structure
 * tree, its marked content, the outline's shape and the links are as Chromium wrote them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, locateBrowser } from '../../scripts/output/pdf/browser.ts';
import { finishPdf } from '../../scripts/output/pdf/finish.ts';
import { openPdf } from '../../scripts/output/pdf/read-pdf.ts';
import { fixtureHtml, fixtureMeta } from './fixture.ts';

let dir: string;
let raw: Uint8Array;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-finish-'));
  const located = locateBrowser();
  if (!('executablePath' in located)) throw new Error(located.problem.message);
  const browser = await launchBrowser({ executablePath: located.executablePath });
  try {
    const page = await browser.browser.newPage();
    await page.setContent(await fixtureHtml('final'));
    raw = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
  } finally {
    await browser.close();
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const structText = (file: string) =>
  execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });

async function shape(bytes: Uint8Array) {
  const document = await openPdf(bytes);
  type Item = { items: Item[]; dest: unknown };
  const outline = (items: Item[]): unknown => items.map((i) => ({ dest: i.dest, items: outline(i.items) }));
  const links: unknown[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    links.push((await page.getAnnotations()).map((a) => ({ rect: a.rect, url: a.url, dest: a.dest })));
  }
  const result = { pages: document.numPages, outline: outline((await document.getOutline()) as Item[]), links, marked: await document.getMarkInfo(), destinations: await document.getDestinations() };
  await document.destroy();
  return result;
}

test('finishing keeps the structure tree with its text, the outline, the links and the named destinations', async () => {
  const finished = await finishPdf(raw, { meta: fixtureMeta('final'), date: new Date('2019-06-30T00:00:00Z'), fingerprint: 'test', headings: [] });
  const rawFile = path.join(dir, 'raw.pdf');
  const finishedFile = path.join(dir, 'finished.pdf');
  await writeFile(rawFile, raw);
  await writeFile(finishedFile, finished.bytes);
  const before = structText(rawFile);
  expect(before).toContain('H2 (block)');
  expect(structText(finishedFile)).toBe(before);
  expect(await shape(finished.bytes)).toEqual(await shape(raw));
});

test('finishing replaces the bookmark titles only when there is one heading per bookmark', async () => {
  const document = await openPdf(raw);
  const count = (items: Array<{ items: unknown[] }>): number => items.reduce((n, i) => n + 1 + count(i.items as Array<{ items: unknown[] }>), 0);
  const bookmarks = count((await document.getOutline()) as Array<{ items: unknown[] }>);
  await document.destroy();
  const headings = Array.from({ length: bookmarks }, (_, i) => `Heading – ${i + 1}`);
  const options = { meta: fixtureMeta('final'), date: new Date(0), fingerprint: 'test' };
  expect((await finishPdf(raw, { ...options, headings })).bookmarksRetitled).toBe(true);
  expect((await finishPdf(raw, { ...options, headings: headings.slice(1) })).bookmarksRetitled).toBe(false);
  const retitled = await openPdf((await finishPdf(raw, { ...options, headings })).bytes);
  expect(((await retitled.getOutline()) as Array<{ title: string }>)[0]!.title).toBe('Heading – 1');
  await retitled.destroy();
});
