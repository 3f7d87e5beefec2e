/**
 * The document's font, measured. Vega lays text out from widths it is told: without a canvas it
 * guesses 0.8 × font size per character, which is far too wide for Source Sans 3, so labels get
 * cut short with "…" and the layout leaves gaps. We give it the real advance widths of the same
 * woff2 files the HTML embeds, so the chart's layout matches what the reader sees.
 */
import * as fontkit from 'fontkit';
import * as vega from 'vega';
import { documentFonts, type DocumentFont } from './font-files.ts';

export { documentFonts, fontFamily, type DocumentFont } from './font-files.ts';

/** What Vega's text items carry that changes a width. */
export interface TextStyle {
  fontSize?: number | string | undefined;
  fontWeight?: number | string | undefined;
  fontStyle?: string | undefined;
}

const faces = new Map<string, fontkit.Font>();

function face(style: TextStyle): fontkit.Font {
  const font = pickFont(style);
  let loaded = faces.get(font.file);
  if (!loaded) {
    const opened = fontkit.openSync(font.file);
    // A woff2 file holds one face; a collection would be a packaging change upstream.
    if (!('layout' in opened)) throw new Error(`Internal error: ${font.file} is a font collection`);
    loaded = opened;
    faces.set(font.file, loaded);
  }
  return loaded;
}

/** The nearest face we ship, as a browser would pick it from the same @font-face rules. */
export function pickFont(style: TextStyle): DocumentFont {
  if (style.fontStyle === 'italic' || style.fontStyle === 'oblique') return documentFonts[1]!;
  const weight = numericWeight(style.fontWeight);
  if (weight >= 650) return documentFonts[3]!;
  if (weight >= 550) return documentFonts[2]!;
  return documentFonts[0]!;
}

function numericWeight(weight: TextStyle['fontWeight']): number {
  if (weight === undefined || weight === 'normal' || weight === '') return 400;
  if (weight === 'bold' || weight === 'bolder') return 700;
  if (weight === 'lighter') return 300;
  const n = Number(weight);
  return Number.isFinite(n) ? n : 400;
}

const fontSizeOf = (style: TextStyle): number => {
  // Vega's own default when an item has no size.
  if (style.fontSize === undefined || style.fontSize === null) return 11;
  const n = Number(style.fontSize);
  return Number.isFinite(n) ? n : 11;
};

// Widths in font units, per face and text: Vega asks for the same label many times.
const widths = new Map<string, number>();

/** The advance width of `text` in pixels, with kerning, as a browser sets it. */
export function measureText(text: string, style: TextStyle): number {
  const size = fontSizeOf(style);
  if (size <= 0 || text === '') return 0;
  const font = face(style);
  const key = `${pickFont(style).file}\u0000${text}`;
  let units = widths.get(key);
  if (units === undefined) {
    units = font.layout(text).advanceWidth;
    widths.set(key, units);
  }
  return (units / font.unitsPerEm) * size;
}

interface TextMetrics {
  width: (item: TextStyle, text: unknown) => number;
}

/**
 * Vega reads text widths from one module-level object, `textMetrics`, with no per-view option;
 * replacing its `width` is the hook vega-scenegraph leaves for this (vl-convert does the same).
 * The width is of the whole text: Vega's own truncation calls this same function with slices of
 * a label, so truncating here would hide the cut. Labels are never meant to be cut anyway
 * (the tests check that no "…" is drawn).
 */
let installed = false;
export function useDocumentFontMetrics(): void {
  if (installed) return;
  const metrics = (vega as unknown as { textMetrics?: TextMetrics }).textMetrics;
  if (!metrics) throw new Error('Internal error: vega no longer exports textMetrics');
  metrics.width = (item, text) => {
    const value = text === null || text === undefined ? '' : String(text).trim();
    return measureText(value, item);
  };
  installed = true;
}

/**
 * `text` broken at spaces into lines no wider than `width` (a word longer than that keeps its own
 * line: cutting a word would be worse than overrunning). One line comes back as a string, more
 * as an array, which is how Vega draws multi-line text.
 */
export function wrapText(text: string, width: number, style: TextStyle): string | string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (!(width > 0) || words.length < 2 || measureText(text.trim(), style) <= width) return text;
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measureText(candidate, style) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines.length === 1 ? lines[0]! : lines;
}

/**
 * Measuring and wrapping, for specs: `textWidth(text, fontSize, fontWeight?)` and
 * `wrapText(text, width, fontSize, fontWeight?)` in any Vega expression (an axis's `labelExpr`,
 * a mark's condition), measured with the document's font like everything else.
 */
let functionsRegistered = false;
export function registerTextFunctions(): void {
  if (functionsRegistered) return;
  const style = (fontSize: unknown, fontWeight: unknown): TextStyle => ({
    fontSize: Number(fontSize) || 11,
    fontWeight: typeof fontWeight === 'string' || typeof fontWeight === 'number' ? fontWeight : undefined,
  });
  const asText = (value: unknown): string => (value === null || value === undefined ? '' : String(value));
  vega.expressionFunction('textWidth', (text: unknown, fontSize: unknown, fontWeight?: unknown) =>
    measureText(asText(text), style(fontSize, fontWeight)),
  );
  vega.expressionFunction('wrapText', (text: unknown, width: unknown, fontSize: unknown, fontWeight?: unknown) =>
    wrapText(asText(text), Number(width), style(fontSize, fontWeight)),
  );
  functionsRegistered = true;
}
