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
    sections.map((s) =>
      h(`li.toc-entry.toc-level-${s.level}`, [
        h('a', { href: `#${s.id}` }, [
          s.number ? h('span.toc-number', s.number) : undefined,
          h('span.toc-title', s.short ?? s.title),
          h('span.toc-page', { dataTarget: s.id, ariaHidden: 'true' }),
        ]),
        s.children.length > 0 ? entries(s.children) : undefined,
      ]),
    ),
  );
}

/** `labelledBy` is the id of the heading that names the contents. */
export function contents(sections: readonly SectionHast[], labelledBy: string): Element {
  return h('nav.toc', { ariaLabelledBy: labelledBy }, [entries(sections)]);
}
