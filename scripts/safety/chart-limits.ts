/**
 * Limits on chart specs and the budget a drawn chart is held to (re-exported by limits.ts with
 * the other input limits). Kept in a module of their own, importing nothing, because the chart
 * renderer's process reads them and should load no more than it needs.
 */

/*
 * Chart specs. Vega-Lite can make data as well as draw it: a generator, a fold, a flatten or a
 * fine bin multiplies the rows a chart holds, and each row may become a mark. The sample's specs
 * stay far inside each of these; a spec past one is refused at its place before anything is
 * drawn, and the budget after them holds whatever the static checks cannot see.
 */
/** Items in an array written inside an expression (`[1, 2, 3]`): `flatten` makes a row of each. */
export const MAX_EXPRESSION_ARRAY_ITEMS = 100;
/** Values a `sequence` generator (or an impute's `keyvals` sequence) may make. */
export const MAX_SEQUENCE_VALUES = 1000;
/** Bins a `bin` may make (`maxbins`, `steps`, or its `extent` over its `step`). */
export const MAX_BINS = 200;
/** Points a `density` or `quantile` transform may compute (`steps`, `maxsteps`, 1 / `step`, `probs`). */
export const MAX_CURVE_POINTS = 1000;
/** The order of a polynomial `regression` (its matrices grow with the square of it). */
export const MAX_REGRESSION_ORDER = 10;
/** Fields one `fold` turns into rows. */
export const MAX_FOLD_FIELDS = 50;
/** `fold` and `flatten` transforms in one spec: each multiplies the rows before it. */
export const MAX_ROW_MULTIPLIERS = 2;
/** Transforms in one spec (the largest built-in spec has about 30). */
export const MAX_TRANSFORMS = 200;
/** Views in one spec, repeats counted out (`repeat`, `concat` and `layer` each add views). */
export const MAX_VIEWS = 50;
/** Pixels in a view's `width`, `height` or `step` (axes make a tick every 40 or so). */
export const MAX_CHART_PIXELS = 4000;
/** An axis's or legend's `tickCount`. */
export const MAX_TICK_COUNT = 100;

/** What a chart may hold once drawn: rows in all its data sets, marks in its picture, bytes of SVG. */
export interface ChartBudget {
  rows: number;
  marks: number;
  svgBytes: number;
  /** Time to draw one chart, in milliseconds, from when it is handed to a renderer ready to draw. */
  milliseconds: number;
  /** The heap one renderer process may use, in MB: past it, V8 stops the process. */
  memoryMb: number;
}

/** A real chart holds a few hundred rows and marks, makes 20–80 KB of SVG and draws in well under a second. */
export const CHART_BUDGET: Readonly<ChartBudget> = {
  rows: 100_000,
  marks: 20_000,
  svgBytes: 2 * 1024 * 1024,
  milliseconds: 20_000,
  memoryMb: 512,
};
