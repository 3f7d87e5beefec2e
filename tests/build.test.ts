import { mkdtemp, readFile, readdir, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll, select } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { describe, expect, it, beforeAll } from 'vitest';
import { parse } from 'yaml';
import { build, type BuildResult } from '../scripts/build/index.ts';
import { main } from '../scripts/cli/index.ts';
import { planWith, repoRoot, fixture } from './helpers/plan-dir.ts';

const tmpOut = () => mkdtemp(path.join(os.tmpdir(), 'yjplan-out-'));
const text = (node: Parameters<typeof toString>[0]) => toString(node).replace(/\s+/g, ' ').trim();

describe('building the sample plan', () => {
  let result: BuildResult;
  let doc: ReturnType<typeof fromHtml>;
  beforeAll(async () => {
    const out = await tmpOut();
    result = await build({ root: repoRoot, outDir: out, pdf: false });
    doc = fromHtml(await readFile(path.join(out, 'index.html'), 'utf8'));
  }, 60_000);

  it('succeeds, writing index.html', () => {
    expect(result.ok).toBe(true);
    expect(result.files).toContain('index.html');
    expect(result.files.filter((f) => f.endsWith('.pdf'))).toEqual([]);
  });

  it('has one h1 and the 17 numbered sections of the source, in its order, with subsections 6a–6c, 7a–7b and 10a–10b, then the notes on the figures and the accessibility statement', () => {
    expect(selectAll('h1', doc)).toHaveLength(1);
    const top = selectAll('section.level-1 > h2 .section-number', doc).map(text);
    expect(top).toEqual(Array.from({ length: 19 }, (_, i) => String(i + 1)));
    const sub = selectAll('section.level-2 > h3 .section-number', doc).map(text);
    expect(sub).toEqual(['6a', '6b', '6c', '7a', '7b', '10a', '10b']);
    const titles = selectAll('section.level-1 > h2', doc).map(text);
    expect(titles[0]).toMatch(/^1 Foreword/);
    expect(titles[16]).toMatch(/^17 Glossary/);
    expect(titles[17]).toBe('18 Notes on the figures');
    expect(titles[18]).toBe('19 Accessibility statement');
  });

  it('says on its cover, in the words of plan.yaml, that the sample is a reconstruction', async () => {
    const plan = parse(await readFile(path.join(repoRoot, 'plan.yaml'), 'utf8')) as { colophon: string };
    const colophon = select('header.cover p.cover-colophon', doc);
    expect(text(colophon!)).toBe(plan.colophon);
    expect(plan.colophon).toMatch(/reconstruction .* paraphrased.* redrawn/s);
  });

  it('computes the budget totals from the cells', () => {
    const foot = selectAll('tfoot td', doc).map(text);
    expect(foot).toEqual(['£734,706', '£215,000', '£636,139', '£1,585,845']);
  });

  it('warns that the stated total of other delegated funds disagrees, and says so under the table', () => {
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'budget:stated-total', file: 'data/budget.yaml' }));
    expect(selectAll('.table-note', doc).map(text).join(' ')).toContain('£635,509');
  });

  it('lists every glossary term, sorted', async () => {
    const terms = selectAll('table', doc)
      .filter((t) => text(select('caption', t)!).includes('Glossary'))
      .flatMap((t) => selectAll('tbody th', t).map(text));
    const data = (parse(await readFile(path.join(repoRoot, 'data/glossary.yaml'), 'utf8')) as { terms: unknown[] }).terms.length;
    expect(terms).toHaveLength(data);
    expect(terms).toHaveLength(52);
    expect([...terms].sort((a, b) => a.localeCompare(b, 'en-GB', { sensitivity: 'base' }))).toEqual(terms);
  });

  it('lists all 30 priority actions with their owners, grouped under 12 areas', () => {
    const groups = selectAll('tbody.priority-group', doc);
    expect(groups).toHaveLength(12);
    expect(groups.flatMap((g) => selectAll('tr', g))).toHaveLength(30);
  });

  it('links the contents to every section', () => {
    const links = selectAll('nav.toc a', doc).map((a) => String(a.properties.href));
    const ids = selectAll('section.plan-section > :first-child', doc).map((h) => `#${String(h.properties.id)}`);
    expect(links).toEqual(ids);
    expect(links).toHaveLength(26);
  });

  it('publishes no script and loads nothing from elsewhere', async () => {
    expect(selectAll('script', doc)).toEqual([]);
    const urls = selectAll('[src], [href]:not(a)', doc).map((e) => String(e.properties.src ?? e.properties.href));
    expect(urls.filter((u) => !u.startsWith('#') && !u.startsWith('data:'))).toEqual([]);
    // Links may lead elsewhere (the accessibility statement's do), which loads nothing until followed.
    const links = selectAll('a[href]', doc).map((e) => String(e.properties.href));
    expect(links.filter((u) => !/^(#|https:\/\/|mailto:|tel:)/.test(u))).toEqual([]);
    expect(text(select('style', doc)!)).not.toMatch(/url\((?!data:)/);
  });

  it('marks the page as British English, with a skip link to main', () => {
    expect(select('html', doc)?.properties.lang).toBe('en-GB');
    expect(select('a.skip-link', doc)?.properties.href).toBe('#main');
    expect(select('main#main', doc)).toBeTruthy();
  });
});

describe('building another plan', () => {
  it('builds a plan with other sections and tables with no code change', async () => {
    const out = await tmpOut();
    const result = await build({ root: fixture('small'), outDir: out, pdf: false });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const doc = fromHtml(await readFile(path.join(out, 'index.html'), 'utf8'));
    expect(selectAll('section.level-1 > h2', doc).map(text)).toEqual(['Contents', '1 Introduction', '2 Performance', '3 Money', '4 Terms we use']);
    expect(selectAll('section.level-2 > h3', doc).map(text)).toEqual(['2.1 Education, training and employment']);
    expect(text(select('title', doc)!)).toBe('Example Youth Justice Plan 2024/25');
    // No colophon in its plan.yaml, so none on its cover.
    expect(selectAll('.cover-colophon', doc)).toEqual([]);
  });
});

describe('when the build fails', () => {
  it('leaves the previous output exactly as it was', async () => {
    const out = await tmpOut();
    await writeFile(path.join(out, 'index.html'), 'previous good build');
    const dir = await planWith('small', { 'data/figures.yaml': 'kind: values\nvalues: [\n' });
    const result = await build({ root: dir, outDir: out, pdf: false });
    expect(result.ok).toBe(false);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('previous good build');
    expect((await readdir(path.dirname(out))).filter((n) => n.includes(path.basename(out)) && n.includes('staging'))).toEqual([]);
  });
});

describe('the command line', () => {
  const run = async (args: string[]) => {
    const lines: string[] = [];
    const code = await main(args, { out: (s) => lines.push(s), err: (s) => lines.push(s) });
    return { code, output: lines.join('\n') };
  };

  it('exits 0 and reports warnings with file:line:column after a good build', async () => {
    const out = await tmpOut();
    const { code, output } = await run(['build', fixture('small'), '--out', out, '--no-pdf']);
    expect(code).toBe(0);
    expect(output).toMatch(/load\s+\d+ ms/);
    expect(output).toContain('data/budget.yaml:');
  });

  it('exits 1 with located messages, and no stack trace, when the plan has errors', async () => {
    const dir = await planWith('small', { 'data/figures.yaml': 'kind: values\nvalues:\n  children: { value: "1,234" }\n' });
    const { code, output } = await run(['build', dir, '--no-pdf']);
    expect(code).toBe(1);
    expect(output).toMatch(/data\/figures\.yaml:3:\d+ {2}error {2}/);
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a usage error', async () => {
    expect((await run(['biuld'])).code).toBe(2);
    expect((await run(['build', '--colour'])).code).toBe(2);
    expect((await run(['build', '/no/such/plan'])).code).toBe(2);
  });
});
