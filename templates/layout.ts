/**
 * The page: skip link, cover (banner), contents, the sections in <main>, and a
 * footer. One self-contained document: its styles and fonts are inline, it has
 * no scripts and loads nothing from elsewhere.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { Download, PlanMeta } from '../scripts/output/template-kit.ts';
import type { SectionHast } from '../scripts/output/template-kit.ts';
import { contents } from './contents.ts';
import { cover, documentTitle } from './cover.ts';
import { downloadLink } from './download.ts';
import { withFigureData } from './figure-data.ts';
import { section } from './section.ts';

export interface LayoutInput {
  meta: PlanMeta;
  sections: readonly SectionHast[];
  css: string;
  /** Charts rendered by the chart stage, by figure id. */
  figures: ReadonlyMap<string, Element>;
  /** The plan's logo as a data: URI, for the cover. */
  logo?: string | undefined;
  /** The printed PDF, linked near the top: never given for the HTML that is printed. */
  download?: Download | undefined;
  /** The HTML that is printed: the charts' own tables go to "Data for the figures" at the end. */
  print?: boolean | undefined;
}

export function layout({ meta, sections, css, figures, download, logo, print }: LayoutInput): Root {
  const planned = planSections(sections, figures, meta['page-breaks']);
  const main = h('main#main', { tabIndex: -1 }, [...(download ? [downloadLink(download)] : []), ...(print ? withFigureData(planned) : planned)]);
  const description = planDescription(meta);
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: meta.language, className: [`status-${meta.status}`] }, [
        documentHead(meta, { title: documentTitle(meta), description, css }),
        h('body', [
          h('a.skip-link', { href: '#main' }, 'Skip to main content'),
          cover(meta, { logo }),
          main,
          h('footer.plan-footer', [footerLine(meta)]),
        ]),
      ]),
    ],
  };
}

/** The head every page of the plan shares; `extra` holds what only some pages have (dates, canonical links). */
export function documentHead(meta: PlanMeta, page: { title: string; description: string; css: string; extra?: Array<Element | undefined> }): Element {
  return h('head', [
    h('meta', { charSet: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', page.title),
    h('meta', { name: 'author', content: meta.authority }),
    h('meta', { name: 'description', content: page.description }),
    ...(page.extra ?? []),
    h('meta', { name: 'generator', content: 'yjplan' }),
    h('style', page.css),
  ]);
}

/** The line at the foot of every page: which plan, whose, and whether it is still a draft. */
export const footerLine = (meta: PlanMeta): Element =>
  h('p', [`${documentTitle(meta)}. ${meta.service}, ${meta.authority}.`, meta.status === 'draft' ? ' Draft for approval.' : '']);

export const planDescription = (meta: PlanMeta): string => meta.description ?? `${meta.service}: ${documentTitle(meta)}`;

/** The plan's top-level sections as the page shows them, with the contents first when no section holds them. */
export function planSections(sections: readonly SectionHast[], figures: ReadonlyMap<string, Element>, flow: PlanMeta['page-breaks'] = 'auto'): Element[] {
  const hasContentsSection = sections.some(function has(s): boolean {
    return s.body.some((n) => n.type === 'element' && n.tagName === 'yjplan-contents') || s.children.some(has);
  });
  return [
    ...(hasContentsSection
      ? []
      : [h('section.plan-section.level-1.contents-section.break-always', { ariaLabelledBy: 'contents' }, [h('h2#contents', 'Contents'), contents(sections, 'contents')])]),
    ...sections.map((s) => section(s, flow)).map((node) => place(node, sections, figures)),
  ];
}

/** Puts the contents and the rendered charts where their placeholders stand. */
function place(node: ElementContent, sections: readonly SectionHast[], figures: ReadonlyMap<string, Element>): Element {
  const visit = (n: ElementContent): ElementContent[] => {
    if (n.type !== 'element') return [n];
    if (n.tagName === 'yjplan-contents') return [contents(sections, labelOf(n, sections))];
    if (n.tagName === 'yjplan-chart') {
      const figure = figures.get(String(n.properties.dataId));
      return figure ? [figure] : [];
    }
    return [{ ...n, children: n.children.flatMap(visit) }];
  };
  return visit(node)[0] as Element;
}

/** The contents are named by the heading of the section that holds them. */
function labelOf(_node: Element, sections: readonly SectionHast[]): string {
  const holder = (list: readonly SectionHast[]): SectionHast | undefined => {
    for (const s of list) {
      if (s.body.some((n) => n.type === 'element' && n.tagName === 'yjplan-contents')) return s;
      const inner = holder(s.children);
      if (inner) return inner;
    }
    return undefined;
  };
  return holder(sections)?.id ?? 'contents';
}
