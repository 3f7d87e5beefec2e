/**
 * Stated figures: a figure as the source document prints it, kept beside the one the build works
 * out, only to be compared. The page always shows the worked-out figure, with a short note naming
 * the stated one; the build warns at the stated figure's YAML line. The budget's stated totals
 * and a derived figure's `stated` are both checked here.
 */
import type { YamlPath } from '../load/yaml-source.ts';

export interface StatedMismatch<T = number> {
  /** The YAML path of the stated figure. */
  path: YamlPath;
  /** What the figure is, as it reads mid-sentence ("grand total", "custody-fall"). */
  what: string;
  stated: T;
  computed: T;
}

/** Decimal places as written: 0.29 has 2, 14 has 0. */
export const decimalsOf = (n: number): number => {
  const text = String(n);
  const dot = text.indexOf('.');
  return dot < 0 || /e/i.test(text) ? 0 : text.length - dot - 1;
};

const round = (n: number, places: number): number => Math.round(n * 10 ** places) / 10 ** places;

/**
 * Whether a stated figure agrees with the worked-out one, to the precision it is shown at
 * (`decimals`) or, without one, to the precision it was stated at: 27 agrees with 27.3.
 * Text agrees when the words are the same, whatever the spacing and dashes.
 */
export function agrees(stated: number | string, computed: number | string | null, decimals?: number): boolean {
  if (computed === null) return false;
  if (typeof stated === 'number' && typeof computed === 'number') {
    const places = decimals ?? decimalsOf(stated);
    return round(stated, places) === round(computed, places);
  }
  const words = (v: number | string): string => String(v).toLowerCase().replace(/[\u2012-\u2015-]/g, '-').replace(/\s+/g, ' ').trim();
  return words(stated) === words(computed);
}

/** The visible note beside a figure whose source states another: an editorial insertion, so in square brackets. */
export const statedNote = (stated: string): string => ` [the source states ${stated}]`;
