/**
 * The embed's stylesheet: every rule of the page's CSS scoped under `.yjplan`, so that pasted
 * into a council's page it styles the plan and nothing else. Done on css-tree's parsed tree,
 * never on the text, so a selector list, a comma in `:is()` or a string is never cut wrongly.
 *
 *   html, body, :root (as the first parts of a selector) ──▶ .yjplan itself
 *       html.status-draft body::before ──▶ .yjplan.status-draft::before
 *   any other selector ──▶ .yjplan <selector>
 *       a:visited ──▶ .yjplan a:visited;  *, *::before ──▶ .yjplan *, .yjplan *::before
 *   a selector that starts with a combinator (`~ footer`, `+ nav`) ──▶ dropped: beneath
 *       `.yjplan` it would reach what follows the plan on the host page
 *   @media, @supports, @container, @scope ──▶ their rules scoped the same way
 *   @layer ──▶ its names prefixed `yjplan-`, so the host's own layers keep their order
 *   @page ──▶ dropped (the host page is printed as the host's)
 *   @keyframes, @counter-style, @property, @font-feature-values, @font-palette-values,
 *   @font-face ──▶ dropped: each defines a name for the whole host page. The plan's font comes
 *       from the build (the caller adds it when the plan embeds it); without it the declarations
 *       naming the plan's font go too, and the plan takes the host page's fonts
 *   `view-transition-name` ──▶ dropped: the name is the whole page's
 *   and last, the embed's own box (`.yjplan-embed`, around `.yjplan`, which no rule of the
 *       plan's can select) contains what it paints, its counters and quotation marks, and its
 *       anchor names: a `position: fixed` box stays inside the plan's box rather than laid over
 *       the host's page, and the host's counters, quotes and anchored menus are its own
 */
import * as csstree from '../../safety/css-tree.ts';
import { checkCss, cssName, rememberCss } from '../../safety/css.ts';
import { FONT_FAMILY } from '../fonts.ts';

export const SCOPE_CLASS = 'yjplan';

export interface ScopeOptions {
  /** Keep @font-face rules and the font-family declarations that name the plan's font. */
  font: boolean;
}

/** At-rules whose block holds ordinary rules, to be scoped like the top level. */
const grouping = new Set(['media', 'supports', 'layer', 'container', 'scope', 'starting-style']);

/** At-rules that name something for the whole document, or style the host's printing. */
const global = new Set(['page', 'font-face', 'keyframes', 'counter-style', 'property', 'font-feature-values', 'font-palette-values']);

/** The class of the embed's outer box (templates/fragment.ts). */
export const FRAME_CLASS = 'yjplan-embed';

/** The last rule: the embed's box contains what it paints, fixed boxes included. */
// paint: fixed boxes stay inside; style: the plan's counters and quotation depth stay inside;
// anchor-scope: the plan's anchor names are seen only within it.
const CONTAINED = `.${FRAME_CLASS}{display:block!important;contain:paint style!important;isolation:isolate!important;anchor-scope:all!important}`;

/** Properties whose value names something for the whole page, which the host's own elements could meet. */
const pageWideNames = new Set(['view-transition-name', 'view-transition-class']);

/** `css` must be the build's checked CSS (safety/css.ts): what comes out is checked again. */
export function scopeCss(css: string, options: ScopeOptions): string {
  return rememberCss(`embed-${options.font ? 'font' : 'no-font'}`, css, () => {
    const tree = csstree.parse(css, { parseCustomProperty: true }) as csstree.StyleSheet;
    scopeList(tree.children, options);
    return { css: checkCss(csstree.generate(tree) + CONTAINED, 'build').css, problems: [] };
  }).css;
}

function scopeList(list: csstree.List<csstree.CssNode>, options: ScopeOptions): void {
  list.forEach((node, item) => {
    if (node.type === 'Atrule') {
      const name = cssName(node.name);
      if (global.has(name)) return list.remove(item);
      if (name === 'layer' && node.prelude) prefixLayers(node.prelude);
      if (grouping.has(name) && node.block) scopeList(node.block.children, options);
    } else if (node.type === 'Rule') {
      if (node.prelude.type === 'SelectorList') {
        const selectors = node.prelude.children;
        selectors.forEach((selector, each) => {
          if (!scopeSelector(selector as csstree.Selector)) selectors.remove(each);
        });
        if (selectors.isEmpty) return list.remove(item);
      }
      if (!options.font) dropPlanFont(node.block);
      node.block.children.forEach((decl, each) => {
        if (decl.type === 'Declaration' && pageWideNames.has(cssName(decl.property))) node.block.children.remove(each);
      });
      if (node.block.children.isEmpty) list.remove(item);
    }
  });
}

const isRootPart = (node: csstree.CssNode): boolean =>
  (node.type === 'TypeSelector' && /^(html|body)$/i.test(node.name)) || (node.type === 'PseudoClassSelector' && node.name.toLowerCase() === 'root');

/**
 * Scopes one complex selector in place. Its leading compounds that select the document's root or
 * body become the `.yjplan` element (keeping their classes and pseudo-elements); any other
 * selector is put beneath `.yjplan`. A selector of what stands beside the root (`body + p`)
 * could only reach the host page: false, to drop it.
 */
function scopeSelector(selector: csstree.Selector): boolean {
  const parts = selector.children.toArray();
  if (parts[0]?.type === 'Combinator') return false;
  // Compounds, each with the combinator that follows it.
  const compounds: Array<{ nodes: csstree.CssNode[]; then?: csstree.Combinator | undefined }> = [{ nodes: [] }];
  for (const part of parts) {
    if (part.type === 'Combinator') compounds[compounds.length - 1]!.then = part;
    else {
      if (compounds[compounds.length - 1]!.then) compounds.push({ nodes: [] });
      compounds[compounds.length - 1]!.nodes.push(part);
    }
  }
  const scope: csstree.ClassSelector = { type: 'ClassSelector', name: SCOPE_CLASS };
  const root: csstree.CssNode[] = [];
  let taken = 0;
  // html body, html > body, :root: only a descendant or child step stays within the root.
  while (taken < compounds.length && compounds[taken]!.nodes.some(isRootPart)) {
    const compound = compounds[taken]!;
    root.push(...compound.nodes.filter((n) => !isRootPart(n)));
    taken += 1;
    if (compound.then && compound.then.name !== ' ' && compound.then.name !== '>') return false;
  }
  const rest = compounds.slice(taken);
  const out: csstree.CssNode[] = [scope, ...root];
  if (taken === 0) out.push({ type: 'Combinator', name: ' ' });
  else if (rest.length > 0) out.push(compounds[taken - 1]!.then ?? { type: 'Combinator', name: ' ' });
  rest.forEach((compound, i) => {
    out.push(...compound.nodes);
    if (i < rest.length - 1) out.push(compound.then!);
  });
  selector.children = new csstree.List<csstree.CssNode>().fromArray(out);
  return true;
}

/** Declarations that name the plan's own font: without the font embedded, the host's font is used. */
function dropPlanFont(block: csstree.Block): void {
  block.children.forEach((node, item) => {
    if (node.type !== 'Declaration') return;
    const property = node.property.toLowerCase();
    if ((property === 'font-family' || property === 'font') && csstree.generate(node.value).includes(FONT_FAMILY)) block.children.remove(item);
  });
}

/** `@layer a, b` ──▶ `@layer yjplan-a, yjplan-b`: the plan's layers are its own, not the host's. */
function prefixLayers(prelude: csstree.AtrulePrelude | csstree.Raw): void {
  csstree.walk(prelude, {
    visit: 'Layer',
    enter(node: csstree.Layer) {
      node.name = `${SCOPE_CLASS}-${node.name}`;
    },
  } as csstree.WalkOptions);
}
