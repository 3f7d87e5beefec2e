import { z } from 'zod';
import { isoDate, text } from './common.ts';

export const signoffSchema = z.strictObject({
  kind: z.literal('signoff'),
  caption: text.default('Approval and sign-off'),
  approvers: z
    .array(
      z.strictObject({
        name: text,
        roles: z.array(text).default([]),
        organisation: text,
        signed: isoDate.nullable().default(null),
      }),
    )
    .min(1),
});
export type SignoffData = z.infer<typeof signoffSchema>;
