/**
 * Marks up glossary terms as <abbr title> at their first use in each section,
 * so that a reader meeting "YOT" can learn what it stands for.
 */
import { escapeRegExp } from '../util/regexp.ts';
import type { Element, ElementContent, Root, Text } from 'hast';
import type { GlossaryData } from '../schema/index.ts';

export interface Abbreviation {
  form: string;
  title: string;
}

/** The forms to look for, longest first, so "YOT/YOS" wins over "YOT". */
export function abbreviationsOf(glossary: GlossaryData | undefined): Abbreviation[] {
  if (!glossary) return [];
  return glossary.terms
    .flatMap((t) => (t.match ?? [t.term]).map((form) => ({ form, title: t.definition })))
    .sort((a, b) => b.form.length - a.form.length);
}

const skip = new Set(['a', 'abbr', 'code', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'svg', 'script', 'style', 'caption', 'figcaption', 'summary']);


export function createMatcher(abbreviations: readonly Abbreviation[]): RegExp | undefined {
  if (abbreviations.length === 0) return undefined;
  // Whole words only, and case matters: "AC" is a term, "ac" in "accept" is not.
  return new RegExp(`(?<![\\p{L}\\p{N}])(${abbreviations.map((a) => escapeRegExp(a.form)).join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

/** Returns a new tree; the input is not changed. Marks each form once per call. */
export function markAbbreviations<T extends Root | Element>(tree: T, abbreviations: readonly Abbreviation[], matcher = createMatcher(abbreviations)): T {
  if (!matcher) return tree;
  const titles = new Map(abbreviations.map((a) => [a.form, a.title]));
  const used = new Set<string>();
  const visitChildren = (children: ElementContent[]): ElementContent[] =>
    children.flatMap((child): ElementContent[] => {
      if (child.type === 'text') return splitText(child);
      if (child.type === 'element') return [skip.has(child.tagName) ? child : { ...child, children: visitChildren(child.children) }];
      return [child];
    });
  const splitText = (node: Text): ElementContent[] => {
    const out: ElementContent[] = [];
    let last = 0;
    for (const match of node.value.matchAll(matcher)) {
      const form = match[1]!;
      if (used.has(form)) continue;
      used.add(form);
      if (match.index > last) out.push({ type: 'text', value: node.value.slice(last, match.index) });
      out.push({ type: 'element', tagName: 'abbr', properties: { title: titles.get(form) }, children: [{ type: 'text', value: form }] });
      last = match.index + form.length;
    }
    if (out.length === 0) return [node];
    if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) });
    return out;
  };
  return { ...tree, children: visitChildren(tree.children as ElementContent[]) } as T;
}
