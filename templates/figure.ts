/**
 * A chart as a figure: the caption states the main message, the inline SVG shows it, the
 * description says more, and the figures themselves follow as a real table (inside <details> on
 * screen; print opens it), so nothing in the chart is available only to those who can see it.
 *
 *   <figure id class="chart" role="group" aria-labelledby="…-caption">
 *     <div class="chart-caption" id="…-caption">Figure N: title</div>
 *     <svg role="img" aria-labelledby>…</svg>
 *     <div class="chart-description">…</div>
 *     <details class="chart-data"><summary>Show the data for figure N</summary><table>…</table></details>
 *   </figure>
 *
 * role="group": Chromium tags a <figure> in the PDF as a Figure structure element with no /Alt,
 * which PDF/UA requires, and an /Alt would stand in for everything the figure holds, the data
 * table too. A group named by its caption is a Div in the PDF instead, holding the caption, the
 * chart (a Figure whose /Alt is the SVG's title), the description and the table; screen readers
 * still announce it as one unit, by its caption. HTML allows a role on a <figure> only when it has
 * no <figcaption> (the Nu Html Checker says so), so the caption is a plain element that names the
 * group through aria-labelledby.
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
  /** Notes under the chart, shown with it (figures left out so that no child can be identified). */
  notes?: readonly string[] | undefined;
  /**
   * A numbered table of the plan that holds every figure of the chart. On screen the chart keeps
   * its own collapsible table; in print, where nothing is collapsed, the same figures would be
   * printed twice, so print shows a line that refers to the numbered table instead.
   */
  inTable?: { id: string; label: string } | undefined;
}

export function figure(input: FigureInput): Element {
  const { id, number } = input;
  return h('figure.chart', { id, role: 'group', ariaLabelledBy: `${id}-caption` }, [
    h('div.chart-caption', { id: `${id}-caption` }, [h('span.caption-label', `Figure ${number}:`), ' ', ...input.title]),
    input.graphic,
    ...(input.description.length ? [h('div.chart-description', input.description)] : []),
    ...(input.notes ?? []).map((note) => h('p.table-note.withheld-note', note)),
    h('details.chart-data', { className: input.inTable ? ['screen-only'] : [] }, [
      h('summary', `Show the data for figure ${number}`),
      ...dataTable(input.table, `${id}-data`, number),
    ]),
    ...(input.inTable
      ? [h('p.chart-data-ref.print-only', ['The figures are in ', h('a.xref', { href: `#${input.inTable.id}` }, input.inTable.label.replace(' ', '\u00a0')), '.'])]
      : []),
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

/** A chart's own table, lifted out of the chart for print: the parts `figureData` gathers. */
export interface LiftedData {
  /** The chart's id, which the table links back to. */
  figureId: string;
  /** "Figure 3". */
  label: string;
  /** The data table's id, which the chart links to. */
  tableId: string;
  /** The table (in its scrolling region) and its source line, as `dataTable` made them. */
  parts: ElementContent[];
}

/**
 * The printed chart without its own table, and that table, when no numbered table of the plan
 * holds its figures (a chart that refers to a numbered table keeps its screen-only table, which
 * print hides). In its place the chart says where its figures are, with a link there.
 */
export function liftData(chart: Element, where: string): { chart: Element; data: LiftedData } | undefined {
  const details = chart.children.find((c): c is Element => c.type === 'element' && c.tagName === 'details' && classes(c).includes('chart-data'));
  if (!details || classes(details).includes('screen-only')) return undefined;
  const parts = details.children.filter((c) => !(c.type === 'element' && c.tagName === 'summary'));
  const table = parts.flatMap((p) => (p.type === 'element' ? [p, ...p.children] : [])).find((c): c is Element => c.type === 'element' && c.tagName === 'table');
  const label = captionLabel(chart);
  if (!table || !label) return undefined;
  const tableId = String(table.properties.id);
  const name = `Data for ${label.toLowerCase().replace(' ', '\u00a0')}`;
  const ref = h('p.chart-data-ref', ['The figures are in ', h('a.xref', { href: `#${tableId}` }, name), `, ${where}.`]);
  return {
    chart: { ...chart, children: chart.children.flatMap((c) => (c === details ? [ref] : [c])) },
    data: { figureId: String(chart.properties.id), label, tableId, parts },
  };
}

const classes = (node: Element): string[] => {
  const value = node.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
};

/** "Figure 3", from the caption's label ("Figure 3:"). */
function captionLabel(chart: Element): string | undefined {
  for (const child of chart.children) {
    if (child.type !== 'element' || !classes(child).includes('chart-caption')) continue;
    const label = child.children.find((c): c is Element => c.type === 'element' && classes(c).includes('caption-label'));
    const text = label?.children[0];
    if (text?.type === 'text') return text.value.replace(/:$/, '');
  }
  return undefined;
}
