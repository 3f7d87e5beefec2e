/**
 * The page's CSS: the built-in styles, then the plan's own overrides, then the
 * fonts it needs. Read once per build; nothing here touches the network. Every
 * stylesheet reaches the page as safety/css.ts serialises its checked tree, never
 * as the text that was read, so no stylesheet can end the <style> element or
 * load anything (its problems are reported, with their places, by the resources step).
 */
import { listInside, readInside } from '../safety/read.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCss } from '../safety/css.ts';

export const builtInTemplates = fileURLToPath(new URL('../../templates/', import.meta.url));

/** The stylesheets in `dir`, read only from inside `root` and only as regular files (safety/read.ts). */
async function readCss(root: string, dir: string, names?: readonly string[]): Promise<string[]> {
  const list = names ?? (await listInside(root, dir)).filter((n) => n.endsWith('.css')).sort();
  const texts = await Promise.all(list.map(async (n) => {
    const read = await readInside(root, path.join(dir, n));
    return read.ok ? new TextDecoder().decode(read.bytes) : '';
  }));
  return texts.filter((t) => t.length > 0);
}

export interface StyleOptions {
  planRoot: string;
  draft: boolean;
  /** Rules generated for this plan (running header text, page size). */
  generated?: string | undefined;
  /** The print styles (default true): the embed leaves them out, its host page is printed as the host's. */
  print?: boolean | undefined;
  /** Further built-in stylesheets, after the base ones (`pages.css` for out/pages/). */
  extra?: readonly string[] | undefined;
}

export async function collectCss({ planRoot, draft, generated, print = true, extra = [] }: StyleOptions): Promise<string> {
  const builtIn = path.join(builtInTemplates, 'styles');
  const planStyles = path.join(planRoot, 'templates', 'styles');
  const own = path.resolve(planStyles) === path.resolve(builtIn) ? [] : await readCss(planRoot, planStyles);
  const base = await readCss(builtInTemplates, builtIn, ['screen.css', ...(print ? ['print.css'] : []), ...(draft ? ['draft.css'] : []), ...extra]);
  const built = [...base, generated ?? ''].map((css) => checkCss(css, 'build').css);
  return [...built, ...own.map((css) => checkCss(css, 'plan').css)].filter(Boolean).join('\n');
}
