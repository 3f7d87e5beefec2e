/**
 * Ids and what points at them, across a rendered hast tree: the pages (a link to a figure in
 * another chapter goes to that chapter's page) and the embed (every id prefixed, every reference
 * following) move ids and links the same way, so they share this module.
 *
 * What can point at an id: a link's `href="#id"` (or an SVG `href`/`xlink:href`), an ARIA or
 * table attribute naming ids (`aria-labelledby`, `headers`, `for` …), our own `data-target`
 * (the contents' page numbers), and a `url(#id)` in an attribute such as `fill` or `style`.
 * The trees given are never changed: each function returns a new one.
 */
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';

/** Properties (as hast names them) whose value is one id or a list of ids. */
const ID_LISTS = [
  'htmlFor', 'headers', 'ariaLabelledBy', 'ariaDescribedBy', 'ariaControls', 'ariaOwns', 'ariaActiveDescendant',
  'ariaDetails', 'ariaErrorMessage', 'ariaFlowTo', 'list', 'form', 'itemRef', 'dataTarget',
];
const LINKS = ['href', 'xLinkHref'];

type Node = Root | RootContent | ElementContent;

/** Every id in the tree, in document order. */
export function collectIds(node: Node): string[] {
  const ids: string[] = [];
  each(node, (el) => {
    if (el.properties.id !== undefined && el.properties.id !== null) ids.push(String(el.properties.id));
  });
  return ids;
}

export interface Rewrite {
  /** The new id for an element's id (and for any reference to it that stays on the page). */
  id?: (id: string) => string;
  /** The new `href` for a link to `#id`; undefined leaves the link as it was. */
  link?: (id: string) => string | undefined;
}

/** A copy of `node` with ids renamed and in-page links retargeted, references following. */
export function rewriteIds<T extends Node>(node: T, rewrite: Rewrite): T {
  const rename = rewrite.id ?? ((id: string) => id);
  const visit = <N extends Node>(n: N): N => {
    if (n.type !== 'element' && n.type !== 'root') return n;
    const children = (n.children as Node[]).map(visit);
    if (n.type === 'root') return { ...n, children } as N;
    return { ...n, properties: rewriteProperties(n.properties, rename, rewrite.link), children } as N;
  };
  return visit(node);
}

function rewriteProperties(properties: Properties, rename: (id: string) => string, link: Rewrite['link']): Properties {
  const out: Properties = { ...properties };
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined || value === null) continue;
    if (key === 'id') out.id = rename(String(value));
    else if (ID_LISTS.includes(key)) out[key] = Array.isArray(value) ? value.map((v) => rename(String(v))) : String(value).split(/\s+/).map(rename).join(' ');
    else if (LINKS.includes(key) && typeof value === 'string' && value.startsWith('#') && value.length > 1) {
      const id = decodeFragment(value.slice(1));
      out[key] = link?.(id) ?? `#${encodeURIComponent(rename(id))}`;
    } else if (typeof value === 'string' && value.includes('url(#')) {
      // A paint or clip reference (`fill="url(#a)"`), or the same inside a style attribute.
      out[key] = value.replace(/url\(#([^)\s"']+)\)/g, (_m, id: string) => `url(#${rename(id)})`);
    }
  }
  return out;
}

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** Calls `fn` on every element under (and including) `node`. */
export function each(node: Node, fn: (el: Element) => void): void {
  if (node.type === 'element') fn(node);
  if (node.type === 'element' || node.type === 'root') for (const child of node.children) each(child, fn);
}

/** Every in-page link target (`href="#id"`) and every id reference in the tree, for checking. */
export function linkTargets(node: Node): string[] {
  const targets: string[] = [];
  each(node, (el) => {
    for (const key of LINKS) {
      const value = el.properties[key];
      if (typeof value === 'string') targets.push(value);
    }
  });
  return targets;
}
