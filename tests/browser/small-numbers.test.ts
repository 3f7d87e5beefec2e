/**
 * Small numbers withheld in every output: the fixture plan with small counts, built with
 * `small-numbers: { below: 5, action: suppress }`, read back from the HTML, from the printed PDF
 * (with poppler) and from the chart's SVG. No count below 5, and no figure that gives one away,
 * may appear in any of them.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { pathToFileURL } from 'node:url';
import { axeViolations } from '../helpers/axe.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../scripts/build/index.ts';
import { launchBrowser, locateBrowser } from '../../scripts/output/pdf/browser.ts';
import { fixture, planWith } from '../helpers/plan-dir.ts';
import { normalise, pageLines, pageTexts, pageWords } from './pdf-text.ts';

const text = (node: Parameters<typeof toString>[0]) => toString(node).replace(/\s+/g, ' ').trim();

// The fixture's withheld figures that are not small themselves: the counts hidden to protect
// the small ones (16, 19, 13, 11), and the share and change worked out from them (3.6%, −10).
const givesAway = [/\b16\b/, /\b19\b/, /\b13\b/, /\b11\b/, /3\.6\s*%/, /[−-]\s?10\b/];

let out: string;
let result: BuildResult;
let html: string;
let pdfText: string;
let pdfLines: string[];
let svg: string;

beforeAll(async () => {
  const plan = await readFile(path.join(fixture('small-numbers'), 'plan.yaml'), 'utf8');
  const dir = await planWith('small-numbers', { 'plan.yaml': plan.replace(/^ {2}action: warn$/m, '  action: suppress') });
  out = await mkdtemp(path.join(os.tmpdir(), 'yjplan-small-numbers-'));
  result = await build({ root: dir, outDir: out, pdf: true });
  html = await readFile(path.join(out, 'index.html'), 'utf8');
  const pdf = (await readdir(out)).find((f) => f.endsWith('.pdf'))!;
  const lines = pageLines(pageWords(path.join(out, pdf)));
  pdfLines = lines.flat().map(normalise);
  pdfText = pageTexts(lines).join(' ');
  svg = text(select('#fig-outcomes svg', fromHtml(html))!);
}, 300_000);

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

it('builds, with no warnings: each withheld quote is reported as information', () => {
  expect(result.ok).toBe(true);
  // The page and the PDF (beside the pages and the embed).
  expect(result.files.filter((f) => f === 'index.html' || f.endsWith('.pdf'))).toHaveLength(2);
  expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
});

describe('no figure that gives a small count away appears', () => {
  it.each([
    ['the HTML page', () => text(select('main', fromHtml(html))!)],
    ['the PDF', () => pdfText],
    ['the chart’s SVG', () => svg],
  ])('in %s', (_name, read) => {
    const all = read();
    expect(all.length).toBeGreaterThan(0);
    for (const pattern of givesAway) expect(all).not.toMatch(pattern);
  });
});

describe('no count below 5 appears', () => {
  it('in the HTML: every table cell and every quoted figure is shown, marked or said in words', () => {
    const doc = fromHtml(html);
    const cells = selectAll('main td', doc).map(text);
    expect(cells.filter((c) => /^[1-4]$/.test(c))).toEqual([]);
    expect(cells.filter((c) => c === '<5')).toHaveLength(5);
    expect(cells.filter((c) => c === '[c]')).toHaveLength(5);
    const quoted = selectAll('.data-value', doc).map(text);
    expect(quoted).toEqual(['fewer than 5', '70', '[not shown]', '[not shown]', '34', 'fewer than 5', '0.21', 'fewer than 5', '4']);
  });

  it('in the PDF: the tables, the chart’s reference to its table and the text read with the marks', () => {
    expect(pdfLines).toEqual(
      expect.arrayContaining([
        'Youth Caution 23 [c] <5',
        'Youth Conditional Caution <5 29 [c]',
        'Referral Order 31 0 26',
        'Youth Rehabilitation Order [c] [c] 8',
        '10 to 14 <5',
        '15 to 17 <5',
        // In print the chart refers to the table that holds its figures, with their marks, instead of repeating them.
        'The figures are in Table 1.',
      ]),
    );
    expect(pdfText).toContain('In Q1, fewer than 5 children received a Youth Conditional Caution');
    expect(pdfText).toContain('This year, fewer than 5 children were sentenced to custody');
    expect(pdfText).toContain('We also remanded fewer than 5 children');
    expect(pdfText).toContain('<5: fewer than 5. Counts of 1 to 4 people are not shown, so that no child can be identified.');
    expect(pdfText).toContain('Some figures are left out of this chart');
  });

  it('in the chart’s SVG: only the figures shown are drawn, as two bars with their labels', () => {
    const doc = fromHtml(html);
    const chart = select('#fig-outcomes svg', doc)!;
    expect(selectAll('text', chart).map(text)).toEqual(['Referral Order', 'Youth Rehabilitation Order', 'Outcome', '26', '8']);
    expect(selectAll('.mark-rect path', chart)).toHaveLength(2);
    // Nothing in the drawing names a withheld figure, not even to assistive technology.
    const labels = selectAll('[aria-label]', chart).map((e) => String(e.properties.ariaLabel));
    expect(labels.filter((l) => /\b([1-4]|16|19|13|11)\b/.test(l))).toEqual([]);
  });
});

it('keeps the page accessible with its marks and notes: axe-core finds nothing at 1280px or 320px, data tables open', async () => {
  const located = locateBrowser();
  if ('problem' in located) throw new Error(located.problem.message);
  const launched = await launchBrowser({ executablePath: located.executablePath });
  try {
    for (const width of [1280, 320]) {
      const page = await launched.browser.newPage();
      await page.setViewport({ width, height: 900 });
      await page.goto(pathToFileURL(path.join(out, 'index.html')).href, { waitUntil: 'load' });
      await page.$$eval('details', (all) => all.forEach((d) => (d.open = true)));
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    }
  } finally {
    await launched.close();
  }
}, 300_000);
