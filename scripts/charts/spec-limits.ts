/**
 * The parts of a spec that make rows, views or ticks, held to limits a real chart never meets
 * (safety/limits.ts). Each is reported at its key, before anything is drawn. What no check can
 * see from the spec alone (a facet over many values, a step fine against the data) is held by
 * the budget the renderer keeps (charts/worker/).
 */
import type { SpecLimit } from '../messages/chart.ts';
import {
  MAX_BINS,
  MAX_CHART_PIXELS,
  MAX_CURVE_POINTS,
  MAX_FOLD_FIELDS,
  MAX_REGRESSION_ORDER,
  MAX_ROW_MULTIPLIERS,
  MAX_SEQUENCE_VALUES,
  MAX_TICK_COUNT,
  MAX_TRANSFORMS,
  MAX_VIEWS,
} from '../safety/limits.ts';
import type { JsonObject } from './specs.ts';

export type JsonPath = Array<string | number>;

export interface LimitProblem {
  what: SpecLimit;
  found: number;
  limit: number;
  path: JsonPath;
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** Keys that size a view, in a spec or in the theme's `config.view`. */
const pixelKeys = new Set(['width', 'height', 'continuousWidth', 'continuousHeight', 'discreteWidth', 'discreteHeight']);

/** Every limit `json` passes (a spec, or the theme with `views: false`), in the order they are written. */
export function specLimits(json: JsonObject, options: { views?: boolean } = {}): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const over = (what: SpecLimit, found: number, limit: number, path: JsonPath): void => {
    // NaN and ±Infinity are past every limit; JSON cannot write them, but arithmetic on it can.
    if (!(found <= limit)) problems.push({ what, found, limit, path });
  };
  let transforms = 0;
  let multipliers = 0;

  walk(json, (key, value, path) => {
    if (pixelKeys.has(key)) {
      const size = num(value) ?? (isObject(value) ? num(value.step) : undefined);
      if (size !== undefined) over('pixels', size, MAX_CHART_PIXELS, isObject(value) ? [...path, 'step'] : path);
    }
    if (key === 'tickCount' && typeof value === 'number') over('ticks', value, MAX_TICK_COUNT, path);
    if (key === 'bin' && isObject(value)) bins(value, path, over);
    if ((key === 'data' && isObject(value) && isObject(value.sequence)) || (key === 'keyvals' && isObject(value))) {
      const sequence = key === 'data' ? (value as JsonObject).sequence as JsonObject : (value as JsonObject);
      over('sequence', sequenceLength(sequence), MAX_SEQUENCE_VALUES, key === 'data' ? [...path, 'sequence'] : path);
    }
    // Imputed keys, listed: each makes a row in every group that lacks it.
    if (key === 'keyvals' && Array.isArray(value)) over('sequence', value.length, MAX_SEQUENCE_VALUES, path);
    if (key !== 'transform' || !Array.isArray(value)) return;
    value.forEach((t, i) => {
      if (!isObject(t)) return;
      const at = (k: string): JsonPath => [...path, i, k];
      over('transforms', ++transforms, MAX_TRANSFORMS, [...path, i]);
      if ('fold' in t || 'flatten' in t) {
        const kind = 'fold' in t ? 'fold' : 'flatten';
        over('multipliers', ++multipliers, MAX_ROW_MULTIPLIERS, at(kind));
        if (Array.isArray(t.fold)) over('fold', t.fold.length, MAX_FOLD_FIELDS, at('fold'));
      }
      if ('density' in t) for (const k of ['steps', 'minsteps', 'maxsteps']) if (typeof t[k] === 'number') over('curve', t[k] as number, MAX_CURVE_POINTS, at(k));
      if ('quantile' in t) {
        if (typeof t.step === 'number') over('curve', 1 / t.step, MAX_CURVE_POINTS, at('step'));
        if (Array.isArray(t.probs)) over('curve', t.probs.length, MAX_CURVE_POINTS, at('probs'));
      }
      if ('regression' in t && typeof t.order === 'number') over('order', t.order, MAX_REGRESSION_ORDER, at('order'));
    });
  });

  if (options.views !== false) views(json, [], over);
  // Several limits can be passed at one key (a transform both folds and is the 201st): say each once.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify([p.what, p.path]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type Over = (what: SpecLimit, found: number, limit: number, path: JsonPath) => void;

function bins(bin: JsonObject, path: JsonPath, over: Over): void {
  if (typeof bin.maxbins === 'number') over('bins', bin.maxbins, MAX_BINS, [...path, 'maxbins']);
  if (Array.isArray(bin.steps)) over('bins', bin.steps.length, MAX_BINS, [...path, 'steps']);
  const extent = Array.isArray(bin.extent) ? bin.extent.map(num) : [];
  if (typeof bin.step === 'number' && extent.length === 2 && extent.every((e) => e !== undefined)) {
    over('bins', Math.abs((extent[1]! - extent[0]!) / bin.step), MAX_BINS, [...path, 'step']);
  }
}

/** How many values a sequence {start, stop, step} makes, as Vega counts them; Infinity when it never ends or is not plain numbers. */
function sequenceLength(sequence: JsonObject): number {
  const start = num(sequence.start);
  const stop = num(sequence.stop);
  const step = sequence.step === undefined ? 1 : num(sequence.step);
  if (start === undefined || stop === undefined || step === undefined) return Infinity;
  if (step === 0) return start === stop ? 0 : Infinity;
  return Math.max(0, Math.ceil((stop - start) / step));
}

/**
 * The views a spec makes: a unit is one, a layer or concat the sum of its parts, a repeat its
 * count times its inner spec. Reported once, at the innermost place whose views pass the limit
 * (a facet's count comes from the data: the renderer's budget holds that).
 */
function views(node: JsonObject, path: JsonPath, over: Over): { count: number; reported: boolean } {
  let count = 1;
  let reported = false;
  let at: JsonPath = path;
  const add = (child: unknown, childPath: JsonPath): number => {
    if (!isObject(child)) return 0;
    const inner = views(child, childPath, over);
    reported ||= inner.reported;
    return inner.count;
  };
  if ('repeat' in node) {
    const repeat = node.repeat;
    const times = Array.isArray(repeat)
      ? repeat.length
      : isObject(repeat)
        ? ['row', 'column', 'layer'].reduce((n, k) => n * (Array.isArray(repeat[k]) ? (repeat[k] as unknown[]).length : 1), 1)
        : 1;
    count = times * (isObject(node.spec) ? add(node.spec, [...path, 'spec']) : 1);
    at = [...path, 'repeat'];
  } else if (isObject(node.spec)) {
    count = add(node.spec, [...path, 'spec']);
  } else {
    const composed = ['layer', 'concat', 'hconcat', 'vconcat'].find((k) => Array.isArray(node[k]));
    if (composed) {
      count = (node[composed] as unknown[]).reduce<number>((sum, item, i) => sum + add(item, [...path, composed, i]), 0);
      at = [...path, composed];
    }
  }
  if (count > MAX_VIEWS && !reported) {
    over('views', count, MAX_VIEWS, at);
    reported = true;
  }
  return { count, reported };
}

/** Every key and value in a JSON tree, parents first, with the value's path; skips `usermeta`. */
function walk(node: unknown, visit: (key: string, value: unknown, path: JsonPath) => void, path: JsonPath = []): void {
  if (Array.isArray(node)) node.forEach((item, i) => walk(item, visit, [...path, i]));
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'usermeta') continue;
      visit(key, value, [...path, key]);
      walk(value, visit, [...path, key]);
    }
  }
}
