/**
 * One figure, one place: a service manager changes Rotherham's custody rate for April 2018 to
 * March 2019 in data/custody-rate.yaml, and nothing else, and every mention follows.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../scripts/build/index.ts';
import { planWith, repoRoot } from './helpers/plan-dir.ts';

const text = (node: Parameters<typeof toString>[0] | undefined): string => (node ? toString(node).replace(/\s+/g, ' ').trim() : '');

async function buildPage(root: string) {
  const out = await mkdtemp(path.join(os.tmpdir(), 'yjplan-out-'));
  const result = await build({ root, outDir: out, pdf: false });
  expect(result.ok).toBe(true);
  const doc = fromHtml(await readFile(path.join(out, 'index.html'), 'utf8'));
  const part = (selector: string) => select(selector, doc) ?? undefined;
  return {
    result,
    prose: text(part('section[aria-labelledby=custody] > p')),
    caption: text(part('#fig-custody-rate .chart-caption')),
    svg: toHtml(part('#fig-custody-rate svg') ?? { type: 'root', children: [] }),
    chartTitle: text(part('#fig-custody-rate svg title')),
    chartData: selectAll('#fig-custody-rate details tr', doc).map((tr) => selectAll('th, td', tr).map(text).join(' ')),
    table: selectAll('#tbl-custody-rate tbody tr:first-child > *', doc).map(text).join(' '),
    review: text(select('#tbl-review-2018 tbody tr:nth-child(3) td:last-child', doc) ?? undefined),
    page: toHtml(doc),
  };
}

describe('changing one figure in its one place', () => {
  let before: Awaited<ReturnType<typeof buildPage>>;
  let after: Awaited<ReturnType<typeof buildPage>>;
  beforeAll(async () => {
    const original = await readFile(path.join(repoRoot, 'data', 'custody-rate.yaml'), 'utf8');
    const changed = original.replace('apr18-mar19: 0.12', 'apr18-mar19: 0.15');
    expect(changed).not.toBe(original);
    [before, after] = await Promise.all([buildPage(await planWith('sample')), buildPage(await planWith('sample', { 'data/custody-rate.yaml': changed }))]);
  }, 120_000);

  it('quotes 0.12 and a fall of 0.29 in the sample as it stands', () => {
    expect(before.prose).toContain('April 2018 to March 2019 was 0.12, which represents 3 young people');
    expect(before.prose).toContain('our rate came down by 0.29');
    expect(before.review).toContain('the custody rate was 0.12 (3 young people), down 0.29 on the year before');
  });

  it('changes the prose, with the fall worked out again as 0.26', () => {
    expect(after.prose).toContain('April 2018 to March 2019 was 0.15, which represents 3 young people');
    expect(after.prose).toContain('our rate came down by 0.26');
  });

  it('changes the figure caption and the chart’s own title', () => {
    expect(after.caption).toBe("Figure 6: In April 2018 to March 2019 Rotherham's custody rate came down to 0.15, its lowest in five years and lower than the regional, YOT family and national rates.");
    expect(after.chartTitle).toContain('came down to 0.15');
  });

  it('changes the table, the chart and the chart’s data table', () => {
    expect(before.table).toBe('Rotherham 0.45 0.46 0.25 0.41 0.12');
    expect(after.table).toBe('Rotherham 0.45 0.46 0.25 0.41 0.15');
    expect(after.chartData).toContain('Apr 18 – Mar 19 0.15 0.23 0.20 0.31');
    expect(before.chartData).toContain('Apr 18 – Mar 19 0.12 0.23 0.20 0.31');
    expect(after.svg).not.toBe(before.svg);
  });

  it('changes the review of 2018', () => {
    expect(after.review).toContain('the custody rate was 0.15 (3 young people), down 0.26 on the year before');
  });

  it('leaves 0.12 nowhere on the page', () => {
    expect(before.page).toMatch(/>0\.12</);
    expect(after.page).not.toMatch(/\b0\.12\b/);
  });
});
