/**
 * The page's CSS: the built-in styles, then the plan's own overrides, then the
 * fonts it needs. Read once per build; nothing here touches the network. Every
 * stylesheet reaches the page as safety/css.ts serialises its checked tree, never
 * as the text that was read, so no stylesheet can end the <style> element or
 * load anything (its problems are reported, with their places, by the resources step).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCss } from '../safety/css.ts';

export const builtInTemplates = fileURLToPath(new URL('../../templates/', import.meta.url));

async function readCss(dir: string, names?: readonly string[]): Promise<string[]> {
  const list = names ?? (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.css')).sort();
  const texts = await Promise.all(list.map((n) => readFile(path.join(dir, n), 'utf8').catch(() => '')));
  return texts.filter((t) => t.length > 0);
}

export interface StyleOptions {
  planRoot: string;
  draft: boolean;
  /** Rules generated for this plan (running header text, page size). */
  generated?: string | undefined;
}

export async function collectCss({ planRoot, draft, generated }: StyleOptions): Promise<string> {
  const builtIn = path.join(builtInTemplates, 'styles');
  const planStyles = path.join(planRoot, 'templates', 'styles');
  const own = path.resolve(planStyles) === path.resolve(builtIn) ? [] : await readCss(planStyles);
  const base = await readCss(builtIn, ['screen.css', 'print.css', ...(draft ? ['draft.css'] : [])]);
  const built = [...base, generated ?? ''].map((css) => checkCss(css, 'build').css);
  return [...built, ...own.map((css) => checkCss(css, 'plan').css)].filter(Boolean).join('\n');
}
