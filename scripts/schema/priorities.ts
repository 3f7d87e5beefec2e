import { z } from 'zod';
import { text } from './common.ts';
import { actionStatus } from './progress.ts';

export const prioritiesSchema = z.strictObject({
  kind: z.literal('priorities'),
  caption: text,
  priorities: z
    .array(
      z.strictObject({
        area: text,
        description: text.optional(),
        actions: z.array(z.strictObject({ action: text, owner: text, status: actionStatus.optional() })).min(1),
      }),
    )
    .min(1),
});
export type PrioritiesData = z.infer<typeof prioritiesSchema>;
