/**
 * What the preview adds for the PDF: a link in the corner of the page, and the viewer it opens,
 * a page of its own that shows the latest PDF and swaps in the next one each time it is printed.
 * The link opens the viewer in one named tab, so it can sit beside the page while editing.
 */
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Diagnostic } from '../diagnostics/index.ts';
import { formatDiagnostic } from '../diagnostics/reporter.ts';
import { devMessages } from '../messages/dev.ts';
import { eventsPath } from './reload-client.ts';

export const pdfPath = '/__yjplan/plan.pdf';
export const pdfViewerPath = '/__yjplan/pdf';
export const pdfLinkId = 'yjplan-pdf-link';

// Plain ES2017, like the reload script. Added by script so the built page's own HTML is untouched.
export const pdfLinkClient = `(function () {
  var link = document.createElement('a');
  link.id = ${JSON.stringify(pdfLinkId)};
  link.href = ${JSON.stringify(pdfViewerPath)};
  link.target = 'yjplan-pdf';
  link.textContent = ${JSON.stringify(devMessages.pdfLink())};
  link.setAttribute('aria-label', ${JSON.stringify(devMessages.pdfLinkLabel())});
  link.setAttribute('style', 'position:fixed;right:1rem;bottom:1rem;z-index:2147483646;padding:.5rem 1rem;background:#0b0c0c;color:#fff;font:700 1rem/1.5 system-ui,sans-serif;text-decoration:none;border:2px solid #fff');
  link.addEventListener('focus', function () { link.style.outline = '3px solid #fd0'; });
  link.addEventListener('blur', function () { link.style.outline = ''; });
  document.body.appendChild(link);
})();`;

/** The viewer: the PDF filling the window, replaced each time the preview prints a new one. */
export function pdfViewer(title: string, version: string | undefined): string {
  const script = `(function () {
  var frame = document.getElementById('pdf');
  var shown = ${JSON.stringify(version ?? '')};
  var show = function (v) { if (v && v !== shown) { shown = v; frame.src = ${JSON.stringify(pdfPath)} + '?v=' + encodeURIComponent(v); } };
  if (!window.EventSource) return;
  var events = new EventSource(${JSON.stringify(eventsPath)});
  events.addEventListener('pdf', function (event) { show(event.data); });
})();`;
  return toHtml({
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: 'en-GB' }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('title', devMessages.pdfTitle(title)),
          h('style', 'html,body{height:100%;margin:0}iframe{display:block;width:100%;height:100%;border:0}'),
        ]),
        h('body', [h('iframe#pdf', { src: `${pdfPath}${version ? `?v=${encodeURIComponent(version)}` : ''}`, title: devMessages.pdfTitle(title) }), h('script', script)]),
      ]),
    ],
  });
}

/** Said instead of a PDF: not built yet, or what stopped the printing. */
export function pdfProblemsText(problems: readonly Diagnostic[] | undefined): string {
  if (!problems) return devMessages.pdfNotYet();
  return [devMessages.pdfProblems(), ...problems.map(formatDiagnostic)].join('\n');
}
