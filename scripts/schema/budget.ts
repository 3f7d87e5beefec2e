import { z } from 'zod';
import { figure, slug, text } from './common.ts';

export const budgetSchema = z.strictObject({
  kind: z.literal('budget'),
  caption: text,
  /** The heading of the first column. */
  label: text.default('Agency'),
  columns: z.array(z.strictObject({ key: slug, label: text })).min(1),
  rows: z.array(z.record(z.string(), z.union([text, figure, z.null()]))).min(1),
  stated: z.record(z.string(), figure).optional(),
  notes: z.array(text).optional(),
  source: text.optional(),
});
export type BudgetData = z.infer<typeof budgetSchema>;
