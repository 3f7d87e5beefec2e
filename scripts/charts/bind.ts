/**
 * Data binding: a plan data file and a directive's attributes become the long-form rows a generic
 * Vega-Lite spec reads (one row per figure), plus what the figure needs around the chart:
 * axis titles and the data table. Pure: no files, no Vega.
 *
 *   data file ──grid──▶ rows × columns ──select──▶ chosen cells ──place──▶ BoundDatum[]
 *
 * A spec names what goes on its category axis and what tells its series apart in its
 * `usermeta.yjplan` (`{"category": "column", "series": "row"}`); the directive may override both.
 */
import type { MessageText } from '../diagnostics/index.ts';
import { formatValue } from '../figures/format.ts';
import { chartMessages } from '../messages/chart.ts';
import type { BudgetData, Cell, TableData } from '../schema/index.ts';
import { suggest } from '../diagnostics/suggest.ts';
import type { Mark, TableMarks } from '../small-numbers/index.ts';
import { gridOf, isFigureType, type FigureType, type Grid, type GridColumn, type GridRow } from './grid.ts';

export { isChartable, type FigureType } from './grid.ts';

/** What a generic spec can place: the data file's rows, its columns, or its column groups. */
export type Dimension = 'row' | 'column' | 'group';

export interface Roles {
  category: Dimension;
  series: Dimension | null;
}

/** One figure, in long form. Field names are the contract with the specs: never rename them. */
export interface BoundDatum {
  /** The row's heading (the text of the data file's header column). */
  row: string;
  /** The row's position in the data file, from 0. */
  rowIndex: number;
  /** The column's label. */
  column: string;
  columnKey: string;
  /** The column's position in the data file, from 0. */
  columnIndex: number;
  group: string | null;
  value: number;
  /** The value as the document writes it, en-GB (−27%, £1,234, 0.45). */
  label: string;
  /** The text on the category axis, and its position there from 0. */
  category: string;
  categoryIndex: number;
  /** The name of the series ('' when the chart has none), and its position from 0. */
  series: string;
  seriesIndex: number;
  /** The series' value at its last category: where a line's end label goes. */
  last: boolean;
}

export interface Binding {
  caption: string;
  source: string | undefined;
  data: BoundDatum[];
  /** Figures withheld so that no child can be identified: never drawn, marked in the data table. */
  withheld: Array<{ category: string; series: string; mark: Mark }>;
  categories: string[];
  series: string[];
  valueType: FigureType;
  titles: Record<Role, Title>;
}

export type Role = 'category' | 'series' | 'value';

/** An axis or legend title: from the directive (`explicit`), or what the data calls the thing. */
export interface Title {
  text: string | undefined;
  explicit: boolean;
}

export interface BindResult {
  binding?: Binding | undefined;
  /** Errors (no binding) and warnings, as message texts: the caller adds the place. */
  problems: MessageText[];
}

/** The attributes a chart directive may carry, besides id, data and spec. */
export const chartAttributes = [
  'rows',
  'columns',
  'group',
  'others',
  'category',
  'series',
  'category-label',
  'series-label',
  'value-label',
] as const;

// The directive's own attributes, which the pipeline may pass through.
const ignoredAttributes = new Set(['id', 'class', 'data', 'spec']);

const isError = (problem: MessageText): boolean => (problem.severity ?? 'error') === 'error';

const same = (a: string, b: string): boolean => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

/** A comma-separated attribute as its items, without blanks or repeats. */
export function listAttribute(value: string | undefined): string[] {
  if (value === undefined) return [];
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  return [...new Set(items)];
}

function selectRows(grid: Grid, items: string[], problems: MessageText[]): GridRow[] {
  const chosen: GridRow[] = [];
  for (const item of items) {
    const row = /^\d+$/.test(item) ? grid.rows[Number(item) - 1] : grid.rows.find((r) => same(r.label, item));
    if (!row) {
      problems.push(chartMessages.unknownRow(item, suggest(item, grid.rows.map((r) => r.label))));
    } else if (!chosen.includes(row)) {
      chosen.push(row);
    }
  }
  return chosen;
}

function selectColumns(grid: Grid, items: string[], group: string | undefined, problems: MessageText[]): GridColumn[] {
  let chosen: GridColumn[] = grid.defaultColumns;
  if (items.length) {
    chosen = [];
    for (const item of items) {
      const byKey = grid.columns.filter((c) => c.key === item);
      const matches = byKey.length ? byKey : grid.columns.filter((c) => same(c.label, item));
      if (!matches.length) {
        problems.push(chartMessages.unknownColumn(item, suggest(item, grid.columns.flatMap((c) => [c.key, c.label]))));
      }
      for (const column of matches) if (!chosen.includes(column)) chosen.push(column);
    }
  }
  if (group !== undefined) {
    const groups = [...new Set(grid.columns.flatMap((c) => (c.group ? [c.group] : [])))];
    const known = groups.find((g) => same(g, group));
    if (!known) {
      problems.push(chartMessages.unknownGroup(group, suggest(group, groups), groups));
      return [];
    }
    chosen = (items.length ? chosen : grid.columns).filter((c) => c.group === known);
  }
  for (const column of chosen) {
    if (!isFigureType(column.type)) problems.push(chartMessages.notNumeric(column.key));
  }
  return chosen;
}

function parseDimension(value: string | undefined, attribute: 'category' | 'series', fallback: Dimension | null, problems: MessageText[]): Dimension | null {
  if (value === undefined) return fallback;
  const word = value.trim().toLowerCase().replace(/s$/, '');
  if (word === 'row' || word === 'column' || word === 'group') return word;
  if (attribute === 'series' && (word === 'none' || word === '')) return null;
  problems.push(chartMessages.unknownDimension(attribute, value));
  return fallback;
}

/** The others row: the cells of the rows left out, summed column by column. */
function othersRow(label: string, left: GridRow[], columns: GridColumn[]): GridRow {
  const cells: Record<string, Cell> = {};
  for (const column of columns) {
    const figures = left.map((r) => r.cells[column.key]).filter((v): v is number => typeof v === 'number');
    // Rounded to 10 places so that 0.1 + 0.2 prints as 0.3 whatever the decimals.
    cells[column.key] = figures.length ? Math.round(figures.reduce((a, b) => a + b, 0) * 1e10) / 1e10 : null;
  }
  return { label, index: -1, cells };
}

const dimensionText = (dimension: Dimension, row: GridRow, column: GridColumn): string | null =>
  dimension === 'row' ? row.label : dimension === 'column' ? column.label : column.group;

/**
 * Binds `data` for a chart. `defaults` are the spec's roles; attributes override them.
 * Returns the binding, or the problems that prevent one (warnings may come with a binding).
 */
export function bindData(
  data: TableData | BudgetData,
  attributes: Readonly<Record<string, string>>,
  defaults: Roles,
  /** The cells the small-numbers setting withholds, by the data file's row and column key. */
  withheld?: Pick<TableMarks, 'cell' | 'reveals'> | undefined,
): BindResult {
  const problems: MessageText[] = [];
  const known = new Set<string>(chartAttributes);
  for (const name of Object.keys(attributes)) {
    if (!known.has(name) && !ignoredAttributes.has(name)) problems.push(chartMessages.unknownAttribute(name, suggest(name, chartAttributes)));
  }

  const grid = gridOf(data);
  const rowItems = listAttribute(attributes.rows);
  const chosenRows = rowItems.length ? selectRows(grid, rowItems, problems) : grid.rows;
  const columns = selectColumns(grid, listAttribute(attributes.columns), attributes.group, problems);
  const category = parseDimension(attributes.category, 'category', defaults.category, problems) ?? defaults.category;
  const series = parseDimension(attributes.series, 'series', defaults.series, problems);
  if (series === category) problems.push(chartMessages.sameDimension(category));

  const others = attributes.others?.trim();
  const rows = [...chosenRows];
  // The others row adds up rows left out: any withheld cell among them withholds its sum too.
  let othersHeld: (column: string) => Mark | undefined = () => undefined;
  if (others) {
    if (!rowItems.length) problems.push(chartMessages.othersWithoutRows());
    else {
      const left = grid.rows.filter((r) => !chosenRows.includes(r));
      if (left.length) rows.push(othersRow(others, left, columns));
      // Not a small count itself, perhaps, but it would give away the one it holds: marked as such.
      othersHeld = (column) => (withheld && left.some((r) => withheld.cell(r.index, column)) ? withheld.reveals : undefined);
    }
  }

  const types = [...new Set(columns.map((c) => c.type))].filter(isFigureType);
  if (types.length > 1) problems.push(chartMessages.mixedTypes(types, columns.find((c) => c.group)?.group ?? undefined));
  if (problems.some(isError)) return { problems };

  // Order each dimension as the selection lists it: rows as chosen, columns and groups by first use.
  const order = (dimension: Dimension, row: GridRow, column: GridColumn): number => {
    if (dimension === 'row') return rows.indexOf(row);
    if (dimension === 'column') return columns.findIndex((c) => c.label === column.label);
    return columns.findIndex((c) => c.group === column.group);
  };

  interface Placed {
    row: GridRow;
    column: GridColumn;
    value: number;
    category: string;
    categoryOrder: number;
    series: string;
    seriesOrder: number;
    mark?: Mark | undefined;
  }
  const placed: Placed[] = [];
  for (const row of rows) {
    for (const column of columns) {
      const cell = row.cells[column.key];
      if (cell === null || cell === undefined) continue;
      if (typeof cell !== 'number') {
        problems.push(chartMessages.notAFigure(row.label, column.label));
        continue;
      }
      const categoryText = dimensionText(category, row, column);
      const seriesText = series ? dimensionText(series, row, column) : '';
      if (categoryText === null || seriesText === null) {
        return { problems: [...problems, chartMessages.noGroup(column.key)] };
      }
      const mark = row.index >= 0 ? withheld?.cell(row.index, column.key) : othersHeld(column.key);
      placed.push({
        row,
        column,
        mark,
        // A withheld figure never reaches the chart: not as a bar, a label, a scale's end or a title.
        value: mark ? 0 : cell,
        category: categoryText,
        categoryOrder: order(category, row, column),
        series: seriesText,
        seriesOrder: series ? order(series, row, column) : 0,
      });
    }
  }
  if (!placed.length) return { problems: [...problems, chartMessages.noValues()] };

  const ranked = (key: 'category' | 'series', orderKey: 'categoryOrder' | 'seriesOrder'): string[] => {
    const first = new Map<string, number>();
    for (const p of placed) if (!first.has(p[key])) first.set(p[key], p[orderKey]);
    return [...first.entries()].sort((a, b) => a[1] - b[1]).map(([text]) => text);
  };
  const categories = ranked('category', 'categoryOrder');
  const seriesNames = series ? ranked('series', 'seriesOrder') : [''];

  const seen = new Map<string, Placed>();
  for (const p of placed) {
    const key = `${p.category}\u0000${p.series}`;
    const other = seen.get(key);
    if (other) {
      // The usual cause: the same label under each group heading (Total, LAC for every quarter).
      const byGroup = category === 'column' && series !== 'group' && other.column.group !== p.column.group;
      return { problems: [...problems, chartMessages.overlappingValues(p.category, series ? p.series : undefined, byGroup)] };
    }
    seen.set(key, p);
  }
  if (seriesNames.length > 4) problems.push(chartMessages.tooManySeries(seriesNames.length));

  const lastOf = new Map<string, number>();
  for (const p of placed.filter((q) => !q.mark)) lastOf.set(p.series, Math.max(lastOf.get(p.series) ?? -1, categories.indexOf(p.category)));

  const drawn = placed.filter((p) => !p.mark);
  if (!drawn.length) return { problems: [...problems, chartMessages.noValues()] };
  const data_: BoundDatum[] = drawn.map((p) => {
    const categoryIndex = categories.indexOf(p.category);
    return {
      row: p.row.label,
      rowIndex: p.row.index,
      column: p.column.label,
      columnKey: p.column.key,
      columnIndex: p.column.index,
      group: p.column.group,
      value: p.value,
      label: formatValue(p.value, p.column.type, p.column.decimals),
      category: p.category,
      categoryIndex,
      series: p.series,
      seriesIndex: seriesNames.indexOf(p.series),
      last: lastOf.get(p.series) === categoryIndex,
    };
  });

  // Rows have a name (the header column's label); columns and groups are named by their labels.
  const natural: Record<Role, string | undefined> = {
    category: category === 'row' ? grid.rowsLabel : undefined,
    series: series === 'row' ? grid.rowsLabel : undefined,
    value: columns.length === 1 ? columns[0]!.label : undefined,
  };
  const title = (role: Role): Title => {
    const given = attributes[`${role}-label`];
    return given === undefined ? { text: natural[role], explicit: false } : { text: given.trim() || undefined, explicit: true };
  };
  return {
    binding: {
      caption: grid.caption,
      source: grid.source,
      data: data_,
      withheld: placed.flatMap((p) => (p.mark ? [{ category: p.category, series: p.series, mark: p.mark }] : [])),
      categories,
      series: series ? seriesNames : [],
      valueType: (types[0] ?? 'number') as FigureType,
      titles: { category: title('category'), series: title('series'), value: title('value') },
    },
    problems,
  };
}
