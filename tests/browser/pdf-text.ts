/**
 * Reading a printed PDF back with poppler (pdftotext, pdfinfo): a different PDF
 * reader from the pdf.js the code under test uses, so the tests check the PDF
 * independently of how it was made.
 */
import { execFileSync } from 'node:child_process';

export interface Word {
  text: string;
  x: number;
  y: number;
  height: number;
}

export function pdfinfo(file: string, ...args: string[]): string {
  return execFileSync('pdfinfo', [...args, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
}

export function pageCount(file: string): number {
  return Number(/^Pages:\s+(\d+)/m.exec(pdfinfo(file))?.[1]);
}

const unescape = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Every word on every page, with its box (points from the top left). */
export function pageWords(file: string): Word[][] {
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return html.split('<page ').slice(1).map((page) =>
    [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      text: unescape(m[4]!),
      x: Number(m[1]),
      y: Number(m[3]),
      height: Number(m[3]) - Number(m[2]),
    })),
  );
}

/**
 * Each page as lines of text, top to bottom. Words taller than `maxHeight` points
 * (the rotated DRAFT watermark, whose letters poppler reads one by one) are left out.
 */
export function pageLines(words: Word[][], maxHeight = 60): string[][] {
  return words.map((page) => {
    const sorted = page.filter((w) => w.height <= maxHeight).sort((a, b) => a.y - b.y || a.x - b.x);
    const lines: Word[][] = [];
    for (const word of sorted) {
      const line = lines.at(-1);
      if (line && Math.abs(line[0]!.y - word.y) < 3) line.push(word);
      else lines.push([word]);
    }
    return lines.map((line) => line.sort((a, b) => a.x - b.x).map((w) => w.text).join(' '));
  });
}

/** Each page's text on one line, words separated by single spaces. */
export const pageTexts = (lines: string[][]): string[] => lines.map((page) => page.join(' '));

export const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
