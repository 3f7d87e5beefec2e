/**
 * "fewer than 5" in place of a figure that starts a sentence reads as a sentence should: "Fewer
 * than 5 children were…". A pass over the finished hast: a withheld figure at the start of its
 * paragraph, or after a full stop, question or exclamation mark, gets a capital letter.
 */
import type { Element, ElementContent, Text } from 'hast';

const isWithheld = (node: Element): boolean =>
  node.tagName === 'span' && Array.isArray(node.properties.className) && node.properties.className.includes('withheld');

/** Whether what comes before a node ends a sentence (or nothing comes before it). */
function startsSentence(before: readonly ElementContent[]): boolean {
  const previous = [...before].reverse().find((n) => !(n.type === 'text' && n.value.trim() === '') && n.type !== 'comment');
  if (!previous) return true;
  return previous.type === 'text' && /[.!?][”’")]?\s+$/.test(previous.value);
}

function capitalise(span: Element): Element {
  const [first, ...rest] = span.children;
  if (first?.type !== 'text') return span;
  const text: Text = { ...first, value: first.value.charAt(0).toUpperCase() + first.value.slice(1) };
  return { ...span, children: [text, ...rest] };
}

/** The same nodes, with each withheld figure that starts a sentence capitalised. */
export function capitaliseWithheld(nodes: readonly ElementContent[]): ElementContent[] {
  return nodes.map((node, i) => {
    if (node.type !== 'element') return node;
    if (isWithheld(node)) return startsSentence(nodes.slice(0, i)) ? capitalise(node) : node;
    return { ...node, children: capitaliseWithheld(node.children) };
  });
}
