/**
 * Stage 3, transform: each section's mdast becomes safe hast.
 *
 *   mdast ─ headings placed under the section ─► toHast (directives → slots)
 *         ─► raw HTML parsed ─► unsafe parts reported ─► sanitised
 *         ─► slots filled ─► heading ids ─► abbreviations marked ─► hast
 *
 * The input trees are not changed.
 */
import { withoutFileLinks } from './file-links.ts';
import { noCache, type Memo } from '../build/cache.ts';
import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { sanitize } from 'hast-util-sanitize';
import { toString as hastToString } from 'hast-util-to-string';
import type { Heading, Html, Image, Root as MdastRoot } from 'mdast';
import { toHast } from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import { abbreviationsOf, createMatcher, markAbbreviations } from './abbreviations.ts';
import { diagnostic, type Diagnostic, type MessageText, type Place } from '../diagnostics/index.ts';
import { parseRaw, tooComplex } from '../safety/limits.ts';
import { linkSchemes, sanitiserRemovals, schema } from '../safety/html.ts';
import { handleDirective, type Directive, type DirectiveContext, type FieldOrigin, type Slot } from './directives.ts';
import { createFigures, figureText, type Figures } from '../figures/quote.ts';
import { statedNote } from '../figures/stated.ts';
import { placeInText } from '../load/yaml-source.ts';
import type { DataEntry } from '../load/index.ts';
import { parseMarkdown, type ParsedSection } from '../parse/markdown.ts';
import { markdownMessages } from '../messages/markdown.ts';
import { place, type References } from './references.ts';
import { imageKey, isRemote, type Images } from './resources.ts';
import type { GlossaryData, PageBreak } from '../schema/index.ts';
import type { Disclosure } from '../small-numbers/index.ts';
import { capitaliseWithheld } from '../small-numbers/sentence.ts';

export interface ChartSlot {
  id: string;
  number: number;
  spec: string;
  data: string;
  attributes: Record<string, string>;
  inTable?: { id: string; label: string } | undefined;
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
  /** Where the section starts in print, when its front matter says (see plan.yaml's `page-breaks`). */
  pageBreak?: PageBreak | undefined;
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

export interface TransformOptions {
  /** The plan's figures (made from `data` alone when not given: no `plan.*` details then). */
  figures?: Figures | undefined;
  /** Mark each quoted figure with the file and line it comes from (the preview shows them). */
  annotate?: boolean | undefined;
  /** What the small-numbers setting withholds, when the plan has one. */
  disclosure?: Disclosure | undefined;
  /** The plan is final: content still to be supplied is an error, where the directive can say so. */
  final?: boolean | undefined;
  /** The Markdown parser for data files' text (the build's keeps trees between builds). */
  parse?: ((text: string) => MdastRoot) | undefined;
}

export function transformSections(
  sections: readonly ParsedSection[],
  data: ReadonlyMap<string, DataEntry>,
  references: References,
  /** Plan-local images, embedded as data: URIs (see resources.ts); any other image is dropped. */
  images: Images = new Map(),
  /** Cells already converted by an earlier build (the preview's). */
  cache: Memo = noCache,
  options: TransformOptions = {},
): TransformResult {
  const figures = options.figures ?? createFigures(data);
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

  // Footnote ids carry a prefix of their own in each section and each data file's text: every
  // one numbers its notes from 1 (and may reuse a label), and the page holds them all.
  const notePrefixes = new Set<string>();
  const reservePrefixes = (list: readonly ParsedSection[]): void =>
    list.forEach((s) => {
      notePrefixes.add(sectionNotePrefix(s.id));
      reservePrefixes(s.children);
    });
  reservePrefixes(sections);
  /** A prefix no other section or field has: the field's file and place, numbered if that is taken (a field shown twice). */
  const fieldNotePrefix = (origin: FieldOrigin | undefined): string => {
    const base = `notes-${origin ? [origin.entry.name, ...origin.path].join('-') : 'data'}`;
    let prefix = `${base}-`;
    for (let n = 2; notePrefixes.has(prefix); n++) prefix = `${base}-${n}-`;
    notePrefixes.add(prefix);
    return prefix;
  };

  const markdownField = (text: string, origin?: FieldOrigin): ElementContent[] => {
    // A field that quotes figures depends on other files, and reports at its own line; one with
    // footnotes gets ids of its own: neither is ever reused.
    const field = (origin && DIRECTIVE.test(text)) || FOOTNOTE.test(text) ? convertField(text, origin) : cache.memo(`cell\0${text}`, () => convertField(text));
    // What the text holds that is not published is said at its place in the YAML, reused or not.
    if (origin) for (const p of field.problems) diagnostics.push(diagnostic(origin.entry.file, placeInText(origin.entry.source, origin.path, text, p.start, text.slice(p.start, p.end)), p.text));
    return field.children;
  };
  const convertField = (text: string, origin?: FieldOrigin): { children: ElementContent[]; problems: FieldProblem[] } => {
    // Most cells are plain words: no need to parse them as Markdown.
    if (!PLAIN_MARKDOWN_SPECIALS.test(text) || tooComplex(text)) return { children: [{ type: 'text', value: text.trim() }], problems: [] };
    const mdast = (options.parse ?? parseMarkdown)(text);
    const slots = new Map<string, Slot>();
    const prefix = FOOTNOTE.test(text) ? fieldNotePrefix(origin) : undefined;
    const tree = toHast(mdast, { clobberPrefix: prefix, handlers: origin ? fieldHandlers(text, origin, slots) : undefined }) as HastRoot;
    if (prefix) ownFootnoteLabel(tree, prefix);
    const problems = fieldProblems(mdast, tree);
    const parsed = hasRaw(tree) ? parseRaw(tree) : tree;
    if (!parsed) return { children: [{ type: 'text', value: text.trim() }], problems };
    // Images in data files are not shown (resources.ts says so, at their line).
    const safe = withoutFileLinks(withoutImages(sanitize(parsed, schema) as HastRoot)).children as ElementContent[];
    const children = slots.size ? fillSlots(safe, slots, []) : safe;
    // A single paragraph reads better inline in a table cell.
    const only = children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
    return { children: only.length === 1 && only[0]!.type === 'element' && only[0]!.tagName === 'p' ? only[0]!.children : children, problems };
  };
  /** Directives in a data file's text: `:value` and `:ref`, reported at their YAML line. */
  const fieldHandlers = (text: string, origin: FieldOrigin, slots: Map<string, Slot>) => {
    const context: DirectiveContext = {
      file: origin.entry.file,
      data,
      figures,
      references,
      slots,
      diagnostics,
      markdown: markdownField,
      inData: true,
      annotate: options.annotate,
      disclosure: options.disclosure,
      onToBeSupplied: () => undefined,
      onUnfinished: () => undefined,
      locate: (node) => {
        const start = node.position?.start.offset ?? 0;
        const end = node.position?.end.offset ?? start;
        return placeInText(origin.entry.source, origin.path, text, start, text.slice(start, end));
      },
    };
    const directive = (_state: unknown, node: Directive) => handleDirective(_state as never, node, context);
    return { containerDirective: directive, leafDirective: directive, textDirective: directive };
  };

  const one = (section: ParsedSection): SectionHast => {
    const slots = new Map<string, Slot>();
    const context: DirectiveContext = {
      file: section.file,
      data,
      figures,
      annotate: options.annotate,
      disclosure: options.disclosure,
      references,
      slots,
      diagnostics,
      markdown: markdownField,
      onToBeSupplied: (node: Directive) => unfinished.push(diagnostic(section.file, place(node), markdownMessages.toBeSupplied(section.title))),
      onUnfinished: (problem) => unfinished.push(problem),
      final: options.final,
    };
    const mdast = quoteInAlt(placeHeadings(section, diagnostics), section, figures, diagnostics);
    const directive = (_state: unknown, node: Directive) => handleDirective(_state as never, node, context);
    const hast = toHast(mdast, {
      allowDangerousHtml: true,
      // Footnote ids (`…fn-1`, `…fnref-1`, `…footnote-label`) carry the section's id: every
      // section numbers its notes from 1, and the page holds them all.
      clobberPrefix: sectionNotePrefix(section.id),
      handlers: { containerDirective: directive, leafDirective: directive, textDirective: directive },
    }) as HastRoot;
    ownFootnoteLabel(hast, sectionNotePrefix(section.id));
    reportUnsafe(mdast, hast, section.file, diagnostics);
    reportPipeTables(mdast, section.file, diagnostics);
    reportHtmlHeadings(mdast, section.file, diagnostics);
    reportUnreadDirectives(mdast, section.file, diagnostics);
    // Re-parsing through parse5 is the costliest step: only sections with raw HTML need it.
    let parsed: HastRoot | undefined = hasRaw(hast) ? parseRaw(hast) : hast;
    if (!parsed) {
      const first = mdast.children.find((n) => n.type === 'html') ?? mdast.children[0];
      diagnostics.push(diagnostic(section.file, (first && place(first)) ?? { line: 1, column: 1 }, markdownMessages.tooDeep('HTML')));
      parsed = { type: 'root', children: [] };
    }
    const safe = embedImages(withoutFileLinks(sanitize(parsed, schema) as HastRoot), section.file, images);
    const slotted = fillSlots(safe.children as ElementContent[], slots, charts);
    const filled = options.disclosure?.setting.action === 'suppress' ? capitaliseWithheld(slotted) : slotted;
    const withIds = filled.map((node) => addHeadingIds(node, slugger));
    const body = markAbbreviations({ type: 'root', children: withIds } as HastRoot, abbreviations, matcher).children as ElementContent[];
    return { id: section.id, level: section.level, number: section.number, title: section.title, short: section.short, pageBreak: section.pageBreak, file: section.file, body, children: section.children.map(one) };
  };

  const out = sections.map(one);
  return { sections: out, charts, diagnostics, unfinished };
}

const sectionNotePrefix = (id: string): string => `notes-${id}-`;

/** A footnote reference or definition, as data-file text may hold one: `[^label]`. */
const FOOTNOTE = /\[\^[^\]\n]+\]/;

/** mdast-util-to-hast names every section's footnote heading `footnote-label`, whatever the prefix: give it the section's. */
function ownFootnoteLabel(tree: HastRoot, prefix: string): void {
  const label = 'footnote-label';
  visit(tree, 'element', (node: Element) => {
    if (node.properties.id === label) node.properties.id = prefix + label;
    const described = node.properties.ariaDescribedBy;
    if (Array.isArray(described)) node.properties.ariaDescribedBy = described.map((id) => (id === label ? prefix + label : id));
    else if (described === label) node.properties.ariaDescribedBy = [prefix + label];
  });
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

/**
 * A heading written as HTML (`<h1>…</h1>`) takes no place in the plan's outline: it is not moved
 * below its section's heading as a `##` is, so it can make a second h1 on the page or a heading
 * that seems to stand above its section (a fake "Approved by the board"). Refused at its place.
 */
function reportHtmlHeadings(mdast: MdastRoot, file: string, diagnostics: Diagnostic[]): void {
  visit(mdast, 'html', (node: Html) => {
    const m = /<h([1-6])(?=[\s>/])/i.exec(node.value);
    if (m) diagnostics.push(diagnostic(file, place(node), markdownMessages.htmlHeading(Number(m[1]))));
  });
}

/** Something that reads as a directive: `:value[`, `::table{`. */
const DIRECTIVE = /:[a-z][\w-]*[[{]/i;

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

/**
 * Says what sanitising will remove: what Markdown made (a link, a reference link, an autolink) at
 * its own place in `hast`, and what raw HTML holds at the line of the HTML, each read alone so
 * that HTML the page never shows (inside an unused footnote) is reported too.
 */
function reportUnsafe(tree: MdastRoot, hast: HastRoot, file: string, diagnostics: Diagnostic[]): void {
  for (const removal of unsafeParts(tree, hast)) diagnostics.push(diagnostic(file, removal.at ?? { line: 1, column: 1 }, removal.scheme ? markdownMessages.unsafeUrl(removal.scheme, linkSchemes) : markdownMessages.unsafeHtml(removal.what)));
}

interface UnsafePart {
  what: string;
  scheme?: string | undefined;
  at: Place | undefined;
  /** Where it is written, in UTF-16 units of the parsed text. */
  start?: number | undefined;
  end?: number | undefined;
}

function unsafeParts(tree: MdastRoot, hast: HastRoot): UnsafePart[] {
  const out: UnsafePart[] = [];
  visit(tree, 'html', (node: Html) => {
    const parsed = parseRaw({ type: 'root', children: [{ type: 'raw', value: node.value }] } as HastRoot);
    if (!parsed) return; // too deep: reported once, for the section
    for (const r of sanitiserRemovals(parsed)) out.push({ what: r.what, scheme: r.scheme, at: place(node), start: node.position?.start.offset, end: node.position?.end.offset });
  });
  for (const r of sanitiserRemovals(hast)) {
    const position = r.element.position;
    out.push({ what: r.what, scheme: r.scheme, at: position ? { line: position.start.line, column: position.start.column } : undefined, start: position?.start.offset, end: position?.end.offset });
  }
  return out.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
}

/** Something in a data file's text that is not published, where in the text it is written. */
interface FieldProblem {
  text: MessageText;
  start: number;
  end: number;
}

/**
 * A data file's text: what the sanitiser removes, and definitions nothing can use (each text is
 * a document of its own, so a note that only defines a footnote or link publishes nothing).
 */
function fieldProblems(mdast: MdastRoot, hast: HastRoot): FieldProblem[] {
  const problems: FieldProblem[] = unsafeParts(mdast, hast).map((p) => ({
    text: p.scheme ? markdownMessages.unsafeUrl(p.scheme, linkSchemes) : markdownMessages.unsafeHtml(p.what),
    start: p.start ?? 0,
    end: p.end ?? p.start ?? 0,
  }));
  const used = new Set<string>();
  visit(mdast, (node) => {
    if (node.type === 'linkReference' || node.type === 'imageReference') used.add(`link\0${node.identifier}`);
    if (node.type === 'footnoteReference') used.add(`footnote\0${node.identifier}`);
  });
  visit(mdast, (node) => {
    if (node.type !== 'definition' && node.type !== 'footnoteDefinition') return;
    const kind = node.type === 'definition' ? 'link' : 'footnote';
    if (used.has(`${kind}\0${node.identifier}`)) return;
    problems.push({ text: markdownMessages.definitionInField(kind, node.label ?? node.identifier), start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 });
  });
  return problems.sort((a, b) => a.start - b.start);
}

/**
 * An image's text alternative may quote figures too (`![A chart of :value[x.y] …](…)`), so that it
 * never goes stale: Markdown keeps alt text as plain words, so each quote is replaced here.
 */
function quoteInAlt(tree: MdastRoot, section: ParsedSection, figures: Figures, diagnostics: Diagnostic[]): MdastRoot {
  if (!section.text?.includes(':value[')) return tree;
  visit(tree, 'image', (node: Image) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    // Markdown reads `:value[x]` in alt text as words ("x"): the alt text is taken as written.
    const raw = section.text!.slice(start, end);
    const close = raw.lastIndexOf('](');
    if (!raw.startsWith('![') || close < 0) return;
    const alt = raw.slice(2, close);
    if (!alt.includes(':value[')) return;
    node.alt = alt.replace(/:value\[([^\]\n]*)\]/g, (whole, ref: string) => {
      const quoted = figures.quote(ref.trim());
      if (quoted.ok && quoted.figure.withheld) diagnostics.push(diagnostic(section.file, place(node) ?? { line: 1, column: 1 }, quoted.figure.withheld.message));
      if (quoted.ok) return figureText(quoted.figure) + (quoted.figure.stated ? statedNote(quoted.figure.stated.text) : '');
      if (!quoted.reported) diagnostics.push(diagnostic(section.file, place(node) ?? { line: 1, column: 1 }, quoted.problem));
      return whole;
    }).replace(/\s+/g, ' ');
  });
  return tree;
}

/** A Markdown pipe table has no number, caption or row headers: the page needs a `::table`. */
/**
 * A paragraph that starts as a block directive does (`:::chart{…`, `::table{…`) but was not read
 * as one (a stray quote or brace in its attributes): it would be published as text, unremarked.
 */
function reportUnreadDirectives(tree: MdastRoot, file: string, diagnostics: Diagnostic[]): void {
  visit(tree, 'paragraph', (node) => {
    const first = node.children[0];
    if (first?.type !== 'text' || first.position?.start.column !== node.position?.start.column) return;
    const m = /^(:{2,}[a-z][\w-]*)[[{]/i.exec(first.value);
    if (m) diagnostics.push(diagnostic(file, place(node) ?? { line: 1, column: 1 }, markdownMessages.unreadDirective(m[1]!)));
  });
}

function reportPipeTables(tree: MdastRoot, file: string, diagnostics: Diagnostic[]): void {
  visit(tree, 'table', (node) => {
    diagnostics.push(diagnostic(file, place(node) ?? { line: 1, column: 1 }, markdownMessages.pipeTable()));
  });
}

/** Each <img> gets its embedded data: URI; one whose image was not embedded (remote, missing) loses its src. */
function embedImages(tree: HastRoot, file: string, images: Images): HastRoot {
  visit(tree, 'element', (element: Element) => {
    if (element.tagName !== 'img') return;
    const src = element.properties.src;
    const embedded = typeof src === 'string' && !isRemote(src) ? images.get(imageKey(file, src)) : undefined;
    if (embedded) element.properties.src = embedded;
    else delete element.properties.src;
  });
  return tree;
}

function withoutImages(tree: HastRoot): HastRoot {
  visit(tree, 'element', (element: Element, index, parent) => {
    if (element.tagName !== 'img' || !parent || index === undefined) return;
    parent.children.splice(index, 1);
    return index;
  });
  return tree;
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
