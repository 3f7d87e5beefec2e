/**
 * out/pages/: a page per top-level section, for the sample and the small fixture. Every link
 * and cross-reference resolves to a page that exists and an id on it; a `:ref` to a table in
 * another chapter goes to that chapter's page; each page has its metadata.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { fixture, planWith, repoRoot } from '../helpers/plan-dir.ts';

const text = (node: Parameters<typeof toString>[0]) => toString(node).replace(/\s+/g, ' ').trim();

const built = new Map<string, Promise<Map<string, Root>>>();
/** Each plan is built once for the whole file. */
function buildPages(root: string): Promise<Map<string, Root>> {
  if (!built.has(root)) built.set(root, buildOnce(root));
  return built.get(root)!;
}

async function buildOnce(root: string): Promise<Map<string, Root>> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'yjplan-pages-'));
  const result = await build({ root, outDir: out, pdf: false });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics.filter((d) => d.severity === 'error')));
  const dir = path.join(out, 'pages');
  const pages = new Map<string, Root>();
  for (const name of (await readdir(dir)).sort()) pages.set(name, fromHtml(await readFile(path.join(dir, name), 'utf8')));
  return pages;
}

/** Every link on every page that is not to the web: the page it names must exist, and the id on it. */
function brokenLinks(pages: Map<string, Root>): string[] {
  const broken: string[] = [];
  for (const [name, tree] of pages) {
    for (const a of selectAll('a[href]', tree)) {
      const href = String(a.properties.href);
      if (/^[a-z]+:/i.test(href)) continue;
      const [file, id] = href.split('#') as [string, string | undefined];
      const target = file === '' ? name : file;
      const page = pages.get(target);
      if (!page) {
        broken.push(`${name}: ${href} (no page ${target})`);
        continue;
      }
      if (id !== undefined && !select(`[id="${decodeURIComponent(id)}"]`, page)) broken.push(`${name}: ${href} (no id ${id} on ${target})`);
    }
    for (const el of selectAll('[aria-labelledby], [aria-describedby]', tree)) {
      const ids = [el.properties.ariaLabelledBy, el.properties.ariaDescribedBy].flat().filter((v) => v !== undefined).map(String);
      for (const id of ids) if (!select(`[id="${id}"]`, tree)) broken.push(`${name}: aria reference to ${id}`);
    }
  }
  return broken;
}

describe.each([
  ['the sample', repoRoot],
  ['the small fixture', fixture('small')],
])('the pages of %s', (_name, root) => {
  let pages: Map<string, Root>;
  beforeAll(async () => {
    pages = await buildPages(root);
  }, 120_000);

  it('has a first page and one page per top-level section but the contents', () => {
    const names = [...pages.keys()];
    expect(names).toContain('index.html');
    for (const [name, tree] of pages) {
      if (name === 'index.html') continue;
      expect(select('main h1', tree)?.properties.id).toBe(name.replace(/\.html$/, ''));
    }
    // Each top-level section listed on the first page has its page.
    const listed = selectAll('.guide-contents a', pages.get('index.html')!).map((a) => String(a.properties.href));
    expect(listed.sort()).toEqual(names.filter((n) => n !== 'index.html').sort());
  });

  it('has every link and cross-reference resolving to a page and an id on it', () => {
    expect(brokenLinks(pages)).toEqual([]);
  });

  it('has one h1 a page, no skipped heading level, ids unique on each page', () => {
    for (const [name, tree] of pages) {
      const levels = selectAll('h1, h2, h3, h4, h5, h6', tree).map((h) => Number(h.tagName[1]));
      expect(levels.filter((l) => l === 1), name).toHaveLength(1);
      levels.forEach((l, i) => i > 0 && expect(l - levels[i - 1]!, `${name}: h${levels[i - 1]} then h${l}`).toBeLessThanOrEqual(1));
      const ids = selectAll('[id]', tree).map((e) => String(e.properties.id));
      expect(new Set(ids).size, name).toBe(ids.length);
    }
  });

  it('gives each page a title, a description and its language, loads nothing and runs nothing', () => {
    for (const [name, tree] of pages) {
      expect(text(select('title', tree)!), name).not.toBe('');
      expect(String(select('meta[name=description]', tree)?.properties.content ?? '').length, name).toBeGreaterThan(20);
      expect(select('html', tree)?.properties.lang).toMatch(/^en/);
      expect(selectAll('script, link[rel=stylesheet], img[src^=http], iframe', tree), name).toEqual([]);
    }
  });

  it('links each page to the one before and after it', () => {
    const names = [...pages.keys()];
    for (const [name, tree] of pages) {
      const next = select('a[rel=next]', tree);
      const previous = select('a[rel=prev]', tree);
      if (name !== 'index.html') expect(previous, name).toBeTruthy();
      if (next) expect(names).toContain(String(next.properties.href));
    }
  });
});

describe('cross-references across pages', () => {
  it('point from one chapter to the page and id of a table in another', async () => {
    const pages = await buildPages(fixture('small'));
    const xref = select('a.xref', pages.get('introduction.html')!);
    expect(xref?.properties.href).toBe('performance.html#tbl-education');
    expect(text(xref!)).toBe('Table 1');
  });

  it('in the sample, a :ref to a figure on its own page stays on the page', async () => {
    const pages = await buildPages(repoRoot);
    const refs = [...pages].flatMap(([name, tree]) => selectAll('a.xref', tree).map((a) => `${name} ${String(a.properties.href)}`));
    expect(refs.length).toBeGreaterThan(5);
    expect(refs).toContain('resources.html #fig-budget');
  }, 120_000);
});

describe('page metadata', () => {
  it('gives a canonical URL under the base URL and the last updated date when plan.yaml gives them', async () => {
    const plan = (await readFile(path.join(fixture('small'), 'plan.yaml'), 'utf8')) + 'publish:\n  base-url: https://www.example.gov.uk/youth-justice-plan\n  updated: 2024-09-02\n';
    const pages = await buildPages(await planWith('small', { 'plan.yaml': plan }));
    const money = pages.get('money.html')!;
    expect(select('link[rel=canonical]', money)?.properties.href).toBe('https://www.example.gov.uk/youth-justice-plan/pages/money.html');
    expect(select('link[rel=canonical]', pages.get('index.html')!)?.properties.href).toBe('https://www.example.gov.uk/youth-justice-plan/pages/');
    expect(select('meta[name="dcterms.modified"]', money)?.properties.content).toBe('2024-09-02');
    expect(text(select('.guide-updated', money)!)).toBe('Last updated 2 September 2024');
    expect(text(select('title', money)!)).toBe('3 Money – Example Youth Justice Plan 2024/25');
  });
});
