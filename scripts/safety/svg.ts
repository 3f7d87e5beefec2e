/**
 * The one SVG sanitiser: every SVG that reaches the page (a chart Vega drew, one read back from
 * the chart cache, a picture a plan embeds) passes through here, and what comes out is a hast
 * tree built from an allow-list, never the text that came in.
 *
 *   text ──parse as HTML (as the page's own parser will read it inline)──▶ hast
 *        ──hast-util-sanitize, strict schema──▶ allowed elements and attributes only
 *        ──ids renamed under the figure, references checked──▶ <svg> element
 *
 * hast-util-sanitize (already the Markdown's sanitiser) works on the tree the rest of the build
 * uses and needs no DOM, which a chart on the hot path would pay for in jsdom's start-up and
 * memory; its schema is the allow-list below. What it cannot know is the SVG's own rule of
 * reference: paint, clip, mask, marker and href may point only at an `#id` in the same figure,
 * and a CSS value (an attribute such as fill, or a style) goes through safety/css.ts so that
 * `url(https://…)`, however it is spelled, never becomes a paint server.
 */
import type { Element, Properties, Root } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { checkCssValue } from './css.ts';
import { parseHtmlText, tooDeep } from './limits.ts';

/** Elements a drawing needs; nothing that runs, links, loads, animates or filters (feImage loads). */
const elements = [
  'svg', 'g', 'defs', 'title', 'desc', 'symbol', 'use',
  'path', 'line', 'rect', 'circle', 'ellipse', 'polygon', 'polyline', 'text', 'tspan',
  'clipPath', 'mask', 'marker', 'pattern', 'linearGradient', 'radialGradient', 'stop',
];

/** Attributes that take a CSS value: checked as CSS, where a url() must name an id in the figure. */
const cssValued = [
  'fill', 'stroke', 'clipPath', 'mask', 'filter', 'markerStart', 'markerMid', 'markerEnd', 'color', 'stopColor',
  'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontVariant', 'cursor', 'display', 'visibility',
];

/** Geometry and presentation: numbers, lists of numbers, keywords. */
const plain = [
  'id', 'className', 'transform', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'fr', 'dx', 'dy',
  'width', 'height', 'd', 'points', 'viewBox', 'preserveAspectRatio', 'pathLength', 'offset', 'rotate', 'textLength', 'lengthAdjust',
  'opacity', 'fillOpacity', 'fillRule', 'strokeWidth', 'strokeOpacity', 'strokeLinecap', 'strokeLinejoin', 'strokeMiterLimit',
  'strokeDashArray', 'strokeDashOffset', 'stopOpacity', 'clipRule', 'textAnchor', 'dominantBaseline', 'alignmentBaseline',
  'baselineShift', 'letterSpacing', 'wordSpacing', 'textDecoration', 'writingMode', 'shapeRendering', 'textRendering',
  'vectorEffect', 'paintOrder', 'pointerEvents', 'overflow', 'mixBlendMode', 'isolation',
  'gradientUnits', 'gradientTransform', 'spreadMethod', 'clipPathUnits', 'maskUnits', 'maskContentUnits', 'patternUnits',
  'patternContentUnits', 'patternTransform', 'markerWidth', 'markerHeight', 'markerUnits', 'refX', 'refY', 'orient',
  'role', 'ariaLabel', 'ariaRoleDescription', 'ariaHidden', 'version', 'xmlns', 'xmlnsXLink', 'xmlSpace', 'xmlLang', 'lang',
];

const schema: Schema = {
  tagNames: elements,
  attributes: { '*': [...plain, ...cssValued, 'style'], use: ['href', 'xLinkHref'] },
  // Removed with everything in them; any other unknown element is removed and its children kept.
  strip: ['script', 'style', 'foreignObject', 'iframe', 'a', 'image', 'feImage', 'animate', 'set', 'animateTransform', 'animateMotion', 'filter', 'switch'],
  ancestors: {},
  protocols: {},
  required: {},
  clobber: [],
  clobberPrefix: '',
  allowComments: false,
  allowDoctypes: false,
};

export interface SafeSvg {
  /** The root <svg>, sanitised. */
  svg: Element;
  /** What was taken out, for anyone who wants to tell the author (each once). */
  removed: string[];
  /** The same, by name only (`<script>`, `the onload attribute`): what to say without repeating a payload. */
  removedNames: string[];
}

export interface SvgOptions {
  /** Every id is renamed `<prefix>-<n>`, in order of appearance: unique on the page and the same for the same SVG. */
  idPrefix: string;
}

/**
 * The first <svg> in `text`, sanitised; undefined when there is none, or it is nested too
 * deeply to walk safely. A tree already parsed (a chart kept from an earlier build) is
 * sanitised the same way, without parsing again: the parse is most of the cost.
 */
export function sanitiseSvg(text: string | Element, options: SvgOptions): SafeSvg | undefined {
  const parsed = typeof text === 'string' ? parseHtmlText(text) : { type: 'root' as const, children: [text] };
  const root = parsed && findSvg(parsed);
  if (!root || tooDeep(root)) return undefined;
  const removed = new Set<string>();
  const names = new Set<string>();
  noteRemoved(root, removed, names);
  const clean = sanitize(root, schema) as Root | Element;
  const svg = clean.type === 'element' ? clean : undefined;
  if (!svg || svg.tagName !== 'svg') return undefined;

  // Ids first, so a reference to an element further on is known.
  const ids = new Map<string, string>();
  walk(svg, (el) => {
    const id = el.properties.id;
    if (id === undefined) return;
    const name = String(id);
    if (!ids.has(name)) ids.set(name, `${options.idPrefix}-${ids.size + 1}`);
    el.properties.id = ids.get(name)!;
  });
  const local = (url: string): string | undefined => (url.startsWith('#') ? ids.get(url.slice(1)) : undefined);

  walk(svg, (el) => {
    const properties: Properties = {};
    for (const [key, value] of Object.entries(el.properties)) {
      if (key === 'href' || key === 'xLinkHref') {
        const target = typeof value === 'string' ? local(value.trim()) : undefined;
        if (target) properties.href = `#${target}`;
        else {
          removed.add(`href="${String(value)}"`);
          names.add(`the ${attributeName(key)} attribute`);
        }
      } else if (key === 'style' || cssValued.includes(key)) {
        const checked = checkCssValue(String(value), key === 'style' ? 'declarationList' : 'value', local);
        if (checked === undefined) {
          removed.add(`${key}="${String(value)}"`);
          names.add(`the ${attributeName(key)} attribute`);
        } else properties[key] = checked;
      } else {
        properties[key] = value;
      }
    }
    el.properties = properties;
  });
  return { svg, removed: [...removed], removedNames: [...names] };
}


function findSvg(tree: Root): Element | undefined {
  const stack: Array<Root | Root['children'][number]> = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'element' && node.tagName === 'svg') return node;
    if (node.type === 'root' || node.type === 'element') stack.push(...[...node.children].reverse());
  }
  return undefined;
}

/** Each element, without recursion. */
function walk(root: Element, visit: (el: Element) => void): void {
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    visit(el);
    for (let i = el.children.length - 1; i >= 0; i--) {
      const child = el.children[i]!;
      if (child.type === 'element') stack.push(child);
    }
  }
}

const allowedAttributes = new Set([...plain, ...cssValued, 'style', 'href', 'xLinkHref']);
const allowedElements = new Set(elements);

function noteRemoved(root: Element, removed: Set<string>, names: Set<string>): void {
  walk(root, (el) => {
    if (!allowedElements.has(el.tagName)) {
      removed.add(`<${el.tagName}>`);
      names.add(`<${el.tagName}>`);
    }
    for (const key of Object.keys(el.properties)) {
      if (allowedAttributes.has(key)) continue;
      removed.add(`the ${key} attribute`);
      // An element removed goes with its attributes: naming them too would say nothing more.
      if (allowedElements.has(el.tagName)) names.add(`the ${attributeName(key)} attribute`);
    }
  });
}

/** The attribute as the file writes it, from hast's property name (`onLoad` → `onload`, `xLinkHref` → `xlink:href`, `clipPath` → `clip-path`). */
function attributeName(property: string): string {
  if (/^on[A-Z]/.test(property)) return property.toLowerCase();
  const prefixed = /^(xLink|xml|xmlns)([A-Z].*)$/.exec(property);
  if (prefixed) return `${prefixed[1]!.toLowerCase()}:${prefixed[2]!.toLowerCase()}`;
  return property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * How many elements `svg` draws, each `<use>` counted as what it copies (and what that copies):
 * undefined past `limit`, or where a `<use>` copies itself. Walks each element once.
 */
export function drawnElements(svg: Element, limit: number): number | undefined {
  const byId = new Map<string, Element>();
  walk(svg, (el) => {
    if (el.properties.id !== undefined) byId.set(String(el.properties.id), el);
  });
  const counted = new Map<Element, number>();
  const open = new Set<Element>();
  const count = (el: Element): number => {
    const known = counted.get(el);
    if (known !== undefined) return known;
    if (open.has(el)) return Infinity;
    open.add(el);
    let total = 1;
    const href = el.tagName === 'use' ? (el.properties.href ?? el.properties.xLinkHref) : undefined;
    const target = typeof href === 'string' && href.startsWith('#') ? byId.get(href.slice(1)) : undefined;
    if (target) total += count(target);
    for (const child of el.children) {
      if (total > limit) break;
      if (child.type === 'element') total += count(child);
    }
    open.delete(el);
    counted.set(el, total);
    return total;
  };
  const total = count(svg);
  return total > limit ? undefined : total;
}
