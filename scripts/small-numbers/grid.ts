/**
 * Primary and secondary suppression in one table of counts, over plain numbers.
 *
 *   counts ──primary──▶ cells from 1 to below−1 ──secondary (to a fixed point)──▶ withheld cells
 *                                                  └─ a line that cannot be protected ─▶ its total withheld
 *
 * A line is a row (its counting columns) or a column (all its rows). Each line's total can be
 * published or worked out, so a line that hides anything must hide at least two cells, and the
 * cells it hides must add up to at least `below`: otherwise the total, less the cells shown,
 * gives a small count away. The cell added is the smallest count above zero still shown in the
 * line (a zero hides nothing: readers guess it). Zeros are shown: a zero identifies no one.
 */

export type Reason = 'small' | 'reveals';

export interface CountGrid {
  rows: number;
  /** The columns that count people, by key. */
  columns: readonly string[];
  /** The figure in a cell, or null when it has none. */
  value(row: number, column: string): number | null;
}

export type Line = { kind: 'row'; row: number } | { kind: 'column'; column: string };

export interface Cell {
  row: number;
  column: string;
}

export interface Secondary {
  cell: Cell;
  /** The line whose total would have given a count away. */
  line: Line;
  /** The cell it protects: the first hidden one in that line. */
  protects: Cell;
}

export interface GridProtection {
  /** Withheld cells, keyed by `cellKey`. */
  cells: Map<string, Reason>;
  /** Cells withheld only to protect another, in the order they were chosen. */
  secondary: Secondary[];
  /** Lines whose total must be withheld, because no cell in them could protect their small counts. */
  totals: Line[];
}

export const cellKey = (row: number, column: string): string => `${row}\u0000${column}`;

export const isSmall = (value: number | null, below: number): value is number => value !== null && value > 0 && value < below;

export function protectGrid(grid: CountGrid, below: number): GridProtection {
  const cells = new Map<string, Reason>();
  for (let row = 0; row < grid.rows; row++) {
    for (const column of grid.columns) if (isSmall(grid.value(row, column), below)) cells.set(cellKey(row, column), 'small');
  }
  const lines: Array<{ line: Line; cells: Cell[] }> = [
    ...Array.from({ length: grid.rows }, (_, row) => ({ line: { kind: 'row', row } as Line, cells: grid.columns.map((column) => ({ row, column })) })),
    ...grid.columns.map((column) => ({ line: { kind: 'column', column } as Line, cells: Array.from({ length: grid.rows }, (_, row) => ({ row, column })) })),
  ];
  const secondary: Secondary[] = [];
  const unprotected = new Map<string, Line>();
  const count = (cell: Cell): number => grid.value(cell.row, cell.column) ?? 0;

  // Each cell added can open another line: go round until no line changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const { line, cells: lineCells } of lines) {
      const hidden = lineCells.filter((c) => cells.has(cellKey(c.row, c.column)));
      if (!hidden.length) continue;
      const exposed = (): boolean => hidden.length === 1 || hidden.reduce((n, c) => n + count(c), 0) < below;
      while (exposed()) {
        const next = lineCells
          .filter((c) => !cells.has(cellKey(c.row, c.column)) && count(c) > 0)
          .sort((a, b) => count(a) - count(b))[0];
        if (!next) break;
        cells.set(cellKey(next.row, next.column), 'reveals');
        secondary.push({ cell: next, line, protects: hidden[0]! });
        hidden.push(next);
        changed = true;
      }
      const key = line.kind === 'row' ? `r${line.row}` : `c${line.column}`;
      if (exposed()) unprotected.set(key, line);
      else unprotected.delete(key);
    }
  }
  return { cells, secondary, totals: [...unprotected.values()] };
}
