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
