/**
 * The document's font, Source Sans 3, embedded from the package's own files as
 * data: URIs, so the page and the PDF need nothing from elsewhere. The package's
 * CSS says which file covers which characters; a subset is embedded only when
 * the document uses a character it covers (Latin always).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

export const FONT_FAMILY = 'Source Sans 3';
const PACKAGE = '@fontsource/source-sans-3';
/** Weights and styles the styles use: body, semi-bold headings, bold, italic. */
const FACES = ['400', '400-italic', '600', '700'];

export interface FontFace {
  subset: string;
  weight: number;
  style: 'normal' | 'italic';
  file: string;
  ranges: Array<[number, number]>;
}

const require = createRequire(import.meta.url);
let facesPromise: Promise<FontFace[]> | undefined;

export function fontFaces(): Promise<FontFace[]> {
  facesPromise ??= (async () => {
    const dir = path.dirname(require.resolve(`${PACKAGE}/package.json`));
    const css = await Promise.all(FACES.map((face) => readFile(path.join(dir, `${face}.css`), 'utf8')));
    return css.flatMap((text) => parseFaces(text, dir));
  })();
  return facesPromise;
}

function parseFaces(css: string, dir: string): FontFace[] {
  const faces: FontFace[] = [];
  for (const match of css.matchAll(/\/\* [\w-]+?-([a-z-]+)-(\d+)-(normal|italic) \*\/\s*@font-face\s*{([^}]*)}/g)) {
    const [, subset, weight, style, body] = match;
    const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(body!)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(body!)?.[1];
    if (!file || !range) continue;
    faces.push({ subset: subset!, weight: Number(weight), style: style as 'normal' | 'italic', file: path.join(dir, file), ranges: parseRanges(range) });
  }
  return faces;
}

function parseRanges(text: string): Array<[number, number]> {
  return text.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    return [parseInt(from!, 16), parseInt(to ?? from!, 16)];
  });
}

const covers = (face: FontFace, codePoints: ReadonlySet<number>): boolean =>
  face.subset === 'latin' || [...codePoints].some((cp) => face.ranges.some(([a, b]) => cp >= a && cp <= b));

const fileCache = new Map<string, Promise<string>>();
const base64 = (file: string): Promise<string> => {
  let p = fileCache.get(file);
  if (!p) {
    p = readFile(file).then((b) => b.toString('base64'));
    fileCache.set(file, p);
  }
  return p;
};

/** @font-face rules for the faces that the text needs, with the fonts inline. */
export async function fontFaceCss(text: string): Promise<string> {
  const codePoints = new Set<number>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0x7e) codePoints.add(cp);
  }
  const faces = (await fontFaces()).filter((f) => f.subset === 'latin' || f.subset === 'latin-ext').filter((f) => covers(f, codePoints));
  const rules = await Promise.all(
    faces.map(
      async (f) =>
        `@font-face{font-family:'${FONT_FAMILY}';font-style:${f.style};font-weight:${f.weight};font-display:swap;` +
        `src:url(data:font/woff2;base64,${await base64(f.file)}) format('woff2');unicode-range:${f.ranges.map(([a, b]) => (a === b ? `U+${a.toString(16).toUpperCase()}` : `U+${a.toString(16).toUpperCase()}-${b.toString(16).toUpperCase()}`)).join(',')}}`,
    ),
  );
  return rules.join('\n');
}
