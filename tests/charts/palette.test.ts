/**
 * The chart palette and what stands in for colour. WCAG 1.4.11 asks 3:1 for the parts of a chart
 * that carry meaning, against what they sit on; 1.4.1 asks that colour is never the only way to
 * tell series apart. The palette is checked against the page's white and each colour against the
 * next (the pairs that touch in a stacked column), and the sample's charts for their direct labels,
 * markers and dashes.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { repoRoot } from '../helpers/plan-dir.ts';
import { builtInSpecs } from './helpers.ts';

/** WCAG's contrast ratio between two #RRGGBB colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const WHITE = '#FFFFFF';
const INK = '#0B0C0C';
const PALETTE = ['#12436D', '#28A197', '#801650', '#F46A25', '#3D3D3D', '#A285D1'];

describe('the chart palette', () => {
  let category: string[];
  beforeAll(async () => {
    const theme = JSON.parse(await readFile(path.join(builtInSpecs, 'theme.json'), 'utf8')) as { range: { category: string[] } };
    category = theme.range.category;
  });

  it('is the Analysis Function’s categorical palette, in its order', () => {
    expect(category).toEqual(PALETTE);
  });

  it('has every colour at 3:1 or more against the white page', () => {
    for (const colour of category) expect(contrast(colour, WHITE), colour).toBeGreaterThanOrEqual(3);
  });

  it('has each colour at 3:1 or more against the next, so touching parts of a stacked column stand apart', () => {
    for (let i = 1; i < category.length; i++) {
      expect(contrast(category[i - 1]!, category[i]!), `${category[i - 1]} beside ${category[i]}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('takes labels at 4.5:1: white on the 1st, 3rd and 5th colours, near-black on the 2nd, 4th and 6th', () => {
    category.forEach((colour, i) => {
      const text = i % 2 === 0 ? WHITE : INK;
      expect(contrast(colour, text), `${text} on ${colour}`).toBeGreaterThanOrEqual(4.5);
    });
  });
});

describe('the sample’s charts, without colour', () => {
  let dir: string;
  let figures: Element[];
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-palette-'));
    await build({ root: repoRoot, outDir: dir, pdf: false });
    figures = selectAll('figure.chart', fromHtml(await readFile(path.join(dir, 'index.html'), 'utf8')));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** The series a figure shows: the headings of its data table's figure columns. */
  const seriesOf = (figure: Element): string[] => selectAll('thead th.align-right', figure).map((th) => toString(th).trim());
  /** Each text of the SVG as read, the lines of a wrapped label joined by spaces. */
  const textsOf = (figure: Element): string[] =>
    selectAll('svg text', figure).map((t) => {
      const lines = selectAll('tspan', t);
      return (lines.length ? lines.map((l) => toString(l)) : [toString(t)]).join(' ').replace(/\s+/g, ' ').trim();
    });

  it('labels every series directly, in words', () => {
    const multi = figures.filter((f) => seriesOf(f).length > 1);
    expect(multi.length).toBeGreaterThanOrEqual(4);
    for (const figure of multi) {
      const texts = textsOf(figure);
      for (const series of seriesOf(figure)) {
        expect(texts.some((t) => t === series || t.startsWith(`${series}: `)), `${String(figure.properties.id)}: “${series}”`).toBe(true);
      }
    }
  });

  it('gives each series of a line chart its own marker shape and its own dash', () => {
    const lines = figures.filter((f) => select('.mark-line', f));
    expect(lines.length).toBeGreaterThan(0);
    for (const figure of lines) {
      const series = seriesOf(figure).length;
      const byColour = (selector: string, colour: string, attribute: string) =>
        new Map(selectAll(selector, figure).map((p) => [String(p.properties[colour]), String(p.properties[attribute])]));
      const shapes = byColour('.mark-symbol path', 'fill', 'd');
      const dashes = byColour('.mark-line path', 'stroke', 'strokeDashArray');
      expect(shapes.size, `${String(figure.properties.id)}: a colour per series`).toBe(series);
      expect(new Set(shapes.values()).size, `${String(figure.properties.id)}: marker shapes`).toBe(series);
      expect(new Set(dashes.values()).size, `${String(figure.properties.id)}: dashes`).toBe(series);
    }
  });

  it('writes every chart’s text in near-black, or in white on the palette’s dark colours', () => {
    const fills = new Set(figures.flatMap((f) => selectAll('svg text', f).map((t) => String(t.properties.fill).toUpperCase())));
    expect([...fills].filter((fill) => fill !== INK && fill !== WHITE)).toEqual([]);
    expect(contrast(INK, WHITE)).toBeGreaterThanOrEqual(4.5);
  });
});
