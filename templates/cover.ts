/** The cover: the plan's banner on screen, its first page in print. */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { formatDate } from '../scripts/output/template-kit.ts';
import type { PlanMeta } from '../scripts/output/template-kit.ts';

export const documentTitle = (meta: PlanMeta): string => `${meta.title} ${meta.period}`;

export function cover(meta: PlanMeta): Element {
  const status = meta.status === 'draft' ? 'Draft for approval' : 'Final';
  const details = [
    h('div', [h('dt', 'Status'), h('dd.cover-status', status)]),
    meta.published ? h('div', [h('dt', 'Published'), h('dd.cover-date', formatDate(meta.published))]) : undefined,
    meta.version ? h('div', [h('dt', 'Version'), h('dd.cover-version', meta.version)]) : undefined,
  ].filter((e): e is Element => e !== undefined);
  return h('header.cover', [
    h('p.cover-authority', meta.authority),
    h('h1.cover-title', [h('span.cover-title-main', meta.title), ' ', h('span.cover-period', meta.period)]),
    h('p.cover-service', meta.service),
    h('dl.cover-details', details),
    meta.colophon ? h('p.cover-colophon', meta.colophon) : undefined,
  ]);
}
