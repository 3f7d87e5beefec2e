/**
 * Vega's SVG, made fit to inline in the page.
 *
 * Safety: the SVG, whether just drawn or read back from the chart cache, goes through the one
 * SVG sanitiser (safety/svg.ts) and reaches the page as the hast tree it returns, never as text.
 *
 * Ids: Vega numbers clip paths and gradients from counters that live as long as the process, so
 * the same chart gets different ids on a second render, and two charts on one page can clash.
 * The sanitiser renumbers them in order of appearance under the figure's id, as properties of
 * the tree (a figure id holding a quote stays inside its attribute).
 *
 * Accessibility: Vega's headless SVG has no name. The root becomes role="img" named by a
 * <title> (and described by a <desc>) built as hast, so the author's words are escaped like any
 * other text.
 */
import type { Element } from 'hast';
import { s } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { sanitiseSvg } from '../safety/svg.ts';

export interface GraphicOptions {
  /** The figure's id: the graphic's ids are scoped under it. */
  id: string;
  /** The accessible name: "Figure 3: Custody rates fell …". */
  name: string;
  /** A longer text alternative; omitted when empty. */
  description: string;
}

export interface Graphic {
  svg: Element;
  /** What the sanitiser took out of the drawing (nothing, for what Vega draws from a checked spec). */
  removed: string[];
}

/**
 * What the chart cache keeps: Vega's drawing sanitised, with its ids numbered `chart-1`, `chart-2` …
 * so that the same chart is stored as the same bytes whatever was drawn before it in the process.
 * (It is sanitised again when read back: the cache is never trusted.)
 */
export function storableSvg(svg: string): Graphic & { text: string } {
  const safe = sanitiseSvg(svg, { idPrefix: 'chart' });
  if (!safe) throw new Error('Internal error: the chart renderer returned something other than one <svg> element');
  return { svg: safe.svg, removed: safe.removed, text: toHtml(safe.svg, { space: 'svg', closeEmptyElements: true, tightSelfClosing: true }) };
}

/** The inline, accessible <svg> for a figure. */
export function accessibleSvg(svg: string | Element, options: GraphicOptions): Graphic {
  const safe = sanitiseSvg(svg, { idPrefix: `${options.id}-chart` });
  if (!safe) throw new Error('Internal error: the chart renderer returned something other than one <svg> element');
  const root = safe.svg.properties;
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;
  const graphic = s(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      className: ['chart-graphic'],
      width: Number(root.width),
      height: Number(root.height),
      viewBox: root.viewBox ?? `0 0 ${String(root.width)} ${String(root.height)}`,
      role: 'img',
      ariaLabelledBy: titleId,
      ariaDescribedBy: options.description ? descId : undefined,
    },
    [
      s('title', { id: titleId }, options.name),
      options.description ? s('desc', { id: descId }, options.description) : undefined,
      // The marks say nothing a screen reader can use; the name, description and table do.
      s('g', { ariaHidden: 'true' }, safe.svg.children),
    ].filter((node) => node !== undefined),
  );
  return { svg: graphic, removed: safe.removed };
}
