/** Summaries of repeated measurements: the median is what we report; min and max show the noise. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarise(values: readonly number[]): Summary | undefined {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return undefined;
  const mid = Math.floor(xs.length / 2);
  const median = xs.length % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
  return { median, min: xs[0]!, max: xs[xs.length - 1]!, n: xs.length };
}

/** (max − min) / median: how far apart the runs were, as a share of the median. */
export const spread = (s: Summary): number => (s.median > 0 ? (s.max - s.min) / s.median : 0);

/** Milliseconds as the tables print them. */
export const ms = (value: number | undefined): string => (value === undefined ? '–' : `${Math.round(value)}`);

export const pad = (text: string, width: number, right = false): string => (right ? text.padStart(width) : text.padEnd(width));
