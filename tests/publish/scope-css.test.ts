/**
 * out/embed/plan.css: every rule scoped under .yjplan, from css-tree's parsed tree. The rules
 * of the scoping one by one, then the built stylesheets of the sample and the small fixture.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as csstree from 'css-tree';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { describe, expect, it } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { scopeCss } from '../../scripts/output/embed/index.ts';
import { fixture, planWith, repoRoot } from '../helpers/plan-dir.ts';

/** What every embed stylesheet ends with: the embed's own box contains what it paints. */
const CONTAINED = '.yjplan-embed{display:block!important;contain:paint style!important;isolation:isolate!important;anchor-scope:all!important}';

/** The scoped rules, before that last rule (which is checked here each time). */
const scoped = (css: string, font = false): string => {
  const out = scopeCss(css, { font });
  expect(out.endsWith(CONTAINED)).toBe(true);
  return out.slice(0, -CONTAINED.length);
};

describe('scoping a stylesheet under .yjplan', () => {
  it('puts every selector beneath .yjplan, each of a list', () => {
    expect(scoped('a:visited, h2 > span { color: red }')).toBe('.yjplan a:visited,.yjplan h2>span{color:red}');
    expect(scoped('*, *::before { box-sizing: border-box }')).toBe('.yjplan *,.yjplan *::before{box-sizing:border-box}');
    expect(scoped(':focus-visible { outline: 0 }')).toBe('.yjplan :focus-visible{outline:0}');
  });

  it('makes html, body and :root the .yjplan element itself, keeping their classes and pseudo-elements', () => {
    expect(scoped(':root { --text: #000 } html { color: var(--text) } body { margin: 0 }')).toBe('.yjplan{--text:#000}.yjplan{color:var(--text)}.yjplan{margin:0}');
    expect(scoped('html.status-draft body::before { content: "x" }')).toBe('.yjplan.status-draft::before{content:"x"}');
    expect(scoped('body > .skip-link { top: 0 }')).toBe('.yjplan>.skip-link{top:0}');
  });

  it('drops a selector that could only reach beside the root, and a rule left with none', () => {
    expect(scoped('body + p, p { color: red } html ~ div { color: blue }')).toBe('.yjplan p{color:red}');
  });

  it('scopes inside @media and @supports, and drops @page', () => {
    expect(scoped('@media (max-width: 40rem) { body { font-size: 1rem } h2 { font-size: 1.5rem } } @page { size: A4 } @supports (display: grid) { .a { display: grid } }')).toBe(
      '@media (max-width:40rem){.yjplan{font-size:1rem}.yjplan h2{font-size:1.5rem}}@supports (display:grid){.yjplan .a{display:grid}}',
    );
  });

  it('takes the host page’s fonts unless the plan embeds its own', () => {
    const css = "@font-face { font-family: 'Source Sans 3'; src: local('Source Sans 3') } html { font-family: 'Source Sans 3', Arial, sans-serif; color: red }";
    expect(scoped(css)).toBe('.yjplan{color:red}');
    // The font itself is the build's @font-face, which the embed adds; a stylesheet's own never reaches the host page.
    expect(scoped(css, true)).not.toContain('@font-face');
    expect(scoped(css, true)).toContain(".yjplan{font-family:\"Source Sans 3\",Arial,sans-serif;color:red}");
  });
});

describe('what would reach the host page', () => {
  it('drops a selector that starts with a combinator, which beneath .yjplan would select what follows the plan', () => {
    expect(scoped('~ * { display: none } + footer, p { color: red } > a { color: blue }')).toBe('.yjplan p{color:red}');
  });

  it('drops the at-rules that name something for the whole page, and prefixes layer names', () => {
    const css = `@property --gap { syntax: '<color>'; inherits: true; initial-value: red }
      @keyframes spin { from { opacity: 0 } } @counter-style roman { system: cyclic; symbols: "X" }
      @font-palette-values --p { font-family: X } @font-face { font-family: Host; src: local(Host) }
      @layer late, early; @layer early { p { color: red } } p { color: blue }`;
    expect(scoped(css)).toBe('@layer yjplan-late,yjplan-early;@layer yjplan-early{.yjplan p{color:red}}.yjplan p{color:blue}');
  });

  it('drops view-transition names, which are the whole page’s', () => {
    expect(scoped('.a { view-transition-name: header; color: red }')).toBe('.yjplan .a{color:red}');
  });

  it('leaves the embed’s own box out of the plan’s reach: no selector of the plan’s can match it', () => {
    expect(scoped(':root.yjplan-embed, html { display: contents } .yjplan-embed { contain: none }')).toBe('.yjplan.yjplan-embed,.yjplan{display:contents}.yjplan .yjplan-embed{contain:none}');
  });
});

/** Each selector of a stylesheet that does not start with the .yjplan class. */
function unscoped(css: string): string[] {
  const bad: string[] = [];
  csstree.walk(csstree.parse(css), {
    visit: 'Rule',
    enter(rule: csstree.Rule) {
      // Keyframe steps (from, 50%) are not selectors of the page.
      if (this.atrule && csstree.keyword(this.atrule.name).basename === 'keyframes') return;
      if (rule.prelude.type !== 'SelectorList') return;
      rule.prelude.children.forEach((selector) => {
        // The embed's own box, set by the build itself (its containment), is not the plan's to style.
        if (csstree.generate(selector) === '.yjplan-embed') return;
        const first = (selector as csstree.Selector).children.first;
        if (!(first?.type === 'ClassSelector' && first.name === 'yjplan')) bad.push(csstree.generate(selector));
      });
    },
  } as csstree.WalkOptions);
  return bad;
}

describe.each([
  ['the sample', () => Promise.resolve(repoRoot)],
  ['the small fixture', () => Promise.resolve(fixture('small'))],
  ['a plan with its own stylesheet', () => planWith('small', { 'templates/styles/council.css': 'body { background: pink } h2, .x p { color: green } @media print { html { color: black } }' })],
])('out/embed/ of %s', (_name, root) => {
  it('has every selector of plan.css scoped under .yjplan, no @page and no @font-face', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'yjplan-embed-'));
    const result = await build({ root: await root(), outDir: out, pdf: false });
    expect(result.ok).toBe(true);
    const css = await readFile(path.join(out, 'embed', 'plan.css'), 'utf8');
    expect(css.length).toBeGreaterThan(1000);
    expect(unscoped(css)).toEqual([]);
    expect(css).not.toMatch(/@page|@font-face|Source Sans/);

    const html = await readFile(path.join(out, 'embed', 'plan.html'), 'utf8');
    const tree = fromHtml(html, { fragment: true });
    // One root element, a fragment: no document, head or body.
    const roots = tree.children.filter((n) => n.type === 'element');
    expect(roots.map((r) => (r.type === 'element' ? `${r.tagName}.${String(r.properties.className)}` : ''))).toEqual(['div.yjplan-embed']);
    expect(html).not.toMatch(/<(html|head|body|main|script|style)\b/);
    // Every id prefixed, and every link and reference follows.
    const ids = new Set(selectAll('[id]', tree).map((e) => String(e.properties.id)));
    expect([...ids].filter((id) => !id.startsWith('yjplan-'))).toEqual([]);
    for (const a of selectAll('a[href^="#"]', tree)) expect(ids.has(String(a.properties.href).slice(1)), String(a.properties.href)).toBe(true);
    for (const el of selectAll('[aria-labelledby]', tree)) for (const id of [el.properties.ariaLabelledBy].flat()) expect(ids.has(String(id)), String(id)).toBe(true);
    expect(select('svg', tree) ?? select('table', tree)).toBeTruthy();
  }, 120_000);
});
