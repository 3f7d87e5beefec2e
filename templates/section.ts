/** A section of the plan: its numbered heading, body and subsections. */
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { SectionHast } from '../scripts/transform.ts';

export function section(s: SectionHast): Element {
  const heading = h(`h${Math.min(6, s.level + 1)}`, { id: s.id }, [
    s.number ? h('span.section-number', s.number) : undefined,
    s.number ? ' ' : undefined,
    s.title,
  ]);
  return h(`section.plan-section.level-${s.level}`, { ariaLabelledBy: s.id }, [heading, ...s.body, ...s.children.map(section)]);
}
