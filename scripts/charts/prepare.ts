/**
 * A generic spec made particular: the bound rows go in as the `table` dataset, a few facts about
 * them as params, and the titles of the channels that show `category`, `series` and `value`
 * come from the data and the directive. The spec file is never changed; this returns a copy.
 */
import type { Binding, Role } from './bind.ts';
import { dataName } from './check-spec.ts';
import type { JsonObject } from './specs.ts';
import { own } from '../util/own.ts';

/** Params every spec may read: declare them with a default to use the spec on its own. */
export interface ChartParams {
  /** Put before and after an axis label's number: '£' for currency, '%' for percentages. */
  valuePrefix: string;
  valueSuffix: string;
  valueType: string;
  categoryCount: number;
  seriesCount: number;
  /** The least and greatest figure in the chart. */
  valueMin: number;
  valueMax: number;
  /**
   * The series with no figure, or nought, in the last category, in series order: a label beside
   * the last category would point at nothing, so a spec names these another way (a legend).
   */
  seriesEndingEarly: string[];
}

export function chartParams(binding: Binding): ChartParams {
  return {
    valuePrefix: binding.valueType === 'currency' ? '£' : '',
    valueSuffix: binding.valueType === 'percent' ? '%' : '',
    valueType: binding.valueType,
    categoryCount: binding.categories.length,
    seriesCount: Math.max(1, binding.series.length),
    valueMin: Math.min(...binding.data.map((d) => d.value)),
    valueMax: Math.max(...binding.data.map((d) => d.value)),
    seriesEndingEarly: endingEarly(binding),
  };
}

function endingEarly(binding: Binding): string[] {
  const last = binding.categories.length - 1;
  const present = new Set(binding.data.filter((d) => d.categoryIndex === last && d.value !== 0).map((d) => d.series));
  return binding.series.filter((s) => !present.has(s));
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const roleOfField: Record<string, Role> = { category: 'category', series: 'series', value: 'value' };

/**
 * The spec with its data, params and titles. `width` is the plot width to start from when the
 * spec sets none (the renderer narrows it until the whole chart fits).
 */
export function prepareSpec(spec: JsonObject, binding: Binding, width: number): JsonObject {
  const copy = structuredClone(spec);
  copy.datasets = { [dataName]: binding.data };

  const params = chartParams(binding) as unknown as Record<string, unknown>;
  const declared = Array.isArray(copy.params) ? copy.params.filter(isObject) : [];
  const names = new Set(declared.map((p) => p.name));
  copy.params = [
    ...declared.map((p) => (typeof p.name === 'string' && p.name in params ? { ...p, value: params[p.name] } : p)),
    ...Object.entries(params)
      .filter(([name]) => !names.has(name))
      .map(([name, value]) => ({ name, value })),
  ];

  setTitles(copy, binding);
  if (typeof copy.width !== 'number') copy.width = width;
  return copy;
}

/**
 * Vega-Lite would title an axis with the field's name ("category"), which means nothing to a
 * reader. A directive's label always wins; otherwise the spec's own title stays, and an untitled
 * channel gets what the data calls the thing, or no title at all.
 */
function setTitles(node: unknown, binding: Binding): void {
  if (Array.isArray(node)) {
    node.forEach((item) => setTitles(item, binding));
    return;
  }
  if (!isObject(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'encoding' && isObject(value)) {
      for (const def of Object.values(value)) {
        if (!isObject(def) || typeof def.field !== 'string') continue;
        const role = own(roleOfField, def.field);
        if (!role) continue;
        const title = binding.titles[role];
        if (title.explicit || !('title' in def)) def.title = title.text ?? null;
      }
    } else if (key !== 'datasets' && key !== 'usermeta') {
      setTitles(value, binding);
    }
  }
}
