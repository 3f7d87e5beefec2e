import { z } from 'zod';
import { figure, slug, text, valueType } from './common.ts';

// YAML reads an unquoted 2019-06-30 as a date: kept as its ISO text, which a date column shows.
export const cell = z.union([z.string(), figure, z.boolean(), z.null(), z.date().transform((d) => d.toISOString().slice(0, 10))]);
export type Cell = z.infer<typeof cell>;

export const column = z.strictObject({
  key: slug,
  label: text,
  type: valueType.default('text'),
  header: z.boolean().default(false),
  decimals: z.number().int().min(0).max(6).optional(),
  align: z.enum(['left', 'right', 'center']).optional(),
  group: text.optional(),
  /**
   * Whether each figure is a number of people (children, young people): `true` for counts the
   * small-numbers setting protects, `false` for rates and counts of other things.
   */
  people: z.boolean().optional(),
});
export type Column = z.infer<typeof column>;

export const tableSchema = z.strictObject({
  kind: z.literal('table'),
  caption: text,
  columns: z.array(column).min(1),
  rows: z.array(z.record(z.string(), cell)),
  notes: z.array(text).optional(),
  source: text.optional(),
});
export type TableData = z.infer<typeof tableSchema>;
