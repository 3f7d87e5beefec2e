/**
 * out/pages/: the plan as a short website, a page per top-level section.
 *
 *   sections (as the single page shows them) ─▶ a page each (a section holding only the
 *   contents is the first page's) ─▶ headings moved up a level (the section's own is the h1)
 *   ─▶ ids gathered per page ─▶ every `#id` link pointed at the page holding the id
 *   ─▶ the guide template (templates/guide.ts), in the council's frame when there is one
 *
 * A `:ref` to a figure in another chapter thus links to `<chapter>.html#<figure>`, and the
 * contents to each chapter's page.
 */
import type { Element, ElementContent } from 'hast';
import { toString as hastToString } from 'hast-util-to-string';
import { planDescription, planSections } from '../../../templates/layout.ts';
import { documentTitle } from '../../../templates/cover.ts';
import { guidePage, type GuideLink } from '../../../templates/guide.ts';
import type { Download } from '../download.ts';
import { collectIds, rewriteIds } from '../ids.ts';
import { serialise, type RenderedPlan } from '../render.ts';
import type { SiteFrame } from './frame.ts';

export interface PagesInput {
  plan: RenderedPlan;
  /** The pages' stylesheet (the page's, with pages.css), fonts not included. */
  css: string;
  download?: Download | undefined;
  frame?: SiteFrame | undefined;
}

interface Chapter {
  id: string;
  file: string;
  number: string;
  title: string;
  node: Element;
}

/** Each page of out/pages/, by file name (`index.html`, `<section-id>.html`), as HTML. */
export function renderPages({ plan, css, download, frame }: PagesInput): Map<string, string> {
  const { meta } = plan;
  const nodes = planSections(plan.sections, plan.figures);
  const chapters: Chapter[] = [];
  const toIndex = new Set<string>();
  nodes.forEach((node, i) => {
    const id = String(headingOf(node).properties.id);
    const section = plan.sections.find((s) => s.id === id);
    if (!section || contentsOnly(node)) {
      // The contents are the first page's: a section of nothing else needs no page of its own.
      toIndex.add(id);
      for (const inner of collectIds(node)) toIndex.add(inner);
      return;
    }
    chapters.push({ id, file: `${id}.html`, number: section.number, title: section.short ?? section.title, node: nodes[i]! });
  });

  // Which page holds each id, so a link to it can go there.
  const home = new Map<string, string>();
  for (const id of toIndex) home.set(id, 'index.html');
  for (const c of chapters) for (const id of collectIds(c.node)) if (!home.has(id)) home.set(id, c.file);
  const topIds = new Map<string, string>([...chapters.map((c) => [c.id, c.file] as const), ...[...toIndex].map((id) => [id, 'index.html'] as const)]);
  const retarget = (file: string, local: ReadonlySet<string>) => (id: string): string | undefined => {
    if (local.has(id)) return undefined;
    const top = topIds.get(id);
    if (top) return top === file ? '#main' : top;
    const target = home.get(id);
    return target ? `${target === file ? '' : target}#${encodeURIComponent(id)}` : undefined;
  };

  const links: GuideLink[] = chapters.map((c) => ({ href: c.file, number: c.number || undefined, title: c.title }));
  const first: GuideLink = { href: 'index.html', title: documentTitle(meta) };
  const updated = meta.publish.updated ?? meta.published;
  const canonical = (file: string): string | undefined => (meta.publish['base-url'] ? new URL(`pages/${file === 'index.html' ? '' : file}`, withSlash(meta.publish['base-url'])).href : undefined);
  const fonts = plan.fonts;
  const page = (file: string, parts: { title: string; description: string; heading?: Element; body: ElementContent[]; previous?: GuideLink; next?: GuideLink }): string => {
    const tree = guidePage({
      meta,
      css: '/*fonts*/' + css,
      ...parts,
      canonical: canonical(file),
      updated,
      chapters: links,
      current: file,
      download,
      frame,
    });
    const local = new Set(collectIds(tree));
    // Links within the page stay; the page's own top id is on it (the h1), so `#<id>` stays too.
    const linked = rewriteIds(tree, { link: retarget(file, local) });
    return serialise(linked).replace('/*fonts*/', () => fonts + '\n');
  };

  const out = new Map<string, string>();
  out.set(
    'index.html',
    page('index.html', { title: documentTitle(meta), description: planDescription(meta), body: [], next: links[0] }),
  );
  chapters.forEach((c, i) => {
    const raised = raiseHeadings(c.node);
    const [heading, ...rest] = raised.children as [Element, ...ElementContent[]];
    out.set(
      c.file,
      page(c.file, {
        title: `${c.number ? `${c.number} ` : ''}${c.title} – ${documentTitle(meta)}`,
        description: describe(c.node) ?? `${c.title}: ${planDescription(meta)}`,
        heading,
        body: [{ ...raised, children: rest }],
        previous: i === 0 ? first : links[i - 1],
        next: links[i + 1],
      }),
    );
  });
  return out;
}

const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

function headingOf(section: Element): Element {
  const heading = section.children.find((n): n is Element => n.type === 'element' && /^h[1-6]$/.test(n.tagName));
  if (!heading) throw new Error('Internal error: a section with no heading');
  return heading;
}

/** A section whose body is the contents and nothing else. */
function contentsOnly(section: Element): boolean {
  const rest = section.children.filter((n) => !(n.type === 'text' && n.value.trim() === '') && n !== headingOf(section));
  return rest.length > 0 && rest.every((n) => n.type === 'element' && n.tagName === 'nav' && (n.properties.className as string[] | undefined)?.includes('toc'));
}

/** Every heading one level up: on its own page the section's h2 is the h1, and none is skipped. */
function raiseHeadings<T extends ElementContent>(node: T): T {
  if (node.type !== 'element') return node;
  const m = /^h([2-6])$/.exec(node.tagName);
  return { ...node, tagName: m ? `h${Number(m[1]) - 1}` : node.tagName, children: node.children.map(raiseHeadings) };
}

/** The first paragraph, cut at a word near 160 characters: what a search result shows. */
function describe(section: Element): string | undefined {
  let found: string | undefined;
  const visit = (n: ElementContent): void => {
    if (found || n.type !== 'element') return;
    if (n.tagName === 'p') {
      const text = hastToString(n).replace(/\s+/g, ' ').trim();
      if (text.length > 0) found = text;
      return;
    }
    n.children.forEach(visit);
  };
  section.children.forEach(visit);
  // A line such as "See the chart." says too little to stand for the page.
  if (!found || found.length < 50) return undefined;
  if (found.length <= 160) return found;
  const cut = found.slice(0, 160);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 100 ? cut.lastIndexOf(' ') : 160).replace(/[\s,;:.–-]+$/, '')}…`;
}
