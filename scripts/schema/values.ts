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
  }),
]);
export type NamedValue = z.output<typeof namedValue>;

export const valuesSchema = z.strictObject({
  kind: z.literal('values'),
  values: z.record(slug, namedValue),
});
export type ValuesData = z.infer<typeof valuesSchema>;
