/**
 * A page of out/pages/, in the GOV.UK "guide" pattern: the plan's title above the page's own
 * heading, the PDF link, the contents as navigation (this page marked), the section, then
 * previous and next. The first page is the cover and the whole contents. Like the single page,
 * each is one self-contained document: styles and fonts inline, no scripts.
 *
 *   skip link ─ [council header] ─ plan header ─ main: caption, h1, PDF link, contents nav,
 *   section, pagination ─ plan footer (last updated) ─ [council footer]
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import { formatDate, type Download, type PlanMeta } from '../scripts/output/template-kit.ts';
import { cover, documentTitle } from './cover.ts';
import { downloadLink } from './download.ts';
import { documentHead, footerLine } from './layout.ts';

export interface GuideLink {
  href: string;
  number?: string | undefined;
  title: string;
}

export interface GuidePageInput {
  meta: PlanMeta;
  css: string;
  /** The page's title in the browser and in search results. */
  title: string;
  description: string;
  canonical?: string | undefined;
  /** ISO date the pages were last updated. */
  updated?: string | undefined;
  /** The chapter's heading (an h1) and its content; none on the first page, which shows the cover. */
  heading?: Element | undefined;
  body: ElementContent[];
  /** The chapters, for the contents navigation; `current` is this page's href. */
  chapters: readonly GuideLink[];
  current?: string | undefined;
  previous?: GuideLink | undefined;
  next?: GuideLink | undefined;
  download?: Download | undefined;
  /** The council's own header and footer, around the page; when given, ours are not landmarks. */
  frame?: { wrap(content: ElementContent[]): ElementContent[] } | undefined;
}

export function guidePage(input: GuidePageInput): Root {
  const { meta } = input;
  const framed = input.frame !== undefined;
  const frame = (content: ElementContent[]): ElementContent[] => input.frame?.wrap(content) ?? content;
  const main = h('main#main.guide-main', { tabIndex: -1 }, [
    ...(input.heading ? [h('p.guide-caption', [h('a', { href: 'index.html' }, documentTitle(meta))]), input.heading] : []),
    ...(input.download ? [downloadLink(input.download, `../${input.download.file}`)] : []),
    input.heading ? guideContents(input.chapters, input.current) : indexContents(input.chapters),
    ...input.body,
    pagination(input.previous, input.next),
  ]);
  const top = asLandmark(input.heading ? h('header.guide-header', [h('p.guide-header-authority', meta.authority), h('p.guide-header-service', meta.service)]) : cover(meta), !framed);
  return {
    type: 'root',
    children: [
      { type: 'doctype' },
      h('html', { lang: meta.language, className: [`status-${meta.status}`] }, [
        documentHead(meta, {
          title: input.title,
          description: input.description,
          css: input.css,
          extra: [
            input.updated ? h('meta', { name: 'dcterms.modified', content: input.updated }) : undefined,
            input.canonical ? h('link', { rel: 'canonical', href: input.canonical }) : undefined,
          ],
        }),
        h('body.guide-page', [
          h('a.skip-link', { href: '#main' }, 'Skip to main content'),
          ...frame([
            top,
            h('div.guide', [main]),
            h(framed ? 'div.plan-footer' : 'footer.plan-footer', [
              footerLine(meta),
              input.updated ? h('p.guide-updated', ['Last updated ', h('time', { dateTime: input.updated }, formatDate(input.updated))]) : undefined,
            ]),
          ]),
        ]),
      ]),
    ],
  };
}

/** The council's frame brings its own banner: the cover is then a plain block, not a second one. */
const asLandmark = (el: Element, landmark: boolean): Element => (landmark ? el : { ...el, tagName: 'div' });

/** The chapters as the guide's navigation: this page is text, marked as current; the others are links. */
function guideContents(chapters: readonly GuideLink[], current: string | undefined): Element {
  return h('nav.guide-contents', { ariaLabelledBy: 'guide-contents-title' }, [
    h('h2#guide-contents-title.guide-contents-title', 'Contents'),
    h(
      'ol.guide-contents-list',
      chapters.map((c) => {
        const label = [c.number ? h('span.toc-number', c.number) : undefined, h('span.toc-title', c.title)];
        return c.href === current ? h('li.guide-contents-item.is-current', { ariaCurrent: 'page' }, label) : h('li.guide-contents-item', [h('a', { href: c.href }, label)]);
      }),
    ),
  ]);
}

/** The first page's contents: the plan's whole outline, each entry a link to its page. */
function indexContents(chapters: readonly GuideLink[]): Element {
  return h('nav.guide-contents.guide-contents-index', { ariaLabelledBy: 'guide-contents-title' }, [
    h('h2#guide-contents-title.guide-contents-title', 'Contents'),
    h(
      'ol.guide-contents-list',
      chapters.map((c) => h('li.guide-contents-item', [h('a', { href: c.href }, [c.number ? h('span.toc-number', c.number) : undefined, h('span.toc-title', c.title)])])),
    ),
  ]);
}

function pagination(previous: GuideLink | undefined, next: GuideLink | undefined): Element {
  const link = (rel: 'prev' | 'next', label: string, to: GuideLink): Element =>
    h(`li.guide-pagination-${rel === 'prev' ? 'previous' : 'next'}`, [
      h('a', { href: to.href, rel }, [h('span.guide-pagination-label', label), h('span.guide-pagination-title', [to.number ? `${to.number} ` : '', to.title])]),
    ]);
  return h('nav.guide-pagination', { ariaLabel: 'Previous and next page' }, [
    h('ul', [previous ? link('prev', 'Previous', previous) : undefined, next ? link('next', 'Next', next) : undefined]),
  ]);
}
