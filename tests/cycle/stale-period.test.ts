import { describe, expect, it } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { formatPeriod, nextPeriod, parsePeriod, periodSlug, previousPeriod } from '../../scripts/new/period.ts';
import { planWith } from '../helpers/plan-dir.ts';

describe('a plan’s period', () => {
  it('moves on by its own length, written as it was', () => {
    const next = (text: string): string => formatPeriod(nextPeriod(parsePeriod(text)!));
    expect(next('2019/21')).toBe('2021/23');
    expect(next('2024/25')).toBe('2025/26');
    expect(next('2024-2025')).toBe('2025-2026');
    expect(next('2099/00')).toBe('2100/01');
    expect(next('2025')).toBe('2026');
    expect(formatPeriod(previousPeriod(parsePeriod('2021/23')!))).toBe('2019/21');
    expect(periodSlug(parsePeriod('2019/21')!)).toBe('2019-21');
    expect(parsePeriod('Spring 2024')).toBeUndefined();
  });
});

describe('the stale-period check', () => {
  const plan = (files: Record<string, string>) =>
    planWith('small', {
      'plan.yaml': 'authority: Example County Council\nservice: Example Youth Justice Service\ntitle: Example Youth Justice Plan\nperiod: 2025/26\nstatus: draft\nnumbering: decimal\ncolophon: Printed for the board, 2024/25.\noutline:\n  - introduction\n  - id: performance\n    sections:\n      - education\n  - money\n  - terms\n',
      ...files,
    });

  it('warns where prose, titles, the cover’s colophon and data text name last year’s period as if current, and not where they say it is past', async () => {
    const dir = await plan({
      'content/introduction.md': [
        '---',
        'title: Our plan for 2024/25', // 2
        '---',
        '',
        'This plan sets out our work in 2024-25.', // 5
        'In our last plan, for 2024/25, we said so; the :value[figures.children] stay.',
        '',
        'The 2023/24 figures are older still.', // 8
      ].join('\n'),
      'data/education.yaml': 'kind: table\ncaption: Young people in education, 2024/25\ncolumns:\n  - { key: stage, label: Stage, type: text, header: true }\nrows:\n  - { stage: School age }\n',
      'data/review.yaml': 'kind: review\ncaption: Review of our 2024/25 priorities\nitems:\n  - { area: Education, action: Everything planned for 2024/25, outcome: Done }\n',
    });
    const result = await build({ root: dir, outDir: `${dir}/out`, pdf: false, checkOnly: true });
    const stale = result.diagnostics.filter((d) => d.ruleId === 'period:stale');
    expect(stale.map((d) => `${d.file}:${d.place?.line}:${d.place?.column}`)).toEqual([
      'content/introduction.md:2:21',
      'content/introduction.md:5:32',
      'plan.yaml:7:34',
      'data/budget.yaml:2:24',
      'data/education.yaml:2:37',
    ]);
    expect(stale[0]!.message).toBe('“2024/25” is the period of the last plan; this plan is for 2025/26');
    expect(stale[0]!.severity).toBe('warning');
  });

  it('names a year of a longer last period as a year of it', async () => {
    const dir = await plan({
      'plan.yaml': 'authority: A\nservice: B\ntitle: C\nperiod: 2021/23\nstatus: draft\noutline:\n  - introduction\n  - id: performance\n    sections:\n      - education\n  - money\n  - terms\n',
      'content/introduction.md': '---\ntitle: Introduction\n---\n\nThe board’s business plan for 2020/21 guides us.\n',
    });
    const result = await build({ root: dir, outDir: `${dir}/out`, pdf: false, checkOnly: true });
    const stale = result.diagnostics.filter((d) => d.ruleId === 'period:stale');
    expect(stale.map((d) => [d.place?.line, d.place?.column, d.message])).toEqual([[5, 31, '“2020/21” is a year of the last plan (2019/21); this plan is for 2021/23']]);
  });
});
