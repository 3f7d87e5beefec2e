/** Shared by the chart tests: the fixtures, a request for them, and ways to look inside a figure. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { parse } from 'yaml';
import { ChartCache, type ChartContext, type ChartRequest } from '../../scripts/charts/index.ts';
import { dataFileSchema, type DataFile } from '../../scripts/schema/index.ts';

export const fixtures = path.resolve(import.meta.dirname, '../fixtures/charts');
export const builtInSpecs = path.resolve(import.meta.dirname, '../../templates/charts');
export const fixtureSpecs = path.join(fixtures, 'specs');

export function fixture(name: string): DataFile {
  return dataFileSchema.parse(parse(readFileSync(path.join(fixtures, `${name}.yaml`), 'utf8')));
}

export const fixtureNames = ['custody', 'change', 'outcomes', 'cohorts', 'budget'] as const;

export function context(overrides: Partial<ChartContext> = {}): ChartContext {
  return {
    data: new Map(fixtureNames.map((name) => [name, { file: `data/${name}.yaml`, value: fixture(name) }])),
    specDirs: [fixtureSpecs, builtInSpecs],
    planDir: fixtures,
    cache: new ChartCache(),
    ...overrides,
  };
}

const text = (value: string): ElementContent[] => [{ type: 'text', value }];

export function request(overrides: Partial<ChartRequest> & Pick<ChartRequest, 'spec' | 'data'>): ChartRequest {
  return {
    id: `fig-${overrides.data}`,
    number: 1,
    attributes: {},
    title: text('A chart'),
    description: [],
    file: 'content/section.md',
    place: { line: 12, column: 1 },
    ...overrides,
  };
}

export { text as hastText };

export const html = (element: Element): string => toHtml(element, { allowDangerousHtml: true, closeEmptyElements: true, tightSelfClosing: true });

/** The elements of a tree, depth first. */
export function* elements(node: ElementContent | Element): Generator<Element> {
  if (node.type !== 'element') return;
  yield node;
  for (const child of node.children) yield* elements(child);
}

export const find = (node: Element, tagName: string): Element | undefined => [...elements(node)].find((e) => e.tagName === tagName);
export const findAll = (node: Element, tagName: string): Element[] => [...elements(node)].filter((e) => e.tagName === tagName);

/** The inline SVG's markup, as the page will carry it. */
export function svgOf(figure: Element): string {
  const svg = find(figure, 'svg');
  if (!svg) throw new Error('no <svg> in the figure');
  return html(svg);
}

/** Every label the chart draws (its <text> elements; the lines of a wrapped label joined by a space). */
export function chartTexts(svg: string): string[] {
  const drawn = [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1]!);
  return drawn
    .map((inner) => (inner.includes('<tspan') ? [...inner.matchAll(/<tspan\b[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]!).join(' ') : inner))
    .map((t) => t.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
}
