import { z } from 'zod';
import { text } from './common.ts';
import { actionStatus } from './progress.ts';

export const reviewSchema = z.strictObject({
  kind: z.literal('review'),
  caption: text,
  items: z
    .array(
      z.strictObject({
        area: text,
        action: text,
        /** Who owned the action in last year's plan. */
        owner: text.optional(),
        status: actionStatus.optional(),
        /** How did we do? Left out of a review carried over from last year's priorities until it is written. */
        outcome: text.optional(),
      }),
    )
    .min(1),
});
export type ReviewData = z.infer<typeof reviewSchema>;
