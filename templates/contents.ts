/**
 * The contents: a nav of every section. In print each entry also carries the
 * page its section starts on, filled in by the PDF stage (`.toc-page`).
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { SectionHast } from '../scripts/output/template-kit.ts';

function entries(sections: readonly SectionHast[]): Element {
  return h(
    'ol.toc-list',
    sections.map((s) => contentsEntry({ id: s.id, number: s.number, title: s.short ?? s.title, level: s.level }, s.children.length > 0 ? entries(s.children) : undefined)),
  );
}

/** One entry: its number, title and (in print) page, linked to the heading; `inner` lists its subsections. */
export function contentsEntry(entry: { id: string; number?: string | undefined; title: string; level?: number }, inner?: Element): Element {
  return h(`li.toc-entry.toc-level-${entry.level ?? 1}`, [
    h('a', { href: `#${entry.id}` }, [
      entry.number ? h('span.toc-number', entry.number) : undefined,
      h('span.toc-title', entry.title),
      h('span.toc-page', { dataTarget: entry.id, ariaHidden: 'true' }),
    ]),
    inner,
  ]);
}

/** `labelledBy` is the id of the heading that names the contents. */
export function contents(sections: readonly SectionHast[], labelledBy: string): Element {
  return h('nav.toc', { ariaLabelledBy: labelledBy }, [entries(sections)]);
}
