/**
 * Drawing, at build time in Node: Vega-Lite compiles the prepared spec to Vega, a headless View
 * (renderer 'none') runs it, and toSVG() serialises the scene. No chart code reaches the page.
 *
 *   prepared spec ──compile──▶ Vega spec ──parse──▶ View ──run──▶ SVG ──fit──▶ SVG of `width`
 *
 * Fit: Vega's `fit` autosize ignores marks outside the plot (end labels, value labels), and
 * where those move with the width it never settles. So the theme pads instead, and the plot is
 * narrowed by however much the whole chart overflows, until it fits: the same steps for the same
 * input, so the same bytes.
 *
 * Budget: after each run, the rows in the view's data sets and the marks in its scene are
 * counted, and the SVG measured, before anything larger is made; a chart past the budget
 * (safety/limits.ts) stops there with what it passed. Time and memory are held by the renderer
 * process that runs this (charts/worker/), which is stopped when it passes them.
 */
import * as vega from 'vega';
import { compile, type Config, type TopLevelSpec } from 'vega-lite';
import { registerTextFunctions, useDocumentFontMetrics } from './fonts.ts';
import type { JsonObject } from './specs.ts';
import { CHART_BUDGET, type ChartBudget } from '../safety/chart-limits.ts';

export interface RenderInput {
  spec: JsonObject;
  /** The theme: a Vega-Lite config. */
  config: JsonObject;
  /** The width the whole chart must fit, in CSS pixels. */
  width: number;
  /** Whether the renderer may change the plot width to fit (false when the spec sets its own). */
  fit: boolean;
  /** What the chart may hold (default CHART_BUDGET). */
  budget?: Pick<ChartBudget, 'rows' | 'marks' | 'svgBytes'> | undefined;
}

/** The part of the budget a chart passed, with how much it held (none for time and memory: it was stopped). */
export interface OverBudget {
  what: 'rows' | 'marks' | 'svg' | 'time' | 'memory';
  found?: number | undefined;
  limit: number;
}

export type RenderOutput =
  | { ok: true; svg: string; width: number; warnings: string[] }
  | { ok: false; error: string; warnings: string[]; overBudget?: OverBudget | undefined };

const maxFitSteps = 6;
const minPlotWidth = 120;

export async function renderSvg(input: RenderInput): Promise<RenderOutput> {
  useDocumentFontMetrics();
  registerTextFunctions();
  const warnings: string[] = [];
  const errors: string[] = [];
  const logger = collectingLogger(warnings, errors);

  let compiled: vega.Spec;
  try {
    // The theme's `$schema` and `description` are documentation, not config.
    const { $schema: _schema, description: _description, ...config } = input.config;
    compiled = compile(input.spec as unknown as TopLevelSpec, { config: config as Config, logger }).spec;
  } catch (error) {
    return { ok: false, error: firstLine(error), warnings };
  }

  let view: vega.View | undefined;
  try {
    view = new vega.View(vega.parse(compiled), { renderer: 'none', logger, logLevel: vega.Warn });
    let plotWidth = typeof input.spec.width === 'number' ? input.spec.width : input.width;
    let svg = '';
    let width = Infinity;
    const budget = input.budget ?? CHART_BUDGET;
    const over = (what: OverBudget['what'], found: number, limit: number): RenderOutput => ({ ok: false, error: `past the chart budget: ${found} ${what} (at most ${limit})`, warnings, overBudget: { what, found, limit } });
    for (let step = 0; step < maxFitSteps; step++) {
      view.width(plotWidth);
      await view.runAsync();
      if (errors.length) return { ok: false, error: errors[0]!, warnings };
      const rows = dataRows(view);
      if (rows > budget.rows) return over('rows', rows, budget.rows);
      const marks = sceneItems(view);
      if (marks > budget.marks) return over('marks', marks, budget.marks);
      svg = await view.toSVG();
      if (svg.length > budget.svgBytes) return over('svg', svg.length, budget.svgBytes);
      width = svgWidth(svg);
      if (!input.fit || (width <= input.width && input.width - width < 1)) break;
      const next = Math.floor(plotWidth - (width - input.width));
      if (next < minPlotWidth || next === plotWidth) break;
      plotWidth = next;
    }
    return { ok: true, svg, width, warnings: [...new Set(warnings)] };
  } catch (error) {
    return { ok: false, error: errors[0] ?? firstLine(error), warnings };
  } finally {
    view?.finalize();
  }
}

/** Rows in all the view's named data sets (Vega-Lite names every one it makes), facets' included. */
function dataRows(view: vega.View): number {
  interface State {
    data?: Record<string, unknown>;
    subcontext?: State[];
  }
  let rows = 0;
  const stack: State[] = [view.getState({ data: vega.truthy, signals: vega.falsy, recurse: true }) as State];
  while (stack.length) {
    const state = stack.pop()!;
    for (const values of Object.values(state.data ?? {})) if (Array.isArray(values)) rows += values.length;
    stack.push(...(state.subcontext ?? []));
  }
  return rows;
}

/** Items in the scene graph, every mark's and group's, counted without recursion. */
function sceneItems(view: vega.View): number {
  let count = 0;
  const stack: unknown[] = [(view.scenegraph() as unknown as { root: unknown }).root];
  while (stack.length) {
    const node = stack.pop() as { items?: unknown[] } | undefined;
    if (!node || !Array.isArray(node.items)) continue;
    count += node.items.length;
    for (const item of node.items) stack.push(item);
  }
  return count;
}

const svgWidth = (svg: string): number => Number(/^<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? NaN);

/** The message without its stack: a spec error is the author's to fix, not ours. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.trim();
}

/**
 * Vega and Vega-Lite log to the console by default; a build must say nothing there, so their
 * warnings are collected to become diagnostics, and their errors fail the chart.
 */
function collectingLogger(warnings: string[], errors: string[]) {
  const text = (args: readonly unknown[]): string => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  let level = vega.Warn;
  const logger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: readonly unknown[]) {
      errors.push(text(args));
      return logger;
    },
    warn(...args: readonly unknown[]) {
      warnings.push(text(args));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger as unknown as vega.LoggerInterface;
}
