/** A section of the plan: its numbered heading, body and subsections. */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { PageBreak, SectionHast } from '../scripts/output/template-kit.ts';

/**
 * `flow` is how a top-level section starts in print when its front matter does not say: the
 * plan's `page-breaks`. A section that holds the contents starts a page unless it says otherwise.
 * Subsections always run on. The class is the whole of it: print.css does the rest.
 */
export function section(s: SectionHast, flow: PageBreak = 'auto'): Element {
  const heading = h(`h${headingLevel(s.level, 0)}`, { id: s.id }, [
    s.number ? h('span.section-number', s.number) : undefined,
    s.number ? ' ' : undefined,
    s.title,
  ]);
  const breaks = s.level === 1 ? [`break-${s.pageBreak ?? (holdsContents(s) ? 'always' : flow)}`] : [];
  return h(`section.plan-section.level-${s.level}`, { className: breaks, ariaLabelledBy: s.id }, [
    heading,
    ...s.body.map((n) => placeHeadings(n, s.level)),
    ...s.children.map((c) => section(c)),
  ]);
}

/** The level of a heading `depth` below the heading of a section at outline `level` (h2 for a top-level section). */
const headingLevel = (level: number, depth: number): number => Math.min(6, level + 1 + depth);

/**
 * A template that builds headings from data (the accessibility statement) cannot know how deep
 * its section sits, so it marks each heading with its depth below the section's heading, and
 * the heading takes its level here: no level is ever skipped.
 */
function placeHeadings(node: ElementContent, level: number): ElementContent {
  if (node.type !== 'element') return node;
  const depth = node.properties.dataHeadingDepth;
  if (depth !== undefined && /^h[1-6]$/.test(node.tagName)) {
    const { dataHeadingDepth: _depth, ...properties } = node.properties;
    return { ...node, tagName: `h${headingLevel(level, Number(depth))}`, properties };
  }
  const children = node.children.map((c) => placeHeadings(c, level));
  return children.every((c, i) => c === node.children[i]) ? node : { ...node, children };
}

const holdsContents = (s: SectionHast): boolean => s.body.some((n) => n.type === 'element' && n.tagName === 'yjplan-contents');
