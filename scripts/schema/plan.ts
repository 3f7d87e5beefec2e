import { z } from 'zod';
import { isoDate, slug, text } from './common.ts';

export interface OutlineEntryInput {
  id: string;
  file?: string | undefined;
  sections?: Array<string | OutlineEntryInput> | undefined;
}

const outlineEntry: z.ZodType<string | OutlineEntryInput> = z.lazy(() =>
  z.union([
    slug,
    z.strictObject({
      id: slug,
      file: z.string().optional(),
      sections: z.array(outlineEntry).optional(),
    }),
  ]),
);

export const planSchema = z.strictObject({
  authority: text,
  service: text,
  title: text,
  period: text,
  status: z.enum(['draft', 'final']),
  published: isoDate.optional(),
  version: z.union([z.string(), z.number()]).transform(String).optional(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/).default('en-GB'),
  numbering: z.enum(['number-letter', 'decimal', 'none']).default('number-letter'),
  description: z.string().optional(),
  /** A short note on the cover about the plan itself: who made it, from what, for what purpose. */
  colophon: text.optional(),
  outline: z.array(outlineEntry).min(1),
});

export type PlanMeta = z.infer<typeof planSchema>;

export const frontMatterSchema = z.strictObject({
  title: text,
  short: text.optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;
