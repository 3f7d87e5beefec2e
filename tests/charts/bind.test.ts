import { describe, expect, it } from 'vitest';
import { bindData, type Roles } from '../../scripts/charts/bind.ts';
import { dataTable } from '../../scripts/charts/data-table.ts';
import { chartMessages } from '../../scripts/messages/chart.ts';
import type { BudgetData, TableData } from '../../scripts/schema/index.ts';
import { fixture } from './helpers.ts';

const lineRoles: Roles = { category: 'column', series: 'row' };
const barRoles: Roles = { category: 'row', series: null };
const table = (name: string): TableData => fixture(name) as TableData;

describe('bindData', () => {
  it('gives one long-form row per figure, with the fields a spec reads', () => {
    const { binding, problems } = bindData(table('custody'), {}, lineRoles);
    expect(problems).toEqual([]);
    expect(binding!.data[0]).toEqual({
      row: 'Northtown',
      rowIndex: 0,
      column: 'Apr 14 – Mar 15',
      columnKey: 'y2015',
      columnIndex: 1,
      group: null,
      value: 0.45,
      label: '0.45',
      category: 'Apr 14 – Mar 15',
      categoryIndex: 0,
      series: 'Northtown',
      seriesIndex: 0,
      last: false,
    });
    expect(binding!.categories).toHaveLength(5);
    expect(binding!.series).toEqual(['Northtown', 'Southshire Police and Crime Commissioner area', 'Comparator family', 'England and Wales']);
  });

  it('skips empty cells: no figure, no mark', () => {
    const { binding } = bindData(table('custody'), {}, lineRoles);
    expect(binding!.data).toHaveLength(19);
    expect(binding!.data.find((d) => d.columnKey === 'y2017' && d.rowIndex === 1)).toBeUndefined();
  });

  it('marks each series’ last value, where a line’s end label goes', () => {
    const { binding } = bindData(table('custody'), {}, lineRoles);
    const last = binding!.data.filter((d) => d.last);
    expect(last.map((d) => [d.series, d.column])).toEqual(binding!.series.map((s) => [s, 'Apr 18 – Mar 19']));
  });

  it('selects rows by their heading or their number, in the order given', () => {
    const { binding } = bindData(table('custody'), { rows: 'england and wales, 1' }, lineRoles);
    expect(binding!.series).toEqual(['England and Wales', 'Northtown']);
  });

  it('selects columns by key or by label, and by group', () => {
    const byKey = bindData(table('custody'), { columns: 'y2019,y2015' }, lineRoles).binding!;
    expect(byKey.categories).toEqual(['Apr 18 – Mar 19', 'Apr 14 – Mar 15']);

    const byLabel = bindData(table('outcomes'), { columns: 'LAC', category: 'group' }, lineRoles).binding!;
    expect(byLabel.categories).toEqual(['Q1 (Jul 17 – Jun 18)', 'Q2 (Oct 17 – Sep 18)', 'Q3 (Jan 18 – Dec 18)', 'Q4 (Apr 18 – Mar 19)']);
    expect(new Set(byLabel.data.map((d) => d.column))).toEqual(new Set(['LAC']));

    const byGroup = bindData(table('cohorts'), { group: 're-offences per re-offender' }, { category: 'row', series: 'column' }).binding!;
    expect(byGroup.series).toEqual(['Jul 15 – Jun 16', 'Jul 16 – Jun 17']);
    expect(byGroup.valueType).toBe('number');
    expect(byGroup.data.map((d) => d.label).slice(0, 2)).toEqual(['2.77', '3.47']);
  });

  it('sums the rows left out into one, under the name `others` gives', () => {
    const { binding } = bindData(table('outcomes'), { columns: 'Total', category: 'group', rows: 'Youth Caution', others: 'Other outcomes' }, lineRoles);
    expect(binding!.series).toEqual(['Youth Caution', 'Other outcomes']);
    const others = binding!.data.filter((d) => d.series === 'Other outcomes').map((d) => d.value);
    // Q2's Detention and Training Order is null: it adds nothing rather than making the sum null.
    expect(others).toEqual([12 + 13 + 2 + 1 + 2, 13 + 8 + 0 + 4, 9 + 5 + 9 + 0 + 2, 7 + 5 + 0 + 0 + 0]);
  });

  it('charts a budget’s computed totals per agency, or its columns when asked', () => {
    const budget = fixture('budget') as BudgetData;
    const totals = bindData(budget, {}, barRoles).binding!;
    expect(totals.data.map((d) => [d.category, d.value, d.label])).toEqual([
      ['Local Authority', 803917, '£803,917'],
      ['Police Service', 30000, '£30,000'],
      ['National Probation Service', 45000, '£45,000'],
      ['Police and Crime Commissioner', 150000, '£150,000'],
      ['Practice Grant', 431928, '£431,928'],
    ]);
    expect(totals.valueType).toBe('currency');
    expect(totals.titles.category).toEqual({ text: 'Agency', explicit: false });

    const parts = bindData(budget, { columns: 'staffing,in-kind' }, { category: 'row', series: 'column' }).binding!;
    expect(parts.series).toEqual(['Staffing costs', 'Payments in kind – revenue']);
    expect(parts.data).toHaveLength(5);
  });

  it('formats percentages as the number you say, with a minus sign', () => {
    const { binding } = bindData(table('change'), {}, barRoles);
    expect(binding!.data.map((d) => d.label)).toEqual(['−27%', '−16%', '−19.6%']);
    expect(binding!.valueType).toBe('percent');
    expect(binding!.titles.value).toEqual({ text: 'Change in first time entrants', explicit: false });
  });

  it('takes titles from the directive before the data', () => {
    const { binding } = bindData(table('custody'), { 'category-label': 'Year', 'value-label': '' }, lineRoles);
    expect(binding!.titles).toEqual({
      category: { text: 'Year', explicit: true },
      series: { text: 'Area', explicit: false },
      value: { text: undefined, explicit: true },
    });
  });

  it('names an unknown row, column or group, with the likely one meant', () => {
    expect(bindData(table('custody'), { rows: 'Northtwon' }, lineRoles).problems).toEqual([chartMessages.unknownRow('Northtwon', 'Northtown')]);
    expect(bindData(table('custody'), { columns: 'y2051' }, lineRoles).problems).toEqual([chartMessages.unknownColumn('y2051', 'y2015')]);
    expect(bindData(table('cohorts'), { group: 'Binary rate' }, lineRoles).problems).toEqual([
      chartMessages.unknownGroup('Binary rate', undefined, ['Binary rate of re-offending', 'Re-offences per re-offender']),
    ]);
  });

  it('refuses text columns, mixed units and figures that would fall on one another', () => {
    expect(bindData(table('cohorts'), { columns: 'note' }, lineRoles).problems).toEqual([chartMessages.notNumeric('note')]);
    expect(bindData(table('cohorts'), {}, lineRoles).problems).toEqual([chartMessages.mixedTypes(['percent', 'number'], 'Binary rate of re-offending')]);
    expect(bindData(table('outcomes'), {}, lineRoles).problems).toEqual([chartMessages.overlappingValues('Total', 'Youth Caution', true)]);
    expect(bindData(table('custody'), {}, barRoles).problems).toEqual([chartMessages.overlappingValues('Northtown', undefined, false)]);
  });

  it('warns of too many series and of attributes it does not know', () => {
    const { binding, problems } = bindData(table('outcomes'), { columns: 'Total', category: 'group', serie: 'row' }, lineRoles);
    expect(binding).toBeDefined();
    expect(problems).toEqual([chartMessages.unknownAttribute('serie', 'series'), chartMessages.tooManySeries(6)]);
  });

  it('asks for `rows` when `others` has nothing to sum', () => {
    expect(bindData(table('custody'), { others: 'Rest' }, lineRoles).problems).toEqual([chartMessages.othersWithoutRows()]);
  });
});

describe('dataTable', () => {
  it('lays the figures out as the chart does: a row per category, a column per series', () => {
    const { binding } = bindData(table('change'), {}, barRoles);
    expect(dataTable(binding!)).toEqual({
      caption: 'Change in first time entrants',
      corner: 'Area',
      columns: ['Change in first time entrants'],
      rows: [
        { heading: 'Northtown', cells: ['−27%'] },
        { heading: 'Comparator family', cells: ['−16%'] },
        { heading: 'England and Wales', cells: ['−19.6%'] },
      ],
      source: undefined,
    });
  });
});
