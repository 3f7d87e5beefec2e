import { z } from 'zod';
import { text } from './common.ts';

export const glossarySchema = z.strictObject({
  kind: z.literal('glossary'),
  caption: text.default('Glossary of terms'),
  terms: z
    .array(z.strictObject({ term: text, definition: text, match: z.array(text).optional() }))
    .min(1),
});
export type GlossaryData = z.infer<typeof glossarySchema>;
