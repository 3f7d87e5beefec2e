/**
 * "Data for the figures": in print, the tables of the charts whose figures no numbered table of
 * the plan holds. On screen each chart keeps its table in a <details> beneath it; printed in
 * place, the same tables would break up the text between the charts. So the printed chart says
 * where its figures are, with a link, and each table here links back to its chart.
 *
 *   <section class="plan-section level-1 break-always figure-data-section" aria-labelledby="figure-data">
 *     <h2 id="figure-data">Data for the figures</h2>
 *     <div class="table-block figure-data">
 *       <div class="table-wrap"><table id="…-data">…</table></div> <p class="table-source">…</p>
 *       <p class="figure-data-back"><a href="#…">Back to Figure N</a></p>
 *     </div> …
 *   </section>
 *
 * Only the HTML that is printed has it: the web page, the pages and the embed keep their tables.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { contentsEntry } from './contents.ts';
import { liftData, type LiftedData } from './figure.ts';

export const FIGURE_DATA_ID = 'figure-data';
export const FIGURE_DATA_TITLE = 'Data for the figures';

/**
 * The sections with each chart's own table moved to the appendix, which follows them, and an
 * entry for it at the end of the contents. Unchanged when no chart has a table to move.
 */
export function withFigureData(sections: readonly Element[]): Element[] {
  const lifted: LiftedData[] = [];
  const visit = (node: Element): Element => {
    if (node.tagName === 'figure') {
      const moved = liftData(node, `at the end of the plan`);
      if (moved) {
        lifted.push(moved.data);
        return moved.chart;
      }
      return node;
    }
    let changed = false;
    const children = node.children.map((c) => {
      if (c.type !== 'element') return c;
      const next = visit(c);
      changed ||= next !== c;
      return next;
    });
    return changed ? { ...node, children } : node;
  };
  const moved = sections.map(visit);
  if (lifted.length === 0) return [...sections];
  return [...moved.map(addToContents), appendix(lifted)];
}

function appendix(lifted: readonly LiftedData[]): Element {
  return h('section.plan-section.level-1.break-always.figure-data-section', { ariaLabelledBy: FIGURE_DATA_ID }, [
    h(`h2#${FIGURE_DATA_ID}`, FIGURE_DATA_TITLE),
    h('p', 'The figures of each chart that no numbered table of the plan holds, in the order of the charts.'),
    ...lifted.map((data) =>
      h('div.table-block.figure-data', [
        ...data.parts,
        h('p.figure-data-back', [h('a.xref', { href: `#${data.figureId}` }, `Back to ${data.label.replace(' ', '\u00a0')}`)]),
      ]),
    ),
  ]);
}

/** The contents list, wherever it stands, gains a last entry for the appendix. */
function addToContents(node: Element): Element {
  if (node.tagName === 'nav' && (node.properties.className as string[] | undefined)?.includes('toc')) {
    return {
      ...node,
      children: node.children.map((c) =>
        c.type === 'element' && c.tagName === 'ol' ? { ...c, children: [...c.children, contentsEntry({ id: FIGURE_DATA_ID, title: FIGURE_DATA_TITLE })] } : c,
      ),
    };
  }
  let changed = false;
  const children: ElementContent[] = node.children.map((c) => {
    if (c.type !== 'element') return c;
    const next = addToContents(c);
    changed ||= next !== c;
    return next;
  });
  return changed ? { ...node, children } : node;
}
