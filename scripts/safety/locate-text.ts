/**
 * Finding where in a plan's files a text first appears: the way back from something found in the
 * built page (a URL the PDF step refused, a script) to the line a user can open and change.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Place } from '../diagnostics/index.ts';

export interface SourceText {
  /** Plan-relative, with forward slashes. */
  file: string;
  text: string;
  /** Lines before `text` in its file. */
  lineOffset?: number | undefined;
}

export interface Found {
  file: string;
  place: Place;
}

/** The first of `needles`, tried in order, found in any of `sources` (case-insensitively). */
export function locateText(sources: readonly SourceText[], needles: readonly string[]): Found | undefined {
  for (const needle of needles) {
    const wanted = needle.toLowerCase();
    if (wanted.trim() === '') continue;
    for (const source of sources) {
      const at = source.text.toLowerCase().indexOf(wanted);
      if (at < 0) continue;
      const before = source.text.slice(0, at);
      const line = before.split('\n').length;
      const column = at - before.lastIndexOf('\n');
      return { file: source.file, place: { line: line + (source.lineOffset ?? 0), column } };
    }
  }
  return undefined;
}

/** Bytes read from one stylesheet or spec when looking: more than any the build accepts. */
const MAX_READ = 1024 * 1024;

/** The plan's own stylesheets and chart specs (regular files only), for what the loaded plan does not hold. */
export function templateTexts(root: string): SourceText[] {
  const texts: SourceText[] = [];
  for (const dir of ['templates/styles', 'templates/charts']) {
    let names: string[];
    try {
      if (!lstatSync(path.join(root, dir)).isDirectory()) continue;
      names = readdirSync(path.join(root, dir)).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(root, dir, name);
      try {
        const stat = lstatSync(file);
        if (!stat.isFile() || stat.size > MAX_READ) continue;
        texts.push({ file: `${dir}/${name}`, text: readFileSync(file, 'utf8') });
      } catch {
        continue;
      }
    }
  }
  return texts;
}
