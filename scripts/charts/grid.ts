/**
 * A chartable data file seen as one plain grid: headed rows, typed columns, and the columns a
 * chart takes when the directive names none. A table's header column heads its rows; a budget's
 * rows are headed by agency and gain a computed `total` column, which is what it charts by default.
 */
import { budgetTotals, rowLabelKey } from '../figures/budget.ts';
import type { BudgetData, Cell, DataFile, TableData } from '../schema/index.ts';
import type { ValueType } from '../schema/common.ts';

export interface GridColumn {
  key: string;
  label: string;
  group: string | null;
  index: number;
  type: ValueType;
  decimals: number | undefined;
}

export interface GridRow {
  label: string;
  index: number;
  cells: Record<string, Cell | undefined>;
}

/** A data file seen as a plain grid of headed rows and typed columns. */
export interface Grid {
  caption: string;
  source: string | undefined;
  rowsLabel: string | undefined;
  columns: GridColumn[];
  rows: GridRow[];
  defaultColumns: GridColumn[];
}

/** Whether a data file can be charted. */
export const isChartable = (data: DataFile): data is TableData | BudgetData => data.kind === 'table' || data.kind === 'budget';

export type FigureType = Extract<ValueType, 'number' | 'currency' | 'percent'>;

export const isFigureType = (type: ValueType): type is FigureType => type === 'number' || type === 'currency' || type === 'percent';

export function tableGrid(table: TableData): Grid {
  const header = table.columns.find((c) => c.header) ?? table.columns.find((c) => c.type === 'text');
  const columns = table.columns
    .map((c, index): GridColumn => ({ key: c.key, label: c.label, group: c.group ?? null, index, type: c.type, decimals: c.decimals }))
    .filter((c) => c.key !== header?.key);
  const rows = table.rows.map((cells, index): GridRow => ({
    label: header && cells[header.key] !== null && cells[header.key] !== undefined ? String(cells[header.key]) : `Row ${index + 1}`,
    index,
    cells,
  }));
  return {
    caption: table.caption,
    source: table.source,
    rowsLabel: header?.label,
    columns,
    rows,
    defaultColumns: columns.filter((c) => isFigureType(c.type)),
  };
}

/** A budget's cells, plus each row's computed total as a column `total` (the default). */
export function budgetGrid(budget: BudgetData): Grid {
  const totals = budgetTotals(budget);
  const labelKey = rowLabelKey(budget);
  const total: GridColumn = { key: 'total', label: 'Total', group: null, index: budget.columns.length, type: 'currency', decimals: undefined };
  const columns = [
    ...budget.columns.map((c, index): GridColumn => ({ key: c.key, label: c.label, group: null, index, type: 'currency', decimals: undefined })),
    total,
  ];
  const rows = budget.rows.map((row, index): GridRow => {
    const label = row[labelKey];
    return {
      label: typeof label === 'string' ? label : `Row ${index + 1}`,
      index,
      cells: { ...row, total: totals.rows[index] ?? null },
    };
  });
  return { caption: budget.caption, source: budget.source, rowsLabel: budget.label, columns, rows, defaultColumns: [total] };
}

export const gridOf = (data: TableData | BudgetData): Grid => (data.kind === 'table' ? tableGrid(data) : budgetGrid(data));
