/**
 * Where each figure comes from, in the preview only: the build marks every quoted figure with
 * `data-from="data/custody-rate.yaml:38:18"` when asked (the preview asks; the published page is
 * never marked), and this style and script show it on hover and on keyboard focus, so an editor
 * can trace any number on the page to its file and line in seconds.
 */

// The GOV.UK focus style, and a tooltip in the overlay's colours (white on near-black, 19:1).
export const provenanceCss = `
.data-value[data-from]{position:relative;text-decoration:underline dotted;text-underline-offset:.2em;cursor:help}
.data-value[data-from]:hover::after,.data-value[data-from]:focus::after{content:attr(data-from);position:absolute;left:0;top:calc(100% + .25rem);z-index:2147483646;white-space:nowrap;padding:.125rem .5rem;background:#0b0c0c;color:#fff;font:400 .8125rem/1.5 ui-monospace,Menlo,Consolas,monospace;text-decoration:none}
.data-value[data-from]:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
@media print{.data-value[data-from]::after{display:none}}
`;

// Kept as plain ES2017, as the reload script is. Focusable, and described to screen readers too.
export const provenanceClient = `(function () {
  var figures = document.querySelectorAll('.data-value[data-from]');
  for (var i = 0; i < figures.length; i++) {
    figures[i].setAttribute('tabindex', '0');
    figures[i].setAttribute('aria-description', 'from ' + figures[i].getAttribute('data-from'));
  }
})();`;
