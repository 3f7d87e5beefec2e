/** Messages about the plan's period: text left over from last year's plan, and `new`. */
import type { MessageText } from '../diagnostics/index.ts';

export const periodMessages = {
  stale: (found: string, previous: string, current: string): MessageText => ({
    ruleId: 'period:stale',
    severity: 'warning',
    message:
      found === previous
        ? `“${found}” is the period of the last plan; this plan is for ${current}`
        : `“${found}” is a year of the last plan (${previous}); this plan is for ${current}`,
    hint: `bring the text up to date for ${current}, or make clear it is past (for example “in our last plan, for ${previous}”)`,
  }),
};
