/**
 * Small numbers: counts of people so small that publishing them may identify a child, found from
 * what the data files say their figures are, and withheld (or warned about) before anything is
 * rendered. Off unless plan.yaml has `small-numbers: { below: 5, action: warn | suppress }`.
 *
 *   data files ──classify──▶ counting columns and values (`people: true`)
 *              ──protect (grid.ts)──▶ per table: small cells, cells hidden to protect them,
 *                                     totals that cannot be protected
 *              ──▶ Disclosure: marks for tables and charts (suppress), located warnings (warn)
 *   quoted figures ──guard (figures.ts)──▶ cells, totals, values and derived figures withheld
 *
 * Every stage is pure: the build passes the Disclosure to the table, chart and `:value` handlers.
 */
import { diagnostic, type Diagnostic } from '../diagnostics/index.ts';
import type { DataEntry } from '../load/index.ts';
import { placeOf } from '../load/yaml-source.ts';
import { formatValue } from '../figures/format.ts';
import { smallNumberMessages } from '../messages/small-numbers.ts';
import type { SmallNumbers, TableData } from '../schema/index.ts';
import { cellKey, isSmall, protectGrid, type Cell, type GridProtection, type Line, type Reason } from './grid.ts';
import { markOf, tableNotes, type Mark } from './marks.ts';

export type { Mark } from './marks.ts';
export type { Reason } from './grid.ts';

/** How one table shows its cells once small numbers are withheld. */
export interface TableMarks {
  /** The mark shown in place of a cell's figure, or undefined when it is shown. */
  cell(row: number, column: string): Mark | undefined;
  /** The notes under the table that say what its marks mean. */
  notes: string[];
  /** The mark of a figure withheld because it would let a withheld count be worked out (`[c]`). */
  reveals: Mark;
}

export interface TableProtection {
  /** The keys of the columns that count people. */
  people: ReadonlySet<string>;
  /** Whether every figure column counts people, so that a row's total is a count of people too. */
  allPeople: boolean;
  grid: GridProtection;
  columnTotals: ReadonlyMap<string, Reason>;
  rowTotals: ReadonlyMap<number, Reason>;
}

export interface Disclosure {
  setting: SmallNumbers;
  /** The protection worked out for a table, when it has counting columns. */
  protection(data: string): TableProtection | undefined;
  /** A table's marks when the plan suppresses and the table withholds something; else undefined. */
  table(data: string): TableMarks | undefined;
  /** The warnings about the data files themselves. */
  diagnostics: Diagnostic[];
}

const isFigureType = (type: string): boolean => type === 'number' || type === 'currency' || type === 'percent';
export const countsPeople = (column: TableData['columns'][number]): boolean => column.people === true && column.type === 'number';

function cellNumber(table: TableData, row: number, column: string): number | null {
  const cell = table.rows[row]?.[column];
  return typeof cell === 'number' ? cell : null;
}

/** A table's protection, from its counting columns. Pure. */
export function protectTable(table: TableData, below: number): TableProtection | undefined {
  const people = table.columns.filter(countsPeople).map((c) => c.key);
  if (!people.length) return undefined;
  const grid = protectGrid({ rows: table.rows.length, columns: people, value: (r, c) => cellNumber(table, r, c) }, below);
  const figureColumns = table.columns.filter((c) => !c.header && isFigureType(c.type));
  const allPeople = figureColumns.every(countsPeople);
  const unprotected = (line: Line): boolean =>
    grid.totals.some((t) => (t.kind === 'row' && line.kind === 'row' ? t.row === line.row : t.kind === 'column' && line.kind === 'column' && t.column === line.column));
  const columnTotals = new Map<string, Reason>();
  for (const column of people) {
    const total = table.rows.reduce((n, _row, r) => n + (cellNumber(table, r, column) ?? 0), 0);
    if (isSmall(total, below)) columnTotals.set(column, 'small');
    else if (unprotected({ kind: 'column', column })) columnTotals.set(column, 'reveals');
  }
  const rowTotals = new Map<number, Reason>();
  table.rows.forEach((_row, r) => {
    const total = figureColumns.reduce((n, c) => n + (cellNumber(table, r, c.key) ?? 0), 0);
    if (allPeople && isSmall(total, below)) rowTotals.set(r, 'small');
    else if (unprotected({ kind: 'row', row: r })) rowTotals.set(r, 'reveals');
  });
  return { people: new Set(people), allPeople, grid, columnTotals, rowTotals };
}

/** Works out what the plan withholds. Pure: the data is not changed. */
export function protectPlan(data: ReadonlyMap<string, DataEntry>, setting: SmallNumbers): Disclosure {
  const below = setting.below;
  const protections = new Map<string, TableProtection>();
  const diagnostics: Diagnostic[] = [];
  for (const entry of data.values()) {
    const value = entry.value;
    if (value.kind === 'values') {
      for (const [key, v] of Object.entries(value.values)) {
        const marked = 'people' in v && v.people !== undefined;
        if (!marked && v.type === 'number' && typeof v.value === 'number' && Number.isInteger(v.value) && isSmall(v.value, below)) {
          diagnostics.push(diagnostic(entry.file, placeOf(entry.source, ['values', key], 'key'), smallNumberMessages.unmarked(`The value \`${key}\``, below)));
        }
      }
      continue;
    }
    if (value.kind !== 'table') continue;
    value.columns.forEach((column, c) => {
      if (column.people !== undefined || column.type !== 'number' || column.header) return;
      const small = value.rows.some((row) => typeof row[column.key] === 'number' && Number.isInteger(row[column.key]) && isSmall(row[column.key] as number, below));
      if (small) diagnostics.push(diagnostic(entry.file, placeOf(entry.source, ['columns', c, 'key']), smallNumberMessages.unmarked(`Column “${columnName(value, column.key)}”`, below)));
    });
    const protection = protectTable(value, below);
    if (!protection) continue;
    protections.set(entry.name, protection);
    if (setting.action === 'warn') diagnostics.push(...warnings(entry, value, protection, below));
  }

  const marks = new Map<string, TableMarks>();
  for (const [name, protection] of protections) {
    if (setting.action !== 'suppress' || !protection.grid.cells.size) continue;
    const shown = [...protection.grid.cells.values()].map((reason) => markOf(reason, below));
    marks.set(name, {
      cell: (row, column) => {
        const reason = protection.grid.cells.get(cellKey(row, column));
        return reason ? markOf(reason, below) : undefined;
      },
      notes: tableNotes(shown, below),
      reveals: markOf('reveals', below),
    });
  }
  return { setting, protection: (name) => protections.get(name), table: (name) => marks.get(name), diagnostics };
}

/** A column's name as the table heads it: its label, and its group's when it has one. */
function columnName(table: TableData, key: string): string {
  const column = table.columns.find((c) => c.key === key);
  if (!column) return key;
  return column.group ? `${column.label}, ${column.group}` : column.label;
}

function rowName(table: TableData, row: number): string {
  const header = table.columns.find((c) => c.header) ?? table.columns.find((c) => c.type === 'text');
  const cell = header ? table.rows[row]?.[header.key] : undefined;
  return cell === null || cell === undefined || cell === '' ? `Row ${row + 1}` : String(cell);
}

function warnings(entry: DataEntry, table: TableData, protection: TableProtection, below: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const cellName = (cell: Cell): string => `“${rowName(table, cell.row)}”, “${columnName(table, cell.column)}”`;
  const cellText = (cell: Cell): string => {
    const column = table.columns.find((c) => c.key === cell.column)!;
    return formatValue(cellNumber(table, cell.row, cell.column), column.type, column.decimals);
  };
  const lineName = (line: Line): string => (line.kind === 'row' ? `row “${rowName(table, line.row)}”` : `column “${columnName(table, line.column)}”`);
  const at = (cell: Cell) => placeOf(entry.source, ['rows', cell.row, cell.column]);
  for (const [key, reason] of protection.grid.cells) {
    if (reason !== 'small') continue;
    const [row, column] = key.split('\u0000') as [string, string];
    const cell = { row: Number(row), column };
    out.push(diagnostic(entry.file, at(cell), smallNumberMessages.smallCell(cellName(cell), cellText(cell), below)));
  }
  for (const s of protection.grid.secondary) {
    out.push(diagnostic(entry.file, at(s.cell), smallNumberMessages.givesAway(cellName(s.cell), cellText(s.cell), `the total of ${lineName(s.line)}`, cellName(s.protects))));
  }
  for (const line of protection.grid.totals) {
    const hidden = line.kind === 'row'
      ? [...protection.people].map((column) => ({ row: line.row, column }))
      : table.rows.map((_r, row) => ({ row, column: line.column }));
    const first = hidden.find((c) => protection.grid.cells.has(cellKey(c.row, c.column)));
    // A line of one cell has that cell for its total: the cell's own warning says it all.
    const figures = line.kind === 'row' ? table.columns.filter((c) => !c.header && isFigureType(c.type)).length : hidden.length;
    if (!first || figures < 2) continue;
    const place = line.kind === 'row' ? placeOf(entry.source, ['rows', line.row]) : placeOf(entry.source, ['columns', table.columns.findIndex((c) => c.key === line.column), 'key']);
    out.push(diagnostic(entry.file, place, smallNumberMessages.totalGivesAway(lineName(line), cellName(first))));
  }
  return out.sort((a, b) => (a.place?.line ?? 0) - (b.place?.line ?? 0) || (a.place?.column ?? 0) - (b.place?.column ?? 0));
}
