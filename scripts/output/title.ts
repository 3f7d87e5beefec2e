/**
 * The plan's full title, from plan.yaml's `title`, `period` and `title-pattern`: one function, so
 * the page, the running header, the PDF's metadata and its file name always agree.
 *
 *   title-pattern "{title} {period}"  +  "Youth Justice Plan", "2019/21"  →  "Youth Justice Plan 2019/21"
 */
import type { PlanMeta } from '../schema/index.ts';

export type TitleMeta = Pick<PlanMeta, 'title' | 'period'> & { 'title-pattern'?: string | undefined };

export const defaultTitlePattern = '{title} {period}';

/** The pattern in parts, in order: literal text and the two fields. */
export type TitlePart = { kind: 'text'; text: string } | { kind: 'title' } | { kind: 'period' };

export function titleParts(meta: TitleMeta): TitlePart[] {
  const pattern = meta['title-pattern'] ?? defaultTitlePattern;
  return pattern
    .split(/(\{title\}|\{period\})/)
    .filter((piece) => piece !== '')
    .map((piece): TitlePart => (piece === '{title}' ? { kind: 'title' } : piece === '{period}' ? { kind: 'period' } : { kind: 'text', text: piece }));
}

export function fullTitle(meta: TitleMeta): string {
  return titleParts(meta)
    .map((part) => (part.kind === 'title' ? meta.title : part.kind === 'period' ? meta.period : part.text))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether the title already names the period the pattern adds again ("… 2021/22: inspection
 * update" + "2021/22"). The period is matched however its separator is written (2021/22,
 * 2021-22, 2021 to 22).
 */
export function periodRepeated(meta: TitleMeta): boolean {
  if (!titleParts(meta).some((p) => p.kind === 'period')) return false;
  const digits = meta.period.match(/\d+/g);
  if (!digits) return meta.title.includes(meta.period);
  const loose = new RegExp(`(^|\\D)${digits.join('\\s*(?:/|-|–|to)\\s*')}(\\D|$)`, 'i');
  return loose.test(meta.title);
}
