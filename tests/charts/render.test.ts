import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import * as charts from '../../scripts/charts/index.ts';
import { renderCharts, type ChartRequest } from '../../scripts/charts/index.ts';
import { chartTexts, context, find, findAll, hastText, request, svgOf } from './helpers.ts';

/** The figure's caption, which names it (a figure with a role may not hold a <figcaption>). */
const caption = (figure: Parameters<typeof find>[0]) => findAll(figure, 'div').find((d) => d.properties.id === `${String(figure.properties.id)}-caption`);

/** One chart per built-in spec, from the fixtures, as the sample plan uses them. */
const everySpec: ChartRequest[] = [
  request({ id: 'fig-bar', spec: 'bar', data: 'change', number: 1, title: hastText('First time entrants fell everywhere') }),
  request({ id: 'fig-budget', spec: 'bar', data: 'budget', number: 2, title: hastText('The local authority gives most') }),
  request({
    id: 'fig-grouped',
    spec: 'grouped-bar',
    data: 'cohorts',
    number: 3,
    attributes: { group: 'Binary rate of re-offending' },
    title: hastText('Re-offending rose in Northtown'),
  }),
  request({
    id: 'fig-stacked',
    spec: 'stacked-bar',
    data: 'outcomes',
    number: 4,
    attributes: { columns: 'Total', category: 'group', rows: 'Youth Caution,Youth Conditional Caution,Referral Order', others: 'Other outcomes' },
    title: hastText('Fewer first time entrants each quarter'),
  }),
  request({
    id: 'fig-line',
    spec: 'line',
    data: 'custody',
    number: 5,
    attributes: { 'value-label': 'Custodial sentences per 1,000 young people' },
    title: hastText('Custody fell to its lowest'),
    description: [{ type: 'element', tagName: 'p', properties: {}, children: hastText('Rates for four areas over five years.') }],
  }),
];

describe('renderCharts', () => {
  it('exposes renderCharts, the cache and the document fonts', () => {
    expect(typeof charts.renderCharts).toBe('function');
    expect(typeof charts.ChartCache).toBe('function');
    expect(charts.documentFonts.map((f) => `${f.weight} ${f.style}`)).toEqual(['400 normal', '400 italic', '600 normal', '700 normal']);
    for (const font of charts.documentFonts) expect(font.file).toMatch(/^\/.*source-sans-3-latin-\d00-(normal|italic)\.woff2$/);
  });

  it('renders every built-in spec from a fixture table, with no problems', async () => {
    const { figures, diagnostics } = await renderCharts(everySpec, context());
    expect(diagnostics).toEqual([]);
    expect([...figures.keys()]).toEqual(everySpec.map((r) => r.id));
    for (const figure of figures.values()) {
      const svg = find(figure, 'svg')!;
      expect(svg.properties.width).toBeLessThanOrEqual(640);
      expect(svg.properties.width).toBeGreaterThan(600);
      expect(chartTexts(svgOf(figure)).length).toBeGreaterThan(3);
    }
  });

  it('never cuts a label short with an ellipsis', async () => {
    const { figures } = await renderCharts(everySpec, context());
    for (const figure of figures.values()) {
      const texts = chartTexts(svgOf(figure));
      expect(texts.filter((t) => t.includes('…'))).toEqual([]);
    }
    // The long area name is drawn whole, as the line's end label.
    expect(chartTexts(svgOf(figures.get('fig-line')!))).toContain('Southshire Police and Crime Commissioner area');
  });

  it('names the graphic with the caption and describes it', async () => {
    const { figures } = await renderCharts(everySpec, context());
    const figure = figures.get('fig-line')!;
    expect(figure.properties.id).toBe('fig-line');
    expect(figure.properties.className).toEqual(['chart']);
    expect(toString(caption(figure)!)).toBe('Figure 5: Custody fell to its lowest');

    const svg = find(figure, 'svg')!;
    expect(svg.properties.role).toBe('img');
    expect(svg.properties.ariaLabelledBy).toEqual(['fig-line-title']);
    expect(svg.properties.ariaDescribedBy).toEqual(['fig-line-desc']);
    const [title, desc, marks] = svg.children.filter((c) => c.type === 'element');
    expect(title).toMatchObject({ tagName: 'title', properties: { id: 'fig-line-title' } });
    expect(toString(title!)).toBe('Figure 5: Custody fell to its lowest');
    expect(toString(desc!)).toBe('Rates for four areas over five years.');
    expect(marks).toMatchObject({ tagName: 'g', properties: { ariaHidden: 'true' } });
    expect(toString(findAll(figure, 'div').find((d) => String(d.properties.className) === 'chart-description')!)).toContain('Rates for four areas');
  });

  it('names the graphic with the caption’s words as written, markup and all', async () => {
    const title = [
      { type: 'text' as const, value: 'Re-' },
      { type: 'element' as const, tagName: 'em', properties: {}, children: hastText('offending') },
      { type: 'text' as const, value: ' rose' },
    ];
    const description = [
      { type: 'element' as const, tagName: 'p', properties: {}, children: hastText('First paragraph.') },
      { type: 'element' as const, tagName: 'p', properties: {}, children: hastText('Second.') },
    ];
    const { figures } = await renderCharts([request({ spec: 'bar', data: 'change', title, description })], context());
    const figure = figures.get('fig-change')!;
    expect(toString(find(figure, 'title')!)).toBe('Figure 1: Re-offending rose');
    expect(toString(find(figure, 'desc')!)).toBe('First paragraph. Second.');
    expect(find(caption(figure)!, 'em')).toBeDefined();
  });

  it('says what a chart shows when its author gave no description', async () => {
    const { figures } = await renderCharts(everySpec, context());
    const desc = find(figures.get('fig-stacked')!, 'desc')!;
    expect(toString(desc)).toBe(
      'Chart of First time entrants by outcome type and quarter: 4 categories, from Q1 (Jul 17 – Jun 18) to Q4 (Apr 18 – Mar 19); ' +
        '4 series: Youth Caution, Youth Conditional Caution, Referral Order, Other outcomes. The figures are in the table that follows.',
    );
  });

  it('puts the chart’s figures in a table with a caption and header scopes', async () => {
    const { figures } = await renderCharts(everySpec, context());
    const figure = figures.get('fig-line')!;
    const details = find(figure, 'details')!;
    expect(toString(find(details, 'summary')!)).toBe('Show the data for figure 5');
    const table = find(details, 'table')!;
    expect(toString(find(table, 'caption')!)).toBe('Data for figure 5: Rate of custody per 1,000 young people');

    const head = findAll(find(table, 'thead')!, 'th');
    expect(head.map((th) => th.properties.scope)).toEqual(['col', 'col', 'col', 'col']);
    expect(head.map((th) => toString(th))).toEqual(['Northtown', 'Southshire Police and Crime Commissioner area', 'Comparator family', 'England and Wales']);

    const rows = findAll(find(table, 'tbody')!, 'tr').map((tr) => tr.children.filter((c) => c.type === 'element'));
    expect(rows.map((cells) => cells[0]!.properties.scope)).toEqual(['row', 'row', 'row', 'row', 'row']);
    expect(rows.map((cells) => cells.map((c) => toString(c)))).toEqual([
      ['Apr 14 – Mar 15', '0.45', '0.52', '0.43', '0.44'],
      ['Apr 15 – Mar 16', '0.46', '0.35', '0.41', '0.41'],
      // The missing figure is a dash in the table and no mark in the chart.
      ['Apr 16 – Mar 17', '0.25', '–', '0.39', '0.44'],
      ['Apr 17 – Mar 18', '0.41', '0.29', '0.28', '0.38'],
      ['Apr 18 – Mar 19', '0.12', '0.23', '0.21', '0.31'],
    ]);
    const source = findAll(details, 'p').find((p) => String(p.properties.className) === 'table-source')!;
    expect(toString(source)).toBe('Source: Youth Justice Board, Youth Justice Application Framework');
  });

  it('writes values as the document does: minus signs, per cent, pounds and thousands', async () => {
    const { figures } = await renderCharts(everySpec, context());
    expect(chartTexts(svgOf(figures.get('fig-bar')!))).toEqual(expect.arrayContaining(['−27%', '−16%', '−19.6%']));
    expect(chartTexts(svgOf(figures.get('fig-budget')!))).toEqual(expect.arrayContaining(['£803,917', '£30,000', '£431,928']));
    const budgetRows = findAll(find(figures.get('fig-budget')!, 'tbody')!, 'tr').map((tr) => toString(tr));
    expect(budgetRows[0]).toBe('Local Authority£803,917');
  });

  it('labels every series directly, so colour is never the only key', async () => {
    const { figures } = await renderCharts(everySpec, context());
    const line = chartTexts(svgOf(figures.get('fig-line')!));
    expect(line).toEqual(expect.arrayContaining(['Northtown', 'Comparator family', 'England and Wales']));
    const stacked = chartTexts(svgOf(figures.get('fig-stacked')!));
    expect(stacked).toEqual(expect.arrayContaining(['Youth Caution', 'Youth Conditional Caution', 'Referral Order', 'Other outcomes']));
    const grouped = chartTexts(svgOf(figures.get('fig-grouped')!));
    expect(grouped).toEqual(expect.arrayContaining(['Jul 15 – Jun 16: 27.5%', 'Jul 16 – Jun 17: 33.0%']));
  });

  it('draws the same chart as the same bytes, however often and in whatever company', async () => {
    const alone = await renderCharts([everySpec[4]!], context());
    const together = await renderCharts([...everySpec].reverse(), context());
    const again = await renderCharts(everySpec, context());
    const line = svgOf(alone.figures.get('fig-line')!);
    expect(svgOf(together.figures.get('fig-line')!)).toBe(line);
    expect(svgOf(again.figures.get('fig-line')!)).toBe(line);
  });

  it('gives each figure its own ids, so two charts on a page never clash', async () => {
    const data = { spec: 'clipped', data: 'custody', attributes: { rows: 'Northtown' } };
    const { figures, diagnostics } = await renderCharts([request({ ...data, id: 'fig-a' }), request({ ...data, id: 'fig-b' })], context());
    expect(diagnostics).toEqual([]);
    const a = svgOf(figures.get('fig-a')!);
    const b = svgOf(figures.get('fig-b')!);
    expect(a).toMatch(/<clipPath id="fig-a-chart-1">/);
    expect(a).toContain('clip-path="url(#fig-a-chart-1)"');
    expect(b).toMatch(/<clipPath id="fig-b-chart-1">/);
    expect(a.replaceAll('fig-a', 'fig-b')).toBe(b);
  });

  it('takes a plan’s own spec before the built-in one of the same name', async () => {
    const plan = `${context().planDir}/plan/templates/charts`;
    const { figures, diagnostics } = await renderCharts([request({ spec: 'bar', data: 'change' })], context({ specDirs: [plan, context().specDirs[1]!] }));
    expect(diagnostics).toEqual([]);
    const svg = svgOf(figures.get('fig-change')!);
    expect(svg).toContain('mark-symbol');
    expect(svg).not.toContain('mark-rect');
  });

  it('keeps the author’s words out of raw markup', async () => {
    const title = hastText('Rates <script>alert(1)</script> & more');
    const { figures } = await renderCharts([request({ spec: 'line', data: 'custody', title })], context());
    const svg = svgOf(figures.get('fig-custody')!);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('<title id="fig-custody-title">Figure 1: Rates &#x3C;script>alert(1)&#x3C;/script> &#x26; more</title>');
  });
});
