/**
 * A PDF's whole structure tree, read with poppler (`pdfinfo -struct-text`): every structure
 * element in reading order with the text of its marked content. pdf.js gives the tree page by
 * page (and the /Alt that poppler does not print); this gives it whole, so an element that runs
 * over a page break is one element.
 */
import { pdfinfo } from './pdf-text.ts';

export interface StructNode {
  /** The structure type: Document, H2, Table, TH, Figure… */
  type: string;
  /** The text of this element's own marked content, in order. */
  text: string[];
  children: StructNode[];
}

const ELEMENT = /^([A-Za-z][A-Za-z0-9]*)(?: \((?:block|inline)\))?(?: <[^>]*>)?:?$/;

export function structTree(file: string): StructNode {
  const root: StructNode = { type: 'Root', text: [], children: [] };
  // Each line is indented two spaces per level; attribute lines (/Scope /Row…) sit deeper and are skipped.
  const stack: Array<{ indent: number; node: StructNode }> = [{ indent: -1, node: root }];
  for (const line of pdfinfo(file, '-struct-text').split('\n')) {
    const indent = line.length - line.trimStart().length;
    const content = line.trim();
    if (content === '' || content.startsWith('/') || /^Object \d+ \d+$/.test(content)) continue;
    while (stack.length > 1 && stack.at(-1)!.indent >= indent) stack.pop();
    const parent = stack.at(-1)!.node;
    if (content.startsWith('"') && content.endsWith('"')) {
      parent.text.push(content.slice(1, -1));
      continue;
    }
    const element = ELEMENT.exec(content);
    if (!element) throw new Error(`Internal error: unexpected line in pdfinfo -struct-text: ${JSON.stringify(line)}`);
    const node: StructNode = { type: element[1]!, text: [], children: [] };
    parent.children.push(node);
    stack.push({ indent, node });
  }
  return root;
}

/** Every element of the tree, depth first, in reading order. */
export function* elementsOf(node: StructNode): Generator<StructNode> {
  yield node;
  for (const child of node.children) yield* elementsOf(child);
}

/** All the text an element holds, its descendants' included. */
export const textOf = (node: StructNode): string => [...elementsOf(node)].flatMap((n) => n.text).join('');
