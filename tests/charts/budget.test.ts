/**
 * Whatever slips past the spec checks is held when the chart is drawn: rows, marks and SVG are
 * counted before anything larger is made, and a chart that runs past its time is stopped. Each
 * is a located chart:too-large at the spec file, never a crash or a hang. Budgets are made small
 * here so that real charts pass them; no test depends on how long anything takes.
 */
import { describe, expect, it } from 'vitest';
import { renderCharts } from '../../scripts/charts/index.ts';
import { RenderPool } from '../../scripts/charts/worker/index.ts';
import { CHART_BUDGET } from '../../scripts/safety/limits.ts';
import path from 'node:path';
import { builtInSpecs, context, request } from './helpers.ts';

const chart = request({ id: 'fig-custody', spec: 'line', data: 'custody' });

describe('the budget a drawn chart is held to', () => {
  it('draws the fixture chart within the default budget', async () => {
    const { figures, diagnostics } = await renderCharts([chart], context());
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(figures.has('fig-custody')).toBe(true);
  });

  it.each([
    ['rows', { rows: 3 }, /made \d+ rows of data, more than the 3 a chart may hold/],
    ['marks', { marks: 5 }, /has \d+ marks, more than the 5 a chart may hold/],
    ['svg', { svgBytes: 1024 }, /is \d+ KB of SVG, more than the 1 KB a chart may be/],
  ])('stops a chart past its %s at the spec file, naming the figure, and draws no figure', async (_what, budget, message) => {
    const { figures, diagnostics } = await renderCharts([chart], context({ budget }));
    expect(figures.size).toBe(0);
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: path.join(builtInSpecs, 'line.vl.json'), place: { line: 1, column: 1 }, severity: 'error', ruleId: 'chart:too-large', message: expect.stringMatching(message) }),
    ]);
    expect(diagnostics[0]!.message).toContain('#fig-custody');
  });
});

describe('the memory budget', () => {
  it('stops a renderer whose chart makes more rows than its heap holds, alone, and draws the next chart on a fresh one', async () => {
    // The row budget is lifted, so memory alone can stop it; time enough that memory, not time,
    // is what runs out, however busy the machine. Ten million generated rows are each an object
    // Vega keeps: more than a GB, far past 160 MB, on any run.
    const pool = new RenderPool({ ...CHART_BUDGET, rows: 1_000_000_000, memoryMb: 160, milliseconds: 300_000 }, 1);
    const spec = {
      data: { sequence: { start: 0, stop: 10_000_000, as: 'n' } },
      mark: 'point',
      encoding: { x: { field: 'n', type: 'quantitative' } },
    };
    expect(await pool.draw({ spec, config: {}, width: 400, fit: false })).toMatchObject({ ok: false, overBudget: { what: 'memory', limit: 160 } });
    const next = await pool.draw({ spec: { data: { values: [{ a: 1 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' } } }, config: {}, width: 100, fit: false });
    expect(next).toMatchObject({ ok: true });
  }, 600_000);
});

describe('the time budget', () => {
  const stuck = new URL('../fixtures/charts/threads/stuck.ts', import.meta.url).href;
  const input = (spec: Record<string, unknown>) => ({ spec, config: {}, width: 640, fit: false });

  it('stops a renderer that never finishes its chart, and draws the next chart on a fresh one', async () => {
    const pool = new RenderPool({ ...CHART_BUDGET, milliseconds: 300 }, 1, stuck);
    const stopped = await pool.draw(input({ stuck: true }));
    expect(stopped).toMatchObject({ ok: false, overBudget: { what: 'time', limit: 300 } });
    // The one renderer was killed; the pool starts another for what comes next.
    expect(await pool.draw(input({}))).toMatchObject({ ok: true, svg: '<svg width="1" height="1"></svg>' });
  });

  it('keeps other charts drawing while one is stuck', async () => {
    const pool = new RenderPool({ ...CHART_BUDGET, milliseconds: 300 }, 2, stuck);
    const [a, b, c] = await Promise.all([pool.draw(input({ stuck: true })), pool.draw(input({})), pool.draw(input({}))]);
    expect(a).toMatchObject({ ok: false, overBudget: { what: 'time' } });
    expect([b!.ok, c!.ok]).toEqual([true, true]);
  });
});
