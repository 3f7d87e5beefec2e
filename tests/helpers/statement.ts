/** An accessibility statement with every field filled in (the sample's leaves most out), and a plan that holds it. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fixture, planWith } from './plan-dir.ts';

export const FULL_STATEMENT = `kind: accessibility
organisation: Example County Council
document: the Example Youth Justice Plan 2024/25
website: https://www.example.gov.uk/youth-justice-plan
email: youth.justice@example.gov.uk
phone: 01234 567 890
response-days: 10
compliance: partially
issues:
  - The structure chart in appendix one is a picture with no text alternative.
  - description: Two tables in the PDF have no header row.
    criterion: 1.3.1 Info and relationships
prepared: 2024-06-01
reviewed: 2024-07-01
tested: 2024-06-20
tested-by: the council's digital team
`;

export const STATEMENT_SECTION = '---\ntitle: Accessibility statement\n---\n\n::accessibility-statement{data=accessibility}\n';

/**
 * The small fixture plan (final, unless `status` says otherwise) with an accessibility statement
 * as its last section (or as a subsection of "performance" when `nested`), from `data` and `section`.
 */
export async function smallWithStatement(options: { data?: string; section?: string; nested?: boolean; status?: 'draft' | 'final' } = {}): Promise<string> {
  const original = await readFile(path.join(fixture('small'), 'plan.yaml'), 'utf8');
  const plan = options.status ? original.replace(/^status: \w+$/m, `status: ${options.status}`) : original;
  const outline = options.nested ? plan.replace('      - education\n', '      - education\n      - statement\n') : plan.replace('  - terms\n', '  - terms\n  - statement\n');
  return planWith('small', {
    'plan.yaml': outline,
    'content/statement.md': options.section ?? STATEMENT_SECTION,
    'data/accessibility.yaml': options.data ?? FULL_STATEMENT,
  });
}
