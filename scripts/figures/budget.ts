/**
 * Budget totals are computed from the cells, never typed. A total the source
 * document states is kept only to be compared: the board signs the computed one.
 */
import type { BudgetData } from '../schema/index.ts';
import type { StatedMismatch } from './stated.ts';

export type { StatedMismatch } from './stated.ts';

export interface BudgetTotals {
  /** Total of each row, in row order. */
  rows: number[];
  /** Total of each column, by column key. */
  columns: Record<string, number>;
  grand: number;
}

export const amount = (value: unknown): number => (typeof value === 'number' ? value : 0);

// Pence, not pounds, so that sums of amounts with pence are exact.
const sum = (values: number[]): number => values.reduce((total, v) => total + Math.round(v * 100), 0) / 100;

export function budgetTotals(budget: BudgetData): BudgetTotals {
  const rows = budget.rows.map((row) => sum(budget.columns.map((c) => amount(row[c.key]))));
  const columns = Object.fromEntries(budget.columns.map((c) => [c.key, sum(budget.rows.map((row) => amount(row[c.key])))]));
  return { rows, columns, grand: sum(rows) };
}

/** Every stated total that disagrees with the computed one. */
export function statedMismatches(budget: BudgetData, totals: BudgetTotals = budgetTotals(budget)): StatedMismatch[] {
  const out: StatedMismatch[] = [];
  budget.rows.forEach((row, index) => {
    const stated = row['stated-total'];
    if (typeof stated === 'number' && stated !== totals.rows[index]) {
      out.push({ path: ['rows', index, 'stated-total'], what: `total for ${String(row[rowLabelKey(budget)] ?? `row ${index + 1}`)}`, stated, computed: totals.rows[index]! });
    }
  });
  for (const [key, stated] of Object.entries(budget.stated ?? {})) {
    const computed = key === 'total' ? totals.grand : totals.columns[key];
    const column = budget.columns.find((c) => c.key === key);
    if (computed !== undefined && stated !== computed) {
      out.push({ path: ['stated', key], what: key === 'total' ? 'grand total' : `total of “${column?.label ?? key}”`, stated, computed });
    }
  }
  return out;
}

/** The key in each row that names it: the one key that is not a column or a stated total. */
export function rowLabelKey(budget: BudgetData): string {
  const reserved = new Set([...budget.columns.map((c) => c.key), 'stated-total']);
  for (const row of budget.rows) {
    const key = Object.keys(row).find((k) => !reserved.has(k) && typeof row[k] === 'string');
    if (key) return key;
  }
  return 'agency';
}
