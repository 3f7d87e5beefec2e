/**
 * The plan as a fragment for a council's content management system: one root element,
 * `<div class="yjplan-embed">`, and in it `<div class="yjplan">` holding the cover, the PDF
 * link, the sections and the footer. No document, no landmarks of its own (the host page has its
 * banner, main and footer), no skip link. The outer box is the embed's own: no rule of the plan's
 * can select it (each is scoped to .yjplan and within), so what it holds in (contain: paint, in
 * plan.css) the plan cannot let out.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { Download, PlanMeta } from '../scripts/output/template-kit.ts';
import { cover, documentTitle } from './cover.ts';
import { downloadLink } from './download.ts';

export interface FragmentInput {
  meta: PlanMeta;
  sections: Element[];
  download?: Download | undefined;
  /** Where the PDF is from the host page. */
  downloadHref?: string | undefined;
}

export function fragment({ meta, sections, download, downloadHref }: FragmentInput): Element {
  return h('div.yjplan-embed', [
    h('div.yjplan', { lang: meta.language, className: [`status-${meta.status}`] }, [
      { ...cover(meta), tagName: 'div' },
      h('div.plan-main', [...(download ? [downloadLink(download, downloadHref)] : []), ...sections]),
      h('div.plan-footer', [h('p', [`${documentTitle(meta)}. ${meta.service}, ${meta.authority}.`, meta.status === 'draft' ? ' Draft for approval.' : ''])]),
    ]),
  ]);
}
