/**
 * The problems overlay: a fixed panel over the last good page that lists what stopped the build,
 * each as `file:line:column  message` with its hint. Built as hast, so every piece of user text
 * (messages quote the plan) reaches the page as an escaped text node.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Diagnostic } from '../diagnostics/index.ts';
import { devMessages } from '../messages/dev.ts';
import { sortDiagnostics } from '../diagnostics/reporter.ts';
import { overlayId } from './reload-client.ts';

export interface OverlayInput {
  /** The problems that stopped the build. */
  errors: readonly Diagnostic[];
  /** How many warnings there are besides (they are listed in the terminal). */
  warnings: number;
  /** Whether a last good page lies underneath. */
  hasPage: boolean;
  /** The build itself failed: our bug, not the plan's. */
  internal?: boolean | undefined;
}

// High contrast (black on white, 19:1), a red bar that survives forced colours as a border, and
// the GOV.UK focus style, which is visible on any background. Headings and paragraphs are reset,
// as the plan's own styles would otherwise reach into the panel.
const css = `
#${overlayId}{position:fixed;inset:1rem 1rem auto 1rem;z-index:2147483647;box-sizing:border-box;max-height:calc(100vh - 2rem);overflow:auto;margin:0;padding:1rem 5.5rem 1rem 1.25rem;background:#fff;color:#0b0c0c;border:3px solid #0b0c0c;border-top:10px solid #d4351c;box-shadow:0 .5rem 2rem rgba(0,0,0,.45);font:1rem/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;text-align:left}
#${overlayId} h2{margin:0 0 .25rem;padding:0;border:0;max-width:none;font:700 1.375rem/1.3 system-ui,-apple-system,"Segoe UI",sans-serif;color:#0b0c0c}
#${overlayId} p{margin:0 0 .5rem;max-width:none}
#${overlayId} ol{margin:.75rem 0 .5rem;padding-left:1.5rem;max-width:none}
#${overlayId} li{margin:0 0 .75rem;max-width:none}
#${overlayId} code{font:700 .95rem/1.4 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere}
#${overlayId} .yjplan-rule{color:#505a5f;font-size:.875rem}
#${overlayId} .yjplan-hint{margin:.25rem 0 0}
#${overlayId} button{position:absolute;top:.75rem;right:.75rem;min-height:2.75rem;padding:.25rem 1rem;font:inherit;font-weight:700;color:#fff;background:#0b0c0c;border:2px solid #0b0c0c;cursor:pointer}
#${overlayId} button:focus-visible{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
@media (forced-colors:active){#${overlayId}{border-top-color:CanvasText}}
@media print{#${overlayId}{display:none}}
`;

export function overlay(input: OverlayInput): Element {
  const headingId = `${overlayId}-heading`;
  const errors = sortDiagnostics(input.errors);
  return h('div', { id: overlayId, role: 'alert', ariaLabelledBy: headingId }, [
    h('style', css),
    h('h2', { id: headingId }, input.internal ? devMessages.overlayInternalHeading() : devMessages.overlayHeading(errors.length)),
    h('p', input.internal ? devMessages.overlayInternal() : devMessages.overlayLead(input.hasPage)),
    errors.length ? h('ol', errors.map(problem)) : null,
    input.warnings ? h('p', devMessages.overlayWarnings(input.warnings)) : null,
    h('button', { type: 'button' }, devMessages.overlayClose()),
  ]);
}

export function overlayHtml(input: OverlayInput): string {
  return toHtml(overlay(input));
}

function problem(d: Diagnostic): Element {
  return h('li', [
    h('code', where(d)),
    `  ${d.message}  `,
    h('span.yjplan-rule', d.ruleId),
    d.hint ? h('p.yjplan-hint', `hint: ${d.hint}`) : null,
  ]);
}

/** The place as the terminal reporter prints it, so the two read alike. */
function where(d: Diagnostic): string {
  return d.place ? `${d.file}:${d.place.line}:${d.place.column}` : d.file;
}
