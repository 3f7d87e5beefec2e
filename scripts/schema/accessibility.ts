import { z } from 'zod';
import { isoDate, text } from './common.ts';

/** A known accessibility problem: what it is, and the WCAG success criterion it fails, if known. */
const issue = z.union([
  text.transform((description) => ({ description, criterion: undefined })),
  z.strictObject({
    description: text,
    /** For example `1.1.1 Non-text content`. */
    criterion: text.optional(),
  }),
]);

/**
 * The facts an accessibility statement needs (the GOV.UK model statement, for a document).
 * Everything the council has to supply is optional, so that a draft can leave it out and mark
 * the gap with :::to-be-supplied rather than carry made-up details.
 */
export const accessibilitySchema = z.strictObject({
  kind: z.literal('accessibility'),
  /** Who publishes the plan and answers for its accessibility. */
  organisation: text,
  /** What the statement covers, as it reads mid-sentence. */
  document: text.default('this plan'),
  /** The web page the plan is published on. */
  website: z.url({ protocol: /^https?$/, message: 'must be a web address starting https://' }).optional(),
  /** Where to ask for another format or report a problem. */
  email: z.email({ message: 'must be an email address, such as youth.justice@example.gov.uk' }).optional(),
  phone: text.optional(),
  /** Working days to answer a request for another format. */
  'response-days': z.number().int().positive().optional(),
  /** Against WCAG 2.2 AA. Leave it out until the published plan has been checked. */
  compliance: z.enum(['fully', 'partially', 'not']).optional(),
  /** Known problems (Markdown allowed), each optionally with the success criterion it fails. */
  issues: z.array(issue).default([]),
  /** When the statement was first prepared and last reviewed. */
  prepared: isoDate.optional(),
  reviewed: isoDate.optional(),
  /** When the plan was last tested for accessibility, and by whom. */
  tested: isoDate.optional(),
  'tested-by': text.optional(),
  /** Who enforces the regulations: EHRC (Great Britain) or ECNI (Northern Ireland). */
  enforcement: z.enum(['ehrc', 'ecni']).default('ehrc'),
});
export type AccessibilityData = z.infer<typeof accessibilitySchema>;
