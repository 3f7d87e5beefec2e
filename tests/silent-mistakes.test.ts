/** Mistakes that used to pass in silence, each now a message at its file, line and column. */
import { describe, expect, it } from 'vitest';
import { build } from '../scripts/build/index.ts';
import type { Diagnostic } from '../scripts/diagnostics/index.ts';
import { loadPlan } from '../scripts/load/index.ts';
import { formatValue } from '../scripts/figures/format.ts';
import { planWith } from './helpers/plan-dir.ts';
import { transformPlan } from './helpers/pipeline.ts';

const intro = (body: string) => ({ 'content/introduction.md': `---\ntitle: Introduction\n---\n\n${body}\n` });
const table = (rows: string, type = 'number') => ({
  'data/education.yaml': `kind: table\ncaption: Education\ncolumns:\n  - { key: stage, label: Stage, header: true }\n  - { key: n, label: Number, type: ${type} }\nrows:\n${rows}`,
});

describe('mistakes that no longer pass in silence', () => {
  it('a link to a file, which is not published with the plan, keeps its words without the link, with a warning at the link', async () => {
    const dir = await planWith('small', intro('See [the minutes](../../minutes.docx), [notes](/tmp/notes.txt), [the guidance](https://www.gov.uk/x), [the money section](#money) and [us](mailto:yjs@example.gov.uk).\n\n<a href="budget.xlsx">the budget</a>'));
    const out = await import('node:fs/promises').then((fs) => fs.mkdtemp(`${dir}-out-`));
    const result = await build({ root: dir, outDir: out, pdf: false });
    const byPlace = (a: Diagnostic, b: Diagnostic) => (a.place?.line ?? 0) - (b.place?.line ?? 0) || (a.place?.column ?? 0) - (b.place?.column ?? 0);
    expect(result.diagnostics.filter((d) => d.ruleId === 'link:file').sort(byPlace).map((d) => [d.file, d.place?.line, d.place?.column, d.severity])).toEqual([
      ['content/introduction.md', 5, 5, 'warning'],
      ['content/introduction.md', 5, 40, 'warning'],
      ['content/introduction.md', 7, 1, 'warning'],
    ]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const html = result.html ?? '';
    expect(html).not.toMatch(/href="[^"#]*(minutes|notes|budget)/);
    expect(html).toContain('<a>the minutes</a>');
    expect(html).toContain('<a>the budget</a>');
    expect(html).toContain('href="https://www.gov.uk/x"');
    expect(html).toContain('href="mailto:yjs@example.gov.uk"');
  });

  it('an id written again in HTML, taking a section’s or a table’s, is an error at the element; a heading written as HTML is too', async () => {
    const dir = await planWith('small', intro('<span id="money">Jump here instead</span>\n\n<h1>Approved and signed by the Management Board</h1>'));
    const result = await build({ root: dir, outDir: await import('node:fs/promises').then((fs) => fs.mkdtemp(`${dir}-out-`)), pdf: false, checkOnly: true });
    const found = result.diagnostics.filter((d) => d.ruleId === 'html:duplicate-id' || d.ruleId === 'heading:html').map((d) => [d.ruleId, d.file, d.place?.line, d.place?.column, d.severity]);
    expect(found).toEqual([
      ['heading:html', 'content/introduction.md', 7, 1, 'error'],
      ['html:duplicate-id', 'content/introduction.md', 5, 7, 'error'],
    ]);
    expect(result.ok).toBe(false);
  });

  it('warns of a line that starts like a block directive but cannot be read as one, at its line', async () => {
    const dir = await planWith('small', intro(':::chart{#fig-x"onload="alert(5) data=figures spec=bar}\nWords.\n:::\n\nA sentence with ::colons:: in it.'));
    const result = await build({ root: dir, outDir: await import('node:fs/promises').then((fs) => fs.mkdtemp(`${dir}-out-`)), pdf: false, checkOnly: true });
    expect(result.diagnostics.filter((d) => d.ruleId === 'directive:unreadable').map((d) => [d.file, d.place?.line, d.place?.column])).toEqual([['content/introduction.md', 5, 1]]);
  });

  it('publishes no tabindex, accesskey or dir from a section’s HTML', async () => {
    const dir = await planWith('small', intro('<p tabindex="1" accesskey="x">First in the keyboard order</p>\n\nRate fell by <span dir="rtl">5</span> points.'));
    const result = await build({ root: dir, outDir: await import('node:fs/promises').then((fs) => fs.mkdtemp(`${dir}-out-`)), pdf: false });
    expect(result.ok).toBe(true);
    expect(result.html).toContain('First in the keyboard order');
    expect(result.html).not.toMatch(/tabindex="1"|accesskey|dir="rtl"/);
  });

  it('warns of a row that leaves a cell out, at the row, saying to write null', async () => {
    const { diagnostics } = await loadPlan(await planWith('small', table('  - { stage: All, n: 3 }\n  - { stage: Some }\n')));
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ file: 'data/education.yaml', ruleId: 'table:missing-cell', severity: 'warning', place: expect.objectContaining({ line: 8, column: 5 }), message: 'Row 2 has no cell for column `n`' }),
    );
  });

  it('refuses text that is not a date in a date column, at the cell, and accepts a day or a month', async () => {
    const { diagnostics } = await loadPlan(await planWith('small', table('  - { stage: A, n: 2019-06-30 }\n  - { stage: B, n: "2019-06" }\n  - { stage: C, n: 30/06/2019 }\n  - { stage: D, n: "2019-02-30" }\n', 'date')));
    const dates = diagnostics.filter((d) => d.ruleId === 'table:not-a-date').map((d) => [d.file, d.place?.line, d.place?.column]);
    expect(dates).toEqual([
      ['data/education.yaml', 9, 20],
      ['data/education.yaml', 10, 20],
    ]);
    expect(formatValue('2019-06', 'date')).toBe('June 2019');
  });

  it('refuses a date value that is not a date, at its value', async () => {
    const { diagnostics } = await loadPlan(await planWith('small', { 'data/figures.yaml': 'kind: values\nvalues:\n  children: 1234\n  signed: { value: next June, type: date }\n' }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ file: 'data/figures.yaml', ruleId: 'schema:value', place: expect.objectContaining({ line: 4, column: 20 }), message: expect.stringContaining('"next June" is not a date') }));
  });

  it('warns of a content file that the outline does not list, at its first line', async () => {
    const { diagnostics } = await loadPlan(await planWith('small', { 'content/forgotten.md': '---\ntitle: Forgotten\n---\n\nText.\n', 'content/.#draft.md': 'x' }));
    const unlisted = diagnostics.filter((d) => d.ruleId === 'outline:unlisted-file');
    expect(unlisted).toEqual([
      expect.objectContaining({ file: 'content/forgotten.md', severity: 'warning', place: { line: 1, column: 1 }, hint: 'add `forgotten` to the outline in plan.yaml where the section belongs, or delete the file' }),
    ]);
  });

  it('warns of a Markdown pipe table at its line, saying how to make it a ::table', async () => {
    const result = await transformPlan(await planWith('small', intro('Some text.\n\n| Stage | Number |\n| --- | --- |\n| All | 3 |')));
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ file: 'content/introduction.md', ruleId: 'markdown:pipe-table', severity: 'warning', place: expect.objectContaining({ line: 7, column: 1 }), hint: expect.stringContaining('::table{#tbl-name data=<name>}') }),
    );
  });

  it('warns of a directive in a caption or a column heading, which are plain text, at its line', async () => {
    const { diagnostics } = await loadPlan(
      await planWith('small', { 'data/education.yaml': 'kind: table\ncaption: Pupils in :value[plan.period]\ncolumns:\n  - { key: stage, label: Stage, header: true }\n  - { key: n, label: ":value[plan.period]", type: number }\nrows:\n  - { stage: All, n: 3 }\n' }),
    );
    expect(diagnostics.filter((d) => d.ruleId === 'directive:not-read').map((d) => [d.file, d.severity, d.place?.line, d.place?.column])).toEqual([
      ['data/education.yaml', 'warning', 2, 10],
      ['data/education.yaml', 'warning', 5, 22],
    ]);
  });

  it('keeps a reference’s “Table 1” together on one line', async () => {
    const result = await transformPlan(await planWith('small'));
    expect(result.html('introduction')).toContain('>Table\u00a01</a>');
  });
});

describe('quoting figures in alt text', () => {
  it('quotes a figure in an image’s text alternative, and reports one that names nothing at the image', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const image = { 'content/chart.png': png as unknown as string };
    const good = await planWith('small', { ...intro('![A chart of :value[figures.children]\nchildren](chart.png)'), ...image });
    const built = await build({ root: good, outDir: `${good}/out`, pdf: false, checkOnly: true });
    // The sections' images (the cover's logo has its own alt text).
    expect(built.html?.slice(built.html.indexOf('<main')).match(/alt="[^"]*"/g)).toEqual(['alt="A chart of 1,234 children"']);
    const bad = await planWith('small', { ...intro('Text.\n\n![Also :value[figures.childs]](chart.png)'), ...image });
    const failed = await build({ root: bad, outDir: `${bad}/out`, pdf: false, checkOnly: true });
    expect(failed.diagnostics).toContainEqual(expect.objectContaining({ file: 'content/introduction.md', ruleId: 'value:unknown', place: expect.objectContaining({ line: 7, column: 1 }), message: 'No value `figures.childs`, did you mean `figures.children`?' }));
  });
});
