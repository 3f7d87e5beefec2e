import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { diagnostic } from '../../scripts/diagnostics/index.ts';
import { isEditorTemp } from '../../scripts/dev/ignore.ts';
import { overlayHtml } from '../../scripts/dev/overlay.ts';
import { previewPage } from '../../scripts/dev/page.ts';
import { provenanceClient, provenanceCss } from '../../scripts/dev/provenance.ts';
import { reloadClient } from '../../scripts/dev/reload-client.ts';
import { devMessages } from '../../scripts/messages/dev.ts';

const text = (node: Parameters<typeof toString>[0] | undefined) => (node ? toString(node).replace(/\s+/g, ' ').trim() : '');

const yamlError = diagnostic('data/figures.yaml', { line: 2, column: 9 }, {
  ruleId: 'yaml:unexpected-token',
  message: 'YAML could not be read: Unexpected flow-seq-end token in YAML stream: "]"',
  hint: 'check the punctuation and indentation on this line and the one above',
});

describe('the problems overlay', () => {
  it('is an alert labelled by its heading, with a close button reachable by keyboard', () => {
    const tree = fromHtml(overlayHtml({ errors: [yamlError], warnings: 2, hasPage: true }), { fragment: true });
    const panel = select('#yjplan-overlay', tree);
    expect(panel?.properties).toMatchObject({ role: 'alert', ariaLabelledBy: ['yjplan-overlay-heading'] });
    expect(text(select('#yjplan-overlay-heading', tree))).toBe(devMessages.overlayHeading(1));
    const button = select('button', tree);
    expect(button?.properties).toMatchObject({ type: 'button' });
    expect(button?.properties.tabIndex).toBeUndefined();
    expect(text(button)).toBe(devMessages.overlayClose());
  });

  it('lists each problem as file:line:column and message, with its hint, as the terminal does', () => {
    const tree = fromHtml(overlayHtml({ errors: [yamlError], warnings: 2, hasPage: true }), { fragment: true });
    const items = selectAll('li', tree);
    expect(items).toHaveLength(1);
    expect(toString(items[0]!)).toMatch(/^data\/figures\.yaml:2:9 {2}YAML could not be read: Unexpected flow-seq-end token in YAML stream: "\]" {2}yaml:unexpected-token/);
    expect(text(select('li .yjplan-hint', tree))).toBe('hint: check the punctuation and indentation on this line and the one above');
    expect(text(tree)).toContain(devMessages.overlayWarnings(2));
    expect(text(tree)).toContain(devMessages.overlayLead(true));
  });

  it('escapes whatever the plan put in a message', () => {
    const hostile = diagnostic('content/<b>.md', { line: 1, column: 1 }, { ruleId: 'x:y', message: '<img src=x onerror=alert(1)>', hint: '</li><script>alert(2)</script>' });
    const html = overlayHtml({ errors: [hostile], warnings: 0, hasPage: true });
    expect(html).not.toMatch(/<img|<script|<b>/);
    expect(text(select('li', fromHtml(html, { fragment: true })))).toContain('<img src=x onerror=alert(1)>');
  });

  it('is hidden in print and keeps a visible focus style', () => {
    const html = overlayHtml({ errors: [yamlError], warnings: 0, hasPage: true });
    expect(html).toContain('@media print{#yjplan-overlay{display:none}}');
    expect(html).toContain('button:focus-visible{outline:3px solid #fd0');
  });
});

describe('the served page', () => {
  const built = '<!doctype html><html lang="en-GB"><head><title>Plan</title></head><body class="x"><main id="main">Text</main></body></html>';

  it('has the overlay first in the body and the reload script just before </body>, the built HTML otherwise unchanged', () => {
    const overlay = overlayHtml({ errors: [yamlError], warnings: 0, hasPage: true });
    const page = previewPage({ built, overlay, version: 'abc.2' });
    expect(page.startsWith(`<!doctype html><html lang="en-GB"><head><title>Plan</title><style>${provenanceCss}</style></head><body class="x">${overlay}<main id="main">Text</main><script data-version="abc.2">`)).toBe(true);
    expect(page.endsWith(`${reloadClient}</script><script>${provenanceClient}</script></body></html>`)).toBe(true);
  });

  it('without problems, is the built HTML with only the reload script and the figures’ tooltips added', () => {
    const page = previewPage({ built, version: 'abc.1' });
    expect(page.replace(/<script data-version="abc\.1">[\s\S]*<\/script>/, '').replace(/<style>[\s\S]*<\/style>/, '')).toBe(built);
  });

  it('before the plan has ever built, is a page of its own under the overlay', () => {
    const page = previewPage({ built: undefined, overlay: '<div id="yjplan-overlay"></div>', version: 'abc.1' });
    const tree = fromHtml(page);
    expect(text(select('title', tree))).toBe(devMessages.notBuiltTitle());
    expect(select('body > #yjplan-overlay', tree)).toBeDefined();
  });
});

describe('editor temporary files', () => {
  it('are ignored, and the plan’s own files are not', () => {
    const root = '/plans/.hidden/plan';
    const ignored = ['content/.intro.md.swp', 'content/intro.md~', 'content/#intro.md#', 'content/.#intro.md', 'data/4913', 'data/budget.yaml.tmp', 'content/intro.md___jb_tmp___', 'data/.DS_Store', 'data/~$budget.xlsx'];
    const kept = ['content/intro.md', 'data/budget.yaml', 'plan.yaml', 'templates/styles/extra.css', 'templates/charts/bar.vl.json', 'content'];
    expect(ignored.filter((f) => !isEditorTemp(root, f))).toEqual([]);
    expect(kept.filter((f) => isEditorTemp(root, f))).toEqual([]);
    // The plan directory's own name never counts, even when hidden.
    expect(isEditorTemp(root, root)).toBe(false);
    expect(isEditorTemp(root, `${root}/content/intro.md`)).toBe(false);
  });
});
