import { describe, expect, it } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { planWith } from '../helpers/plan-dir.ts';
import { transformPlan } from '../helpers/pipeline.ts';

const review = `kind: review
caption: Review of last year's priorities
items:
  - area: Education
    action: Agree a school-inclusion protocol.
    owner: Education lead
    status: done
    outcome: The protocol was agreed with every secondary school.
  - area: Education
    action: Offer every child a learning assessment.
    owner: Service manager
    status: carried-forward
`;
const section = '---\ntitle: Introduction\n---\n\n::table{#tbl-review data=review}\n';

describe('a review of last year’s priorities', () => {
  it('shows each action’s owner and status, and an outcome not yet written as to be supplied', async () => {
    const dir = await planWith('small', { 'data/review.yaml': review, 'content/introduction.md': section });
    const result = await transformPlan(dir);
    const html = result.html('introduction');
    expect(html).toContain('<th scope="col">Owner</th><th scope="col">Status</th><th scope="col">How did we do?</th>');
    expect(html).toContain('<td>Done</td>');
    expect(html).toContain('<td>Carried forward</td><td><span class="to-be-supplied-cell">To be supplied</span></td>');
  });

  it('lists an outcome still to be supplied at its action’s line, as a warning', async () => {
    const dir = await planWith('small', { 'data/review.yaml': review, 'content/introduction.md': section });
    const result = await build({ root: dir, outDir: `${dir}/out`, pdf: false, checkOnly: true });
    const open = result.diagnostics.filter((d) => d.ruleId === 'review:outcome-to-be-supplied');
    expect(open.map((d) => [d.file, d.place?.line, d.severity])).toEqual([['data/review.yaml', 10, 'warning']]);
  });
});
