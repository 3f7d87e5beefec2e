/**
 * Stage 5, render: the whole document as one HTML string. User text only ever
 * reaches the page as hast text nodes; `raw` nodes come from our own renderers
 * (the chart SVG), never from content.
 *
 * The plan is rendered once and serialised as often as it is needed: for printing (no PDF
 * link, so none reaches the PDF), then, once the PDF is printed, with the link to it; the
 * pages and the embed reuse the same styles and fonts.
 */
import type { Element, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { fontFaceCss } from './fonts.ts';
import type { PlanMeta } from '../schema/index.ts';
import { collectCss } from './styles.ts';
import type { SectionHast } from '../transform/index.ts';
import type { Download } from './download.ts';
import { layout } from '../../templates/layout.ts';

export interface RenderInput {
  root: string;
  meta: PlanMeta;
  sections: readonly SectionHast[];
  figures: ReadonlyMap<string, Element>;
  /** Plan-specific CSS, such as the print running header. */
  generatedCss?: string | undefined;
  /** The plan's logo, embedded as a data: URI. */
  logo?: string | undefined;
}

export interface RenderedPlan extends RenderInput {
  /** The page's checked stylesheets, without the fonts. */
  css: string;
  /** @font-face rules, fonts inline, for the characters the plan uses. */
  fonts: string;
  /** The whole plan on one page, as it is printed: no link to the PDF, the charts' own tables in "Data for the figures". */
  printed: string;
  /** The whole plan on one page, for the web; the link to the PDF only when it is given. */
  page(download?: Download): string;
}

export async function renderPlan(input: RenderInput): Promise<RenderedPlan> {
  const css = await collectCss({ planRoot: input.root, draft: input.meta.status === 'draft', generated: input.generatedCss });
  const tree = (options: { download?: Download | undefined; print?: boolean }): Root =>
    layout({ meta: input.meta, sections: input.sections, figures: input.figures, logo: input.logo, css: '/*fonts*/' + css, ...options });
  const printedTree = tree({ print: true });
  const screenTree = tree({});
  // Fonts are chosen by the characters the page shows (its text, the styles' generated content
  // included), so they go in last. They are the build's own rules over its own font files, with
  // nothing from the plan in them: not put through the stylesheet check, which would parse
  // a quarter of a megabyte of base64 on every build.
  const fonts = await fontFaceCss(toString(printedTree) + toString(screenTree));
  const withFonts = (html: string): string => html.replace('/*fonts*/', () => fonts + '\n');
  const screen = withFonts(serialise(screenTree));
  // Printed only when asked for: an HTML-only build never serialises the page as printed.
  let printed: string | undefined;
  return {
    ...input,
    css,
    fonts,
    get printed() {
      printed ??= withFonts(serialise(printedTree));
      return printed;
    },
    page: (download) => (download ? withFonts(serialise(tree({ download }))) : screen),
  };
}

/** The plan on one page, as printed: no link to the PDF, the charts' own tables at the end. */
export async function renderHtml(input: RenderInput): Promise<string> {
  return (await renderPlan(input)).printed;
}

/** SVG elements with no content close themselves (`<path/>`), as Vega wrote them: a smaller page. */
export const serialise = (tree: Root | Element): string => toHtml(tree, { allowDangerousHtml: true, closeEmptyElements: true, tightSelfClosing: true });
