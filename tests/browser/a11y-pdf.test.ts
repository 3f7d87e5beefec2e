/**
 * The sample's PDF, audited for what an accessible PDF needs (the parts of PDF/UA and WCAG that a
 * file can show): tagged, in British English, titled, bookmarked as the headings are, every chart
 * with alternative text, every table with header cells, and headings tagged in the order and at
 * the levels of the HTML. Read with pdf-lib and pdf.js (the catalog, /Alt, the outline) and
 * poppler (the whole structure tree).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { PDFBool, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build, pdfName } from '../../scripts/build/index.ts';
import { checkPdfUa, summarise } from '../../scripts/output/pdf/conformance/index.ts';
import { openPdf, type PDFDocumentProxy } from '../../scripts/output/pdf/read-pdf.ts';
import { documentTitle } from '../../templates/cover.ts';
import { loadPlan } from '../../scripts/load/index.ts';
import { repoRoot } from '../helpers/plan-dir.ts';
import { elementsOf, structTree, textOf, type StructNode } from './pdf-struct.ts';
import { normalise, pdfinfo } from './pdf-text.ts';

let dir: string;
let file: string;
let title: string;
let html: ReturnType<typeof fromHtml>;
let catalog: PDFDict;
let pdf: PDFDocumentProxy;
let tree: StructNode;
let bytes: Uint8Array;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-a11y-pdf-'));
  const result = await build({ root: repoRoot, outDir: dir, pdf: true });
  if (!result.ok) throw new Error(`The sample did not build: ${JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error'))}`);
  const { plan } = await loadPlan(repoRoot);
  title = documentTitle(plan!.meta);
  file = path.join(dir, pdfName(plan!.meta));
  // The page as it is printed: the charts' own tables in "Data for the figures" at the end.
  html = fromHtml(result.printed ?? '');
  bytes = new Uint8Array(await readFile(file));
  catalog = (await PDFDocument.load(bytes, { updateMetadata: false })).catalog;
  pdf = await openPdf(bytes);
  tree = structTree(file);
});

afterAll(async () => {
  await pdf?.destroy();
  await rm(dir, { recursive: true, force: true });
});

const text = (node: Element) => normalise(toString(node));
/** PDF text runs lose the spaces where lines wrap; compare words without spaces. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

/** The headings of the HTML, in order: what the PDF's bookmarks and tags must follow. */
const htmlHeadings = () => selectAll('h1, h2, h3, h4, h5, h6', html).map((h) => ({ level: Number(h.tagName[1]), text: text(h) }));

describe('the sample plan’s PDF', () => {
  test('is tagged: it has a structure tree and says it is marked', async () => {
    expect(catalog.lookup(PDFName.of('StructTreeRoot'))).toBeInstanceOf(PDFDict);
    const markInfo = catalog.lookup(PDFName.of('MarkInfo'), PDFDict);
    expect(markInfo.lookup(PDFName.of('Marked'))).toBe(PDFBool.True);
    expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });
    expect(pdfinfo(file)).toMatch(/^Tagged:\s+yes$/m);
  });

  test('passes every point of the PDF/UA-1 checker', async () => {
    expect(summarise(await checkPdfUa(bytes))).toEqual({});
  });

  test('is in British English', () => {
    const lang = catalog.lookup(PDFName.of('Lang'));
    expect(lang instanceof PDFString || lang instanceof PDFHexString ? lang.decodeText() : lang).toBe('en-GB');
  });

  test('has its title in its metadata, shown in the window title bar', async () => {
    const { info, metadata } = (await pdf.getMetadata()) as { info: { Title?: string }; metadata: { get(name: string): unknown } | null };
    expect(info.Title).toBe(title);
    expect(metadata?.get('dc:title')).toBe(title);
    const preferences = catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
    expect(preferences.lookup(PDFName.of('DisplayDocTitle'))).toBe(PDFBool.True);
    expect(await pdf.getViewerPreferences()).toMatchObject({ DisplayDocTitle: true });
  });

  test('has a bookmark for every heading, titled and nested as the headings are', async () => {
    type Item = { title: string; items: Item[] };
    const bookmarks: Array<{ level: number; text: string }> = [];
    const walk = (items: Item[], level: number) =>
      items.forEach((item) => {
        bookmarks.push({ level, text: normalise(item.title) });
        walk(item.items, level + 1);
      });
    walk((await pdf.getOutline()) as Item[], 1);
    expect(bookmarks).toEqual(htmlHeadings());
    // The sections themselves: every h2 directly under the title, every h3 section under its h2.
    const sections = selectAll('section.plan-section.level-1 > h2, section.plan-section.level-2 > h3', html).map((h) => ({ level: Number(h.tagName[1]), text: text(h) }));
    // The sample's 26, and the printed "Data for the figures".
    expect(sections.length).toBe(27);
    expect(bookmarks.filter((b) => sections.some((s) => s.text === b.text))).toEqual(sections);
  });

  test('tags its headings H1 to H6 in the order and at the levels of the HTML', () => {
    const tagged = [...elementsOf(tree)].filter((n) => /^H[1-6]$/.test(n.type)).map((n) => ({ level: Number(n.type[1]), text: squeeze(textOf(n)) }));
    expect(tagged).toEqual(htmlHeadings().map((h) => ({ level: h.level, text: squeeze(h.text) })));
  });

  test('gives every chart alternative text: each Figure element has /Alt, the chart’s title', async () => {
    const charts = selectAll('figure.chart svg > title', html).map(text);
    expect(charts).toHaveLength(7);
    type Node = { role?: string; alt?: string; children?: Node[] };
    const alts: Array<string | undefined> = [];
    const walk = (node: Node | null | undefined) => {
      if (!node) return;
      if (node.role === 'Figure') alts.push(node.alt);
      node.children?.forEach(walk);
    };
    for (let n = 1; n <= pdf.numPages; n++) walk((await (await pdf.getPage(n)).getStructTree()) as Node | null);
    expect(alts.map((a) => (a === undefined ? a : normalise(a)))).toEqual(charts);
    // Read whole, the tree has no other Figure (one without /Alt would be read as nothing).
    expect([...elementsOf(tree)].filter((n) => n.type === 'Figure')).toHaveLength(charts.length);
  });

  test('gives every table header cells', () => {
    // A chart whose figures are in a numbered table does not print its own (.screen-only).
    const printed = (selector: string) => selectAll(selector, html).length - selectAll(`.screen-only ${selector}`, html).length;
    expect(selectAll('.screen-only table', html).length).toBeGreaterThan(0);
    const tables = [...elementsOf(tree)].filter((n) => n.type === 'Table');
    expect(tables).toHaveLength(printed('table'));
    for (const table of tables) {
      const caption = textOf(table.children.find((c) => c.type === 'Caption') ?? { type: '', text: [], children: [] });
      expect(caption, 'every table keeps its caption').not.toBe('');
      expect([...elementsOf(table)].filter((n) => n.type === 'TH').length, caption).toBeGreaterThan(0);
    }
    expect([...elementsOf(tree)].filter((n) => n.type === 'TH')).toHaveLength(printed('th'));
  });
});
