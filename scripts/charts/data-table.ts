/** The figures behind a chart, as the plain model of the table the figure shows under it. */
import type { Binding } from './bind.ts';

/** The chart's figures as a table: a row per category, a column per series. */
export interface DataTableModel {
  caption: string;
  /** The heading over the row headings, if the categories have a name. */
  corner: string | undefined;
  columns: string[];
  rows: Array<{ heading: string; cells: string[] }>;
  source: string | undefined;
}

export function dataTable(binding: Binding): DataTableModel {
  const columns = binding.series.length ? binding.series : [binding.titles.value.text ?? 'Value'];
  const byKey = new Map([
    ...binding.data.map((d) => [`${d.category}\u0000${d.series}`, d.label] as const),
    // A figure left out of the chart is marked as its table marks it (`<5`, `[c]`).
    ...binding.withheld.map((w) => [`${w.category}\u0000${w.series}`, w.mark.text] as const),
  ]);
  const seriesKeys = binding.series.length ? binding.series : [''];
  return {
    caption: binding.caption,
    corner: binding.titles.category.text,
    columns,
    rows: binding.categories.map((category) => ({
      heading: category,
      // An en dash for no figure, as the plan's own tables show it.
      cells: seriesKeys.map((s) => byKey.get(`${category}\u0000${s}`) ?? '–'),
    })),
    source: binding.source,
  };
}
