/**
 * What the page shows in place of a withheld figure, and the notes that say why. The marks follow
 * the Government Statistical Service's symbols: a count below the threshold is shown as `<5`, a
 * figure withheld because it would let one be worked out as `[c]` (confidential).
 */
import type { Reason } from './grid.ts';

export interface Mark {
  reason: Reason;
  /** The mark in a table cell: `<5` or `[c]`. */
  text: string;
}

export const markOf = (reason: Reason, below: number): Mark => ({ reason, text: reason === 'small' ? `<${below}` : '[c]' });

/** In running text: "fewer than 5"; a figure that would give one away is not shown. */
export const proseOf = (reason: Reason, below: number): string => (reason === 'small' ? `fewer than ${below}` : '[not shown]');

const smallNote = (below: number): string =>
  `<${below}: fewer than ${below}. Counts of 1 to ${below - 1} people are not shown, so that no child can be identified.`;
const revealsNote = (): string =>
  '[c]: not shown, because with the totals and the other figures it would let a count that is not shown be worked out.';

/** The notes under a table that shows some marks: one for each kind of mark it shows. */
export function tableNotes(marks: readonly Mark[], below: number): string[] {
  const reasons = new Set(marks.map((m) => m.reason));
  return [...(reasons.has('small') ? [smallNote(below)] : []), ...(reasons.has('reveals') ? [revealsNote()] : [])];
}

/** The notes under a chart that leaves figures out; its data table shows the marks. */
export function chartNotes(marks: readonly Mark[], below: number): string[] {
  if (!marks.length) return [];
  const what = marks.some((m) => m.reason === 'reveals')
    ? `counts of fewer than ${below} people, and figures that would let one be worked out,`
    : `counts of fewer than ${below} people`;
  return [`Some figures are left out of this chart: ${what} are not drawn, so that no child can be identified. The chart’s data table marks them.`, ...tableNotes(marks, below)];
}
