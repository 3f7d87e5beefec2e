/**
 * The published page, audited in a real Chromium: axe-core's WCAG 2.2 A and AA rules at a
 * desktop and a phone width and with every data table shown; reflow at 320px and at 200% text;
 * and the structure keyboard and screen-reader users rely on (headings, landmarks, skip link,
 * table headers, named charts, abbreviations, link text, visible focus, underlined links).
 * For the sample, the small fixture plan, and that plan with a full accessibility statement.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { axeViolations } from '../helpers/axe.ts';
import type { Page, SerializedAXNode, Viewport } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { launchBrowser, locateBrowser, type LaunchedBrowser } from '../../scripts/output/pdf/browser.ts';
import { fixture, repoRoot } from '../helpers/plan-dir.ts';
import { smallWithStatement } from '../helpers/statement.ts';
import { glossaryForms } from './a11y-plans.ts';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: the standard a public sector body must meet. */
const DESKTOP: Viewport = { width: 1280, height: 900 };
const PHONE: Viewport = { width: 320, height: 640 };

type PlanName = 'sample' | 'small' | 'statement';
interface Built {
  root: string;
  url: string;
}

let dir: string;
let launched: LaunchedBrowser;
const plans = {} as Record<PlanName, Built>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-a11y-html-'));
  const roots: Record<PlanName, string> = { sample: repoRoot, small: fixture('small'), statement: await smallWithStatement() };
  for (const [name, root] of Object.entries(roots) as Array<[PlanName, string]>) {
    const outDir = path.join(dir, name);
    const result = await build({ root, outDir, pdf: false });
    if (!result.ok) throw new Error(`${name} did not build: ${JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error'))}`);
    plans[name] = { root, url: pathToFileURL(path.join(outDir, 'index.html')).href };
  }
  const located = locateBrowser();
  if ('problem' in located) throw new Error(located.problem.message);
  launched = await launchBrowser({ executablePath: located.executablePath });
});

afterAll(async () => {
  await launched?.close();
  await rm(dir, { recursive: true, force: true });
  await rm(plans.statement?.root ?? '', { recursive: true, force: true });
});

async function withPage<T>(plan: PlanName, viewport: Viewport, use: (page: Page) => Promise<T>): Promise<T> {
  const page = await launched.browser.newPage();
  try {
    await page.setViewport(viewport);
    await page.goto(plans[plan].url, { waitUntil: 'load' });
    return await use(page);
  } finally {
    await page.close();
  }
}

/** Large text, as a reader who sets their browser's text size to 200% has it. */
const doubleTextSize = (page: Page) => page.addStyleTag({ content: 'html { font-size: 200% !important; }' });

/** How the page fits its window: its own width, and each wide table's scrolling region. */
function measureReflow(page: Page) {
  return page.evaluate(() => {
    const wraps = [...document.querySelectorAll<HTMLElement>('.table-wrap')].filter((w) => w.getClientRects().length > 0);
    return {
      width: window.innerWidth,
      scrollWidth: document.documentElement.scrollWidth,
      wraps: wraps.map((wrap) => {
        // Where the caption's words are drawn, against the region's visible box, before and after
        // the table is scrolled to its far end.
        const box = wrap.getBoundingClientRect();
        const caption = wrap.querySelector('caption');
        const words = document.createRange();
        if (caption) words.selectNodeContents(caption);
        const place = () => {
          const r = words.getBoundingClientRect();
          return caption ? { left: Math.round(r.left - box.left), right: Math.round(r.right - box.left) } : undefined;
        };
        const before = wrap.scrollLeft;
        const captionAtStart = place();
        wrap.scrollLeft = wrap.scrollWidth;
        const captionAtEnd = place();
        wrap.scrollLeft = before;
        wrap.scrollLeft = 40;
        const scrolls = wrap.scrollLeft > before;
        wrap.scrollLeft = before;
        return {
          visibleWidth: wrap.clientWidth,
          captionAtStart,
          captionAtEnd,
          name: wrap.getAttribute('aria-labelledby'),
          right: wrap.getBoundingClientRect().right,
          overflowX: getComputedStyle(wrap).overflowX,
          wide: wrap.scrollWidth > wrap.clientWidth,
          scrolls,
        };
      }),
    };
  });
}

describe.each(['sample', 'small', 'statement'] as const)('the %s plan', (plan) => {
  describe('audited by axe-core against WCAG 2.2 A and AA', () => {
    test('has no violations on a desktop screen', async () => {
      expect(await withPage(plan, DESKTOP, axeViolations)).toEqual([]);
    });

    test('has no violations on a phone 320px wide', async () => {
      expect(await withPage(plan, PHONE, axeViolations)).toEqual([]);
    });

    test('has no violations with every chart’s data table shown', async () => {
      const violations = await withPage(plan, DESKTOP, async (page) => {
        await page.$$eval('details', (all) => all.forEach((d) => (d.open = true)));
        return axeViolations(page);
      });
      expect(violations).toEqual([]);
    });
  });

  describe('reflow and text size', () => {
    test('fits a 320px screen with no sideways scrolling; wide tables scroll inside their own region', async () => {
      const reflow = await withPage(plan, PHONE, measureReflow);
      expect(reflow.scrollWidth).toBeLessThanOrEqual(320);
      for (const wrap of reflow.wraps) {
        expect(wrap.right, `${wrap.name} stays inside the screen`).toBeLessThanOrEqual(320);
        expect(wrap.overflowX, `${wrap.name} scrolls`).toBe('auto');
        expect(wrap.scrolls, `${wrap.name} scrolls when its table is wider than the screen`).toBe(wrap.wide);
      }
      if (plan === 'sample') expect(reflow.wraps.filter((w) => w.wide).length, 'the sample has tables wider than a phone').toBeGreaterThan(0);
    });

    test('keeps every table’s caption whole and in view at 320px, even while a wide table is scrolled', async () => {
      const reflow = await withPage(plan, PHONE, async (page) => {
        await page.$$eval('details', (all) => all.forEach((d) => (d.open = true)));
        return measureReflow(page);
      });
      const cut = reflow.wraps.flatMap((wrap) =>
        [wrap.captionAtStart, wrap.captionAtEnd].flatMap((at, i) =>
          at && (at.left < -1 || at.right > wrap.visibleWidth + 1) ? [`${wrap.name} ${i === 0 ? 'before' : 'after'} scrolling: caption from ${at.left} to ${at.right}px in a region ${wrap.visibleWidth}px wide`] : [],
        ),
      );
      expect(reflow.wraps.filter((w) => w.captionAtStart).length).toBe(reflow.wraps.length);
      expect(cut).toEqual([]);
    });

    test('keeps text whole at 200% text size: no sideways scrolling at 640px, nothing clipped or overlapping', async () => {
      const result = await withPage(plan, { width: 640, height: 900 }, async (page) => {
        const size = () => page.$eval('main p', (p) => parseFloat(getComputedStyle(p).fontSize));
        const before = await size();
        await doubleTextSize(page);
        const after = await size();
        const reflow = await measureReflow(page);
        const problems = await page.evaluate(() => {
          const found: string[] = [];
          const describe = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ').join('.')}` : ''}`;
          // Clipped: a box that hides what overflows it, and has something to hide.
          for (const e of document.querySelectorAll<HTMLElement>('body *')) {
            if (e.closest('svg, .visually-hidden, .table-wrap') || e.getClientRects().length === 0) continue;
            const style = getComputedStyle(e);
            const hidesX = style.overflowX === 'hidden' || style.overflowX === 'clip';
            const hidesY = style.overflowY === 'hidden' || style.overflowY === 'clip';
            if ((hidesX && e.scrollWidth > e.clientWidth + 1) || (hidesY && e.scrollHeight > e.clientHeight + 1)) found.push(`${describe(e)} clips its text`);
          }
          // Overlapping: a block in the flow of text that starts above the end of the one before it.
          for (const parent of document.querySelectorAll('main, section, .table-block, figure, .to-be-supplied, .accessibility-statement, ul, ol')) {
            const blocks = [...parent.children].filter((c) => {
              const style = getComputedStyle(c);
              return c.getClientRects().length > 0 && style.position === 'static' && style.float === 'none' && style.display !== 'inline';
            });
            for (let i = 1; i < blocks.length; i++) {
              const above = blocks[i - 1]!.getBoundingClientRect();
              const below = blocks[i]!.getBoundingClientRect();
              if (below.top < above.bottom - 1) found.push(`${describe(blocks[i]!)} overlaps ${describe(blocks[i - 1]!)}`);
            }
          }
          return found;
        });
        return { before, after, reflow, problems };
      });
      expect(result.after).toBeCloseTo(result.before * 2, 0);
      expect(result.reflow.scrollWidth).toBeLessThanOrEqual(640);
      for (const wrap of result.reflow.wraps) {
        expect(wrap.right, `${wrap.name} stays inside the screen`).toBeLessThanOrEqual(640);
        expect(wrap.scrolls, `${wrap.name} scrolls when its table is wider than the screen`).toBe(wrap.wide);
      }
      expect(result.problems).toEqual([]);
    });
  });

  describe('structure', () => {
    test('has one h1, never skips a heading level, and says what language it is in', async () => {
      const { levels, lang } = await withPage(plan, DESKTOP, (page) =>
        page.evaluate(() => ({
          levels: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])),
          lang: document.documentElement.lang,
        })),
      );
      expect(lang).toBe('en-GB');
      expect(levels.filter((l) => l === 1)).toHaveLength(1);
      expect(levels[0]).toBe(1);
      const skips = levels.flatMap((level, i) => (i > 0 && level > levels[i - 1]! + 1 ? [`h${levels[i - 1]} then h${level} (heading ${i + 1})`] : []));
      expect(skips).toEqual([]);
    });

    test('has a banner, a main area, a footer and the contents as navigation', async () => {
      const landmarks = await withPage(plan, DESKTOP, async (page) => {
        const found: Array<{ role: string; name: string }> = [];
        const walk = (node: SerializedAXNode | null) => {
          if (!node) return;
          if (['banner', 'main', 'contentinfo', 'navigation', 'complementary', 'region', 'form', 'search'].includes(node.role)) found.push({ role: node.role, name: node.name ?? '' });
          node.children?.forEach(walk);
        };
        walk(await page.accessibility.snapshot());
        return found;
      });
      const of = (role: string) => landmarks.filter((l) => l.role === role);
      expect(of('banner')).toHaveLength(1);
      expect(of('main')).toHaveLength(1);
      expect(of('contentinfo')).toHaveLength(1);
      expect(of('navigation').map((n) => n.name)).toEqual([expect.stringMatching(/^(\d+ )?Contents$/)]);
    });

    test('has a skip link, the first thing the keyboard reaches, that moves focus to the main content', async () => {
      const { first, visible, landed } = await withPage(plan, DESKTOP, async (page) => {
        await page.keyboard.press('Tab');
        const { first, visible } = await page.evaluate(() => {
          const active = document.activeElement as HTMLElement;
          const box = active.getBoundingClientRect();
          return { first: `${active.className}: ${active.textContent}`, visible: box.bottom > 0 && box.top < window.innerHeight && box.width > 0 };
        });
        await page.keyboard.press('Enter');
        const landed = await page.evaluate(() => document.activeElement?.closest('main')?.id ?? document.activeElement?.tagName);
        return { first, visible, landed };
      });
      expect(first).toBe('skip-link: Skip to main content');
      expect(visible).toBe(true);
      expect(landed).toBe('main');
    });

    test('gives every table a caption, every header cell a scope, and every scrolling region a name', async () => {
      const problems = await withPage(plan, DESKTOP, (page) =>
        page.evaluate(() => {
          const found: string[] = [];
          document.querySelectorAll('table').forEach((table, i) => {
            const caption = table.querySelector(':scope > caption')?.textContent?.trim();
            const name = caption ?? `table ${i + 1}`;
            if (!caption) found.push(`${name} has no caption`);
            if (!table.querySelector('th')) found.push(`${name} has no header cells`);
            table.querySelectorAll('th').forEach((th) => {
              if (!['col', 'row', 'colgroup', 'rowgroup'].includes(th.getAttribute('scope') ?? '')) found.push(`${name}: “${th.textContent}” has no scope`);
            });
            const wrap = table.closest('.table-wrap');
            const label = wrap && document.getElementById(wrap.getAttribute('aria-labelledby') ?? '');
            if (!wrap || wrap.getAttribute('role') !== 'region' || wrap.getAttribute('tabindex') !== '0' || !label?.textContent?.trim()) {
              found.push(`${name} is not in a named, focusable region`);
            }
          });
          return found;
        }),
      );
      expect(problems).toEqual([]);
    });

    test('gives every cell under grouped column headings the ids of all its headings (headers), in the same table', async () => {
      const tables = await withPage(plan, DESKTOP, (page) =>
        page.$$eval('table', (all) =>
          all
            .filter((t) => t.querySelector('th[scope="colgroup"]'))
            .map((table) => {
              const problems: string[] = [];
              const caption = table.querySelector('caption')?.textContent?.trim() ?? '';
              const th = new Map([...table.querySelectorAll('th[id]')].map((h) => [h.id, h]));
              const grid = new Map<string, number>();
              // Which header cells stand over which column, worked out from the spans.
              const rows = [...table.querySelectorAll('thead tr')];
              const taken: boolean[][] = rows.map(() => []);
              const over: string[][] = [];
              rows.forEach((tr, r) => {
                let col = 0;
                for (const cell of [...tr.children] as HTMLTableCellElement[]) {
                  while (taken[r]![col]) col++;
                  for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) {
                    taken[r + dr]![col + dc] = true;
                    (over[col + dc] ??= []).push(cell.id);
                  }
                  col += cell.colSpan;
                }
              });
              table.querySelectorAll('tbody tr').forEach((tr, r) => {
                const rowHeads = [...tr.querySelectorAll('th[scope="row"]')].map((h) => h.id);
                [...tr.children].forEach((cell, c) => {
                  const ids = (cell.getAttribute('headers') ?? '').split(/\s+/).filter(Boolean);
                  for (const id of ids) if (!th.has(id)) problems.push(`row ${r + 1}, column ${c + 1}: headers names ${id}, not a heading of this table`);
                  const want = [...(cell.tagName === 'TD' ? rowHeads : []), ...(over[c] ?? [])];
                  const missing = want.filter((id) => !id || !ids.includes(id));
                  if (missing.length) problems.push(`row ${r + 1}, column ${c + 1}: “${cell.textContent?.trim()}” lacks ${missing.length} of its headings`);
                  grid.set(`${r}:${c}`, ids.length);
                });
              });
              return { caption, cells: grid.size, problems };
            }),
        ),
      );
      if (plan === 'sample') expect(tables.length, 'the sample has tables with grouped column headings').toBeGreaterThanOrEqual(2);
      for (const table of tables) {
        expect(table.cells, table.caption).toBeGreaterThan(0);
        expect(table.problems, table.caption).toEqual([]);
      }
    });

    test('names and describes every chart as an image, and gives its figures in a table', async () => {
      const charts = await withPage(plan, DESKTOP, async (page) => {
        const out: Array<{ id: string; role: string; name: string; description: string; group: string; table: boolean }> = [];
        for (const figure of await page.$$('figure.chart')) {
          const svg = (await figure.$('svg'))!;
          const image = await page.accessibility.snapshot({ root: svg, interestingOnly: false });
          const group = await page.accessibility.snapshot({ root: figure, interestingOnly: false });
          const facts = await figure.evaluate((f) => ({
            id: f.id,
            table: !!f.querySelector('details table caption') && f.querySelectorAll('details th[scope]').length > 0,
          }));
          out.push({ ...facts, role: image?.role ?? '', name: image?.name ?? '', description: image?.description ?? '', group: group?.name ?? '' });
        }
        return out;
      });
      if (plan === 'sample') expect(charts).toHaveLength(7);
      charts.forEach((chart, i) => {
        expect(chart.role, chart.id).toBe('image');
        expect(chart.name, chart.id).toMatch(new RegExp(`^Figure ${i + 1}: \\S`));
        expect(chart.description.length, `${chart.id} has a description`).toBeGreaterThan(20);
        expect(chart.group, `${chart.id} is named by its caption`).toBe(chart.name);
        expect(chart.table, `${chart.id} has its figures in a table with headers`).toBe(true);
      });
    });

    test('marks up the glossary’s abbreviations, where the text uses them, with what they stand for', async () => {
      const forms = await glossaryForms(plans[plan].root);
      const { used, marked } = await withPage(plan, DESKTOP, (page) =>
        page.evaluate((forms) => {
          const text = [...document.querySelectorAll('main p, main li, main td')].map((e) => e.textContent ?? '').join('\n');
          const used = forms.filter(({ form }) => new RegExp(`(?<![\\p{L}\\p{N}])${form.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'u').test(text)).map((f) => f.form);
          const marked = [...document.querySelectorAll('abbr')].map((a) => ({ form: a.textContent ?? '', title: a.title }));
          return { used, marked };
        }, forms),
      );
      expect(used.length, 'the text uses some glossary terms').toBeGreaterThan(0);
      const titles = new Map(forms.map((f) => [f.form, f.title]));
      for (const form of used) expect(marked, `${form} is marked up`).toContainEqual({ form, title: titles.get(form) });
      for (const abbr of marked) expect(abbr.title, `<abbr>${abbr.form}</abbr>`).toBe(titles.get(abbr.form));
    });

    test('gives every link text that makes sense out of context', async () => {
      const links = await withPage(plan, DESKTOP, (page) =>
        page.$$eval('a[href]', (all) => all.map((a) => ({ href: a.getAttribute('href') ?? '', text: (a.getAttribute('aria-label') ?? a.textContent ?? '').replace(/\s+/g, ' ').trim() }))),
      );
      expect(links.length).toBeGreaterThan(3);
      const vague = /^(click here|click|here|more|read more|more information|link|this|this link|this page|go|page)$/i;
      const poor = links.filter((l) => l.text.length < 2 || vague.test(l.text));
      expect(poor).toEqual([]);
    });

    test('shows where the keyboard focus is, on every element the keyboard reaches', async () => {
      const { expected, reached, unseen } = await withPage(plan, DESKTOP, async (page) => {
        // What each focusable element looks like before it has focus.
        const expected = await page.evaluate(() => {
          const focusable = [...document.querySelectorAll<HTMLElement>('a[href], summary, button, input, select, textarea, [tabindex]')].filter(
            (e) => e.tabIndex >= 0 && e.getClientRects().length > 0 && !e.closest('details:not([open]) > :not(summary)'),
          );
          focusable.forEach((e, i) => {
            const style = getComputedStyle(e);
            e.dataset.focusIndex = String(i);
            e.dataset.unfocused = JSON.stringify([style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow, style.backgroundColor]);
          });
          return focusable.length;
        });
        const reached = new Set<number>();
        const unseen: string[] = [];
        for (let press = 0; press < expected + 5; press++) {
          await page.keyboard.press('Tab');
          const step = await page.evaluate(() => {
            const e = document.activeElement as HTMLElement | null;
            if (!e || e === document.body || e.dataset.focusIndex === undefined) return undefined;
            const style = getComputedStyle(e);
            const focused = [style.outlineStyle, style.outlineWidth, style.outlineColor, style.boxShadow, style.backgroundColor];
            const before = JSON.parse(e.dataset.unfocused!) as string[];
            const outline = focused[0] !== 'none' && parseFloat(focused[1]!) >= 2;
            const changed = focused.some((value, i) => value !== before[i]);
            return { index: Number(e.dataset.focusIndex), seen: outline || changed, what: `${e.tagName.toLowerCase()} “${(e.textContent ?? '').trim().slice(0, 40)}”` };
          });
          if (!step || reached.has(step.index)) break;
          reached.add(step.index);
          if (!step.seen) unseen.push(step.what);
        }
        return { expected, reached: reached.size, unseen };
      });
      expect(reached).toBe(expected);
      expect(unseen).toEqual([]);
    });

    test('shows where the keyboard focus is in forced-colours mode too (Windows contrast themes), where backgrounds and shadows are dropped', async () => {
      const { forced, reached, unseen } = await withPage(plan, DESKTOP, async (page) => {
        // Chromium's own emulation: it matches the media query and forces the colours as Windows does.
        const cdp = await page.createCDPSession();
        await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: 'active' }] });
        const forced = await page.evaluate(() => matchMedia('(forced-colors: active)').matches);
        const total = await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('a[href], summary, [tabindex="0"]')].filter((e) => e.getClientRects().length > 0).length);
        const unseen: string[] = [];
        let reached = 0;
        for (let press = 0; press < total + 5; press++) {
          await page.keyboard.press('Tab');
          const step = await page.evaluate(() => {
            const e = document.activeElement as HTMLElement | null;
            if (!e || e === document.body) return undefined;
            const style = getComputedStyle(e);
            const alpha = style.outlineColor.startsWith('rgba') ? parseFloat(style.outlineColor.split(',')[3] ?? '1') : 1;
            const drawn = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && alpha > 0;
            const mark = e.dataset.forcedSeen === '1';
            e.dataset.forcedSeen = '1';
            return { again: mark, drawn, what: `${e.tagName.toLowerCase()} “${(e.textContent ?? '').trim().slice(0, 40)}”` };
          });
          if (!step || step.again) break;
          reached++;
          if (!step.drawn) unseen.push(step.what);
        }
        return { forced, reached, unseen };
      });
      expect(forced).toBe(true);
      expect(reached).toBeGreaterThan(3);
      expect(unseen).toEqual([]);
    });

    test('never uses colour alone: links in text and the data toggles are underlined', async () => {
      const plain = await withPage(plan, DESKTOP, (page) =>
        page.$$eval('main a[href], footer a[href], summary', (all) =>
          all.filter((e) => e.getClientRects().length > 0 && !getComputedStyle(e).textDecorationLine.includes('underline')).map((e) => e.textContent?.trim()),
        ),
      );
      expect(plain).toEqual([]);
    });
  });
});

test('a draft’s “Built” line, filled in only in the PDF, is not shown on the web page, where it would be empty', async () => {
  const shown = await withPage('sample', DESKTOP, (page) =>
    page.$eval('.cover-built', (el) => ({ hidden: el.hasAttribute('hidden'), display: getComputedStyle(el).display, date: el.textContent })),
  );
  expect(shown).toEqual({ hidden: true, display: 'none', date: 'Built' });
});
