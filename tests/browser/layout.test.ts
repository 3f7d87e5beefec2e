/**
 * Page breaks under stress: the same heading, table row or figure placed lower and
 * lower on a page, so that each meets the foot of a page in turn.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { printPdf } from '../../scripts/output/pdf/index.ts';
import { fixtureHtml, fixtureMeta } from './fixture.ts';
import { pageLines, pageTexts, pageWords } from './pdf-text.ts';

const followers = {
  paragraph: (id: number) => `<p>The paragraph after heading ${id} runs on for long enough to fill a line or two of the page, as a plan's paragraphs do.</p>`,
  table: (id: number) =>
    `<div class="table-block"><div class="table-wrap" role="region" tabindex="0"><table><caption>Table ${id}: a caption</caption><thead><tr><th scope="col">Area</th><th scope="col">Figure</th></tr></thead><tbody><tr><th scope="row">Rotherham</th><td>1</td></tr><tr><th scope="row">England</th><td>2</td></tr></tbody></table></div></div>`,
  list: (id: number) => `<ul><li>The first item of list ${id}</li><li>The second item</li></ul>`,
  subsection: (id: number) => `<section class="plan-section level-2"><h3 id="s-${id}">Subheading ${id}</h3><p>The subsection's first paragraph.</p></section>`,
};
/** Text that starts what follows heading `id`. */
const followerStart = (kind: string, id: number) =>
  ({ paragraph: `The paragraph after heading ${id} `, table: `Table ${id}: a caption`, list: `The first item of list ${id}`, subsection: `Subheading ${id} ` })[kind]!;
const FILLS = Array.from({ length: 14 }, (_, i) => 33 + i); // filler lines before the heading
const filler = (n: number) => Array.from({ length: n }, (_, i) => `<p style="margin:0">Filler line ${i + 1}.</p>`).join('');

let dir: string;
let lines: string[][];
let texts: string[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-layout-'));
  let body = '';
  let id = 0;
  for (const [kind, follower] of Object.entries(followers)) {
    for (const n of FILLS) {
      id += 1;
      const heading = kind === 'subsection' ? `<h2 id="h-${id}">Heading ${id}</h2>` : `<h3 id="h-${id}">Heading ${id}</h3>`;
      body += `<section class="plan-section level-1"><h2 id="top-${id}">Section ${id}</h2>${filler(n)}${heading}${follower(id)}</section>`;
    }
  }
  // Tall table rows and a figure, each lower on the page than the last.
  for (const n of FILLS) {
    id += 1;
    const rows = Array.from({ length: 3 }, (_, r) => `<tr><th scope="row">Row${id}x${r}start</th><td>${'A cell with several lines of text. '.repeat(6)}Row${id}x${r}end</td></tr>`).join('');
    body += `<section class="plan-section level-1"><h2 id="top-${id}">Section ${id}</h2>${filler(n - 12)}<div class="table-block"><div class="table-wrap"><table><caption>Rows ${id}</caption><thead><tr><th scope="col">Row</th><th scope="col">Text</th></tr></thead><tbody>${rows}</tbody></table></div></div></section>`;
    id += 1;
    body += `<section class="plan-section level-1"><h2 id="top-${id}">Section ${id}</h2>${filler(n - 10)}<figure class="chart" id="fig-${id}"><figcaption>Figure${id}start: a caption</figcaption><svg role="img" viewBox="0 0 600 200" xmlns="http://www.w3.org/2000/svg"><rect width="600" height="200" fill="#e8eff3"/></svg><div class="chart-description"><p>Figure${id}end.</p></div></figure></section>`;
  }
  const outFile = path.join(dir, 'stress.pdf');
  await printPdf(await fixtureHtml('final', { extraBody: body }), { meta: fixtureMeta('final'), outFile });
  lines = pageLines(pageWords(outFile));
  texts = pageTexts(lines);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pageOf = (token: string) => texts.findIndex((t) => t.includes(token));

test('a heading is never the last line of a page, whatever follows it', () => {
  const stranded = lines.map((page) => page.slice(1, -1).at(-1) ?? '').filter((last) => /^(Heading|Subheading) \d+$/.test(last));
  expect(stranded).toEqual([]);
});

test('a heading is on the same page as the start of what follows it', () => {
  Object.keys(followers).forEach((kind, k) => {
    FILLS.forEach((_, i) => {
      const id = k * FILLS.length + i + 1;
      const page = pageOf(`Heading ${id} `);
      expect(page, `heading ${id}`).toBeGreaterThan(0);
      expect(pageOf(followerStart(kind, id)), `what follows heading ${id} (${kind})`).toBe(page);
    });
  });
});

test('a table row is never split across pages', () => {
  const rows = [...texts.join(' ').matchAll(/Row(\d+x\d)start/g)].map((m) => m[1]!);
  expect(rows.length).toBe(FILLS.length * 3);
  for (const row of rows) expect(pageOf(`Row${row}end`), `row ${row}`).toBe(pageOf(`Row${row}start`));
});

test('a figure is never split across pages', () => {
  const figures = [...texts.join(' ').matchAll(/Figure(\d+)start/g)].map((m) => m[1]!);
  expect(figures.length).toBe(FILLS.length);
  for (const figure of figures) expect(pageOf(`Figure${figure}end`), `figure ${figure}`).toBe(pageOf(`Figure${figure}start`));
});
