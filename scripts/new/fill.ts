/** The placeholders of a structure's files ({period}, {authority}…), filled in for a new plan. */
import { formatPeriod, periodSlug, previousPeriod, type Period } from './period.ts';

export type Placeholders = Record<string, string>;

export function placeholders(period: Period, names: { authority: string; service: string; title: string }): Placeholders {
  const previous = previousPeriod(period);
  return {
    period: formatPeriod(period),
    previous: formatPeriod(previous),
    'period-id': periodSlug(period),
    'previous-id': periodSlug(previous),
    ...names,
  };
}

/** `text` with each {name} replaced; in YAML the values go inside double quotes, so they are escaped for them. */
export function fill(text: string, values: Placeholders, as: 'yaml' | 'text' = 'text'): string {
  return text.replace(/\{([a-z-]+)\}/g, (whole, key: string) => {
    const value = values[key];
    if (value === undefined) return whole;
    return as === 'yaml' ? JSON.stringify(value).slice(1, -1) : value;
  });
}
