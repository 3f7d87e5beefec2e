/**
 * What the printed plan is made of, read from the built page: where sections start, charts that
 * refer to a numbered table instead of repeating it, the sign-off's lines, the cover's logo, and
 * the plan's full title and file name.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, pdfName } from '../scripts/build/index.ts';
import { loadPlan } from '../scripts/load/index.ts';
import { fullTitle, periodRepeated } from '../scripts/output/title.ts';
import type { PlanMeta } from '../scripts/schema/index.ts';
import { fixture, planWith, repoRoot } from './helpers/plan-dir.ts';

/** The published page, and beside it (`printed`) the page that is printed. */
const built = async (root: string) => {
  const out = await mkdtemp(path.join(os.tmpdir(), 'yjplan-print-parts-'));
  const result = await build({ root, outDir: out, pdf: false });
  expect(result.ok).toBe(true);
  return { page: fromHtml(await readFile(path.join(out, 'index.html'), 'utf8')), printed: fromHtml(result.printed ?? '') };
};
const page = async (root: string) => (await built(root)).page;
const classes = (e: Element | undefined): string[] => (e?.properties.className as string[] | undefined) ?? [];

describe('the sample, as printed', () => {
  let tree: ReturnType<typeof fromHtml>;
  let printed: ReturnType<typeof fromHtml>;
  beforeAll(async () => {
    ({ page: tree, printed } = await built(repoRoot));
  }, 120_000);

  it('starts top-level sections by the plan’s page flow, the contents and appendices on a new page', () => {
    const top = selectAll('main > section.level-1', tree);
    const flow = Object.fromEntries(top.map((s) => [String(s.properties.ariaLabelledBy), classes(s).find((c) => c.startsWith('break-'))]));
    expect(flow.contents).toBe('break-always');
    expect(flow['appendix-structure-chart']).toBe('break-always');
    expect(flow['appendix-governance-chart']).toBe('break-always');
    expect(flow.overview).toBe('break-auto');
    expect(flow.resources).toBe('break-auto');
    // Subsections always run on: they carry no page-break class.
    for (const s of selectAll('section.level-2', tree)) expect(classes(s).some((c) => c.startsWith('break-'))).toBe(false);
  });

  it('prints the custody figures once: the chart refers to Table 3, whose figures it draws', () => {
    const figure = select('#fig-custody-rate', tree)!;
    const ref = select('.chart-data-ref', figure)!;
    expect(toString(ref)).toBe('The figures are in Table\u00a03.');
    expect(select('a', ref)!.properties.href).toBe('#tbl-custody-rate');
    expect(toString(select('#tbl-custody-rate caption', tree)!)).toMatch(/^Table 3:/);
    // On screen the chart keeps its own table; print hides it.
    expect(classes(select('details.chart-data', figure))).toContain('screen-only');
  });

  it('keeps the data table of a chart that adds figures of its own (an others part) on screen', () => {
    const figure = select('#fig-fte-outcomes', tree)!;
    expect(select('.chart-data-ref', figure)).toBeUndefined();
    expect(classes(select('details.chart-data', figure))).not.toContain('screen-only');
    expect(select('#figure-data', tree)).toBeUndefined();
  });

  it('prints such a chart’s table in “Data for the figures” at the end, linked both ways', () => {
    const main = select('main', printed)!;
    const last = selectAll(':scope > section.level-1', main).at(-1)!;
    expect(toString(select('h2', last)!)).toBe('Data for the figures');
    expect(classes(last)).toContain('break-always');
    // Every chart with a table of its own (no numbered table holds its figures) sends it here.
    const own = selectAll('figure.chart', tree).filter((f) => !classes(select('details.chart-data', f)).includes('screen-only'));
    expect(own.map((f) => f.properties.id)).toEqual(['fig-fte-change', 'fig-fte-outcomes', 'fig-fte-lac']);
    const tables = selectAll('.figure-data table', last);
    expect(tables.map((t) => t.properties.id)).toEqual(own.map((f) => `${String(f.properties.id)}-data`));
    for (const figure of own) {
      const id = String(figure.properties.id);
      const chart = select(`#${id}`, printed)!;
      expect(select('details', chart), `${id} prints no table of its own`).toBeUndefined();
      const ref = select('.chart-data-ref a', chart)!;
      expect(ref.properties.href).toBe(`#${id}-data`);
      const number = toString(select('.caption-label', chart)!).replace(/^Figure (\d+):$/, '$1');
      expect(toString(ref)).toBe(`Data for figure\u00a0${number}`);
      const block = selectAll('.figure-data', last).find((b) => select(`#${id}-data`, b))!;
      expect(toString(select('caption', block)!)).toMatch(new RegExp(`^Data for figure ${number}: `));
      const back = select('.figure-data-back a', block)!;
      expect([back.properties.href, toString(back)]).toEqual([`#${id}`, `Back to Figure\u00a0${number}`]);
    }
    // Each table is printed once; the contents end with the appendix, whose page the PDF fills in.
    expect(selectAll('table', printed).filter((t) => /-data$/.test(String(t.properties.id ?? ''))).filter((t) => !selectAll('.screen-only table', printed).includes(t))).toHaveLength(own.length);
    const entries = selectAll('nav.toc .toc-entry > a', printed);
    expect(entries.at(-1)!.properties.href).toBe('#figure-data');
    expect(select('.toc-page', entries.at(-1)!)!.properties.dataTarget).toBe('figure-data');
  });

  it('gives each approver a full row: name and role, organisation, a signature line and a date line', () => {
    const rows = selectAll('tr.signoff-row', tree);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const cells = selectAll(':scope > th, :scope > td', row);
      expect(cells).toHaveLength(4);
      for (const cell of cells) expect(toString(cell).trim()).not.toBe('');
      expect(select('td.signature .sign-line', row)).toBeDefined();
      expect(toString(select('td.signature .sign-hint', row)!)).toBe('Not yet signed');
      expect(toString(select('td.signature-date .sign-hint', row)!)).toBe('Not yet dated');
    }
    expect(toString(select('tr.signoff-row th', tree)!)).toContain('Chair of YOT Management Board');
  });

  it('keeps the clock out of the page: a draft’s Built line is hidden until it is printed', () => {
    const built = select('.cover-built', tree)!;
    expect(built.properties.hidden).toBe(true);
    expect(toString(select('.cover-built-date', built)!)).toBe('');
  });
});

describe('a signed plan and a logo', () => {
  it('shows the date each approver signed, and the logo on the cover', async () => {
    const signoff = [
      'kind: signoff',
      'approvers:',
      '  - { name: A Chair, roles: [Chair of the Board], organisation: Example County Council, signed: 2024-06-20 }',
    ].join('\n');
    const dir = await planWith('small', {
      'data/signoff.yaml': signoff,
      'content/terms.md': '---\ntitle: Terms\n---\n\n::table{data=signoff}\n',
    });
    const tree = await page(dir);
    const row = select('tr.signoff-row', tree)!;
    expect(toString(select('td.signature-date', row)!)).toBe('20 June 2024');
    const logo = select('header.cover img.cover-logo', tree)!;
    expect(String(logo.properties.src)).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(logo.properties.alt).toBe('Example County Council logo');
  }, 120_000);
});

describe('the plan’s full title', () => {
  const meta = (over: Partial<PlanMeta>): PlanMeta => ({ title: 'Youth Justice Plan', period: '2021/22', status: 'final', ...over }) as PlanMeta;

  it('places the title and period by the pattern', () => {
    expect(fullTitle(meta({}))).toBe('Youth Justice Plan 2021/22');
    expect(fullTitle(meta({ 'title-pattern': '{title}: {period}' }))).toBe('Youth Justice Plan: 2021/22');
    expect(fullTitle(meta({ title: 'Youth Justice Plan 2021/22: inspection update', 'title-pattern': '{title}' }))).toBe('Youth Justice Plan 2021/22: inspection update');
  });

  it('sees a period the title already holds, however its separator is written', () => {
    expect(periodRepeated(meta({ title: 'Youth Justice Plan 2021/22: inspection update' }))).toBe(true);
    expect(periodRepeated(meta({ title: 'Youth Justice Plan 2021-22' }))).toBe(true);
    expect(periodRepeated(meta({ title: 'Youth Justice Plan 2021/22', 'title-pattern': '{title}' }))).toBe(false);
    expect(periodRepeated(meta({ title: 'Youth Justice Plan 2020/21' }))).toBe(false);
  });

  it('names a draft’s PDF by its version, and a final plan’s without', () => {
    expect(pdfName(meta({ title: 'Rotherham Youth Justice Plan', period: '2019/21', status: 'draft', version: '0.1' }))).toBe('rotherham-youth-justice-plan-2019-21-draft-0.1.pdf');
    expect(pdfName(meta({ title: 'Rotherham Youth Justice Plan', period: '2019/21', status: 'draft' }))).toBe('rotherham-youth-justice-plan-2019-21-draft.pdf');
    expect(pdfName(meta({ title: 'Rotherham Youth Justice Plan', period: '2019/21', status: 'final', version: '1.0' }))).toBe('rotherham-youth-justice-plan-2019-21.pdf');
  });

  it('warns at the title’s line when the title already holds the period', async () => {
    const plan = (await readFile(path.join(fixture('small'), 'plan.yaml'), 'utf8')).replace('title: Example Youth Justice Plan', 'title: "Example Youth Justice Plan 2024/25: inspection update"');
    const loaded = await loadPlan(await planWith('small', { 'plan.yaml': plan }));
    const warning = loaded.diagnostics.find((d) => d.ruleId === 'plan:period-in-title')!;
    expect(warning).toMatchObject({ file: 'plan.yaml', severity: 'warning', place: { line: 3, column: 8 } });
    expect(warning.message).toContain('“Example Youth Justice Plan 2024/25: inspection update 2024/25”');
  });
});
