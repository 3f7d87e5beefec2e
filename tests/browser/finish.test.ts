/**
 * Post-processing with pdf-lib: metadata, bookmark titles and the PDF/UA-1 finish. The marked
 * content keeps its MCIDs and text, every element Chromium wrote is still there in order (the
 * finish only adds LBody and blank cells), the outline's shape and the links are as Chromium
 * wrote them, and every page looks exactly as it did.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, locateBrowser } from '../../scripts/output/pdf/browser.ts';
import { checkPdfUa, summarise } from '../../scripts/output/pdf/conformance/index.ts';
import { elements, readStructure } from '../../scripts/output/pdf/conformance/structure.ts';
import { finishPdf } from '../../scripts/output/pdf/finish.ts';
import { tableGrids, type TableGrid } from '../../scripts/output/pdf/table-grids.ts';
import { printedLinks, type PrintedLink } from '../../scripts/output/pdf/printed-links.ts';
import { PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { openPdf } from '../../scripts/output/pdf/read-pdf.ts';
import { fixtureHtml, fixtureMeta } from './fixture.ts';

let dir: string;
let raw: Uint8Array;
let tables: TableGrid[];
let links: PrintedLink[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-finish-'));
  const located = locateBrowser();
  if (!('executablePath' in located)) throw new Error(located.problem.message);
  const browser = await launchBrowser({ executablePath: located.executablePath });
  try {
    const page = await browser.browser.newPage();
    await page.setContent(await fixtureHtml('final'));
    await page.emulateMediaType('print');
    tables = await tableGrids(page);
    raw = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
    links = await printedLinks(page);
  } finally {
    await browser.close();
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The text of every piece of marked content, by page and MCID, as pdf.js reads it. */
async function markedText(bytes: Uint8Array): Promise<Record<string, string>> {
  const document = await openPdf(bytes);
  const texts: Record<string, string> = {};
  for (let n = 1; n <= document.numPages; n++) {
    const open: string[] = [];
    for (const item of (await (await document.getPage(n)).getTextContent({ includeMarkedContent: true })).items) {
      if ('type' in item) {
        if (item.type === 'endMarkedContent') open.pop();
        else open.push(item.id ? `${n}:${item.id.replace(/^.*_mc/, '')}` : open.at(-1) ?? '');
      } else if (open.at(-1)) texts[open.at(-1)!] = (texts[open.at(-1)!] ?? '') + item.str;
    }
  }
  await document.destroy();
  return texts;
}

/** The elements' types as written, in reading order, leaving out those the finish adds. */
async function elementTypes(bytes: Uint8Array): Promise<string[]> {
  const structure = readStructure(await PDFDocument.load(bytes, { updateMetadata: false }));
  return [...elements(structure!.roots)].filter((e) => e.type !== 'LBody' && e.kids.length > 0).map((e) => e.type);
}

/** Every page drawn by poppler: the bytes of each PNG. */
async function pictures(file: string): Promise<Buffer[]> {
  const out = path.join(dir, path.basename(file, '.pdf'));
  execFileSync('pdftoppm', ['-png', '-r', '40', file, out]);
  const names = (await readdir(dir)).filter((f) => f.startsWith(path.basename(out) + '-') && f.endsWith('.png')).sort();
  return Promise.all(names.map((f) => readFile(path.join(dir, f))));
}

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

test('finishing keeps the marked content and its text, every element, the outline, the links and the named destinations', async () => {
  const finished = await finishPdf(raw, { meta: fixtureMeta('final'), date: new Date('2019-06-30T00:00:00Z'), fingerprint: 'test', headings: [], tables });
  const before = await markedText(raw);
  expect(Object.values(before).join(' ')).toContain('Rotherham');
  expect(await markedText(finished.bytes)).toEqual(before);
  const types = await elementTypes(raw);
  expect(types).toContain('H2');
  // Only retyped: a chart's Figure without /Alt that holds the chart's own Figure becomes a Div.
  const after = await elementTypes(finished.bytes);
  expect(after).toHaveLength(types.length);
  expect(types.flatMap((t, i) => (t === after[i] ? [] : [`${t} → ${after[i]}`]))).toEqual(Array(finished.ua.figureGroups).fill('Figure → Div'));
  expect(await shape(finished.bytes)).toEqual(await shape(raw));
});

test('finishing makes the PDF pass every point of the PDF/UA-1 checker, and every page looks as it did', async () => {
  expect(Object.keys(summarise(await checkPdfUa(raw)))).toContain('pdfua:untagged-content');
  const finished = await finishPdf(raw, { meta: fixtureMeta('final'), date: new Date('2019-06-30T00:00:00Z'), fingerprint: 'test', headings: [], tables });
  expect(finished.ua.artifacts).toBeGreaterThan(0);
  expect(summarise(await checkPdfUa(finished.bytes))).toEqual({});
  const rawFile = path.join(dir, 'raw.pdf');
  const finishedFile = path.join(dir, 'finished.pdf');
  await writeFile(rawFile, raw);
  await writeFile(finishedFile, finished.bytes);
  const before = await pictures(rawFile);
  expect(before.length).toBeGreaterThan(1);
  expect(await pictures(finishedFile)).toEqual(before);
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

/** Each link annotation's /Contents, in page order. */
async function linkContents(bytes: Uint8Array): Promise<string[]> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false });
  return document.getPages().flatMap((page) =>
    page.node.Annots()?.asArray().map((ref) => {
      const annotation = document.context.lookup(ref) as import('pdf-lib').PDFDict;
      const contents = annotation.lookup(PDFName.of('Contents'));
      return contents instanceof PDFHexString || contents instanceof PDFString ? contents.decodeText() : '';
    }) ?? [],
  );
}

test('a link is described by its text on the page when the page’s links and the PDF’s go to the same places, else by its text in the PDF', async () => {
  const options = { meta: fixtureMeta('final'), date: new Date('2019-06-30T00:00:00Z'), fingerprint: 'test', headings: [], tables };
  expect(links.length).toBeGreaterThan(3);
  const fromPage = await finishPdf(raw, { ...options, links });
  expect(fromPage.ua.linkTextFrom).toBe('page');
  expect(fromPage.ua.linksDescribed).toBe(links.length);
  // One link missing, or one going elsewhere: the page's cannot be matched to the PDF's, which is read instead.
  const fromPdf = await finishPdf(raw, { ...options, links: links.slice(1) });
  expect(fromPdf.ua.linkTextFrom).toBe('pdf');
  const moved = await finishPdf(raw, { ...options, links: links.map((l, i) => (i === 1 ? { ...l, target: '#elsewhere' } : l)) });
  expect(moved.ua.linkTextFrom).toBe('pdf');
  // The two readings agree wherever the page paints all of a link's text inside its tags.
  const [page, pdf] = [await linkContents(fromPage.bytes), await linkContents(fromPdf.bytes)];
  expect(page).toEqual(links.map((l) => l.text));
  expect(page.filter((text, i) => text === pdf[i]).length).toBeGreaterThan(page.length / 2);
  expect(pdf.every((text) => text.trim() !== '')).toBe(true);
});
