/**
 * A plan's period as the plan writes it (`2019/21`, `2024/25`, `2024-2025`, `2025`), and the
 * periods before and after it, spelt the same way. A period moves on by its own length:
 * 2019/21 → 2021/23, 2024/25 → 2025/26.
 */
import { escapeRegExp } from '../util/regexp.ts';

export interface Period {
  start: number;
  end: number;
  /** How the period is written: separator and whether the end year has 2 or 4 digits. */
  style: { separator: string; endDigits: 2 | 4 } | 'year';
}

const SPAN = /^\s*((?:19|20)\d\d)\s*(\/|-|–|—| to )\s*(\d\d|(?:19|20)\d\d)\s*$/;
const YEAR = /^\s*((?:19|20)\d\d)\s*$/;

export function parsePeriod(text: string): Period | undefined {
  const year = YEAR.exec(text);
  if (year) return { start: Number(year[1]), end: Number(year[1]) + 1, style: 'year' };
  const span = SPAN.exec(text);
  if (!span) return undefined;
  const start = Number(span[1]);
  const endText = span[3]!;
  const end = endText.length === 4 ? Number(endText) : Math.floor(start / 100) * 100 + Number(endText) + (Number(endText) < start % 100 ? 100 : 0);
  if (end <= start || end - start > 10) return undefined;
  return { start, end, style: { separator: span[2]!, endDigits: endText.length as 2 | 4 } };
}

export const periodLength = (p: Period): number => p.end - p.start;

export function shiftPeriod(p: Period, by: number): Period {
  const move = periodLength(p) * by;
  return { ...p, start: p.start + move, end: p.end + move };
}

export const nextPeriod = (p: Period): Period => shiftPeriod(p, 1);
export const previousPeriod = (p: Period): Period => shiftPeriod(p, -1);

export function formatPeriod(p: Period): string {
  if (p.style === 'year') return String(p.start);
  const end = p.style.endDigits === 4 ? String(p.end) : String(p.end % 100).padStart(2, '0');
  return `${p.start}${p.style.separator}${end}`;
}

/** The period as it appears in file names and ids: 2019/21 → `2019-21`, 2025 → `2025`. */
export function periodSlug(p: Period): string {
  if (p.style === 'year') return String(p.start);
  const end = p.style.endDigits === 4 ? String(p.end) : String(p.end % 100).padStart(2, '0');
  return `${p.start}-${end}`;
}

/** The one-year spans a period covers: 2019/21 → 2019/20 and 2020/21. */
export function yearsOf(p: Period): Period[] {
  const style = p.style === 'year' ? { separator: '/', endDigits: 2 as const } : p.style;
  return Array.from({ length: periodLength(p) }, (_, i) => ({ start: p.start + i, end: p.start + i + 1, style }));
}

/**
 * A pattern that finds the span from `start` to `end` however it is written:
 * 2019/21, 2019-21, 2019–21, 2019/2021, 2019 to 2021.
 */
export function spanPattern(start: number, end: number): string {
  const short = String(end % 100).padStart(2, '0');
  return `(?<![\\d/–-])${start}\\s*(?:/|-|–|—|\\s+to\\s+)\\s*(?:${end}|${escapeRegExp(short)})(?![\\d/–-])`;
}
