import { z } from 'zod';
import { dateMessage, figure, isDateText, slug, text, valueType } from './common.ts';

const namedValue = z.union([
  figure.transform((value) => ({ value, type: 'number' as const })),
  z.strictObject({
    value: z.union([figure, text, z.date().transform((d) => d.toISOString().slice(0, 10))]),
    type: valueType.default('number'),
    decimals: z.number().int().min(0).max(6).optional(),
    label: text.optional(),
    source: text.optional(),
    /** A number of people (true), which the small-numbers setting protects, or not (false). */
    people: z.boolean().optional(),
  }).superRefine((v, ctx) => {
    if (typeof v.value === 'string' && v.type !== 'text' && v.type !== 'date') {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `a ${v.type} value must be written as a plain number (for example 1234, not "1,234")`,
      });
    }
    if (v.type === 'date' && !isDateText(v.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: dateMessage(v.value) });
    }
  }),
]);
export type NamedValue = z.output<typeof namedValue>;

/**
 * A figure quoted from elsewhere in the plan, as `:value[…]` quotes it: `custody-rate.Rotherham.apr18-mar19`
 * (a table's cell: file, row, column), `fte-outcomes.total.q1-total` (a column's total),
 * `budget.total`, `headline-figures.fte-rate`.
 */
const figureRef = z.string().trim().regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*\.\S.*$/, {
  message: 'write a figure as `file.key` or `file.row.column`, for example `custody-rate.Rotherham.apr18-mar19`',
});

/** The operations a derived figure may use: one per figure, each over quoted figures only. */
export const derivedOperations = ['difference', 'change', 'share', 'sum', 'count', 'size', 'figure', 'heading'] as const;
export type DerivedOperation = (typeof derivedOperations)[number];

/**
 * A figure worked out from others, never typed: a small vocabulary, no expressions.
 * Exactly one operation per figure; `stated` records the figure as the source document prints it,
 * to be checked against the one worked out.
 */
export const derivedFigure = z
  .strictObject({
    /** `[a, b]`: a minus b (a fall from a to b is `[a, b]`). */
    difference: z.tuple([figureRef, figureRef]).optional(),
    /** `[from, to]`: the percentage change from `from` to `to`. */
    change: z.tuple([figureRef, figureRef]).optional(),
    /** `[part, whole]`: part as a percentage of whole. */
    share: z.tuple([figureRef, figureRef]).optional(),
    /** `[a, b, …]`: the figures added up. */
    sum: z.array(figureRef).min(1).optional(),
    /** `file`: how many rows a table has. */
    count: slug.optional(),
    /** `file.row.column`: a figure without its sign, as a sentence says it ("a fall of 27%" for −27%). */
    size: figureRef.optional(),
    /** `file.row.column`: one figure as it is, so a statement of it can be checked. */
    figure: figureRef.optional(),
    /** `file.column`: the heading of a table's column, as text (a period such as "Jul 16 – Jun 17"). */
    heading: figureRef.optional(),
    /** How to show it: number, percent or currency (default: percent for change and share, else as the first figure). */
    type: valueType.optional(),
    decimals: z.number().int().min(0).max(6).optional(),
    label: text.optional(),
    /** The figure as the source document states it, when that differs: the build warns and the page says so. */
    stated: z.union([figure, text]).optional(),
    source: text.optional(),
  })
  .superRefine((v, ctx) => {
    const used = derivedOperations.filter((op) => v[op] !== undefined);
    if (used.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          used.length === 0
            ? `say how the figure is worked out, with one of: ${derivedOperations.join(', ')}`
            : `a derived figure has one operation, not ${used.map((u) => `\`${u}\``).join(' and ')}`,
      });
    }
  });
export type DerivedFigure = z.output<typeof derivedFigure>;

export const valuesSchema = z.strictObject({
  kind: z.literal('values'),
  values: z.record(slug, namedValue).default({}),
  /** Figures worked out from others (see the editing guide): `:value[file.key]` quotes them too. */
  derived: z.record(slug, derivedFigure).optional(),
});
export type ValuesData = z.infer<typeof valuesSchema>;
