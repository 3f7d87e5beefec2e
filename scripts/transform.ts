/**
 * Stage 3, transform: each section's mdast becomes safe hast.
 *
 *   mdast ─ headings placed under the section ─► toHast (directives → slots)
 *         ─► raw HTML parsed ─► unsafe parts reported ─► sanitised
 *         ─► slots filled ─► heading ids ─► abbreviations marked ─► hast
 *
 * The input trees are not changed.
 */
import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { raw } from 'hast-util-raw';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { toString as hastToString } from 'hast-util-to-string';
import type { Heading, Html, Link, Root as MdastRoot } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import { abbreviationsOf, createMatcher, markAbbreviations } from './abbreviations.ts';
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { handleDirective, type Directive, type DirectiveContext, type Slot } from './directives.ts';
import type { DataEntry } from './load.ts';
import { parseMarkdown, type ParsedSection } from './markdown.ts';
import { markdownMessages } from './messages/markdown.ts';
import { place, type References } from './references.ts';
import type { GlossaryData } from './schema/index.ts';

export interface ChartSlot {
  id: string;
  number: number;
  spec: string;
  data: string;
  attributes: Record<string, string>;
  file: string;
  place: ReturnType<typeof place>;
  title: ElementContent[];
  description: ElementContent[];
}

export interface SectionHast {
  id: string;
  level: number;
  number: string;
  title: string;
  short?: string | undefined;
  file: string;
  body: ElementContent[];
  children: SectionHast[];
}

export interface TransformResult {
  sections: SectionHast[];
  charts: ChartSlot[];
  diagnostics: Diagnostic[];
  /** Every place content is still to be supplied. */
  unfinished: Diagnostic[];
}

const schema: Schema = {
  ...defaultSchema,
  // No scripts run on the published page, so DOM clobbering is moot: keep authors' ids as written.
  clobber: [],
  clobberPrefix: '',
  tagNames: [...(defaultSchema.tagNames ?? []), 'yjplan-slot', 'abbr'],
  attributes: { ...defaultSchema.attributes, 'yjplan-slot': ['dataSlot'], abbr: ['title'] },
};

export function transformSections(
  sections: readonly ParsedSection[],
  data: ReadonlyMap<string, DataEntry>,
  references: References,
): TransformResult {
  const diagnostics: Diagnostic[] = [];
  const unfinished: Diagnostic[] = [];
  const charts: ChartSlot[] = [];
  const glossary = [...data.values()].find((e) => e.value.kind === 'glossary')?.value as GlossaryData | undefined;
  const abbreviations = abbreviationsOf(glossary);
  const matcher = createMatcher(abbreviations);
  const slugger = new GithubSlugger();
  const reserve = (list: readonly ParsedSection[]): void =>
    list.forEach((s) => {
      slugger.slug(s.id);
      reserve(s.children);
    });
  reserve(sections);
  for (const id of references.byId.keys()) slugger.slug(id);

  const markdownField = (text: string): ElementContent[] => {
    // Most cells are plain words: no need to parse them as Markdown.
    if (!PLAIN_MARKDOWN_SPECIALS.test(text)) return [{ type: 'text', value: text.trim() }];
    const tree = toHast(parseMarkdown(text)) as HastRoot;
    const safe = sanitize(raw(tree), schema) as HastRoot;
    const children = safe.children as ElementContent[];
    // A single paragraph reads better inline in a table cell.
    const only = children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
    return only.length === 1 && only[0]!.type === 'element' && only[0]!.tagName === 'p' ? only[0]!.children : children;
  };

  const one = (section: ParsedSection): SectionHast => {
    const slots = new Map<string, Slot>();
    const context: DirectiveContext = {
      file: section.file,
      data,
      references,
      slots,
      diagnostics,
      markdown: markdownField,
      onToBeSupplied: (node: Directive) => unfinished.push(diagnostic(section.file, place(node), markdownMessages.toBeSupplied(section.title))),
    };
    const mdast = placeHeadings(section, diagnostics);
    const directive = (_state: unknown, node: Directive) => handleDirective(_state as never, node, context);
    const hast = toHast(mdast, {
      allowDangerousHtml: true,
      handlers: { containerDirective: directive, leafDirective: directive, textDirective: directive },
    }) as HastRoot;
    reportUnsafe(mdast, section.file, diagnostics);
    // Re-parsing through parse5 is the costliest step: only sections with raw HTML need it.
    const parsed = hasRaw(hast) ? (raw(hast) as HastRoot) : hast;
    const safe = sanitize(parsed, schema) as HastRoot;
    const filled = fillSlots(safe.children as ElementContent[], slots, charts);
    const withIds = filled.map((node) => addHeadingIds(node, slugger));
    const body = markAbbreviations({ type: 'root', children: withIds } as HastRoot, abbreviations, matcher).children as ElementContent[];
    return { id: section.id, level: section.level, number: section.number, title: section.title, short: section.short, file: section.file, body, children: section.children.map(one) };
  };

  const out = sections.map(one);
  return { sections: out, charts, diagnostics, unfinished };
}

/** Body headings sit below the section's own: `##` in a level-1 section becomes an h3. */
function placeHeadings(section: ParsedSection, diagnostics: Diagnostic[]): MdastRoot {
  const tree = structuredClone(section.tree);
  let previous = 1;
  visit(tree, 'heading', (node: Heading) => {
    if (node.depth === 1) {
      diagnostics.push(diagnostic(section.file, place(node), markdownMessages.headingLevel(1)));
    } else if (node.depth > previous + 1) {
      diagnostics.push(diagnostic(section.file, place(node), markdownMessages.skippedHeading(previous, node.depth)));
    }
    const depth = Math.max(node.depth, 2);
    previous = depth;
    node.depth = Math.min(6, depth + section.level) as Heading['depth'];
  });
  return tree;
}

/** Anything that could make a table cell more than plain text when read as Markdown. */
const PLAIN_MARKDOWN_SPECIALS = /[\\`*_[\]<>#|!~:&]|^\s*([-+>]|\d+[.)])\s|\n\s*\n|https?:|www\./m;

function hasRaw(tree: HastRoot): boolean {
  let found = false;
  visit(tree, 'raw', () => {
    found = true;
    return false;
  });
  return found;
}

const unsafeTags = new Set(['script', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'form', 'base', 'frame', 'frameset']);

/** Says what sanitising will remove, at the line of the raw HTML that holds it. */
function reportUnsafe(tree: MdastRoot, file: string, diagnostics: Diagnostic[]): void {
  visit(tree, 'html', (node: Html) => {
    const at = place(node);
    const parsed = raw({ type: 'root', children: [{ type: 'raw', value: node.value }] } as HastRoot) as HastRoot;
    visit(parsed, 'element', (element: Element) => {
      if (unsafeTags.has(element.tagName)) diagnostics.push(diagnostic(file, at, markdownMessages.unsafeHtml(`<${element.tagName}>`)));
      if (element.tagName === 'svg') diagnostics.push(diagnostic(file, at, markdownMessages.unsafeHtml('inline <svg>')));
      for (const [key, value] of Object.entries(element.properties ?? {})) {
        if (/^on/i.test(key)) diagnostics.push(diagnostic(file, at, markdownMessages.unsafeHtml(`the ${key.toLowerCase()} attribute`)));
        if (typeof value === 'string' && /^\s*(javascript|vbscript|data):/i.test(value)) {
          diagnostics.push(diagnostic(file, at, markdownMessages.unsafeHtml(`a ${value.trim().split(':')[0]!.toLowerCase()}: URL`)));
        }
      }
    });
  });
  visit(tree, 'link', (node: Link) => {
    if (/^\s*(javascript|vbscript|data):/i.test(node.url)) {
      diagnostics.push(diagnostic(file, place(node), markdownMessages.unsafeHtml(`a ${node.url.trim().split(':')[0]!.toLowerCase()}: link`)));
    }
  });
}

function fillSlots(children: ElementContent[], slots: Map<string, Slot>, charts: ChartSlot[]): ElementContent[] {
  return children.flatMap((child): ElementContent[] => {
    if (child.type !== 'element') return [child];
    if (child.tagName !== 'yjplan-slot') return [{ ...child, children: fillSlots(child.children, slots, charts) }];
    const value = slots.get(String(child.properties.dataSlot));
    // An author cannot forge a slot: a key we did not hand out is dropped.
    if (!value) return [];
    const inner = fillSlots(child.children, slots, charts);
    switch (value.kind) {
      case 'element':
        return [value.element];
      case 'contents':
        return [{ type: 'element', tagName: 'yjplan-contents', properties: {}, children: [] }];
      case 'to-be-supplied':
        return [
          {
            type: 'element',
            tagName: 'div',
            properties: { className: ['to-be-supplied'], role: 'note' },
            children: [{ type: 'element', tagName: 'p', properties: { className: ['to-be-supplied-label'] }, children: [{ type: 'text', value: 'To be supplied' }] }, ...inner],
          },
        ];
      case 'chart': {
        const blocks = inner.filter((c) => c.type === 'element');
        const [first, ...rest] = blocks;
        const title = first && first.type === 'element' && first.tagName === 'p' ? first.children : first ? [first] : [];
        charts.push({ ...value, title, description: rest });
        return [{ type: 'element', tagName: 'yjplan-chart', properties: { dataId: value.id }, children: [] }];
      }
    }
  });
}

function addHeadingIds(node: ElementContent, slugger: GithubSlugger): ElementContent {
  if (node.type !== 'element') return node;
  if (/^h[1-6]$/.test(node.tagName)) {
    const id = node.properties.id ? String(node.properties.id) : slugger.slug(hastToString(node));
    return { ...node, properties: { ...node.properties, id } };
  }
  return { ...node, children: node.children.map((c) => addHeadingIds(c, slugger)) };
}
