import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../scripts/load/index.ts';
import { lineOf, planWith, repoRoot } from './helpers/plan-dir.ts';

const errors = (r: Awaited<ReturnType<typeof loadPlan>>) => r.diagnostics.filter((d) => d.severity === 'error');

describe('loading a plan', () => {
  it('loads the sample with its 18 top-level sections, the accessibility statement and every data file, without errors', async () => {
    const result = await loadPlan(repoRoot);
    expect(errors(result)).toEqual([]);
    expect(result.plan?.sections).toHaveLength(19);
    expect(result.plan?.sections.map((s) => s.children.length)).toEqual([0, 0, 0, 0, 0, 3, 2, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(result.plan?.sections.at(-1)?.id).toBe('accessibility-statement');
    expect(result.plan?.data.get('accessibility')?.value.kind).toBe('accessibility');
    expect(result.plan?.data.get('budget')?.value.kind).toBe('budget');
  });

  it('warns, at the stated figure, when a stated budget total disagrees with the cells', async () => {
    const result = await loadPlan(repoRoot);
    const text = await readFile(path.join(repoRoot, 'data/budget.yaml'), 'utf8');
    const warning = result.diagnostics.find((d) => d.ruleId === 'budget:stated-total');
    expect(warning).toMatchObject({ file: 'data/budget.yaml', severity: 'warning', place: { line: lineOf(text, '635509') } });
    expect(warning?.message).toContain('£635,509');
    expect(warning?.message).toContain('£636,139');
  });

  it('suggests the key meant when a YAML key is misspelt', async () => {
    const dir = await planWith('small', {
      'data/priorities.yaml': 'kind: priorities\ncaption: P\npriorities:\n  - area: A\n    actions:\n      - action: Do it\n        onwer: Me\n',
    });
    const result = await loadPlan(dir);
    const unknown = result.diagnostics.find((d) => d.ruleId === 'schema:unknown-key');
    expect(unknown).toMatchObject({ file: 'data/priorities.yaml', place: { line: 7, column: 9 } });
    expect(unknown?.message).toBe('Unknown key `onwer`, did you mean `owner`?');
  });

  it('reports YAML syntax errors at their line and column', async () => {
    const dir = await planWith('small', { 'data/figures.yaml': 'kind: values\nvalues:\n  children: { value: 1234, type: number\n' });
    const result = await loadPlan(dir);
    const syntax = errors(result)[0];
    expect(syntax?.file).toBe('data/figures.yaml');
    expect(syntax?.ruleId).toMatch(/^yaml:/);
    expect(syntax?.place?.line).toBeGreaterThanOrEqual(3);
  });

  it('reports a tab used for indentation with a hint to use spaces', async () => {
    const dir = await planWith('small', { 'data/figures.yaml': 'kind: values\nvalues:\n\tchildren: 1234\n' });
    const result = await loadPlan(dir);
    expect(errors(result)[0]).toMatchObject({ file: 'data/figures.yaml', place: { line: 3, column: 1 }, ruleId: 'yaml:tab-as-indent' });
  });

  it('rejects a figure written as text, pointing at the cell', async () => {
    const dir = await planWith('small', {
      'data/education.yaml': (await readFile(path.join(repoRoot, 'tests/fixtures/plans/small/data/education.yaml'), 'utf8')).replace('start: 52,', 'start: "1,000",'),
    });
    const result = await loadPlan(dir);
    const error = errors(result)[0];
    expect(error).toMatchObject({ file: 'data/education.yaml', ruleId: 'schema:cell-type', place: { line: 9, column: 38 } });
    expect(error?.hint).toContain('without commas');
  });

  it('names a missing required field at its parent', async () => {
    const dir = await planWith('small', { 'data/glossary.yaml': 'kind: glossary\nterms:\n  - term: YJS\n' });
    const result = await loadPlan(dir);
    expect(errors(result)[0]).toMatchObject({ file: 'data/glossary.yaml', message: 'Missing required `definition`', place: { line: 3, column: 5 } });
  });

  it('refuses an outline entry that points outside the plan', async () => {
    const dir = await planWith('small', {
      'plan.yaml': (await readFile(path.join(repoRoot, 'tests/fixtures/plans/small/plan.yaml'), 'utf8')).replace('  - terms', '  - id: terms\n    file: ../../etc/passwd'),
    });
    const result = await loadPlan(dir);
    expect(errors(result)[0]).toMatchObject({ file: 'plan.yaml', ruleId: 'outline:outside-plan', place: { line: 16 } });
  });

  it('reports a duplicate section id at its second use', async () => {
    const dir = await planWith('small', {
      'plan.yaml': (await readFile(path.join(repoRoot, 'tests/fixtures/plans/small/plan.yaml'), 'utf8')).replace('  - terms', '  - terms\n  - money'),
    });
    const result = await loadPlan(dir);
    expect(errors(result)[0]).toMatchObject({ ruleId: 'outline:duplicate-id', place: { line: 16, column: 5 } });
  });

  it('reports an unknown kind of data file with the kinds allowed', async () => {
    const dir = await planWith('small', { 'data/extra.yaml': 'kind: tabel\n' });
    const result = await loadPlan(dir);
    expect(errors(result)[0]).toMatchObject({ file: 'data/extra.yaml', ruleId: 'schema:kind', place: { line: 1, column: 7 } });
  });

  it('reads files saved with Windows line endings and a byte-order mark', async () => {
    const text = await readFile(path.join(repoRoot, 'tests/fixtures/plans/small/data/education.yaml'), 'utf8');
    const dir = await planWith('small', { 'data/education.yaml': `\uFEFF${text.replace(/\n/g, '\r\n')}` });
    const result = await loadPlan(dir);
    expect(errors(result)).toEqual([]);
  });

  it('reports a file that is not UTF-8', async () => {
    const dir = await planWith('small', { 'data/figures.yaml': new Uint8Array([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a]) });
    const result = await loadPlan(dir);
    expect(errors(result)[0]).toMatchObject({ file: 'data/figures.yaml', ruleId: 'file:encoding' });
  });
});
