import { z } from 'zod';
import { text } from './common.ts';

export const reviewSchema = z.strictObject({
  kind: z.literal('review'),
  caption: text,
  items: z.array(z.strictObject({ area: text, action: text, outcome: text })).min(1),
});
export type ReviewData = z.infer<typeof reviewSchema>;
