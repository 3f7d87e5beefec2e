import { describe, expect, it } from 'vitest';
import { build } from '../scripts/build/index.ts';
import { typedFigures } from '../scripts/check/typed-figures.ts';
import { planWith, repoRoot } from './helpers/plan-dir.ts';

const check = async (root: string) => build({ root, outDir: `${root}/out`, pdf: false, checkOnly: true });
const intro = (body: string) => ({ 'content/introduction.md': `---\ntitle: Introduction\n---\n\n${body}\n` });
const found = (text: string) => typedFigures(text).map((m) => m.found);

describe('finding figures typed into text', () => {
  it('finds counts, percentages, money and decimals', () => {
    expect(found('We saw 41 young people, 27% fewer, at a cost of £1,585,845 and a rate of 0.12.')).toEqual(['41', '27%', '£1,585,845', '0.12']);
  });

  it('passes over years, periods, dates, times, durations and ages', () => {
    expect(found('In 2018, for 2019/21 and 2016-2019, on 30 June 2019, from Jun 15 to Jun 16, at 10:30 or by 11am, within 12 months, for young people aged 10 to 16')).toEqual([]);
  });

  it('passes over the numbers inside names', () => {
    expect(found('Section 39(5) of the Crime and Disorder Act 1998; Phases 2 and 3; Q1 and Q4; Section 90-92 Detention; Year 11; Table 2')).toEqual([]);
  });

  it('passes over quoted figures', () => {
    expect(found('It fell to :value[custody-rate.Rotherham.apr18-mar19] for 3 young people (:ref[tbl-2])')).toEqual(['3']);
  });
});

describe('the typed-figure check', () => {
  it('reports a figure typed into a section at its line and column', async () => {
    const result = await check(await planWith('small', intro('The service worked with\nabout 1,200 children.')));
    expect(result.diagnostics.filter((d) => d.ruleId === 'value:typed')).toEqual([
      expect.objectContaining({ file: 'content/introduction.md', severity: 'warning', place: { line: 6, column: 7 }, message: 'The figure 1,200 is typed into the text, so it will not change when the data does' }),
    ]);
  });

  it('reports a figure typed into a review’s outcome or a table note at its YAML line and column', async () => {
    const result = await check(
      await planWith('small', {
        'data/review.yaml': 'kind: review\ncaption: Last year\nitems:\n  - area: Education\n    action: Raise attendance.\n    outcome: |\n      Attendance rose.\n      It reached 80% in June.\n',
        'data/education.yaml': 'kind: table\ncaption: Education\ncolumns:\n  - { key: stage, label: Stage, header: true }\n  - { key: n, label: Number, type: number }\nrows:\n  - { stage: All, n: 3 }\nnotes:\n  - Of 1234 children.\n',
        'content/money.md': '---\ntitle: Money\n---\n\n::table{data=review}\n',
      }),
    );
    const typed = result.diagnostics.filter((d) => d.ruleId === 'value:typed').map((d) => [d.file, d.place?.line, d.place?.column]);
    expect(typed).toEqual(expect.arrayContaining([['data/review.yaml', 8, 18], ['data/education.yaml', 9, 8]]));
    expect(typed).toHaveLength(2);
  });

  it('finds no typed figures in the sample', async () => {
    const result = await check(repoRoot);
    expect(result.diagnostics.filter((d) => d.ruleId === 'value:typed')).toEqual([]);
  });
});
