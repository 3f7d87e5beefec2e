/** The cover: the plan's banner on screen, its first page in print. */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { formatDate, fullTitle, titleParts } from '../scripts/output/template-kit.ts';
import type { PlanMeta } from '../scripts/output/template-kit.ts';

export const documentTitle = (meta: PlanMeta): string => fullTitle(meta);

export interface CoverOptions {
  /** The plan's logo, embedded as a data: URI. */
  logo?: string | undefined;
}

/**
 * A draft's date of building is not in the page, which must not depend on the clock: the `Built`
 * line is hidden, and printing the PDF fills it in and shows it (scripts/output/pdf/stamp.ts).
 */
export function cover(meta: PlanMeta, options: CoverOptions = {}): Element {
  const status = meta.status === 'draft' ? 'Draft for approval' : 'Final';
  const details = [
    h('div', [h('dt', 'Status'), h('dd.cover-status', status)]),
    meta.published ? h('div', [h('dt', 'Published'), h('dd.cover-date', formatDate(meta.published))]) : undefined,
    meta.version ? h('div', [h('dt', 'Version'), h('dd.cover-version', meta.version)]) : undefined,
    meta.status === 'draft' ? h('div.cover-built', { hidden: true }, [h('dt', 'Built'), h('dd.cover-built-date')]) : undefined,
  ].filter((e): e is Element => e !== undefined);
  return h('header.cover', [
    options.logo ? h('img.cover-logo', { src: options.logo, alt: `${meta.authority} logo` }) : undefined,
    h('p.cover-authority', meta.authority),
    h('h1.cover-title', titleContent(meta)),
    meta.subtitle ? h('p.cover-subtitle', meta.subtitle) : undefined,
    h('p.cover-service', meta.service),
    h('dl.cover-details', details),
    meta.colophon ? h('p.cover-colophon', meta.colophon) : undefined,
  ]);
}

/** The full title as the pattern places its parts: the title in large type, the period under it. */
function titleContent(meta: PlanMeta): ElementContent[] {
  return titleParts(meta).map((part): ElementContent => {
    if (part.kind === 'title') return h('span.cover-title-main', meta.title);
    if (part.kind === 'period') return h('span.cover-period', meta.period);
    return { type: 'text', value: part.text };
  });
}
