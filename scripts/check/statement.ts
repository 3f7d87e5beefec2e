/**
 * What an accessibility statement still lacks. The GOV.UK model statement needs a way to ask for
 * another format (an email address or a phone number) and how soon a reply comes, the compliance
 * status (with the non-compliances when it is not full), and the dates it was prepared and the
 * plan last tested. A draft may leave them out: the statement shows each gap as "To be supplied",
 * and the build lists it; a final plan may not.
 */
import type { AccessibilityData } from '../schema/index.ts';

export type StatementPart = 'contact' | 'compliance' | 'dates';

export interface StatementGap {
  /** The part of the statement the gap sits in. */
  part: StatementPart;
  /** The keys to add to the data file. */
  keys: string[];
  /** What is missing, in words that read after "still needs". */
  text: string;
}

export function statementGaps(data: AccessibilityData): StatementGap[] {
  const gaps: StatementGap[] = [];
  const contact = !data.email && !data.phone;
  const reply = data['response-days'] === undefined;
  if (contact || reply) {
    const words = [
      ...(contact ? ['contact details for asking for the plan in another format and for reporting accessibility problems (an email address or a telephone number)'] : []),
      ...(reply ? ['how many working days a reply takes'] : []),
    ];
    gaps.push({ part: 'contact', keys: [...(contact ? ['email', 'phone'] : []), ...(reply ? ['response-days'] : [])], text: words.join(', and ') });
  }
  if (!data.compliance) {
    gaps.push({ part: 'compliance', keys: ['compliance'], text: 'whether the plan is fully, partially or not compliant with the accessibility standard, once the published plan has been checked, with any known issues' });
  } else if (data.compliance !== 'fully' && data.issues.length === 0) {
    gaps.push({ part: 'compliance', keys: ['issues'], text: `the content that is not accessible, and why: the plan is ${data.compliance === 'partially' ? 'partially' : 'not'} compliant, so its non-compliances must be listed` });
  }
  const prepared = !data.prepared;
  const tested = !data.tested;
  if (prepared || tested) {
    const words = [...(prepared ? ['the date this statement was prepared'] : []), ...(tested ? ['the date the plan was last tested for accessibility'] : [])];
    gaps.push({ part: 'dates', keys: [...(prepared ? ['prepared'] : []), ...(tested ? ['tested'] : [])], text: words.join(' and ') });
  }
  return gaps;
}
