/**
 * Resources a plan names: images in the sections' Markdown and raw HTML, stylesheets and CSS
 * `url()`s. The published page loads nothing from elsewhere, so:
 *
 *   remote (https://…, //…)        ──► resource:remote, at its line
 *   a path outside the plan        ──► resource:outside-plan (files are read only from inside it)
 *   a plan-local image             ──► read, checked to be an image, embedded as a data: URI
 *
 * Data files are scanned too (their text may hold Markdown, but not images), and so are the
 * plan's own stylesheets.
 */
import { isInside } from '../safety/paths.ts';
import { realpath, stat } from 'node:fs/promises';
import { folderOutside, listInside, readInside } from '../safety/read.ts';
import { unreadableText } from '../load/source-text.ts';
import path from 'node:path';
import type { Element, Root as HastRoot } from 'hast';
import type { Definition, Html, Image, ImageReference, Root as MdastRoot } from 'mdast';
import { visit } from 'unist-util-visit';
import { findInvisible } from '../safety/invisible.ts';
import { visit as visitYaml } from 'yaml';
import { diagnostic, type Diagnostic, type MessageText, type Place } from '../diagnostics/index.ts';
import { MAX_IMAGE_BYTES, MAX_IMAGES_BYTES, MAX_SVG_BYTES, MAX_SVG_DRAWN, parseRaw, tooComplex } from '../safety/limits.ts';
import type { DataEntry } from '../load/index.ts';
import { parseMarkdown, type ParsedSection } from '../parse/markdown.ts';
import { markdownMessages } from '../messages/markdown.ts';
import { planMessages } from '../messages/plan.ts';
import { cssProblemText } from '../messages/style.ts';
import { checkCss } from '../safety/css.ts';
import { drawnElements, sanitiseSvg } from '../safety/svg.ts';
import { toHtml } from 'hast-util-to-html';
import { place } from './references.ts';
import { nodePlace } from '../load/yaml-source.ts';
import { own } from '../util/own.ts';

/** Embedded images, by `imageKey(file, src)`. */
export type Images = ReadonlyMap<string, string>;

export interface ResourcesResult {
  images: Map<string, string>;
  diagnostics: Diagnostic[];
}

/** Where a URL was found, and what kind of thing loads it. */
interface Found {
  url: string;
  place: Place | undefined;
  image: boolean;
}

export const imageKey = (file: string, src: string): string => `${file}\n${decode(src)}`;

/** The key under which plan.yaml's `logo` is embedded. */
export const logoKey = (logo: string): string => imageKey('plan.yaml', logo);

export async function collectResources(
  root: string,
  sections: readonly ParsedSection[],
  data: ReadonlyMap<string, DataEntry>,
  logo?: { src: string; place: Place | undefined },
): Promise<ResourcesResult> {
  const images = new Map<string, string>();
  const realRoot = await realpath(root).catch(() => root);
  // Each job's diagnostics, kept in document order however the reads finish.
  const jobs: Array<Promise<Diagnostic[]>> = [];
  const pictures: Array<{ at: (text: MessageText) => Diagnostic[]; located: Promise<Located> }> = [];
  let allow!: (embeds: Array<Promise<Embedded>>) => void;
  const budgeted = new Promise<Array<Promise<Embedded>>>((resolve) => (allow = resolve));
  const each = (list: readonly ParsedSection[]): void =>
    list.forEach((section) => {
      for (const found of urlsIn(section.tree)) {
        const at = (text: MessageText): Diagnostic[] => [diagnostic(section.file, found.place, text)];
        if (isRemote(found.url)) jobs.push(Promise.resolve(at(markdownMessages.remoteResource(found.url.trim()))));
        else if (found.image && isLocal(found.url)) {
          const index = pictures.length;
          const file = section.file;
          pictures.push({ at, located: locateImage(root, realRoot, file, found.url) });
          jobs.push(
            budgeted.then(async (allowed) => {
              const result = await allowed[index]!;
              if ('problem' in result) return at(result.problem);
              images.set(imageKey(file, found.url), result.dataUri);
              return result.removed.length ? at(markdownMessages.unsafeSvg(found.url.trim(), result.removed)) : [];
            }),
          );
        } else if (found.image && /^\s*file:/i.test(found.url)) jobs.push(Promise.resolve(at(markdownMessages.resourceOutsidePlan(found.url.trim()))));
      }
      each(section.children);
    });
  each(sections);
  // plan.yaml's logo is a picture like any other: measured in the same budget, in document order first.
  if (logo) {
    const at = (text: MessageText): Diagnostic[] => [diagnostic('plan.yaml', logo.place, text)];
    const index = pictures.length;
    pictures.push({ at, located: locateImage(root, realRoot, 'plan.yaml', logo.src) });
    jobs.push(
      budgeted.then(async (allowed) => {
        const result = await allowed[index]!;
        if ('problem' in result) return at(result.problem);
        images.set(logoKey(logo.src), result.dataUri);
        return result.removed.length ? at(markdownMessages.unsafeSvg(logo.src.trim(), result.removed)) : [];
      }),
    );
  }
  // Sizes are checked on disk, in document order, before any image is read: one too large, or
  // more than the page can hold together, is reported where it is named and never read.
  let total = 0;
  const located = await Promise.all(pictures.map((p) => p.located));
  allow(
    located.map((found) => {
      if ('problem' in found) return Promise.resolve(found);
      if (found.size > MAX_IMAGE_BYTES) return Promise.resolve({ problem: markdownMessages.imageTooLarge(found.shown, found.size, MAX_IMAGE_BYTES) });
      if (total + found.size > MAX_IMAGES_BYTES) return Promise.resolve({ problem: markdownMessages.imagesTooLarge(found.shown, total + found.size, MAX_IMAGES_BYTES) });
      total += found.size;
      return embed(realRoot, found);
    }),
  );
  for (const entry of data.values()) jobs.push(Promise.resolve(scanData(entry)));
  jobs.push(scanStyles(root, realRoot));
  return { images, diagnostics: (await Promise.all(jobs)).flat() };
}

/** Every URL in a Markdown tree that the page would load (or that an image names). */
function urlsIn(tree: MdastRoot): Found[] {
  const found: Found[] = [];
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (node: Definition) => void definitions.set(node.identifier, node));
  visit(tree, (node) => {
    if (node.type === 'image') found.push({ url: (node as Image).url, place: place(node), image: true });
    if (node.type === 'imageReference') {
      const definition = definitions.get((node as ImageReference).identifier);
      if (definition) found.push({ url: definition.url, place: place(node), image: true });
    }
    if (node.type === 'html') found.push(...urlsInHtml(node as Html));
  });
  return found;
}

/** Elements whose attributes are fetched by the browser, and which of them are images. */
const loading: Record<string, { attributes: string[]; image: boolean }> = {
  img: { attributes: ['src', 'srcSet'], image: true },
  source: { attributes: ['src', 'srcSet'], image: false },
  video: { attributes: ['src', 'poster'], image: false },
  audio: { attributes: ['src'], image: false },
  track: { attributes: ['src'], image: false },
  input: { attributes: ['src'], image: false },
  link: { attributes: ['href'], image: false },
  image: { attributes: ['href', 'xLinkHref'], image: false },
  use: { attributes: ['href', 'xLinkHref'], image: false },
};

function urlsInHtml(node: Html): Found[] {
  const parsed = parseRaw({ type: 'root', children: [{ type: 'raw', value: node.value }] } as HastRoot);
  if (!parsed) return []; // too deep: the transform reports it
  const found: Found[] = [];
  const at = (url: string): Place | undefined => offsetPlace(node, url);
  visit(parsed, 'element', (element: Element) => {
    const rule = own(loading, element.tagName);
    for (const attribute of rule?.attributes ?? []) {
      const value = element.properties[attribute];
      if (typeof value !== 'string' && !Array.isArray(value)) continue;
      const urls = attribute === 'srcSet' ? String(value).split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [String(value)];
      for (const url of urls.filter(Boolean)) found.push({ url, place: at(url), image: rule!.image && attribute === 'src' });
    }
    if (typeof element.properties.style === 'string') {
      for (const url of cssUrls(element.properties.style)) found.push({ url, place: at(url), image: false });
    }
    if (element.tagName === 'style') {
      const text = element.children.map((c) => ('value' in c ? c.value : '')).join('');
      for (const url of cssUrls(text)) found.push({ url, place: at(url), image: false });
    }
  });
  return found;
}

/** The URLs in CSS text: `url(…)` and `@import "…"`. */
function cssUrls(css: string): string[] {
  const urls: string[] = [];
  for (const m of css.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gi)) urls.push(m[2]!);
  for (const m of css.matchAll(/@import\s+(['"])(.*?)\1/gi)) urls.push(m[2]!);
  return urls;
}

/** The place of `needle` inside a raw HTML node, or the node's start when it cannot be found. */
function offsetPlace(node: Html, needle: string): Place | undefined {
  const start = place(node);
  const index = node.value.indexOf(needle);
  if (!start || index < 0) return start;
  const before = node.value.slice(0, index).split('\n');
  return before.length === 1
    ? { line: start.line, column: start.column + index }
    : { line: start.line + before.length - 1, column: before.at(-1)!.length + 1 };
}

/** Something the browser would fetch from a server: an absolute or protocol-relative URL. */
export function isRemote(url: string): boolean {
  const clean = stripControls(url);
  return /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(clean) && !/^file:/i.test(clean);
}

/** A path, not a URL with a scheme (`data:`, `javascript:`, `file:` …). */
function isLocal(url: string): boolean {
  const clean = stripControls(url);
  return clean !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(clean) && !clean.startsWith('#');
}

// Browsers ignore tabs and newlines inside a URL's scheme ("java\tscript:"), and leading spaces.
const stripControls = (url: string): string => url.replace(/[\u0000-\u0020]/g, '');

function decode(src: string): string {
  const bare = src.trim().replace(/[?#].*$/, '');
  try {
    return decodeURI(bare);
  } catch {
    return bare;
  }
}

/** A picture ready for the page, with what the SVG sanitiser took out of it (by name), to be said where it is shown. */
type Embedded = { dataUri: string; removed: string[] } | { problem: MessageText };

type Located = { real: string; size: number; shown: string } | { problem: MessageText };

/** Finds a plan-local image (relative to its Markdown file) and its size on disk, without reading it. */
async function locateImage(root: string, realRoot: string, file: string, src: string): Promise<Located> {
  const relative = decode(src);
  const shown = src.trim();
  if (relative.includes('\0') || path.isAbsolute(relative) || /^[a-z]:[\\/]/i.test(relative)) return { problem: markdownMessages.resourceOutsidePlan(shown) };
  const absolute = path.resolve(root, path.dirname(file), relative);
  if (!isInside(path.resolve(root), absolute)) return { problem: markdownMessages.resourceOutsidePlan(shown) };
  const real = await realpath(absolute).catch(() => undefined);
  if (!real) return { problem: markdownMessages.missingResource(shown) };
  if (!isInside(realRoot, real)) return { problem: markdownMessages.resourceOutsidePlan(shown) };
  const info = await stat(real).catch(() => undefined);
  if (!info?.isFile()) return { problem: markdownMessages.notAnImage(shown) };
  return { real, size: info.size, shown };
}

/** Reads an image found within the limits (a regular file inside the plan, as safety/read.ts reads) and makes it a data: URI. */
async function embed(realRoot: string, found: { real: string; shown: string }): Promise<Embedded> {
  const { real, shown } = found;
  const read = await readInside(realRoot, real, MAX_IMAGE_BYTES);
  if (!read.ok && read.reason === 'missing') return { problem: markdownMessages.missingResource(shown) };
  if (!read.ok && read.reason === 'outside') return { problem: markdownMessages.resourceOutsidePlan(shown) };
  const bytes = read.ok ? read.bytes : undefined;
  const type = bytes ? imageType(bytes) : undefined;
  if (!bytes || !type) return { problem: markdownMessages.notAnImage(shown) };
  if (type === 'image/svg+xml') {
    if (bytes.length > MAX_SVG_BYTES) return { problem: markdownMessages.imageTooLarge(shown, bytes.length, MAX_SVG_BYTES, 'SVG') };
    // Every SVG that reaches the page goes through the one sanitiser, and is embedded as it serialises it.
    const safe = sanitiseSvg(new TextDecoder().decode(bytes), { idPrefix: 'image' });
    if (!safe) return { problem: markdownMessages.notAnImage(shown) };
    // A few `<use>` of `<use>` can draw more than any browser (or the printer) can hold.
    if (drawnElements(safe.svg, MAX_SVG_DRAWN) === undefined) return { problem: markdownMessages.svgTooIntricate(shown, MAX_SVG_DRAWN) };
    // Text a picture draws is read as the page's is: an override makes it show other words than its file holds.
    const reversing = svgTexts(safe.svg).flatMap((text) => findInvisible(text)).find((f) => f.kind === 'override' || f.kind === 'control');
    if (reversing) return { problem: markdownMessages.svgInvisible(shown, reversing.code) };
    safe.svg.properties.xmlns = 'http://www.w3.org/2000/svg';
    const xml = toHtml(safe.svg, { space: 'svg', closeEmptyElements: true, tightSelfClosing: true });
    return { dataUri: `data:${type};base64,${Buffer.from(xml).toString('base64')}`, removed: safe.removedNames };
  }
  return { dataUri: `data:${type};base64,${Buffer.from(bytes).toString('base64')}`, removed: [] };
}

/** Every text an SVG holds, as the browser will read it: its text nodes and its attributes' values. */
function svgTexts(svg: Element): string[] {
  const out: string[] = [];
  visit(svg, (node) => {
    if (node.type === 'text') out.push(node.value);
    if (node.type === 'element') for (const value of Object.values(node.properties)) if (typeof value === 'string') out.push(value);
  });
  return out;
}

/** The image's MIME type from its first bytes, not its name. */
export function imageType(bytes: Uint8Array): string | undefined {
  const starts = (...b: number[]) => b.every((v, i) => bytes[i] === v);
  const ascii = (from: number, text: string) => [...text].every((c, i) => bytes[from + i] === c.charCodeAt(0));
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  // An SVG in an <img> runs no script and loads nothing; it is sanitised all the same (see embed).
  const head = new TextDecoder().decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return undefined;
}

/** The plan's own stylesheets (templates/styles/*.css) go into the page: each is checked by safety/css.ts, and what it refuses is reported here. */
async function scanStyles(root: string, realRoot: string): Promise<Diagnostic[]> {
  const dir = path.join(root, 'templates', 'styles');
  // A folder linked to elsewhere is listed as empty: said, so the stylesheet does not vanish silently.
  if (await folderOutside(realRoot, dir)) return [diagnostic('templates/styles/', { line: 1, column: 1 }, planMessages.folderOutsidePlan('templates/styles/'))];
  const names = (await listInside(realRoot, dir)).filter((n) => n.endsWith('.css')).sort();
  const out: Diagnostic[] = [];
  for (const name of names) {
    const file = `templates/styles/${name}`;
    const read = await readInside(realRoot, path.join(dir, name));
    if (!read.ok && read.reason === 'outside') {
      out.push(diagnostic(file, { line: 1, column: 1 }, planMessages.linkOutsidePlan(file)));
      continue;
    }
    if (!read.ok) {
      out.push(diagnostic(file, { line: 1, column: 1 }, unreadableText(file, read)));
      continue;
    }
    const css = new TextDecoder().decode(read.bytes);
    for (const problem of checkCss(css, 'plan').problems) out.push(diagnostic(file, problem.place, cssProblemText(problem, isRemote)));
  }
  return out;
}

/** Text in data files may hold Markdown, which is shown in tables: no images there, and nothing remote. */
function scanData(entry: DataEntry): Diagnostic[] {
  const out: Diagnostic[] = [];
  visitYaml(entry.source.doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !/!\[|<img|<link|url\(|<source|<picture|@import/i.test(node.value)) return;
      if (tooComplex(node.value)) return; // shown as plain text, which loads nothing
      const where = nodePlace(entry.source, node);
      const tree = parseMarkdown(node.value);
      for (const found of urlsIn(tree)) {
        if (isRemote(found.url)) out.push(diagnostic(entry.file, where, markdownMessages.remoteImageInData(found.url.trim())));
        else if (found.image) out.push(diagnostic(entry.file, where, markdownMessages.imageInData(found.url.trim())));
      }
    },
  });
  return out;
}
