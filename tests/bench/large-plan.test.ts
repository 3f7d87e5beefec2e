/** The bench's large plan: the sample N times over, still a valid plan, the same every time. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { copySection, scaleData, writeLargePlan, type LargePlan } from '../../scripts/bench/large-plan.ts';
import { budgetTotals } from '../../scripts/figures/budget.ts';
import { build } from '../../scripts/build/index.ts';
import type { BudgetData } from '../../scripts/schema/index.ts';

const sample = path.resolve(import.meta.dirname, '../..');
let dir: string;
let plan: LargePlan;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-large-test-'));
  plan = await writeLargePlan(sample, 3, path.join(dir, 'a'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('a plan three times the sample checks with no errors, one contents and one glossary', async () => {
  const result = await build({ root: plan.dir, outDir: path.join(dir, 'out'), pdf: false, checkOnly: true });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.ok).toBe(true);
  const files = await readdir(path.join(plan.dir, 'content'));
  expect(files.filter((f) => f.startsWith('contents'))).toEqual(['contents.md']);
  expect(files.filter((f) => f.startsWith('glossary'))).toEqual(['glossary.md']);
  expect(plan.charts).toBe(21);
  expect(plan.sections).toBeGreaterThan(60);
}, 60_000);

test('the same sample and size give the same files', async () => {
  const again = await writeLargePlan(sample, 3, path.join(dir, 'b'));
  for (const sub of ['plan.yaml', 'content/custody-x3.md', 'data/budget-x2.yaml']) {
    expect(await readFile(path.join(again.dir, sub), 'utf8'), sub).toBe(await readFile(path.join(plan.dir, sub), 'utf8'));
  }
});

test('a copied section points at its own copies of the data, figures and sections', () => {
  const text = '---\ntitle: Custody\n---\n\n:::chart{#fig-a data=rates spec=line}\nSee :ref[fig-a], :value[rates.total] and [the overview](#overview).\n:::\n';
  const copy = copySection(text, 2, { dataName: (n) => `${n}-x2`, anchor: (id) => `${id}-x2` });
  expect(copy).toContain('title: Custody (part 2)');
  expect(copy).toContain(':::chart{#fig-a-x2 data=rates-x2 spec=line}');
  expect(copy).toContain(':ref[fig-a-x2], :value[rates-x2.total] and [the overview](#overview-x2)');
});

test('scaled budget figures keep each stated total as far from the computed one as it was', () => {
  const budget = {
    kind: 'budget',
    caption: 'B',
    columns: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }],
    rows: [{ agency: 'X', a: 100, b: 55, 'stated-total': 155 }, { agency: 'Y', a: 7, b: null, 'stated-total': 9 }],
    stated: { a: 107, total: 164 },
  };
  const scaled = scaleData(budget, 3) as unknown as BudgetData & { stated: Record<string, number> };
  const totals = budgetTotals(scaled);
  expect(scaled.rows[0]!.a).toBe(108);
  expect(scaled.rows[0]!['stated-total']).toBe(totals.rows[0]);
  expect((scaled.rows[1]!['stated-total'] as number) - totals.rows[1]!).toBe(9 - 7);
  expect(scaled.stated.a).toBe(totals.columns.a);
  expect(scaled.stated.total! - totals.grand).toBe(164 - 162);
});
