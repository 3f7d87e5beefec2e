/**
 * The printed PDF of the fixture plan, checked with poppler: pages, contents
 * numbers, running footer, tagging, bookmarks, metadata and the draft mark.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as pdf from '../../scripts/output/pdf/index.ts';
import { namedDestinations, readPrinted, targetPages } from '../../scripts/output/pdf/contents.ts';
import { openPdf } from '../../scripts/output/pdf/read-pdf.ts';
import { fixtureDir, fixtureHtml, fixtureMeta, type Status } from './fixture.ts';
import { escapeRegExp, normalise, pageCount, pageLines, pageTexts, pageWords, pdfinfo, type Word } from './pdf-text.ts';

interface Printed {
  file: string;
  result: pdf.PrintResult;
  words: Word[][];
  lines: string[][];
  texts: string[];
}

let dir: string;
const printed = {} as Record<Status, Printed>;

async function printFixture(status: Status, name: string = status): Promise<Printed> {
  const file = path.join(dir, `${name}.pdf`);
  const result = await pdf.printPdf(await fixtureHtml(status), { meta: fixtureMeta(status), outFile: file, env: { ...process.env, SOURCE_DATE_EPOCH: '1561852800' } });
  const words = pageWords(file);
  const lines = pageLines(words);
  return { file, result, words, lines, texts: pageTexts(lines) };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-pdf-test-'));
  printed.draft = await printFixture('draft');
  printed.final = await printFixture('final');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The fixture's own contents entries and headings, read from its HTML source: what the PDF must show. */
async function fixtureSource() {
  const html = await readFile(path.join(fixtureDir, 'plan.html'), 'utf8');
  const text = (fragment: string) =>
    normalise(fragment.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
  const entries = [...html.matchAll(/<span class="toc-number">(.*?)<\/span><span class="toc-title">(.*?)<\/span><span class="toc-page"[^>]*data-target="(.*?)"/g)].map(
    (m) => ({ number: text(m[1]!), title: text(m[2]!), target: m[3]! }),
  );
  const headings = [...html.matchAll(/<h([1-6])[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => ({ level: Number(m[1]), text: text(m[2]!) }));
  return { entries, headings };
}

test('the module exports printPdf, pageRules and cssString', () => {
  expect(Object.keys(pdf).sort()).toEqual(expect.arrayContaining(['printPdf', 'pageRules', 'cssString']));
  expect(typeof pdf.printPdf).toBe('function');
});

describe.each(['draft', 'final'] as const)('the %s fixture', (status) => {
  test('is printed on A4 pages, as many as printPdf reports', () => {
    const { file, result } = printed[status];
    expect(result.pages).toBe(15);
    expect(pageCount(file)).toBe(result.pages);
    expect(pdfinfo(file)).toMatch(/Page size:\s+594\.9\d x 841\.9\d pts \(A4\)/);
  });

  test('gives each contents entry the page on which its heading is printed', async () => {
    const { texts } = printed[status];
    const { entries } = await fixtureSource();
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) {
      const label = `${entry.number} ${entry.title}`;
      // On the contents page: the entry's text followed by its page number.
      const listing = new RegExp(`(?:^| )${escapeRegExp(label)} (\\d+)(?: |$)`);
      const listedOn = texts.flatMap((t, i) => (listing.test(t) ? [i] : []));
      expect(listedOn, `${label} should be listed once`).toHaveLength(1);
      const printedNumber = Number(listing.exec(texts[listedOn[0]!]!)![1]);
      // Elsewhere: the heading itself, on exactly one page.
      const headingOn = texts.flatMap((t, i) => (i !== listedOn[0] && ` ${t} `.includes(` ${label} `) ? [i + 1] : []));
      expect(headingOn, `${label} should be printed as a heading once`).toHaveLength(1);
      expect(printedNumber, `contents number for ${label}`).toBe(headingOn[0]);
    }
  });

  test('puts "Page N of M" at the foot of every page but the cover', () => {
    const { lines } = printed[status];
    const total = lines.length;
    expect(lines[0]!.join(' ')).not.toMatch(/Page \d+ of/);
    lines.slice(1).forEach((page, i) => expect(page.at(-1)).toMatch(new RegExp(`Page ${i + 2} of ${total}$`)));
  });

  test('runs the plan title and period along the top of every page but the cover', () => {
    const { lines } = printed[status];
    expect(lines[0]![0]).not.toMatch(/^Rotherham Youth Justice Plan/);
    for (const page of lines.slice(1)) expect(page[0]).toMatch(/^Rotherham Youth Justice Plan 2019\/21\b/);
  });

  test('never leaves a heading as the last line of a page', async () => {
    const { lines } = printed[status];
    const { headings } = await fixtureSource();
    lines.slice(1).forEach((page, i) => {
      const body = page.slice(1, -1); // without the running header and footer
      const last = body.at(-1) ?? '';
      const stranded = headings.filter((h) => h.text === last || h.text.endsWith(` ${last}`));
      expect(stranded, `page ${i + 2} ends with "${last}"`).toEqual([]);
    });
  });

  test('repeats a long table\'s header row on every page it runs onto', () => {
    const { texts } = printed[status];
    const spans = [
      { caption: 'Table 4: Review of 2018 performance', last: 'satisfied with the service.', header: 'Priority area Action Outcome' },
      { caption: 'Table 5: Priorities for 2019/21', last: 'Prepare for the HM Inspectorate', header: 'Area Action Owner' },
    ];
    for (const table of spans) {
      const first = texts.findIndex((t) => t.includes(table.caption));
      const last = texts.findIndex((t) => t.includes(table.last));
      expect(last, `${table.caption} should run over a page`).toBeGreaterThan(first);
      for (let i = first; i <= last; i++) expect(texts[i], `page ${i + 1}`).toContain(table.header);
    }
  });

  test('has its contents page numbers read from the named destinations with pdf-lib, where pdf.js finds them too', async () => {
    const { file } = printed[status];
    const bytes = await readFile(file);
    const viaPdfjs = new Map<string, number>();
    const document = await openPdf(bytes);
    for (const [name, dest] of Object.entries(await document.getDestinations())) {
      viaPdfjs.set(name, (await document.getPageIndex(dest![0] as { num: number; gen: number })) + 1);
    }
    await document.destroy();
    const parsed = await readPrinted(bytes);
    const pages = new Map(parsed.getPages().map((page, i) => [page.ref.toString(), i + 1]));
    const viaPdfLib = new Map([...namedDestinations(parsed)].map(([name, ref]) => [name, pages.get(ref.toString())]));
    expect(viaPdfjs.size).toBeGreaterThan(10);
    expect(viaPdfLib).toEqual(viaPdfjs);
    // Every contents entry's target, on the page its number says.
    const html = await fixtureHtml(status);
    const targets = [...html.matchAll(/<span class="toc-page"[^>]*? data-target="([^"]+)"/g)].map((m) => m[1]!);
    expect(targets.length).toBeGreaterThan(5);
    expect(targetPages(parsed, targets)).toEqual(new Map(targets.map((t) => [t, viaPdfjs.get(t)])));
  });

  test('is tagged, with a heading element for every heading', async () => {
    const { file } = printed[status];
    expect(pdfinfo(file)).toMatch(/^Tagged:\s+yes$/m);
    const struct = pdfinfo(file, '-struct');
    const { headings } = await fixtureSource();
    for (const level of [1, 2, 3]) {
      const tags = struct.match(new RegExp(`^\\s*H${level} \\(block\\)`, 'gm')) ?? [];
      expect(tags.length, `H${level}`).toBe(headings.filter((h) => h.level === level).length);
    }
    const document = await openPdf(await readFile(file));
    expect(await document.getMarkInfo()).toMatchObject({ Marked: true });
    await document.destroy();
  });

  test('has one bookmark per heading, titled and nested as the headings are', async () => {
    const { file } = printed[status];
    const { headings } = await fixtureSource();
    const document = await openPdf(await readFile(file));
    type Item = { title: string; items: Item[] };
    const flat: Array<{ title: string; depth: number }> = [];
    const walk = (items: Item[], depth: number) => items.forEach((i) => (flat.push({ title: i.title, depth }), walk(i.items, depth + 1)));
    walk((await document.getOutline()) as Item[], 1);
    await document.destroy();
    expect(flat).toEqual(headings.map((h) => ({ title: h.text, depth: h.level })));
  });

  test('names itself: title shown in the window, language, author, subject, keywords, creator', async () => {
    const { file } = printed[status];
    const document = await openPdf(await readFile(file));
    const info = (await document.getMetadata()).info as Record<string, unknown>;
    expect(info).toMatchObject({
      Title: 'Rotherham Youth Justice Plan 2019/21',
      Language: 'en-GB',
      Author: 'Rotherham Metropolitan Borough Council',
      Subject: fixtureMeta(status).description,
      Creator: 'yjplan',
    });
    expect(String(info.Keywords)).toContain('Rotherham Youth Offending Team');
    expect(await document.getViewerPreferences()).toMatchObject({ DisplayDocTitle: true });
    await document.destroy();
    const xmp = pdfinfo(file, '-meta');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Rotherham Youth Justice Plan 2019/21</rdf:li>');
    expect(xmp).toContain('<rdf:li>en-GB</rdf:li>');
  });

  test('reports no problems', () => {
    expect(printed[status].result.diagnostics).toEqual([]);
  });
});

test('a draft is marked DRAFT on every page, the cover included; a final plan on none', () => {
  for (const page of printed.draft.words) {
    expect(page.some((w) => w.text === 'DRAFT' && w.height < 20)).toBe(true); // in the header
    expect(page.some((w) => w.height > 60)).toBe(true); // the large watermark
  }
  for (const page of printed.final.words) {
    expect(page.some((w) => /DRAFT/.test(w.text))).toBe(false);
    expect(page.some((w) => w.height > 60)).toBe(false);
  }
});

test('the contents are numbered in two printings', () => {
  const printings = Object.keys(printed.final.result.timings).filter((k) => k.startsWith('print '));
  expect(printings).toEqual(['print 1', 'print 2']);
});

test('the same plan printed with the same date gives the same bytes', async () => {
  const again = await printFixture('final', 'final-again');
  expect(Buffer.compare(await readFile(again.file), await readFile(printed.final.file))).toBe(0);
  expect(pdfinfo(again.file)).toMatch(/CreationDate:\s+Sun Jun 30 00:00:00 2019 UTC/);
});
