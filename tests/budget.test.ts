import { describe, expect, it } from 'vitest';
import { budgetTotals, statedMismatches } from '../scripts/figures/budget.ts';
import type { BudgetData } from '../scripts/schema/index.ts';

const budget: BudgetData = {
  kind: 'budget',
  caption: 'Test',
  label: 'Agency',
  columns: [
    { key: 'cash', label: 'Cash' },
    { key: 'kind', label: 'In kind' },
  ],
  rows: [
    { agency: 'A', cash: 0.1, kind: 0.2, 'stated-total': 0.3 },
    { agency: 'B', cash: 100, kind: null },
  ],
  stated: { cash: 100.1, total: 999 },
};

describe('budget totals', () => {
  it('adds rows, columns and the grand total from the cells, exactly to the penny', () => {
    expect(budgetTotals(budget)).toEqual({ rows: [0.3, 100], columns: { cash: 100.1, kind: 0.2 }, grand: 100.3 });
  });

  it('lists only the stated totals that disagree with the computed ones', () => {
    expect(statedMismatches(budget)).toEqual([{ path: ['stated', 'total'], what: 'grand total', stated: 999, computed: 100.3 }]);
  });
});
