/**
 * Small numbers (plan.yaml `small-numbers`): counts of people below the threshold, and the figures
 * that would let one be worked out, are listed with `warn` and withheld with `suppress`, in tables,
 * in running text, in derived figures and in charts. The fixture plan tests/fixtures/plans/small-numbers
 * has small counts in a table of outcomes by quarter, a table of custodial sentences and its values.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { bindData } from '../scripts/charts/bind.ts';
import { dataTable } from '../scripts/charts/data-table.ts';
import { build } from '../scripts/build/index.ts';
import type { Diagnostic } from '../scripts/diagnostics/index.ts';
import { loadPlan } from '../scripts/load/index.ts';
import { smallNumberMessages } from '../scripts/messages/small-numbers.ts';
import type { TableData } from '../scripts/schema/index.ts';
import { cellKey, protectGrid } from '../scripts/small-numbers/grid.ts';
import { protectPlan, protectTable } from '../scripts/small-numbers/index.ts';
import { fixture, lineOf, planWith } from './helpers/plan-dir.ts';
import { transformPlan } from './helpers/pipeline.ts';
import os from 'node:os';
import { mkdtemp } from 'node:fs/promises';

const plan = fixture('small-numbers');
const read = (file: string) => readFile(path.join(plan, file), 'utf8');
const text = (node: Parameters<typeof toString>[0]) => toString(node).replace(/\s+/g, ' ').trim();
const suppressing = async (below = 5) =>
  planWith('small-numbers', { 'plan.yaml': (await read('plan.yaml')).replace(/^ {2}action: warn$/m, '  action: suppress').replace(/^ {2}below: 5$/m, `  below: ${below}`) });

/** A grid of counts, rows by columns, as a plain table. */
function table(rows: ReadonlyArray<ReadonlyArray<number | null>>, people = true): TableData {
  const columns = rows[0]!.map((_v, c) => ({ key: `c${c}`, label: `C${c}`, type: 'number' as const, header: false, people }));
  return {
    kind: 'table',
    caption: 'Counts',
    columns: [{ key: 'name', label: 'Name', type: 'text', header: true }, ...columns],
    rows: rows.map((row, r) => ({ name: `R${r}`, ...Object.fromEntries(row.map((v, c) => [`c${c}`, v])) })),
  };
}

const withheld = (t: TableData, below = 5) => {
  const p = protectTable(t, below)!;
  return t.rows.map((_row, r) => t.columns.slice(1).map((c) => p.grid.cells.get(cellKey(r, c.key)) ?? '-'));
};

describe('primary and secondary suppression in a table', () => {
  it('withholds counts from 1 to 4, and shows zeros and counts of 5 or more', () => {
    expect(withheld(table([[0, 4, 5]]))[0]).toEqual(['-', 'small', 'reveals']);
  });

  it('hides the next-smallest count in a row or column that hides only one, so that no total gives it away', () => {
    // The fixture's outcomes: 2 and 3 are small; 16, 19, 13 and 11 protect them.
    expect(
      withheld(
        table([
          [23, 16, 2],
          [3, 29, 19],
          [31, 0, 26],
          [13, 11, 8],
        ]),
      ),
    ).toEqual([
      ['-', 'reveals', 'small'],
      ['small', '-', 'reveals'],
      ['-', '-', '-'],
      ['reveals', 'reveals', '-'],
    ]);
  });

  it('leaves every row and column that hides anything with at least two hidden counts adding up to 5 or more', () => {
    const grids = [
      [[1, 2, 40, 7], [9, 0, 3, 12], [6, 8, 10, 1]],
      [[4, 30], [30, 30], [30, 2]],
      [[1, 1, 1, 50], [50, 50, 50, 50]],
    ];
    for (const rows of grids) {
      const t = table(rows);
      const marks = withheld(t);
      const lines = [...rows.map((row, r) => row.map((v, c) => [v, marks[r]![c]] as const)), ...rows[0]!.map((_v, c) => rows.map((row, r) => [row[c]!, marks[r]![c]] as const))];
      for (const line of lines) {
        const hidden = line.filter(([, m]) => m !== '-');
        if (!hidden.length) continue;
        expect(hidden.length).toBeGreaterThanOrEqual(2);
        expect(hidden.reduce((n, [v]) => n + v, 0)).toBeGreaterThanOrEqual(5);
      }
    }
  });

  it('never picks a zero to protect a count: when nothing else is left, the total of that line is withheld', () => {
    const p = protectGrid({ rows: 1, columns: ['a', 'b', 'c'], value: (_r, c) => ({ a: 3, b: 0, c: 0 })[c]! }, 5);
    expect(p.secondary).toEqual([]);
    expect(p.totals).toEqual([
      { kind: 'row', row: 0 },
      { kind: 'column', column: 'a' },
    ]);
  });

  it('leaves columns that do not count people alone', () => {
    expect(protectTable(table([[1, 2]], false), 5)).toBeUndefined();
  });
});

describe('with `action: warn`', () => {
  let diagnostics: Diagnostic[];
  beforeAll(async () => {
    ({ diagnostics } = await transformPlan(plan));
  });
  const small = (file: string) => diagnostics.filter((d) => d.file === file && d.ruleId.startsWith('small-numbers:')).map((d) => [d.place?.line, d.place?.column, d.ruleId, d.severity]);

  it('lists each count below 5 in a table at its cell, and each figure that would give one away', async () => {
    const outcomes = await read('data/outcomes.yaml');
    const yc = lineOf(outcomes, 'outcome: Youth Caution');
    const ycc = lineOf(outcomes, 'outcome: Youth Conditional Caution');
    const yro = lineOf(outcomes, 'outcome: Youth Rehabilitation Order');
    const col = (line: number, needle: string) => outcomes.split('\n')[line - 1]!.indexOf(needle) + 1;
    expect(small('data/outcomes.yaml')).toEqual([
      [yc, col(yc, 'q2: 16') + 4, 'small-numbers:gives-away', 'warning'],
      [yc, col(yc, 'q3: 2') + 4, 'small-numbers:small-count', 'warning'],
      [ycc, col(ycc, 'q1: 3') + 4, 'small-numbers:small-count', 'warning'],
      [ycc, col(ycc, 'q3: 19') + 4, 'small-numbers:gives-away', 'warning'],
      [yro, col(yro, 'q1: 13') + 4, 'small-numbers:gives-away', 'warning'],
      [yro, col(yro, 'q2: 11') + 4, 'small-numbers:gives-away', 'warning'],
    ]);
    const message = diagnostics.find((d) => d.file === 'data/outcomes.yaml' && d.place?.line === ycc && d.ruleId === 'small-numbers:small-count')!;
    expect(message.message).toBe(smallNumberMessages.smallCell('“Youth Conditional Caution”, “Q1”', '3', 5).message);
    expect(message.hint).toMatch(/information governance lead/);
    const protects = diagnostics.find((d) => d.place?.line === yro && d.message.includes('(13)'))!;
    expect(protects.message).toBe(smallNumberMessages.givesAway('“Youth Rehabilitation Order”, “Q1”', '13', 'the total of column “Q1”', '“Youth Conditional Caution”, “Q1”').message);
  });

  it('says when a total gives a count away and nothing else can protect it', async () => {
    const custody = await read('data/custody.yaml');
    expect(small('data/custody.yaml')).toEqual([
      [lineOf(custody, 'key: sentences'), custody.split('\n')[lineOf(custody, 'key: sentences') - 1]!.indexOf('sentences') + 1, 'small-numbers:total-gives-away', 'warning'],
      [lineOf(custody, '10 to 14'), expect.any(Number), 'small-numbers:small-count', 'warning'],
      [lineOf(custody, '15 to 17'), expect.any(Number), 'small-numbers:small-count', 'warning'],
    ]);
  });

  it('lists each quoted count below 5, and each quoted figure worked out from one, where the text quotes it', async () => {
    const outcomes = await read('content/outcomes.md');
    const custody = await read('content/custody.md');
    const at = (source: string, ref: string) => {
      const line = lineOf(source, `:value[${ref}]`);
      return [line, source.split('\n')[line - 1]!.indexOf(`:value[${ref}]`) + 1];
    };
    expect(small('content/outcomes.md')).toEqual([
      [...at(outcomes, 'outcomes.Youth Conditional Caution.q1'), 'small-numbers:small-count', 'warning'],
      [...at(outcomes, 'figures.caution-share-q3'), 'small-numbers:gives-away', 'warning'],
      [...at(outcomes, 'figures.conditional-change'), 'small-numbers:gives-away', 'warning'],
    ]);
    expect(small('content/custody.md')).toEqual([
      [...at(custody, 'custody.total.sentences'), 'small-numbers:small-count', 'warning'],
      [...at(custody, 'figures.remanded'), 'small-numbers:small-count', 'warning'],
    ]);
    const share = diagnostics.find((d) => d.message.includes('figures.caution-share-q3'))!;
    expect(share.message).toBe(smallNumberMessages.quotedReveals('figures.caution-share-q3', '3.6%', 5).message);
  });

  it('changes nothing on the page', async () => {
    const { html } = await transformPlan(plan);
    expect(html('outcomes')).toContain('In Q1, <span class="data-value">3</span> children');
    expect(html('outcomes')).not.toContain('&#x3C;5');
  });

  it('asks whether a column or value with small figures counts people when it does not say', async () => {
    const dir = await planWith('small-numbers', {
      'data/outcomes.yaml': (await read('data/outcomes.yaml')).replace('{ key: q3, label: Q3, type: number, people: true }', '{ key: q3, label: Q3, type: number }'),
      'data/figures.yaml': (await read('data/figures.yaml')).replace('sessions: { value: 4, type: number, people: false,', 'sessions: { value: 4, type: number,'),
    });
    const loaded = await loadPlan(dir);
    const unmarked = loaded.diagnostics.filter((d) => d.ruleId === 'small-numbers:unmarked').map((d) => [d.file, d.place?.line]);
    expect(unmarked).toEqual([
      ['data/figures.yaml', lineOf(await read('data/figures.yaml'), 'sessions:')],
      ['data/outcomes.yaml', lineOf(await read('data/outcomes.yaml'), 'key: q3')],
    ]);
  });
});

describe('with `action: suppress`', () => {
  let html: (id: string) => string;
  let diagnostics: Diagnostic[];
  beforeAll(async () => {
    ({ html, diagnostics } = await transformPlan(await suppressing()));
  });
  const cells = (id: string, tableId: string) =>
    selectAll(`#${tableId} tbody tr`, fromHtml(html(id), { fragment: true })).map((tr) => selectAll('th, td', tr).map(text));
  const notes = (id: string, tableId: string) => selectAll(`#${tableId} .withheld-note`, fromHtml(html(id), { fragment: true })).map(text);

  it('shows <5 for a small count and [c] for a count that would give one away, in the table', () => {
    expect(cells('outcomes', 'tbl-outcomes')).toEqual([
      ['Youth Caution', '23', '[c]', '<5'],
      ['Youth Conditional Caution', '<5', '29', '[c]'],
      ['Referral Order', '31', '0', '26'],
      ['Youth Rehabilitation Order', '[c]', '[c]', '8'],
    ]);
    expect(cells('custody', 'tbl-custody')).toEqual([
      ['10 to 14', '<5'],
      ['15 to 17', '<5'],
    ]);
  });

  it('says under the table what each mark means', () => {
    expect(notes('outcomes', 'tbl-outcomes')).toEqual([
      '<5: fewer than 5. Counts of 1 to 4 people are not shown, so that no child can be identified.',
      '[c]: not shown, because with the totals and the other figures it would let a count that is not shown be worked out.',
    ]);
    expect(notes('custody', 'tbl-custody')).toHaveLength(1);
  });

  it('says “fewer than 5” in running text for a quoted small count, a small total and a small value', () => {
    const prose = (id: string) => selectAll('p', fromHtml(html(id), { fragment: true })).map(text).join(' ');
    expect(prose('outcomes')).toContain('In Q1, fewer than 5 children received a Youth Conditional Caution, and 70 children entered');
    expect(prose('custody')).toContain('This year, fewer than 5 children were sentenced to custody, a rate of 0.21 per thousand');
    expect(prose('custody')).toContain('We also remanded fewer than 5 children');
    // A count of sessions is not a count of people: it is shown.
    expect(prose('custody')).toContain('held 4 parenting sessions');
  });

  it('starts a sentence with a capital letter when the withheld figure starts it', async () => {
    const dir = await planWith('small-numbers', {
      'plan.yaml': (await read('plan.yaml')).replace(/^ {2}action: warn$/m, '  action: suppress'),
      'content/custody.md': '---\ntitle: Custody\n---\n\n:value[figures.remanded] children were remanded. Then :value[figures.remanded] more. So? :value[figures.remanded].\n',
    });
    const { html: custody } = await transformPlan(dir);
    expect(text(select('p', fromHtml(custody('custody'), { fragment: true }))!)).toBe('Fewer than 5 children were remanded. Then fewer than 5 more. So? Fewer than 5.');
  });

  it('does not show a derived figure worked out from a withheld count, and shows one worked out from counts shown', () => {
    const prose = selectAll('p', fromHtml(html('outcomes'), { fragment: true })).map(text).join(' ');
    expect(prose).toContain('Youth Cautions made up [not shown] of first time entrants in Q3.');
    expect(prose).toContain('Youth Conditional Cautions changed by [not shown] from Q2 to Q3');
    expect(prose).toContain('and 34 children received a court order in Q3');
    expect(prose).not.toMatch(/3\.6%|−10\b/);
  });

  it('tells the editor, as information, each place a quoted figure is withheld', () => {
    const withheldHere = diagnostics.filter((d) => d.ruleId === 'small-numbers:withheld');
    expect(withheldHere.map((d) => [d.file, d.severity])).toEqual([
      ['content/outcomes.md', 'info'],
      ['content/outcomes.md', 'info'],
      ['content/outcomes.md', 'info'],
      ['content/custody.md', 'info'],
      ['content/custody.md', 'info'],
    ]);
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('takes its threshold from `below`', async () => {
    const { html: at3 } = await transformPlan(await suppressing(3));
    const row = selectAll('#tbl-outcomes tbody tr', fromHtml(at3('outcomes'), { fragment: true })).map((tr) => selectAll('td', tr).map(text));
    expect(row[0]).toEqual(['23', '[c]', '<3']);
    expect(row[1]).toEqual(['3', '29', '19']);
  });
});

describe('charts with `action: suppress`', () => {
  it('leaves withheld figures out of the chart’s data and marks them in its data table', async () => {
    const dir = await suppressing();
    const loaded = await loadPlan(dir);
    const outcomes = loaded.plan!.data.get('outcomes')!.value as TableData;
    const bound = bindData(outcomes, { columns: 'q3' }, { category: 'row', series: null }, loaded.plan!.disclosure!.table('outcomes'));
    expect(bound.binding!.data.map((d) => [d.row, d.value])).toEqual([
      ['Referral Order', 26],
      ['Youth Rehabilitation Order', 8],
    ]);
    expect(dataTable(bound.binding!).rows.map((r) => [r.heading, ...r.cells])).toEqual([
      ['Youth Caution', '<5'],
      ['Youth Conditional Caution', '[c]'],
      ['Referral Order', '26'],
      ['Youth Rehabilitation Order', '8'],
    ]);
  });

  it('withholds an “others” figure that adds up a withheld count', async () => {
    const loaded = await loadPlan(await suppressing());
    const outcomes = loaded.plan!.data.get('outcomes')!.value as TableData;
    const bound = bindData(outcomes, { columns: 'q1', rows: 'Referral Order, Youth Rehabilitation Order', others: 'Other outcomes' }, { category: 'row', series: null }, loaded.plan!.disclosure!.table('outcomes'));
    expect(bound.binding!.data.map((d) => d.row)).toEqual(['Referral Order']);
    expect(bound.binding!.withheld.map((w) => [w.category, w.mark.text])).toEqual([
      ['Youth Rehabilitation Order', '[c]'],
      // 23 and a withheld 3: not small itself, but it would give the 3 away.
      ['Other outcomes', '[c]'],
    ]);
  });

  it('draws no bar, label or value for a withheld figure, and says so under the chart', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'yjplan-small-'));
    const result = await build({ root: await suppressing(), outDir: out, pdf: false });
    expect(result.ok).toBe(true);
    const doc = fromHtml(await readFile(path.join(out, 'index.html'), 'utf8'));
    const figure = select('#fig-outcomes', doc)!;
    const svg = select('svg', figure)!;
    const words = selectAll('text', svg).map(text);
    expect(words).toEqual(expect.arrayContaining(['Referral Order', 'Youth Rehabilitation Order', '26', '8']));
    expect(words).not.toEqual(expect.arrayContaining(['Youth Caution']));
    for (const hidden of ['2', '19']) expect(words).not.toContain(hidden);
    expect(selectAll('.withheld-note', figure).map(text)[0]).toMatch(/^Some figures are left out of this chart/);
  });
});

it('is off unless plan.yaml says so', async () => {
  const loaded = await loadPlan(fixture('small'));
  expect(loaded.plan!.disclosure).toBeUndefined();
  expect(protectPlan(loaded.plan!.data, { below: 5, action: 'warn' }).diagnostics).toEqual([]);
});
