/**
 * out/embed/: the plan for pasting into a council's content management system.
 *
 *   sections ─▶ fragment (templates/fragment.ts) ─▶ every id prefixed `yjplan-`, every link
 *   and reference following ─▶ plan.html
 *   the page's styles (no print styles) ─▶ scoped under .yjplan (scope-css.ts) ─▶ plan.css
 *
 * The prefix keeps the plan's ids (`#glossary`, `#main`) from clashing with the host page's;
 * the scoping keeps its styles from restyling the host page. Charts are inline SVG.
 */
import { planSections } from '../../../templates/layout.ts';
import { fragment } from '../../../templates/fragment.ts';
import type { Download } from '../download.ts';
import { rewriteIds } from '../ids.ts';
import { serialise, type RenderedPlan } from '../render.ts';
import { collectCss } from '../styles.ts';
import { scopeCss } from './scope-css.ts';

export { SCOPE_CLASS, scopeCss } from './scope-css.ts';
export const ID_PREFIX = 'yjplan-';

export interface EmbedInput {
  plan: RenderedPlan;
  download?: Download | undefined;
}

export interface Embed {
  /** plan.html: the fragment. */
  html: string;
  /** plan.css: its styles, every rule scoped under .yjplan. */
  css: string;
}

export async function renderEmbed({ plan, download }: EmbedInput): Promise<Embed> {
  const { meta } = plan;
  const base = meta.publish['base-url'];
  // From the host page the PDF is where out/ is published, when the plan says where that is.
  const downloadHref = download && base ? new URL(download.file, base.endsWith('/') ? base : `${base}/`).href : download?.file;
  const tree = fragment({ meta, sections: planSections(plan.sections, plan.figures), download, downloadHref });
  const html = serialise(rewriteIds(tree, { id: (id) => `${ID_PREFIX}${id}` })) + '\n';
  const font = meta.publish['embed-font'];
  const css = await collectCss({ planRoot: plan.root, draft: meta.status === 'draft', print: false });
  // The plan's font is the build's own @font-face, added as it is; a plan's stylesheet names no font for the host page.
  return { html, css: (font ? `${plan.fonts}\n` : '') + scopeCss(css, { font }) + '\n' };
}
