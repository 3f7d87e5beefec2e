/**
 * out/pages/ audited in Chromium as the single page is (tests/browser/a11y-html.test.ts): axe-core's
 * WCAG 2.2 A and AA rules on the first page and on chapter pages at 1280 and 320 px, and no
 * sideways scrolling at 320 px. For the sample (no PDF: quick), the small fixture printed (so
 * its pages carry the PDF link) and the small fixture in a council's own frame.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { axeViolations } from '../helpers/axe.ts';
import type { Page, Viewport } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { launchBrowser, locateBrowser, type LaunchedBrowser } from '../../scripts/output/pdf/browser.ts';
import { fixture, planWith, repoRoot } from '../helpers/plan-dir.ts';

const DESKTOP: Viewport = { width: 1280, height: 900 };
const PHONE: Viewport = { width: 320, height: 640 };

const SITE = `<header class="council-header"><p><a href="https://www.example.gov.uk/">Example County Council</a></p>
<nav aria-label="Council"><ul><li><a href="https://www.example.gov.uk/children">Children and families</a></li></ul></nav></header>
<!-- plan -->
<footer class="council-footer"><p><a href="https://www.example.gov.uk/accessibility">Accessibility</a></p></footer>
<script>alert(1)</script>`;

type PlanName = 'sample' | 'printed' | 'framed';
const CHAPTERS: Record<PlanName, string> = { sample: 'performance.html', printed: 'performance.html', framed: 'introduction.html' };

let dir: string;
let launched: LaunchedBrowser;
const outs = {} as Record<PlanName, string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-a11y-pages-'));
  const plans: Array<[PlanName, string, boolean]> = [
    ['sample', repoRoot, false],
    ['printed', fixture('small'), true],
    ['framed', await planWith('small', { 'templates/site.html': SITE }), false],
  ];
  for (const [name, root, pdf] of plans) {
    outs[name] = path.join(dir, name);
    const result = await build({ root, outDir: outs[name], pdf });
    if (!result.ok) throw new Error(`${name} did not build: ${JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error'))}`);
  }
  const located = locateBrowser();
  if ('problem' in located) throw new Error(located.problem.message);
  launched = await launchBrowser({ executablePath: located.executablePath });
}, 300_000);

afterAll(async () => {
  await launched?.close();
  await rm(dir, { recursive: true, force: true });
});

async function withPage<T>(plan: PlanName, file: string, viewport: Viewport, use: (page: Page) => Promise<T>): Promise<T> {
  const page = await launched.browser.newPage();
  try {
    await page.setViewport(viewport);
    await page.goto(pathToFileURL(path.join(outs[plan], 'pages', file)).href, { waitUntil: 'load' });
    return await use(page);
  } finally {
    await page.close();
  }
}

describe.each(['sample', 'printed', 'framed'] as const)('the pages of the %s plan', (plan) => {
  describe.each([
    ['the first page', 'index.html'],
    ['a chapter page', CHAPTERS[plan]],
  ])('%s', (_what, file) => {
    test.each([
      ['1280', DESKTOP],
      ['320', PHONE],
    ] as const)('has no axe violations at %s px', async (_w, viewport) => {
      expect(await withPage(plan, file, viewport, axeViolations)).toEqual([]);
    });

    test('fits a 320px screen with no sideways scrolling', async () => {
      const width = await withPage(plan, file, PHONE, (page) => page.evaluate(() => document.documentElement.scrollWidth));
      expect(width).toBeLessThanOrEqual(320);
    });
  });
});

test('the printed plan’s pages link the PDF with its page count and size, and the PDF has no such link', async () => {
  const html = await readFile(path.join(outs.printed, 'pages', 'money.html'), 'utf8');
  const link = /<a href="\.\.\/([^"]+\.pdf)"[^>]*>Download the plan <span[^>]*>\(PDF, (\d+) pages?, ([\d.]+ (?:KB|MB))\)<\/span><\/a>/.exec(html);
  expect(link).not.toBeNull();
  const pdf = await readFile(path.join(outs.printed, link![1]!));
  expect(link![2]).toBe(String(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)!.length));
  expect(pdf.toString('latin1')).not.toContain('Download the plan');
  expect(await readFile(path.join(outs.printed, 'index.html'), 'utf8')).toContain(`href="${link![1]}"`);
});

test('the council’s frame is around each page, without its script', async () => {
  const html = await readFile(path.join(outs.framed, 'pages', 'money.html'), 'utf8');
  expect(html).toContain('<header class="council-header">');
  expect(html).toContain('<footer class="council-footer">');
  expect(html).not.toContain('alert(1)');
  expect(html.indexOf('council-header')).toBeLessThan(html.indexOf('id="main"'));
  expect(html.indexOf('council-footer')).toBeGreaterThan(html.indexOf('id="main"'));
});
