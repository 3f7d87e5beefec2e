/**
 * What must never be in a published page: scripts, frames, event handlers, script URLs, and
 * anything loaded from elsewhere. Returns a description of each offending part (none: safe).
 */
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';

const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'form', 'link', 'meta-refresh', 'noscript', 'portal']);
/** Attributes whose URL the browser fetches (as opposed to links, which it only follows when clicked). */
const FETCHED = new Set(['src', 'srcSet', 'poster', 'data', 'background', 'xLinkHref', 'action', 'formAction', 'ping', 'manifest', 'codeBase']);
const SCRIPT_URL = /^(javascript|vbscript):/i;
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;
/** data: URIs a page may embed: images and fonts. */
const SAFE_DATA = /^data:(image\/(png|jpeg|gif|webp|svg\+xml)|font\/woff2?|application\/font-woff2?)[;,]/i;

const clean = (url: string): string => url.replace(/[\u0000-\u0020]/g, '');

export function unsafeParts(html: string): string[] {
  const found: string[] = [];
  const tree = fromHtml(html);
  visit(tree, 'element', (element: Element) => {
    const tag = element.tagName;
    if (FORBIDDEN_TAGS.has(tag)) found.push(`<${tag}>`);
    if (tag === 'meta' && String(element.properties.httpEquiv ?? '').toLowerCase() === 'refresh') found.push('<meta http-equiv=refresh>');
    if (tag === 'style') for (const url of cssUrls(toString(element))) if (!SAFE_DATA.test(clean(url))) found.push(`url(${url}) in <style>`);
    for (const [key, value] of Object.entries(element.properties)) {
      if (/^on/i.test(key)) found.push(`${key} on <${tag}>`);
      const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
      for (const v of values) {
        const url = clean(v);
        if (SCRIPT_URL.test(url)) found.push(`${key}="${v}" on <${tag}>`);
        if (key === 'href' && /^data:/i.test(url) && tag === 'a') found.push(`a data: link on <${tag}>`);
        if (FETCHED.has(key) && tag !== 'a' && (REMOTE.test(url) || (/^data:/i.test(url) && !SAFE_DATA.test(url)))) found.push(`${key}="${v.slice(0, 60)}" on <${tag}>`);
        if (key === 'style') for (const u of cssUrls(v)) if (!SAFE_DATA.test(clean(u))) found.push(`url(${u}) in a style attribute`);
      }
      // SVG links (the charts' own are in-page anchors, if any)
      if ((tag === 'image' || tag === 'use') && typeof element.properties.href === 'string' && !clean(element.properties.href).startsWith('#') && !SAFE_DATA.test(clean(element.properties.href))) {
        found.push(`href on <${tag}>`);
      }
    }
  });
  return [...new Set(found)];
}

function cssUrls(css: string): string[] {
  return [...css.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gi)].map((m) => m[2]!).concat([...css.matchAll(/@import\s+(['"])(.*?)\1/gi)].map((m) => m[2]!));
}
