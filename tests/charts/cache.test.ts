import { mkdtemp, readdir } from 'node:fs/promises';
import { readCacheFile } from '../../scripts/safety/cache-dir.ts';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChartCache, chartKey } from '../../scripts/charts/cache.ts';
import { renderCharts } from '../../scripts/charts/index.ts';
import { context, request, svgOf } from './helpers.ts';

const chart = { svg: '<svg width="10"></svg>', width: 10, warnings: [] };
const counting = () => {
  let calls = 0;
  const draw = async () => {
    calls++;
    return chart;
  };
  return { draw, calls: () => calls };
};

describe('ChartCache', () => {
  it('draws a chart once, then answers from memory', async () => {
    const cache = new ChartCache();
    const { draw, calls } = counting();
    await cache.get('k', draw);
    expect(await cache.get('k', draw)).toEqual(chart);
    expect(calls()).toBe(1);
    expect(cache.stats).toEqual({ renders: 1, hits: 1 });
  });

  it('draws a chart asked for twice at once only once', async () => {
    const cache = new ChartCache();
    const { draw, calls } = counting();
    await Promise.all([cache.get('k', draw), cache.get('k', draw), cache.get('k', draw)]);
    expect(calls()).toBe(1);
  });

  it('keeps charts on disk for the next build', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'yjplan-cache-'));
    const first = counting();
    await new ChartCache(dir).get('k', first.draw);
    const second = counting();
    const next = new ChartCache(dir);
    expect(await next.get('k', second.draw)).toEqual(chart);
    expect(second.calls()).toBe(0);
    expect(next.stats).toEqual({ renders: 0, hits: 1 });
  });

  it('draws again when the stored chart is damaged, and never keeps a failure', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'yjplan-cache-'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path.join(dir, 'k.json'), '{"svg": 1');
    const { draw, calls } = counting();
    await new ChartCache(dir).get('k', draw);
    expect(calls()).toBe(1);

    const failing = new ChartCache(dir);
    expect(await failing.get('bad', async () => undefined)).toBeUndefined();
    expect(await readdir(dir)).toEqual(['k.json']);
  });

  it('keys by content: the same parts give the same key, any change another', () => {
    expect(chartKey({ spec: { mark: 'bar' }, width: 640 })).toBe(chartKey({ spec: { mark: 'bar' }, width: 640 }));
    expect(chartKey({ spec: { mark: 'bar' }, width: 640 })).not.toBe(chartKey({ spec: { mark: 'bar' }, width: 600 }));
  });
});

describe('renderCharts with a cache', () => {
  it('skips drawing charts whose spec, theme, data and size are unchanged', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'yjplan-cache-'));
    const requests = [request({ id: 'fig-a', spec: 'line', data: 'custody' }), request({ id: 'fig-b', spec: 'bar', data: 'change' })];

    const cold = new ChartCache(dir);
    const first = await renderCharts(requests, context({ cache: cold }));
    expect(cold.stats).toEqual({ renders: 2, hits: 0 });
    expect(await readdir(dir)).toHaveLength(2);

    const warm = new ChartCache(dir);
    const second = await renderCharts(requests, context({ cache: warm }));
    expect(warm.stats).toEqual({ renders: 0, hits: 2 });
    expect(svgOf(second.figures.get('fig-a')!)).toBe(svgOf(first.figures.get('fig-a')!));

    // A changed attribute is a different chart.
    await renderCharts([request({ id: 'fig-a', spec: 'line', data: 'custody', attributes: { rows: 'Northtown' } })], context({ cache: warm }));
    expect(warm.stats).toEqual({ renders: 1, hits: 2 });
  });

  it('draws a chart used twice in one build once', async () => {
    const cache = new ChartCache();
    const same = { spec: 'line', data: 'custody' };
    const { figures } = await renderCharts([request({ ...same, id: 'fig-1' }), request({ ...same, id: 'fig-2' })], context({ cache }));
    expect(cache.stats.renders).toBe(1);
    expect(figures.size).toBe(2);
  });

  it('stores the SVG with ids that do not depend on what ran before', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'yjplan-cache-'));
    await renderCharts([request({ spec: 'clipped', data: 'custody', attributes: { rows: 'Northtown' } })], context({ cache: new ChartCache(dir) }));
    const [file] = await readdir(dir);
    const stored = JSON.parse((await readCacheFile(dir, file!))!.toString()) as { svg: string };
    expect(stored.svg).toContain('<clipPath id="chart-1">');
  });
});
