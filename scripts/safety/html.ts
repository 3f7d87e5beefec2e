/**
 * What the page's sanitiser removes, said before it runs: every element it drops and every URL
 * or event handler it takes off an element, whatever Markdown or HTML made them (a link, a
 * reference link and its definition, an autolink, raw HTML). The checks read the sanitiser's own
 * schema, so what is reported and what is removed cannot drift apart.
 */
import type { Element, Nodes } from 'hast';
import { defaultSchema, type Schema } from 'hast-util-sanitize';
import { visit, SKIP } from 'unist-util-visit';

/**
 * The attributes any element may keep, from hast-util-sanitize's defaults less four: no `name`
 * (on the council's page the embed is pasted into, `<img name="getElementById">` would replace the
 * host's document.getElementById for its scripts: DOM clobbering), no `tabindex` or `accesskey`
 * (which take over the keyboard order and keys of the page) and no `dir` (which can carry a
 * figure's minus sign to the other side of it, "5−": isolates do that work). The council's
 * frame (output/pages/frame.ts) keeps the same.
 */
export const anyElementAttributes = (defaultSchema.attributes?.['*'] ?? []).filter((a) => !['name', 'tabIndex', 'accessKey', 'dir'].includes(String(Array.isArray(a) ? a[0] : a)));

export const schema: Schema = {
  ...defaultSchema,
  // Ids are kept as written (links to them are the author's), and the embed prefixes every one.
  clobber: [],
  clobberPrefix: '',
  // <picture>'s <source srcset> would be fetched as written: only <img>, whose src is embedded, stays.
  tagNames: [...(defaultSchema.tagNames ?? []).filter((t) => t !== 'picture' && t !== 'source'), 'yjplan-slot', 'abbr'],
  attributes: {
    ...defaultSchema.attributes,
    '*': anyElementAttributes,
    'yjplan-slot': ['dataSlot'],
    abbr: ['title'],
  },
};

export interface Removal {
  /** What goes, in words: `<script>`, `the onclick attribute`, `a javascript: URL`. */
  what: string;
  /** A URL's scheme, when what goes is a URL. */
  scheme?: string | undefined;
  /** The element it is on, whose position says where it was written. */
  element: Element;
}

const allowedTags = new Set(schema.tagNames ?? []);
const strippedTags = new Set(schema.strip ?? []);

/** Every removal the sanitiser will make in `tree` (raw nodes are not looked into: parse them first). */
export function sanitiserRemovals(tree: Nodes): Removal[] {
  const out: Removal[] = [];
  visit(tree, 'element', (element: Element) => {
    const tag = element.tagName;
    // Markdown makes no element the page refuses; one written as HTML is named.
    if (!allowedTags.has(tag)) out.push({ what: tag === 'svg' ? 'inline <svg>' : `<${tag}>`, element });
    for (const [key, value] of Object.entries(element.properties ?? {})) {
      if (/^on/i.test(key)) out.push({ what: `the ${key.toLowerCase()} attribute`, element });
      else if (value !== null && value !== undefined && !safeProtocol(key, String(value))) out.push({ what: `a ${schemeOf(String(value))}: URL`, scheme: schemeOf(String(value)), element });
    }
    // A stripped element goes with all it holds: nothing inside it is published to report.
    return strippedTags.has(tag) ? SKIP : undefined;
  });
  return out;
}

/** Whether the sanitiser keeps `url` as the value of `key` (hast-util-sanitize's rule, on its schema's list). */
export function safeProtocol(key: string, url: string): boolean {
  const protocols = schema.protocols && Object.hasOwn(schema.protocols, key) ? schema.protocols[key] : undefined;
  if (!protocols || protocols.length === 0) return true;
  const colon = url.indexOf(':');
  const before = (c: string): boolean => url.indexOf(c) > -1 && colon > url.indexOf(c);
  // A colon after a `/`, `?` or `#` is no scheme: the URL is relative.
  if (colon < 0 || before('/') || before('?') || before('#')) return true;
  return protocols.some((p) => colon === p.length && url.slice(0, p.length) === p);
}

/** The scheme as a browser reads it (tabs, newlines and spaces ignored), lower-cased, for the message. */
function schemeOf(url: string): string {
  return (url.replace(/[\u0000-\u0020]/g, '').split(':')[0] ?? '').toLowerCase().slice(0, 40);
}

/** The schemes a link may use on the page. */
export const linkSchemes: readonly string[] = schema.protocols?.href ?? [];
