/** Section numbers, generated from the outline's order in the plan's chosen style. */
import type { PlanMeta } from '../schema/index.ts';

export type NumberingStyle = PlanMeta['numbering'];

const letters = (n: number): string => {
  let out = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) out = String.fromCharCode(97 + ((i - 1) % 26)) + out;
  return out;
};

const roman = (n: number): string =>
  ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii'][n - 1] ?? String(n);

/** The number of a section from its 1-based position at each level, e.g. [6, 1] → "6a". */
export function sectionNumber(style: NumberingStyle, positions: readonly number[]): string {
  if (style === 'none') return '';
  if (style === 'decimal') return positions.join('.');
  const [top, second, third] = positions;
  let out = String(top);
  if (second !== undefined) out += letters(second);
  if (third !== undefined) out += `(${roman(third)})`;
  return out;
}
