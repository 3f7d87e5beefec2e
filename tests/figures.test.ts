import { describe, expect, it } from 'vitest';
import { loadPlan } from '../scripts/load/index.ts';
import { figureText } from '../scripts/figures/quote.ts';
import { agrees } from '../scripts/figures/stated.ts';
import { lineOf, planWith } from './helpers/plan-dir.ts';
import { transformPlan } from './helpers/pipeline.ts';

const intro = (body: string) => ({ 'content/introduction.md': `---\ntitle: Introduction\n---\n\n${body}\n` });

const derived = (body: string) => ({
  'data/worked.yaml': `kind: values\nvalues:\n  children: 1234\nderived:\n${body}`,
});

async function quoteIn(changes: Record<string, string>, ref: string) {
  const { plan, diagnostics } = await loadPlan(await planWith('small', changes));
  if (!plan) throw new Error(JSON.stringify(diagnostics));
  const quoted = plan.figures.quote(ref);
  return { quoted, text: quoted.ok ? figureText(quoted.figure) : undefined, diagnostics };
}

describe('quoting any figure in the plan', () => {
  it('quotes a table cell by its row heading, or the heading as a slug, and column key', async () => {
    expect((await quoteIn({}, 'education.School age.start')).text).toBe('71.5%');
    expect((await quoteIn({}, 'education.over-school-age.start')).text).toBe('52.0%');
  });

  it('quotes a column total and a row total of a table', async () => {
    expect((await quoteIn({}, 'education.total.start')).text).toBe('123.5%');
    expect((await quoteIn({}, 'education.School age.total')).text).toBe('151.5%');
  });

  it('quotes a budget’s cells, row totals, column totals and grand total', async () => {
    expect((await quoteIn({}, 'budget.Council.cash')).text).toBe('£1,000.50');
    expect((await quoteIn({}, 'budget.Council.total')).text).toBe('£3,000.50');
    expect((await quoteIn({}, 'budget.total.cash')).text).toBe('£1,500.50');
    expect((await quoteIn({}, 'budget.cash')).text).toBe('£1,500.50');
    expect((await quoteIn({}, 'budget.total')).text).toBe('£3,500.50');
  });

  it('quotes the plan’s details, the published date written out', async () => {
    expect((await quoteIn({}, 'plan.period')).text).toBe('2024/25');
    expect((await quoteIn({}, 'plan.authority')).text).toBe('Example County Council');
    expect((await quoteIn({}, 'plan.published')).text).toBe('1 July 2024');
  });

  it('knows where each figure is written', async () => {
    const { quoted } = await quoteIn({}, 'education.School age.start');
    expect(quoted.ok && quoted.figure.from).toEqual({ file: 'data/education.yaml', place: expect.objectContaining({ line: 8, column: 33 }) });
  });
});

describe('derived figures', () => {
  const table = {
    'data/rates.yaml': [
      'kind: table',
      'caption: Rates',
      'columns:',
      '  - { key: area, label: Area, header: true }',
      '  - { key: y1, label: Year 1, type: number, decimals: 2 }',
      '  - { key: y2, label: Year 2, type: number, decimals: 2 }',
      'rows:',
      '  - { area: North, y1: 0.41, y2: 0.12 }',
      '  - { area: South, y1: 0, y2: 0.3 }',
      '  - { area: East, y1: null, y2: 0.2 }',
      '',
    ].join('\n'),
  };

  it('works out a difference, a change, a share, a sum, a count, a size, a figure and a heading', async () => {
    const worked = derived(
      [
        '  fall: { difference: [rates.North.y1, rates.North.y2] }',
        '  change: { change: [rates.North.y1, rates.North.y2] }',
        '  share: { share: [rates.North.y2, rates.total.y2] }',
        '  both: { sum: [rates.North.y2, rates.South.y2] }',
        '  areas: { count: rates }',
        '  size: { size: worked.change }',
        '  same: { figure: rates.South.y2, decimals: 1 }',
        '  period: { heading: rates.y2 }',
        '',
      ].join('\n'),
    );
    const texts = await Promise.all(
      ['fall', 'change', 'share', 'both', 'areas', 'size', 'same', 'period'].map(async (k) => (await quoteIn({ ...table, ...worked }, `worked.${k}`)).text),
    );
    expect(texts).toEqual(['0.29', '\u221270.7%', '19.4%', '0.42', '3', '70.7%', '0.3', 'Year 2']);
  });

  it('warns at the stated figure’s line when the source states another, and the page shows both', async () => {
    const files = { ...table, ...derived('  fall:\n    difference: [rates.North.y1, rates.North.y2]\n    label: Fall in the North\n    stated: 0.31\n'), ...intro('It fell by :value[worked.fall].') };
    const result = await transformPlan(await planWith('small', files));
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        file: 'data/worked.yaml',
        ruleId: 'value:stated',
        severity: 'warning',
        place: expect.objectContaining({ line: 8, column: 13 }),
        message: '“Fall in the North” is stated as 0.31 in the source, but the data give 0.29',
      }),
    );
    expect(result.html('introduction')).toContain('<span class="data-value">0.29</span><span class="stated-note"> [the source states 0.31]</span>');
  });

  it('says nothing when the stated figure agrees to the precision it was stated at', () => {
    expect(agrees(27, 27.3)).toBe(true);
    expect(agrees(14, 12.2)).toBe(false);
    expect(agrees('Jun 15 - Jun 16', 'Jun 15 – Jun 16')).toBe(true);
  });

  it('reports an operand that names nothing at its own line and column, with the name meant', async () => {
    const { diagnostics } = await quoteIn({ ...table, ...derived('  fall:\n    difference: [rates.North.y1, rates.Nrth.y2]\n') }, 'worked.fall');
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ file: 'data/worked.yaml', ruleId: 'value:unknown', place: expect.objectContaining({ line: 6, column: 34 }), message: 'No value `rates.Nrth.y2`, did you mean `rates.North.y2`?' }),
    );
  });

  it('reports a share of nothing, an empty cell, a text figure, a cycle and a count of no table, each at its line', async () => {
    const files = {
      ...table,
      ...derived(
        [
          '  a: { change: [rates.South.y1, rates.North.y1] }',
          '  b: { sum: [rates.East.y1, rates.North.y1] }',
          '  c: { difference: [rates.East.y1, rates.North.y1] }',
          '  d: { difference: [rates.North.area, rates.North.y1] }',
          '  e: { figure: worked.f }',
          '  f: { figure: worked.e }',
          '  g: { count: worked }',
          '',
        ].join('\n'),
      ),
    };
    const { diagnostics } = await quoteIn(files, 'worked.a');
    const at = (ruleId: string) => diagnostics.filter((d) => d.ruleId === ruleId).map((d) => [d.file, d.place?.line, d.place?.column]);
    expect(at('value:divide-by-zero')).toEqual([['data/worked.yaml', 5, 17]]);
    expect(at('value:no-figure')).toEqual([['data/worked.yaml', 7, 21]]);
    expect(at('value:not-a-figure')).toEqual([['data/worked.yaml', 8, 21]]);
    expect(at('value:cycle')).toEqual([['data/worked.yaml', 9, 3]]);
    expect(at('value:not-a-table')).toEqual([['data/worked.yaml', 11, 15]]);
    // A sum passes over an empty cell, as a column total does.
    expect(diagnostics.filter((d) => d.place?.line === 6)).toEqual([]);
  });

  it('refuses a derived figure with no operation, or two, at its line', async () => {
    const { diagnostics } = await loadPlan(await planWith('small', derived('  x: { label: Nothing }\n  y: { sum: [figures.children], count: education }\n')));
    expect(diagnostics).toContainEqual(expect.objectContaining({ file: 'data/worked.yaml', ruleId: 'schema:value', place: expect.objectContaining({ line: 5, column: 6 }) }));
    expect(diagnostics).toContainEqual(expect.objectContaining({ file: 'data/worked.yaml', ruleId: 'schema:value', place: expect.objectContaining({ line: 6, column: 6 }), message: expect.stringContaining('not `sum` and `count`') }));
  });

  it('reports a plan detail not yet set where it is quoted', async () => {
    const plan = (await planWith('small')).toString();
    const result = await transformPlan(await planWith('small', { ...intro('Published :value[plan.published].') }));
    expect(result.html('introduction')).toContain('1 July 2024');
    const draft = await transformPlan(
      await planWith('small', { ...intro('Published :value[plan.published].'), 'plan.yaml': (await import('node:fs')).readFileSync(`${plan}/plan.yaml`, 'utf8').replace('published: 2024-07-01\n', '') }),
    );
    expect(draft.diagnostics).toContainEqual(
      expect.objectContaining({ file: 'content/introduction.md', ruleId: 'value:plan-detail', place: expect.objectContaining({ line: 5, column: 11 }) }),
    );
  });

  it('warns where a quoted cell holds no figure', async () => {
    const result = await transformPlan(await planWith('small', intro('At the end: :value[education.Over school age.end].')));
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ file: 'content/introduction.md', ruleId: 'value:no-figure', severity: 'warning', place: expect.objectContaining({ line: 5, column: 13 }) }),
    );
  });
});

describe('figures quoted in the text of data files', () => {
  const review = (outcome: string) => ({
    'data/review.yaml': `kind: review\ncaption: Last year\nitems:\n  - area: Education\n    action: Raise attendance.\n    outcome: |\n${outcome}`,
    'content/money.md': '---\ntitle: Money\n---\n\n::table{data=review}\n',
  });

  it('quotes figures in a review’s outcome', async () => {
    const result = await transformPlan(await planWith('small', review('      We worked with :value[figures.children] children; attendance rose to\n      :value[education.School age.end].\n')));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.html('money')).toContain('We worked with <span class="data-value">1,234</span> children; attendance rose to\n<span class="data-value">80.0%</span>.');
  });

  it('reports a value that names nothing at its line and column in the YAML', async () => {
    const text = review('      We worked with many children.\n\n      Attendance rose to :value[education.School age.ned].\n');
    const result = await transformPlan(await planWith('small', text));
    const line = lineOf(text['data/review.yaml'], ':value[');
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ file: 'data/review.yaml', ruleId: 'value:unknown', place: expect.objectContaining({ line, column: 26 }), message: 'No value `education.School age.ned`, did you mean `education.School age.end`?' }),
    );
  });

  it('reports a figure in a plain one-line field, and a table note, at their columns', async () => {
    const result = await transformPlan(
      await planWith('small', {
        'data/priorities.yaml': 'kind: priorities\ncaption: Next year\npriorities:\n  - area: Education\n    actions:\n      - { action: "Reach :value[figures.chidren] children", owner: Manager }\n',
        'data/education.yaml': 'kind: table\ncaption: Education\ncolumns:\n  - { key: stage, label: Stage, header: true }\n  - { key: n, label: Number, type: number }\nrows:\n  - { stage: All, n: 3 }\nnotes:\n  - Of :value[figures.childrn] children.\n',
        'content/money.md': '---\ntitle: Money\n---\n\n::table{data=priorities}\n',
      }),
    );
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: 'data/priorities.yaml', ruleId: 'value:unknown', place: expect.objectContaining({ line: 6, column: 26 }) }));
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: 'data/education.yaml', ruleId: 'value:unknown', place: expect.objectContaining({ line: 9, column: 8 }) }));
  });

  it('refuses a block directive inside a data file’s text, at its line', async () => {
    const result = await transformPlan(await planWith('small', review('      See below.\n\n      ::table{data=education}\n')));
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ file: 'data/review.yaml', ruleId: 'directive:not-in-data', place: expect.objectContaining({ line: 9, column: 7 }) }));
  });
});
