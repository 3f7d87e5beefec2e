/**
 * The page the preview serves: the built HTML as it is, with the problems overlay (if any) at the
 * start of the body, first in the tab order, the reload script just before `</body>`, and what
 * shows where each figure comes from (provenance.ts). Added
 * to the string at serve time, so the build's own output never holds either.
 */
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { devMessages } from '../messages/dev.ts';
import { pdfLinkClient } from './pdf-page.ts';
import { provenanceClient, provenanceCss } from './provenance.ts';
import { reloadClient } from './reload-client.ts';

export interface PreviewPageInput {
  /** The last HTML that built, if any. */
  built: string | undefined;
  /** The overlay's HTML, when the latest build failed. */
  overlay?: string | undefined;
  /** The version the page is, for the reload script to compare with the server's. */
  version: string;
  /** Add the link to the PDF beside the page (pdf-page.ts). */
  pdf?: boolean | undefined;
}

export function previewPage({ built, overlay = '', version, pdf = false }: PreviewPageInput): string {
  const script = toHtml(h('script', { dataVersion: version }, reloadClient)) + toHtml(h('script', provenanceClient)) + (pdf ? toHtml(h('script', pdfLinkClient)) : '');
  const page = built ?? notBuilt();
  const head = page.indexOf('</head>');
  const html = head < 0 ? page : insert(page, head, toHtml(h('style', provenanceCss)));
  const open = /<body[^>]*>/i.exec(html);
  const withOverlay = open ? insert(html, open.index + open[0].length, overlay) : overlay + html;
  const close = withOverlay.lastIndexOf('</body>');
  return close < 0 ? withOverlay + script : insert(withOverlay, close, script);
}

const insert = (text: string, at: number, part: string): string => text.slice(0, at) + part + text.slice(at);

/** What lies under the overlay before the plan has ever built. */
function notBuilt(): string {
  return toHtml({
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en-GB' }, [
        h('head', [h('meta', { charSet: 'utf-8' }), h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }), h('title', devMessages.notBuiltTitle())]),
        h('body', [h('main#main', { tabIndex: -1 }, [h('h1', devMessages.notBuiltTitle())])]),
      ]),
    ],
  });
}
