/**
 * out/embed/ pasted into a mock council page with its own styles, in Chromium: the host's
 * headings, links and body keep exactly the computed styles they had without the plan, and the
 * plan is styled by plan.css, in the host's font.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { launchBrowser, locateBrowser, type LaunchedBrowser } from '../../scripts/output/pdf/browser.ts';
import { fixture, repoRoot } from '../helpers/plan-dir.ts';

/** A council's page, much as a CMS writes one: its own fonts, colours, headings and links. */
export const HOST_CSS = `
  body { margin: 0; font-family: Georgia, serif; font-size: 18px; color: rgb(40, 40, 40); background: rgb(250, 248, 240); line-height: 1.6; }
  header.site { background: rgb(0, 80, 60); color: white; padding: 12px 24px; }
  header.site a { color: white; }
  h1, h2, h3 { font-family: Georgia, serif; color: rgb(0, 80, 60); font-weight: 400; margin: 0.5em 0; }
  h1 { font-size: 40px; } h2 { font-size: 28px; } h3 { font-size: 22px; }
  a { color: rgb(160, 20, 60); text-decoration: underline dotted; }
  p { margin: 0 0 12px; }
  main { max-width: 960px; margin: 0 auto; padding: 24px; }
  table { border: 3px double rgb(0, 80, 60); }
  footer.site { border-top: 4px solid rgb(0, 80, 60); padding: 24px; }
`;

export function hostPage(fragment: string, planCss: string | undefined): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Youth justice plan – Example Council</title>
<style>${HOST_CSS}</style>${planCss === undefined ? '' : `<style>${planCss}</style>`}</head>
<body><header class="site"><p class="brand"><a href="#">Example Council</a></p><nav aria-label="Site"><a href="#">Home</a> › <a href="#">Children and families</a></nav></header>
<main id="main"><h1 id="host-title">Youth justice plan</h1><p class="host-lead">Our plan for <a href="#" class="host-link">youth justice</a> services.</p>
<h2 id="host-h2">About this page</h2>
<div class="cms-content">${fragment}</div>
<h2 id="host-after">Contact us</h2><p><a href="#" class="host-link-after">Email the team</a></p><table class="host-table"><tr><td>Host</td></tr></table></main>
<footer class="site"><p>© Example Council</p></footer></body></html>`;
}

const PROPERTIES = ['color', 'font-family', 'font-size', 'font-weight', 'line-height', 'margin-top', 'margin-bottom', 'padding-top', 'padding-left', 'border-top-width', 'border-top-style', 'background-color', 'text-decoration-line', 'text-decoration-style', 'box-sizing', 'max-width'];
const HOST = ['body', 'header.site', 'header.site a', '#host-title', '#host-h2', '#host-after', '.host-lead', '.host-link', '.host-link-after', 'main', 'footer.site', '.host-table', 'nav a'];

let dir: string;
let launched: LaunchedBrowser;
const embeds: Record<string, { html: string; css: string }> = {};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-embed-'));
  for (const [name, root] of [['sample', repoRoot], ['small', fixture('small')]] as const) {
    const out = path.join(dir, name);
    const result = await build({ root, outDir: out, pdf: false });
    if (!result.ok) throw new Error(`${name} did not build`);
    embeds[name] = { html: await readFile(path.join(out, 'embed', 'plan.html'), 'utf8'), css: await readFile(path.join(out, 'embed', 'plan.css'), 'utf8') };
  }
  const located = locateBrowser();
  if ('problem' in located) throw new Error(located.problem.message);
  launched = await launchBrowser({ executablePath: located.executablePath });
});

afterAll(async () => {
  await launched?.close();
  await rm(dir, { recursive: true, force: true });
});

async function styles(html: string, selectors: readonly string[]): Promise<Record<string, Record<string, string>>> {
  const page: Page = await launched.browser.newPage();
  try {
    await page.setViewport({ width: 1280, height: 900 });
    await page.setContent(html, { waitUntil: 'load' });
    return await page.evaluate(
      (selectors, properties) =>
        Object.fromEntries(
          selectors.map((s) => {
            const el = document.querySelector(s);
            if (!el) return [s, { missing: 'yes' }];
            const cs = getComputedStyle(el);
            return [s, Object.fromEntries(properties.map((p) => [p, cs.getPropertyValue(p)]))];
          }),
        ),
      selectors,
      PROPERTIES,
    );
  } finally {
    await page.close();
  }
}

describe.each(['sample', 'small'] as const)('the %s plan embedded in a council page', (plan) => {
  test('leaves the host page’s body, headings, links and tables as they were', async () => {
    const { html } = embeds[plan]!;
    const without = await styles(hostPage(html, undefined), HOST);
    const withPlan = await styles(hostPage(html, embeds[plan]!.css), HOST);
    expect(Object.values(without).some((s) => 'missing' in s)).toBe(false);
    expect(withPlan).toEqual(without);
  });

  test('is styled by plan.css, in the host page’s font', async () => {
    const { html, css } = embeds[plan]!;
    const s = await styles(hostPage(html, css), ['.yjplan', '.yjplan .cover', '.yjplan h2', 'body']);
    expect(s['.yjplan .cover']!['background-color']).toBe('rgb(18, 67, 109)');
    expect(s['.yjplan h2']!['font-weight']).toBe('700');
    expect(s['.yjplan h2']!.color).toBe('rgb(11, 12, 12)');
    expect(s['.yjplan']!['font-family']).toBe(s.body!['font-family']);
  });
});

/** Rules a plan's stylesheet might use to reach past the plan, into the page it is pasted into. */
const REACHING_CSS = `
  ~ * { display: none !important }
  + footer, ~ footer { background: red }
  @property --host-gap { syntax: '<color>'; inherits: true; initial-value: red; }
  @counter-style lower-roman { system: cyclic; symbols: "X"; suffix: " "; }
  @font-face { font-family: "Host Font"; src: local("DejaVu Serif"); }
  @layer host-late, host-early;
  .cover::after { content: "This service has moved"; position: fixed; inset: 0; z-index: 2147483647; background: rgb(200, 0, 0) }
  :root { contain: none !important }
  html { display: contents }
  @layer x { html { all: revert !important } }
  .cover { counter-increment: figure 1000; anchor-name: --menu }
  html::after { content: open-quote open-quote }
`;

/** The council's page, with what such rules would hit: what follows the plan, a typed custom property, a counter style, a font and layers of its own. */
function reachedHost(fragment: string, planCss: string): string {
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Host</title><style>${planCss}</style>
<style>@layer host-early, host-late; @layer host-early { .layered { color: rgb(0, 0, 200) } } @layer host-late { .layered { color: rgb(0, 120, 0) } }
.host-box { --host-gap: 12px; padding-top: var(--host-gap) } ol.roman { list-style-type: lower-roman } header.site { height: 80px; background: rgb(0, 80, 60) }
body { counter-reset: figure } h2.numbered { counter-increment: figure } h2.numbered::before { content: "Figure " counter(figure) ": " }
q.host-quote { quotes: "A" "B" "WWWWWW" "D" "WWWWWW" "F" }
#menu-button { anchor-name: --menu } #menu { position: fixed; position-anchor: --menu; top: anchor(bottom); left: anchor(left); margin: 0 }</style></head>
<body><header class="site"><a href="#" class="home">Home</a></header><main>${fragment}
<aside class="after">Related pages</aside><p class="host-box layered">Contact</p><ol class="roman"><li>first</li></ol>
<h2 class="numbered">Contact us</h2><p><q class="host-quote">Quoted</q></p></main><footer class="site">© Example Council</footer>
<button id="menu-button" style="position: absolute; top: 10px; left: 30px">Menu</button><ul id="menu"><li>Home</li></ul></body></html>`;
}

test('a plan stylesheet reaching for the host page reaches nothing outside the plan, and no name clobbers the host’s scripts', async () => {
  const root = await planWithStyles();
  const out = path.join(dir, 'reaching');
  const result = await build({ root, outDir: out, pdf: false });
  expect(result.ok, JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error'))).toBe(true);
  const html = await readFile(path.join(out, 'embed', 'plan.html'), 'utf8');
  const css = await readFile(path.join(out, 'embed', 'plan.css'), 'utf8');
  const page: Page = await launched.browser.newPage();
  try {
    await page.setViewport({ width: 1280, height: 900 });
    await page.setContent(reachedHost(html, css), { waitUntil: 'load' });
    const seen = await page.evaluate(() => {
      const cs = (s: string) => getComputedStyle(document.querySelector(s)!);
      const atTop = document.elementFromPoint(20, 20);
      const marker = getComputedStyle(document.querySelector('ol.roman li')!, '::marker').content;
      return {
        aside: cs('aside.after').display,
        footer: [cs('footer.site').display, cs('footer.site').backgroundColor],
        gap: cs('.host-box').paddingTop,
        layered: cs('.layered').color,
        marker,
        hostFont: document.fonts.check('16px "Host Font"') && [...document.fonts].some((f) => f.family.replace(/"/g, '') === 'Host Font'),
        topLeft: atTop?.closest('header.site') ? 'host header' : atTop?.closest('.yjplan') ? 'plan' : String(atTop?.tagName),
        getElementById: typeof document.getElementById,
        menuLeft: Math.round(document.querySelector('#menu')!.getBoundingClientRect().left),
      };
    });
    // The host's counter and quotation marks as drawn: where the text after each starts, with the
    // plan's stylesheet and without it ("Figure 1001: " and a third-level quote are wider).
    const textStarts = () =>
      page.evaluate(() =>
        ['h2.numbered', 'q.host-quote'].map((s) => {
          const range = document.createRange();
          range.selectNodeContents(document.querySelector(s)!.firstChild!);
          return Math.round(range.getBoundingClientRect().left);
        }),
      );
    const withPlan = await textStarts();
    await page.setContent(reachedHost(html, ''), { waitUntil: 'load' });
    expect(withPlan).toEqual(await textStarts());
    expect(seen).toEqual({
      aside: 'block',
      footer: ['block', 'rgba(0, 0, 0, 0)'],
      gap: '12px',
      layered: 'rgb(0, 120, 0)',
      marker: seen.marker,
      hostFont: false,
      topLeft: 'host header',
      getElementById: 'function',
      // The host's own anchored menu, under its own button, not the plan's box.
      menuLeft: 30,
    });
    // The host's own counter style, not the plan's "X".
    expect(seen.marker).not.toContain('X');
  } finally {
    await page.close();
  }
}, 120_000);

async function planWithStyles(): Promise<string> {
  const { planWith } = await import('../helpers/plan-dir.ts');
  const intro = `${await readFile(path.join(fixture('small'), 'content/introduction.md'), 'utf8')}\n\n<img src="../images/logo.svg" alt="Logo" name="getElementById">\n`;
  return planWith('small', { 'templates/styles/reach.css': REACHING_CSS, 'content/introduction.md': intro });
}
