import { rm } from 'node:fs/promises';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { afterEach, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../scripts/build/index.ts';
import { loadPlan } from '../scripts/load/index.ts';
import { markdownMessages } from '../scripts/messages/markdown.ts';
import { accessibilitySchema } from '../scripts/schema/accessibility.ts';
import { dataSchemas } from '../scripts/schema/index.ts';
import { lineOf, repoRoot } from './helpers/plan-dir.ts';
import { FULL_STATEMENT, smallWithStatement } from './helpers/statement.ts';

const text = (node: Parameters<typeof toString>[0]) => toString(node).replace(/\s+/g, ' ').trim();
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Checks a plan holding a statement (nothing is written) and returns the statement's section. */
async function statement(options: Parameters<typeof smallWithStatement>[0] = {}) {
  const root = await smallWithStatement(options);
  made.push(root);
  const result: BuildResult = await build({ root, outDir: `${root}/out`, pdf: false, checkOnly: true });
  const doc = fromHtml(result.html ?? '');
  return { result, section: select('section[aria-labelledby=statement]', doc), root };
}

describe('the accessibility data kind', () => {
  it('is one of the kinds a data file may have', () => {
    expect(dataSchemas.accessibility).toBe(accessibilitySchema);
  });

  it('needs only the organisation: every fact a council supplies may be left out until it is known', () => {
    const parsed = accessibilitySchema.parse({ kind: 'accessibility', organisation: 'Example County Council' });
    expect(parsed).toEqual({ kind: 'accessibility', organisation: 'Example County Council', document: 'this plan', issues: [], enforcement: 'ehrc' });
  });

  it('rejects an email address that is not one, at its line', async () => {
    const data = FULL_STATEMENT.replace('youth.justice@example.gov.uk', 'youth.justice at example');
    const root = await smallWithStatement({ data });
    made.push(root);
    const error = (await loadPlan(root)).diagnostics.find((d) => d.severity === 'error');
    expect(error).toMatchObject({ file: 'data/accessibility.yaml', place: { line: lineOf(data, 'email:') } });
    expect(error?.message).toContain('email address');
  });
});

describe('::accessibility-statement', () => {
  it('states everything a full statement holds: where the plan is, contacts as links, the reply time, compliance, known issues and dates', async () => {
    const { result, section } = await statement();
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const words = text(section!);
    expect(words).toContain('This accessibility statement applies to the Example Youth Justice Plan 2024/25, published at https://www.example.gov.uk/youth-justice-plan.');
    expect(selectAll('a', section!).map((a) => String(a.properties.href))).toEqual([
      'https://www.example.gov.uk/youth-justice-plan',
      'https://mcmw.abilitynet.org.uk/',
      'mailto:youth.justice@example.gov.uk',
      'tel:01234567890',
      'https://www.equalityadvisoryservice.com/',
      'https://www.w3.org/TR/WCAG22/',
    ]);
    expect(words).toContain('get back to you in 10 working days');
    expect(words).toContain('The Example Youth Justice Plan 2024/25 is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, due to the non-compliances listed below.');
    expect(selectAll('.accessibility-statement li', section!).slice(-2).map(text)).toEqual([
      'The structure chart in appendix one is a picture with no text alternative.',
      'Two tables in the PDF have no header row. This fails WCAG 2.2 success criterion 1.3.1 Info and relationships.',
    ]);
    expect(words).toContain('This statement was prepared on 1 June 2024. It was last reviewed on 1 July 2024.');
    expect(words).toContain('The Example Youth Justice Plan 2024/25 was last tested on 20 June 2024 by the council\'s digital team.');
    expect(words).toContain('The Equality and Human Rights Commission (EHRC) is responsible for enforcing');
  });

  it('never makes up what the data leaves out: in a draft, each part still to come is shown as to be supplied and listed at the data file', async () => {
    const data = '# The statement\nkind: accessibility\norganisation: Example County Council\n';
    const { result, section } = await statement({ data, status: 'draft' });
    expect(result.ok).toBe(true);
    const headings = selectAll('h3, h4', section!).map(text);
    expect(headings).toEqual([
      'Using this plan',
      'Feedback and contact information',
      'Enforcement procedure',
      'Technical information about this plan’s accessibility',
      'Compliance status',
      'Preparation of this accessibility statement',
    ]);
    expect(selectAll('a[href^="mailto:"], a[href^="tel:"]', section!)).toEqual([]);
    expect(text(section!)).toContain('This accessibility statement applies to this plan. Example County Council publishes it');
    const notes = selectAll('.to-be-supplied', section!).map((note) => `${text(selectAll('p', note)[0]!)}: ${text(selectAll('p', note)[1]!)}`);
    expect(notes).toHaveLength(3);
    expect(notes[0]).toMatch(/^To be supplied: Contact details for asking for the plan in another format .* \(an email address or a telephone number\), and how many working days a reply takes\.$/);
    expect(notes[1]).toMatch(/^To be supplied: Whether the plan is fully, partially or not compliant/);
    expect(notes[2]).toBe('To be supplied: The date this statement was prepared and the date the plan was last tested for accessibility.');
    const listed = result.diagnostics.filter((d) => d.ruleId.startsWith('statement:'));
    expect(listed).toEqual([expect.objectContaining({ ruleId: 'statement:to-be-supplied', severity: 'warning', file: 'data/accessibility.yaml', place: expect.objectContaining({ line: lineOf(data, 'organisation:'), column: 1 }) })]);
    expect(listed[0]!.hint).toContain('`email:`, `phone:`, `response-days:`, `compliance:`, `prepared:` or `tested:`');
  });

  it('shows only what is missing: a partial compliance with no issues listed asks for them', async () => {
    const data = FULL_STATEMENT.replace(/^issues:\n(?: {2}.*\n)+/m, '');
    const { result, section } = await statement({ data, status: 'draft' });
    expect(data).not.toContain('issues:');
    const notes = selectAll('.to-be-supplied', section!).map((note) => `${text(selectAll('p', note)[0]!)}: ${text(selectAll('p', note)[1]!)}`);
    expect(notes).toEqual([expect.stringMatching(/^To be supplied: The content that is not accessible, and why: the plan is partially compliant/)]);
    expect(selectAll('h4', section!).map(text)).toEqual(['Compliance status', 'Non-accessible content']);
    expect(result.diagnostics.filter((d) => d.ruleId.startsWith('statement:')).map((d) => d.message)).toEqual([
      'The accessibility statement still needs the content that is not accessible, and why: the plan is partially compliant, so its non-compliances must be listed',
    ]);
  });

  it('is complete, with nothing to be supplied, when the data gives every part', async () => {
    const { result, section } = await statement();
    expect(selectAll('.to-be-supplied', section!)).toEqual([]);
    expect(result.diagnostics.filter((d) => d.ruleId.startsWith('statement:'))).toEqual([]);
  });

  it('refuses a final plan whose statement still has parts to be supplied, at the data file, saying what to add', async () => {
    const data = FULL_STATEMENT.replace(/^email: .*\n/m, '').replace(/^phone: .*\n/m, '').replace(/^tested: .*\n/m, '');
    const { result } = await statement({ data, status: 'final' });
    expect(result.ok).toBe(false);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({
        ruleId: 'statement:incomplete',
        file: 'data/accessibility.yaml',
        place: expect.objectContaining({ line: lineOf(data, 'organisation:'), column: 1 }),
        message:
          'The plan is final, but its accessibility statement still needs contact details for asking for the plan in another format and for reporting accessibility problems (an email address or a telephone number); the date the plan was last tested for accessibility',
      }),
    ]);
    expect(errors[0]!.hint).toBe('add `email:`, `phone:` or `tested:` to this file, or set `status: draft` in plan.yaml until they are known');
  });

  it('gives Northern Ireland’s enforcement procedure when asked', async () => {
    const { section } = await statement({ data: 'kind: accessibility\norganisation: Example Council\nenforcement: ecni\n', status: 'draft' });
    expect(text(section!)).toContain('The Equality Commission for Northern Ireland (ECNI) is responsible for enforcing');
    expect(text(section!)).not.toContain('EHRC');
  });

  it('puts its headings just below its section’s, however deep the section sits', async () => {
    const top = await statement();
    expect(selectAll('h2, h3, h4, h5', top.section!).map((h) => h.tagName)).toEqual(['h2', 'h3', 'h3', 'h3', 'h3', 'h3', 'h4', 'h4', 'h3']);
    const nested = await statement({ nested: true });
    expect(selectAll('h3, h4, h5, h6', nested.section!).map((h) => h.tagName)).toEqual(['h3', 'h4', 'h4', 'h4', 'h4', 'h4', 'h5', 'h5', 'h4']);
    expect(select('[data-heading-depth]', nested.section!)).toBeUndefined();
  });

  it('reports, at the directive, data of another kind', async () => {
    const section = '---\ntitle: Accessibility statement\n---\n\nSee below.\n\n::accessibility-statement{data=glossary}\n';
    const { result } = await statement({ section });
    const error = result.diagnostics.find((d) => d.severity === 'error');
    expect(error).toMatchObject({ file: 'content/statement.md', place: { line: 7, column: 1 }, ...markdownMessages.notAStatement('glossary', 'glossary') });
  });
});

describe('the sample’s accessibility statement', () => {
  it('comes last, holds only what is known of the council, and marks the rest as to be supplied', async () => {
    const result = await build({ root: repoRoot, outDir: '', pdf: false, checkOnly: true });
    const section = select('section[aria-labelledby=accessibility-statement]', fromHtml(result.html ?? ''))!;
    expect(text(select('h2', section)!)).toBe('19 Accessibility statement');
    expect(selectAll('a[href^="mailto:"], a[href^="tel:"]', section)).toEqual([]);
    expect(text(select('.to-be-supplied', section)!)).toMatch(/contact details/i);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'statement:to-be-supplied', file: 'data/accessibility.yaml' }));
  });
});
