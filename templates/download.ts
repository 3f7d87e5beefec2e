/**
 * The link to the printed PDF, near the top of every web page: "Download the plan (PDF, 24 pages,
 * 1.2 MB)". It is only ever given the PDF as printed, so the count and size are the file's own;
 * the HTML that is printed has no link, so none reaches the PDF or its tags.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { formatFileSize, type Download } from '../scripts/output/template-kit.ts';

/** `href` is where the PDF is from the page that links it (`../plan.pdf` from out/pages/). */
export function downloadLink(download: Download, href: string = download.file): Element {
  const pages = `${download.pages} ${download.pages === 1 ? 'page' : 'pages'}`;
  return h('p.plan-download', [
    h('a', { href, type: 'application/pdf' }, [`Download the plan `, h('span.plan-download-details', `(PDF, ${pages}, ${formatFileSize(download.bytes)})`)]),
  ]);
}
