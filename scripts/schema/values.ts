import { z } from 'zod';
import { figure, slug, text, valueType } from './common.ts';

const namedValue = z.union([
  figure.transform((value) => ({ value, type: 'number' as const })),
  z.strictObject({
    value: z.union([figure, text]),
    type: valueType.default('number'),
    decimals: z.number().int().min(0).max(6).optional(),
    label: text.optional(),
    source: text.optional(),
  }).superRefine((v, ctx) => {
    if (typeof v.value === 'string' && v.type !== 'text' && v.type !== 'date') {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `a ${v.type} value must be written as a plain number (for example 1234, not "1,234")`,
      });
    }
  }),
]);
export type NamedValue = z.output<typeof namedValue>;

export const valuesSchema = z.strictObject({
  kind: z.literal('values'),
  values: z.record(slug, namedValue),
});
export type ValuesData = z.infer<typeof valuesSchema>;
