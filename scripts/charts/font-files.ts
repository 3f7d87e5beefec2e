/**
 * Which font files the charts are measured with: the same woff2 files the page embeds. Kept
 * apart from the measuring (fonts.ts, which loads fontkit and Vega) so that naming them, for
 * the cache key, costs nothing.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface DocumentFont {
  weight: number;
  style: 'normal' | 'italic';
  /** Absolute path of the woff2 file. */
  file: string;
}

export const fontFamily = 'Source Sans 3';

const fontDir = join(dirname(createRequire(import.meta.url).resolve('@fontsource/source-sans-3/package.json')), 'files');
const fontFile = (weight: number, style: 'normal' | 'italic'): string =>
  join(fontDir, `source-sans-3-latin-${weight}-${style}.woff2`);

/** The faces the charts are measured with; the HTML's CSS should embed the same files. */
export const documentFonts: readonly DocumentFont[] = [
  { weight: 400, style: 'normal', file: fontFile(400, 'normal') },
  { weight: 400, style: 'italic', file: fontFile(400, 'italic') },
  { weight: 600, style: 'normal', file: fontFile(600, 'normal') },
  { weight: 700, style: 'normal', file: fontFile(700, 'normal') },
];
