import { z } from 'zod';

/** Lower-case words joined by hyphens: used for ids, data names and keys. */
export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, {
    message: 'use lower-case letters, digits and hyphens only (for example `first-time-entrants`)',
  });

export const text = z.string().trim().min(1, { message: 'must not be empty' });

/** A finite number: YAML's .inf and .nan are not figures. */
export const figure = z.number().refine(Number.isFinite, { message: 'must be a finite number' });

export const valueType = z.enum(['text', 'number', 'currency', 'percent', 'date']);
export type ValueType = z.infer<typeof valueType>;

export const isoDate = z.union([
  z.iso.date(),
  // YAML reads an unquoted 2019-06-30 as a Date: accept it and keep the ISO form.
  z.date().transform((d) => d.toISOString().slice(0, 10)),
]);

/**
 * The dates a `date` column or value accepts: a day as 2019-06-30 (year, month, day) or a month
 * as 2019-06, each a real date. Anything else is text that only looks like a date to a reader.
 */
export function isDateText(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const dateMessage = (value: unknown): string =>
  `${typeof value === 'string' ? `"${value}"` : String(value)} is not a date: write a day as 2019-06-30 (year, month, day) or a month as 2019-06`;
