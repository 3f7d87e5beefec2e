/**
 * The sample's stacked charts, drawn from the sample's own data and directives: each series is
 * named beside its own part of the last column, names never overlap, and a series with nothing
 * in the last column is named in the legend instead of beside a part that is not there. The
 * figures are kept as golden files too (see golden.test.ts for how they are made).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { selectAll, select } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderCharts } from '../../scripts/charts/index.ts';
import { loadPlan } from '../../scripts/load/index.ts';
import { repoRoot } from '../helpers/plan-dir.ts';
import { builtInSpecs, fixtures, hastText, html, request } from './helpers.ts';
import { ChartCache } from '../../scripts/charts/index.ts';

const rows = 'Youth Caution,Youth Conditional Caution,Referral Order';
const charts = [
  { id: 'fig-fte-outcomes', attributes: { columns: 'Total', category: 'group', rows, others: 'Other outcomes' } },
  { id: 'fig-fte-lac', attributes: { columns: 'LAC', category: 'group', rows, others: 'Other outcomes' } },
];
const series = [...rows.split(','), 'Other outcomes'];

let figures: Map<string, Element>;

beforeAll(async () => {
  const loaded = await loadPlan(repoRoot);
  const data = new Map([...loaded.plan!.data].map(([name, entry]) => [name, { file: entry.file, value: entry.value }]));
  const result = await renderCharts(
    charts.map((c, i) => request({ id: c.id, spec: 'stacked-bar', data: 'fte-outcomes', number: i + 2, attributes: c.attributes, title: hastText(c.id) })),
    { data, specDirs: [path.join(repoRoot, 'templates', 'charts'), builtInSpecs], planDir: repoRoot, cache: new ChartCache() },
  );
  expect(result.diagnostics).toEqual([]);
  figures = result.figures;
}, 120_000);

/** A bar's box from its path (`M x,y h w v h h -w Z`). */
function box(d: string): { x: number; y: number; width: number; height: number } {
  const m = /^M([-\d.e]+),([-\d.e]+)h([-\d.e]+)v([-\d.e]+)/.exec(d)!;
  return { x: Number(m[1]), y: Number(m[2]), width: Number(m[3]), height: Number(m[4]) };
}
const translate = (node: Element): { x: number; y: number } => {
  const m = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(String(node.properties.transform))!;
  return { x: Number(m[1]), y: Number(m[2]) };
};

describe.each(charts)('the sample’s stacked chart $id', ({ id }) => {
  const parts = () => {
    const svg = fromHtml(html(figures.get(id)!), { fragment: true });
    const bars = selectAll('g.layer_0_marks path', svg).map((p) => box(String(p.properties.d)));
    const categories = bars.length / series.length;
    const labels = selectAll('g.layer_3_marks text', svg).map((t) => ({ text: toString(t), ...translate(t) }));
    const legend = selectAll('g.role-legend-label text', svg).map((t) => toString(t));
    return { bars, categories, labels, legend, svg };
  };

  it('names each series with a part in the last column beside that part, and the others in the legend', () => {
    const { bars, categories, labels, legend } = parts();
    expect(categories).toBe(4);
    series.forEach((name, s) => {
      const last = bars[s * categories + categories - 1]!;
      const label = labels.find((l) => l.text === name);
      if (last.height > 0) {
        expect(label, name).toBeDefined();
        expect(legend).not.toContain(name);
        // Level with its own part (a name moved to make room stays within a line of it).
        expect(label!.y, name).toBeGreaterThanOrEqual(last.y - 9);
        expect(label!.y, name).toBeLessThanOrEqual(last.y + last.height + 9);
        expect(label!.x, name).toBeGreaterThanOrEqual(last.x + last.width);
      } else {
        expect(label, name).toBeUndefined();
        expect(legend).toContain(name);
      }
    });
  });

  it('never lets two names overlap, nor run outside the chart', () => {
    const { labels, svg } = parts();
    const height = Number(select('svg', svg)!.properties.height);
    const ys = labels.map((l) => l.y).sort((a, b) => a - b);
    ys.slice(1).forEach((y, i) => expect(y - ys[i]!).toBeGreaterThanOrEqual(15.9));
    for (const l of labels) expect(l.y).toBeGreaterThan(0), expect(l.y).toBeLessThan(height);
  });

  it('is drawn as it was last looked at', async () => {
    const file = path.join(fixtures, 'expected', `stacked-bar-sample-${id}.html`);
    const actual = `${html(figures.get(id)!)}\n`;
    if (!existsSync(file)) {
      if (process.env.CI) throw new Error(`Missing expected output ${file}: create it locally and commit it`);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, actual);
    }
    expect(actual).toBe(await readFile(file, 'utf8'));
  });
});
