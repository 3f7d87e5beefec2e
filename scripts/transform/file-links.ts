/**
 * Links to files. A plan is published as its pages and its PDF, nothing else of its folder:
 * a link to `../budget.xlsx` or `/tmp/notes.txt` would lead a reader nowhere on the council's
 * site, and in the PDF to the address it was printed from. Such a link keeps its words and
 * loses its target; `check` and the build say so at the link (check/index.ts).
 */
import type { Element, Nodes } from 'hast';
import { visit } from 'unist-util-visit';

/** A link that names a file of the plan's folder or machine: no scheme, not `#id`, not `//host`. */
export function isFileLink(url: string): boolean {
  const href = url.trim();
  return href !== '' && !href.startsWith('#') && !href.startsWith('//') && !/^[a-z][a-z0-9+.-]*:/i.test(href);
}

/** The tree with every link to a file made plain text (an `<a>` without `href`). Changes the tree given. */
export function withoutFileLinks<T extends Nodes>(tree: T): T {
  visit(tree, 'element', (element: Element) => {
    if (element.tagName === 'a' && typeof element.properties.href === 'string' && isFileLink(element.properties.href)) delete element.properties.href;
  });
  return tree;
}
