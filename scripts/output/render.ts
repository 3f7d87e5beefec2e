/**
 * Stage 5, render: the whole document as one HTML string. User text only ever
 * reaches the page as hast text nodes; `raw` nodes come from our own renderers
 * (the chart SVG), never from content.
 */
import type { Element } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { fontFaceCss } from './fonts.ts';
import type { PlanMeta } from '../schema/index.ts';
import { collectCss } from './styles.ts';
import { checkCss } from '../safety/css.ts';
import type { SectionHast } from '../transform/index.ts';
import { layout } from '../../templates/layout.ts';

export interface RenderInput {
  root: string;
  meta: PlanMeta;
  sections: readonly SectionHast[];
  figures: ReadonlyMap<string, Element>;
  /** Plan-specific CSS, such as the print running header. */
  generatedCss?: string | undefined;
}

export async function renderHtml(input: RenderInput): Promise<string> {
  const css = await collectCss({ planRoot: input.root, draft: input.meta.status === 'draft', generated: input.generatedCss });
  const tree = layout({ meta: input.meta, sections: input.sections, figures: input.figures, css: '/*fonts*/' + css });
  // SVG elements with no content close themselves (`<path/>`), as Vega wrote them: a smaller page.
  const html = toHtml(tree, { allowDangerousHtml: true, closeEmptyElements: true, tightSelfClosing: true });
  // Fonts are chosen by the characters the page uses, so they go in last.
  const fonts = checkCss(await fontFaceCss(html), 'build').css;
  return html.replace('/*fonts*/', () => fonts + '\n');
}
