/**
 * The @page rules that carry words from the plan: the running header, the footer,
 * and the draft mark. Their look is in templates/styles/print.css; only the text
 * is here, because it comes from plan.yaml and must be escaped as CSS strings.
 */
import { documentTitle, type PdfMeta } from './meta.ts';

export { cssString } from '../../safety/css.ts';
import { cssString } from '../../safety/css.ts';

/**
 * The footer's words: the authority, then the status and version, and for a draft the day it
 * was built (given only when printing: the page itself never depends on the clock).
 */
export function footerText(meta: PdfMeta, built?: string): string {
  const version = meta.version ? ` ${meta.version}` : '';
  const state = meta.status === 'draft' ? `Draft${version}${built ? `, built ${built}` : ''}` : meta.version ? `Version ${meta.version}` : '';
  return state ? `${meta.authority} · ${state}` : meta.authority;
}

export function pageRules(meta: PdfMeta): string {
  const header = cssString(documentTitle(meta));
  const footer = cssString(footerText(meta));
  const draft = meta.status === 'draft';
  const mark = draft ? cssString('DRAFT') : 'none';
  return `@page {
  @top-left { content: ${header}; }
  @top-right { content: ${mark}; }
  @bottom-left { content: ${footer}; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); }
}
@page cover {
  @top-left { content: none; }
  @top-right { content: ${mark}; }
  @bottom-left { content: none; }
  @bottom-right { content: none; }
}
`;
}
