/**
 * Vega's SVG, made fit to inline in the page.
 *
 * Ids: Vega numbers clip paths and gradients from counters that live as long as the process, so
 * the same chart gets different ids on a second render, and two charts on one page can clash.
 * They are renumbered in order of appearance (deterministic bytes), then scoped to the figure.
 *
 * Accessibility: Vega's headless SVG has no name. The root becomes role="img" named by a
 * <title> (and described by a <desc>) built as hast, so the author's words are escaped like any
 * other text; only Vega's own markup, which escapes the data it draws, goes in as `raw`.
 */
import type { Element } from 'hast';
import { s } from 'hastscript';
import type { Raw } from 'mdast-util-to-hast';

// Tags only: text between tags is the data's and must never be rewritten.
const tag = /<[^>]+>/g;
const idAttribute = /\sid="([^"]+)"/g;

/** Renames every id (and each reference to it) with `rename(id, position from 1)`. */
export function renameIds(svg: string, rename: (id: string, n: number) => string): string {
  const names = new Map<string, string>();
  for (const t of svg.match(tag) ?? []) {
    for (const [, id] of t.matchAll(idAttribute)) if (!names.has(id!)) names.set(id!, rename(id!, names.size + 1));
  }
  if (!names.size) return svg;
  const swap = (id: string): string => names.get(id) ?? id;
  return svg.replace(tag, (t) =>
    t
      .replace(idAttribute, (_, id: string) => ` id="${swap(id)}"`)
      .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${swap(id)})`)
      .replace(/href="#([^"]+)"/g, (_, id: string) => `href="#${swap(id)}"`),
  );
}

/** Ids numbered in order, the same for the same chart whatever ran before it. */
export const normaliseIds = (svg: string): string => renameIds(svg, (_, n) => `chart-${n}`);

export interface SvgParts {
  width: number;
  height: number;
  viewBox: string;
  /** Everything inside the root <svg>. */
  inner: string;
}

export function svgParts(svg: string): SvgParts {
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open || !svg.endsWith('</svg>')) throw new Error('Internal error: Vega returned something other than one <svg> element');
  const attribute = (name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(open[0])?.[1];
  return {
    width: Number(attribute('width')),
    height: Number(attribute('height')),
    viewBox: attribute('viewBox') ?? `0 0 ${attribute('width')} ${attribute('height')}`,
    inner: svg.slice(open[0].length, -'</svg>'.length),
  };
}

export interface GraphicOptions {
  /** The figure's id: the graphic's ids are scoped under it. */
  id: string;
  /** The accessible name: "Figure 3: Custody rates fell …". */
  name: string;
  /** A longer text alternative; omitted when empty. */
  description: string;
}

/** The inline, accessible <svg> for a figure. */
export function accessibleSvg(svg: string, options: GraphicOptions): Element {
  const parts = svgParts(withoutExternalReferences(renameIds(svg, (id) => `${options.id}-${id}`)));
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;
  const raw: Raw = { type: 'raw', value: parts.inner };
  return s(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      className: ['chart-graphic'],
      width: parts.width,
      height: parts.height,
      viewBox: parts.viewBox,
      role: 'img',
      ariaLabelledBy: titleId,
      ariaDescribedBy: options.description ? descId : undefined,
    },
    [
      s('title', { id: titleId }, options.name),
      options.description ? s('desc', { id: descId }, options.description) : undefined,
      // The marks say nothing a screen reader can use; the name, description and table do.
      s('g', { ariaHidden: 'true' }, [raw]),
    ].filter((node) => node !== undefined),
  );
}

/**
 * A second line of defence behind the spec check: no <image>, <a> or <foreignObject>, and no
 * href that leads outside the chart, ever reaches the page.
 */
export function withoutExternalReferences(svg: string): string {
  return svg
    .replace(/<(image|foreignObject|script|a)\b[^>]*\/>/gi, '')
    .replace(/<(image|foreignObject|script|a)\b[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(tag, (t) => t.replace(/\s(?:xlink:)?href="(?!#)[^"]*"/g, ''));
}
