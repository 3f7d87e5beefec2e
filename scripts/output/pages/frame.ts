/**
 * The council's own frame for out/pages/: a plan's `templates/site.html`, the council's header
 * and footer around `<!-- plan -->`, where each page's plan goes.
 *
 *   text ──parse (positions)──▶ hast ──slot found──▶ sanitised (no scripts, styles, event
 *   handlers, frames or pictures from elsewhere) ──▶ a function wrapping each page's content
 *
 * It reaches the page as a sanitised tree, serialised with the page: its text is escaped as
 * any text is, and nothing of it runs.
 */
import path from 'node:path';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { diagnostic, type Diagnostic } from '../../diagnostics/index.ts';
import { siteMessages } from '../../messages/site.ts';
import { markdownMessages } from '../../messages/markdown.ts';
import { readText, unreadableText } from '../../load/source-text.ts';
import { htmlTooDeepAt, parseHtmlText, tooDeep } from '../../safety/limits.ts';
import { anyElementAttributes } from '../../safety/html.ts';
import { invisibleProblems } from '../../safety/invisible.ts';
import { rewriteIds } from '../ids.ts';

export const SITE_FILE = 'templates/site.html';
const SLOT = 'yjplan-frame-slot';

export interface SiteFrame {
  /** The council's frame around `content`. */
  wrap(content: ElementContent[]): ElementContent[];
}

const schema: Schema = {
  ...defaultSchema,
  clobber: [],
  clobberPrefix: '',
  // The landmarks a header and footer are made of; no <img>: a picture would be fetched from elsewhere.
  tagNames: [...(defaultSchema.tagNames ?? []).filter((t) => !['img', 'picture', 'source', 'input'].includes(t)), 'header', 'footer', 'nav', 'aside', 'abbr', SLOT],
  // What is left out goes with all it holds: a <title> or <style> would otherwise publish its text.
  strip: [...(defaultSchema.strip ?? []), 'style', 'title', 'textarea', 'select', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'head'],
  // As a section's HTML: no `dir` (a frame that turns the plan right-to-left moves its signs), no `name`, `tabindex` or `accesskey`.
  attributes: { ...defaultSchema.attributes, '*': [...anyElementAttributes, 'className', 'ariaLabel', 'ariaLabelledBy', 'role'] },
};

/** What may hold the plan: a box, not a link, a table, a disclosure or a form that would make it part of something else. */
const SLOT_HOLDERS = new Set(['div', 'main', 'section', 'article']);
/** The frame's ids are its own: prefixed, so none can take a page's (`main`, a section's) or its links. */
const ID_PREFIX = 'site-';

/** Reads the plan's frame, if it has one. */
export async function loadFrame(planRoot: string): Promise<{ frame?: SiteFrame | undefined; diagnostics: Diagnostic[] }> {
  // Read as every plan file is: a link out of the plan, a pipe or a huge file is refused, not read.
  const read = await readText(path.join(planRoot, SITE_FILE), planRoot);
  if (read.ok) return parseFrame(read.text);
  if (read.reason === 'missing') return { diagnostics: [] };
  return { diagnostics: [diagnostic(SITE_FILE, { line: 1, column: 1 }, unreadableText(SITE_FILE, read))] };
}

export function parseFrame(text: string): { frame?: SiteFrame | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  // The parser and the walks below recurse once per level: a frame nested past the sections'
  // limit is refused, at the first element too deep (counted from the text if the parser overflows).
  // Direction overrides and control characters are refused here as in every plan file.
  diagnostics.push(...invisibleProblems(SITE_FILE, text));
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const tree = parseHtmlText(text);
  const deep = tree ? tooDeep(tree)?.position?.start : undefined;
  if (!tree || deep) {
    const place = deep ? { line: deep.line, column: deep.column } : (htmlTooDeepAt(text) ?? { line: 1, column: 1 });
    return { diagnostics: [diagnostic(SITE_FILE, place, markdownMessages.tooDeep('HTML'))] };
  }
  let slots = 0;
  const allowed = new Set(schema.tagNames);
  const mark = (node: Root | Element, holders: readonly string[]): void => {
    node.children = node.children.map((child): RootContent => {
      if (child.type === 'comment' && child.value.trim().toLowerCase() === 'plan') {
        slots += 1;
        const around = holders.find((tag) => !SLOT_HOLDERS.has(tag));
        const at = child.position ? { line: child.position.start.line, column: child.position.start.column } : undefined;
        if (around) diagnostics.push(diagnostic(SITE_FILE, at, siteMessages.slotInside(around)));
        return { type: 'element', tagName: SLOT, properties: {}, children: [], position: child.position };
      }
      if (child.type !== 'element') return child;
      const place = child.position ? { line: child.position.start.line, column: child.position.start.column } : undefined;
      if (!allowed.has(child.tagName)) diagnostics.push(diagnostic(SITE_FILE, place, siteMessages.removed(`\`<${child.tagName}>\``)));
      else {
        for (const key of Object.keys(child.properties)) {
          if (/^on/i.test(key) || key === 'style') diagnostics.push(diagnostic(SITE_FILE, place, siteMessages.removed(`The \`${key.toLowerCase()}\` attribute of \`<${child.tagName}>\``)));
        }
        if (child.tagName === 'h1') diagnostics.push(diagnostic(SITE_FILE, place, siteMessages.ownHeading()));
        const role = child.properties.role;
        if (role !== undefined && String(role).split(/[\s,]+/).some((r) => r.toLowerCase() === 'main')) {
          diagnostics.push(diagnostic(SITE_FILE, place, siteMessages.mainRole()));
          delete child.properties.role;
        }
        mark(child, [...holders, child.tagName]);
      }
      return child;
    }) as typeof node.children;
  };
  mark(tree, []);
  if (slots !== 1) return { diagnostics: [...diagnostics, diagnostic(SITE_FILE, { line: 1, column: 1 }, slots === 0 ? siteMessages.noSlot() : siteMessages.twoSlots())] };
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const clean = rewriteIds(sanitize(tree, schema) as Root, { id: (id) => `${ID_PREFIX}${id}` });
  const fill = (nodes: readonly RootContent[], content: ElementContent[]): ElementContent[] =>
    nodes.flatMap((n): ElementContent[] => {
      if (n.type === 'element' && n.tagName === SLOT) return content;
      if (n.type === 'element') return [{ ...n, children: fill(n.children, content) }];
      return n.type === 'text' ? [n] : [];
    });
  return { frame: { wrap: (content) => fill(clean.children, content) }, diagnostics };
}

