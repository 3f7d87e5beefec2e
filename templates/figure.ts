/**
 * A chart as a figure: the caption states the main message, the inline SVG shows it, the
 * description says more, and the figures themselves follow as a real table (inside <details> on
 * screen; print opens it), so nothing in the chart is available only to those who can see it.
 *
 *   <figure id class="chart" role="group" aria-labelledby="…-caption">
 *     <figcaption>Figure N: title</figcaption>
 *     <svg role="img" aria-labelledby>…</svg>
 *     <div class="chart-description">…</div>
 *     <details class="chart-data"><summary>Show the data for figure N</summary><table>…</table></details>
 *   </figure>
 *
 * role="group": Chromium tags a <figure> in the PDF as a Figure structure element with no /Alt,
 * which PDF/UA requires, and an /Alt would stand in for everything the figure holds, the data
 * table too. A group named by its caption is a Div in the PDF instead, holding the caption, the
 * chart (a Figure whose /Alt is the SVG's title), the description and the table; screen readers
 * still announce it as one unit, by its caption.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';

export interface FigureTable {
  caption: string;
  /** The heading over the row headings; an empty corner cell when absent. */
  corner?: string | undefined;
  columns: readonly string[];
  rows: ReadonlyArray<{ heading: string; cells: readonly string[] }>;
  source?: string | undefined;
}

export interface FigureInput {
  id: string;
  number: number;
  /** The caption's title, as hast: the chart's main message. */
  title: ElementContent[];
  /** Further paragraphs, as hast; may be empty. */
  description: ElementContent[];
  /** The chart itself (an accessible <svg>). */
  graphic: Element;
  table: FigureTable;
}

export function figure(input: FigureInput): Element {
  const { id, number } = input;
  return h('figure.chart', { id, role: 'group', ariaLabelledBy: `${id}-caption` }, [
    h('figcaption', { id: `${id}-caption` }, [h('span.caption-label', `Figure ${number}:`), ' ', ...input.title]),
    input.graphic,
    ...(input.description.length ? [h('div.chart-description', input.description)] : []),
    h('details.chart-data', [h('summary', `Show the data for figure ${number}`), ...dataTable(input.table, `${id}-data`, number)]),
  ]);
}

/** A simple table: headings with scopes, figures right-aligned, the source beneath. */
export function dataTable(table: FigureTable, id: string, number: number): Element[] {
  const captionId = `${id}-caption`;
  const corner = table.corner ? h('th', { scope: 'col' }, table.corner) : h('td');
  const out: Element[] = [
    h('div.table-wrap', { role: 'region', tabIndex: 0, ariaLabelledBy: captionId }, [
      h('table', { id }, [
        h('caption', { id: captionId }, `Data for figure ${number}: ${table.caption}`),
        h('thead', [h('tr', [corner, ...table.columns.map((c) => h('th.align-right', { scope: 'col' }, c))])]),
        h(
          'tbody',
          table.rows.map((row) =>
            h('tr', [h('th', { scope: 'row' }, row.heading), ...row.cells.map((cell) => h('td.align-right', cell))]),
          ),
        ),
      ]),
    ]),
  ];
  if (table.source) out.push(h('p.table-source', [h('span.visually-strong', 'Source: '), table.source]));
  return out;
}
