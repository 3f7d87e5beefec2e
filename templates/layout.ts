/**
 * The page: skip link, cover (banner), contents, the sections in <main>, and a
 * footer. One self-contained document: its styles and fonts are inline, it has
 * no scripts and loads nothing from elsewhere.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import type { PlanMeta } from '../scripts/output/template-kit.ts';
import type { SectionHast } from '../scripts/output/template-kit.ts';
import { contents } from './contents.ts';
import { cover, documentTitle } from './cover.ts';
import { section } from './section.ts';

export interface LayoutInput {
  meta: PlanMeta;
  sections: readonly SectionHast[];
  css: string;
  /** Charts rendered by the chart stage, by figure id. */
  figures: ReadonlyMap<string, Element>;
}

export function layout({ meta, sections, css, figures }: LayoutInput): Root {
  const hasContentsSection = sections.some(function has(s): boolean {
    return s.body.some((n) => n.type === 'element' && n.tagName === 'yjplan-contents') || s.children.some(has);
  });
  const sectionNodes = sections.map(section).map((node) => place(node, sections, figures));
  const main = h('main#main', { tabIndex: -1 }, [
    ...(hasContentsSection
      ? []
      : [h('section.plan-section.level-1.contents-section', { ariaLabelledBy: 'contents' }, [h('h2#contents', 'Contents'), contents(sections, 'contents')])]),
    ...sectionNodes,
  ]);
  const description = meta.description ?? `${meta.service}: ${meta.title} ${meta.period}`;
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: meta.language, className: [`status-${meta.status}`] }, [
        h('head', [
          h('meta', { charSet: 'utf-8' }),
          h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
          h('title', documentTitle(meta)),
          h('meta', { name: 'author', content: meta.authority }),
          h('meta', { name: 'description', content: description }),
          h('meta', { name: 'generator', content: 'yjplan' }),
          h('style', css),
        ]),
        h('body', [
          h('a.skip-link', { href: '#main' }, 'Skip to main content'),
          cover(meta),
          main,
          h('footer.plan-footer', [
            h('p', [`${documentTitle(meta)}. ${meta.service}, ${meta.authority}.`, meta.status === 'draft' ? ' Draft for approval.' : '']),
          ]),
        ]),
      ]),
    ],
  };
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
