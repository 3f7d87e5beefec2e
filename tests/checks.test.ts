import { describe, expect, it } from 'vitest';
import { build } from '../scripts/build/index.ts';
import { planWith } from './helpers/plan-dir.ts';

const check = async (changes: Record<string, string>) => {
  const dir = await planWith('small', changes);
  return build({ root: dir, outDir: `${dir}/out`, pdf: false, checkOnly: true });
};
const intro = (body: string) => ({ 'content/introduction.md': `---\ntitle: Introduction\n---\n\n${body}\n` });

describe('checking a plan as an editor would', () => {
  it('reports an abbreviation missing from the glossary at its first use, unless it is spelt out there', async () => {
    const result = await check(intro('The YJS and the MASH met.\n\nThe Safer Rotherham Partnership (SRP) met the MASH.'));
    const missing = result.diagnostics.filter((d) => d.ruleId === 'glossary:missing-term');
    expect(missing).toEqual([expect.objectContaining({ file: 'content/introduction.md', place: { line: 5, column: 17 }, message: expect.stringContaining('`MASH`') })]);
  });

  it('reports a glossary term that is never used, at its line in the glossary', async () => {
    const result = await check(intro('Nothing abbreviated here.'));
    const unused = result.diagnostics.filter((d) => d.ruleId === 'glossary:unused-term');
    expect(unused.map((d) => [d.file, d.place?.line, d.message])).toEqual([
      ['data/glossary.yaml', 3, 'The glossary term `YJS` is not used anywhere in the plan'],
      ['data/glossary.yaml', 4, 'The glossary term `ETE` is not used anywhere in the plan'],
    ]);
  });

  it('reports a link to an id that does not exist, with the id meant', async () => {
    const result = await check(intro('See [money](#mony) and [terms](#terms).'));
    const broken = result.diagnostics.filter((d) => d.ruleId === 'link:broken');
    expect(broken).toEqual([expect.objectContaining({ place: expect.objectContaining({ line: 5, column: 5 }), hint: 'did you mean #money?' })]);
    expect(result.ok).toBe(false);
  });

  it('passes a clean plan with no errors', async () => {
    const result = await check({});
    expect(result.ok).toBe(true);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
