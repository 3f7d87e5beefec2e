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
import { fontFaceCss } from './fonts.ts';
import type { PlanMeta } from '../schema/index.ts';
import { collectCss } from './styles.ts';
import { checkCss } from '../safety/css.ts';
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
  const printed = serialise(tree({ print: true }));
  const screen = serialise(tree({}));
  // Fonts are chosen by the characters the page uses, so they go in last.
  const fonts = checkCss(await fontFaceCss(printed + screen), 'build').css;
  const withFonts = (html: string): string => html.replace('/*fonts*/', () => fonts + '\n');
  return {
    ...input,
    css,
    fonts,
    printed: withFonts(printed),
    page: (download) => withFonts(download ? serialise(tree({ download })) : screen),
  };
}

/** The plan on one page, as printed: no link to the PDF, the charts' own tables at the end. */
export async function renderHtml(input: RenderInput): Promise<string> {
  return (await renderPlan(input)).printed;
}

/** SVG elements with no content close themselves (`<path/>`), as Vega wrote them: a smaller page. */
export const serialise = (tree: Root | Element): string => toHtml(tree, { allowDangerousHtml: true, closeEmptyElements: true, tightSelfClosing: true });
