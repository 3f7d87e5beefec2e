/** en-GB formatting of figures: thousands separators, £ and %. */
import type { ValueType } from '../schema/common.ts';

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(decimals: number | undefined, style: 'decimal' | 'currency'): Intl.NumberFormat {
  const key = `${style}:${decimals ?? ''}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', {
      style,
      ...(style === 'currency' ? { currency: 'GBP' } : {}),
      minimumFractionDigits: decimals ?? 0,
      maximumFractionDigits: decimals ?? (style === 'currency' ? 2 : 6),
    });
    cache.set(key, format);
  }
  return format;
}

/** A minus sign, not a hyphen: screen readers say "minus" and it lines up with digits. */
const minus = (text: string): string => text.replace(/^-/, '\u2212');

export function formatValue(value: number | string | boolean | null | undefined, type: ValueType, decimals?: number): string {
  if (value === null || value === undefined) return '–';
  if (typeof value !== 'number') {
    if (type === 'date' && typeof value === 'string' && /^\d{4}-\d{2}(?:-\d{2})?$/.test(value)) return formatDate(value);
    return String(value);
  }
  switch (type) {
    case 'currency':
      return minus(numberFormat(decimals ?? (Number.isInteger(value) ? 0 : 2), 'currency').format(value));
    case 'percent':
      return `${minus(numberFormat(decimals, 'decimal').format(value))}%`;
    case 'number':
      return minus(numberFormat(decimals, 'decimal').format(value));
    default:
      return String(value);
  }
}

/** 2019-06-30 as 30 June 2019; a month, 2019-06, as June 2019. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number | undefined];
  const parts: Intl.DateTimeFormatOptions = d === undefined ? { month: 'long', year: 'numeric' } : { day: 'numeric', month: 'long', year: 'numeric' };
  return new Intl.DateTimeFormat('en-GB', { ...parts, timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d ?? 1));
}
