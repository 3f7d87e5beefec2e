import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { build } from '../../scripts/build/index.ts';
import type { CliIo } from '../../scripts/cli/io.ts';
import { main } from '../../scripts/new/cli.ts';
import { renamer, renameReferences } from '../../scripts/new/rename.ts';
import { defaultStructure, readStructure, type StructureSection } from '../../scripts/new/structure.ts';
import { planWith } from '../helpers/plan-dir.ts';

const capture = (): CliIo & { text: () => string; stdout: () => string } => {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (l) => void out.push(l), err: (l) => void err.push(l), text: () => [...out, ...err].join('\n'), stdout: () => out.join('\n') };
};
const scratch = () => mkdtemp(path.join(os.tmpdir(), 'yjplan-new-'));
const check = (dir: string) => build({ root: dir, outDir: path.join(dir, 'out'), pdf: false, checkOnly: true });

describe('yjplan new: a plan from the YJB’s structure', () => {
  it('writes every heading of the structure, each marked to be supplied, with the KPI tables and their measures named', async () => {
    const dir = path.join(await scratch(), 'plan');
    const io = capture();
    expect(await main([dir, '--period', '2025/26', '--authority', 'Example Council'], io)).toBe(0);
    expect(io.text()).toContain('Made a new plan in');

    const structure = await readStructure(defaultStructure);
    const titles: string[] = [];
    const prompts: string[] = [];
    const walk = (list: StructureSection[]) => list.forEach((s) => (titles.push(s.title), s.prompt && prompts.push(s.id), walk(s.sections)));
    walk(structure.sections);
    expect(titles).toHaveLength(21);

    const result = await check(dir);
    expect(result.ok).toBe(true);
    for (const title of titles) expect(result.html).toContain(title.replace(/'/g, '’').replace(/,/g, ','));
    const unfinished = result.diagnostics.filter((d) => d.ruleId === 'section:to-be-supplied').map((d) => path.basename(d.file, '.md'));
    expect(unfinished.sort()).toEqual(prompts.sort());
    for (const caption of ['KPI 1: Suitable accommodation', 'KPI 7: Management board attendance', 'KPI 10: Victims']) expect(result.html).toContain(caption);
    expect(result.html).toContain('Children released from custody with suitable accommodation');
    expect(result.html).toContain('Out-of-court disposal interventions completed');

    const plan = parse(await readFile(path.join(dir, 'plan.yaml'), 'utf8'));
    expect(plan).toMatchObject({ authority: 'Example Council', period: '2025/26', status: 'draft' });
    const data = await readdir(path.join(dir, 'data'));
    expect(data).toEqual(expect.arrayContaining(['priorities-2025-26.yaml', 'review-2024-25.yaml', 'budget.yaml', 'signoff.yaml', 'glossary.yaml']));
    expect(data.filter((f) => f.startsWith('kpi-'))).toHaveLength(10);
    // No figure is invented: every number cell of every table is empty.
    const budget = parse(await readFile(path.join(dir, 'data/budget.yaml'), 'utf8'));
    expect(budget.rows.flatMap((r: Record<string, unknown>) => Object.entries(r).filter(([k]) => k !== 'partner').map(([, v]) => v)).every((v: unknown) => v === null)).toBe(true);
  });

  it('writes modelines that find the schemas where npm installed yjplan above the plan', async () => {
    const root = await scratch();
    await mkdir(path.join(root, 'node_modules/yjplan/schemas'), { recursive: true });
    await writeFile(path.join(root, 'node_modules/yjplan/schemas/plan.schema.json'), '{}');
    const dir = path.join(root, 'plan');
    expect(await main([dir, '--period', '2025/26'], capture())).toBe(0);
    expect((await readFile(path.join(dir, 'plan.yaml'), 'utf8')).split('\n')[0]).toBe('# yaml-language-server: $schema=../node_modules/yjplan/schemas/plan.schema.json');
    expect((await readFile(path.join(dir, 'data/kpi-ete.yaml'), 'utf8')).split('\n')[0]).toBe('# yaml-language-server: $schema=../../node_modules/yjplan/schemas/table.schema.json');
  });

  it('refuses a folder that is not empty, and a period it cannot read', async () => {
    const dir = await planWith('small');
    const io = capture();
    expect(await main([dir], io)).toBe(2);
    expect(io.text()).toContain('already exists and is not empty');
    expect(await main([path.join(await scratch(), 'p'), '--period', 'next year'], io)).toBe(2);
  });
});

describe('yjplan new --from: next year’s plan from this one', () => {
  it('gives a 2021/23 draft of the sample that builds, unsigned, with all 30 actions of 2019/21 in its review and a checklist', async () => {
    // As if the board had signed last year's plan.
    const sample = await planWith('sample');
    const signoff = await readFile(path.join(sample, 'data/signoff.yaml'), 'utf8');
    await writeFile(path.join(sample, 'data/signoff.yaml'), signoff.replace(/signed: null/g, 'signed: 2019-07-15'));
    const plan = await readFile(path.join(sample, 'plan.yaml'), 'utf8');
    await writeFile(path.join(sample, 'plan.yaml'), plan.replace(/^status: draft$/m, 'status: final\npublished: 2019-07-20').replace(/^version: .*$/m, 'version: "1.2"'));

    const dir = path.join(await scratch(), 'next');
    const io = capture();
    expect(await main([dir, '--from', sample], io)).toBe(0);
    expect(io.text()).toContain('1. work down');
    expect(io.text()).not.toContain('put the authority');

    const meta = parse(await readFile(path.join(dir, 'plan.yaml'), 'utf8'));
    expect(meta).toMatchObject({ period: '2021/23', status: 'draft', version: '0.1' });
    expect(meta.published).toBeUndefined();
    const approvers = parse(await readFile(path.join(dir, 'data/signoff.yaml'), 'utf8')).approvers;
    expect(approvers.map((a: { signed: unknown }) => a.signed)).toEqual([null, null]);

    const priorities = parse(await readFile(path.join(sample, 'data/priorities-2019-21.yaml'), 'utf8'));
    const actions = priorities.priorities.flatMap((p: { area: string; actions: Array<{ action: string; owner: string }> }) => p.actions.map((a) => ({ area: p.area, action: a.action, owner: a.owner })));
    const review = parse(await readFile(path.join(dir, 'data/review-2019-21.yaml'), 'utf8'));
    expect(actions).toHaveLength(30);
    expect(review.items).toEqual(actions);

    const files = await readdir(path.join(dir, 'data'));
    expect(files).toContain('priorities-2021-23.yaml');
    expect(files).not.toContain('priorities-2019-21.yaml');
    expect(files).not.toContain('review-2018.yaml');
    expect(await readFile(path.join(dir, 'content/priorities.md'), 'utf8')).toContain('data=priorities-2021-23}');
    expect(await readFile(path.join(dir, 'content/review-2019-21.md'), 'utf8')).toContain('::table{#tbl-review-2019-21 data=review-2019-21}');

    const result = await check(dir);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.html).not.toMatch(/>Signed</);
    expect(result.html).not.toContain('15 July 2019');
    expect(result.diagnostics.filter((d) => d.ruleId === 'review:outcome-to-be-supplied')).toHaveLength(30);

    const checklist = await readFile(path.join(dir, 'CHECKLIST.md'), 'utf8');
    expect(io.stdout().trimEnd()).toBe(checklist.trimEnd());
    expect(checklist).toContain('# From the 2019/21 plan to 2021/23: checklist');
    expect(checklist).toContain('2 signing dates cleared in the sign-off.');
    expect(checklist).toContain('data/review-2019-21.yaml holds the 30 actions of data/priorities-2019-21.yaml');
    expect(checklist).toMatch(/- \[ \] data\/budget\.yaml:\d+ {2}caption “Partner contributions to the YOT pooled budget 2018\/19”/);
    expect(checklist).toContain('- [ ] data/review-2019-21.yaml  say how each of the 30 actions went');
    expect(checklist).toMatch(/- \[ \] data\/accessibility\.yaml:\d+:\d+ {2}The accessibility statement still needs contact details/);

    // check warns at every place the text still says 2019/21, outside the review of it.
    const stale = new Set(result.diagnostics.filter((d) => d.ruleId === 'period:stale').map((d) => `${d.file}:${d.place?.line}:${d.place?.column}`));
    const expected: string[] = [];
    for (const folder of ['content', 'data']) {
      for (const name of await readdir(path.join(dir, folder))) {
        if (name.startsWith('review-')) continue;
        const lines = (await readFile(path.join(dir, folder, name), 'utf8')).split('\n');
        lines.forEach((line, i) => {
          if (line.startsWith('#')) return;
          for (const m of line.matchAll(/2019\/21/g)) expected.push(`${folder}/${name}:${i + 1}:${m.index + 1}`);
        });
      }
    }
    expect(expected.length).toBeGreaterThanOrEqual(3);
    for (const place of expected) expect(stale).toContain(place);
    for (const place of expected) expect(checklist).toContain(place);
  });

  it('moves a one-year plan on by a year', async () => {
    const dir = path.join(await scratch(), 'next');
    expect(await main([dir, '--from', await planWith('small')], capture())).toBe(0);
    expect(parse(await readFile(path.join(dir, 'plan.yaml'), 'utf8'))).toMatchObject({ period: '2025/26', status: 'draft', version: '0.1' });
    expect((await check(dir)).ok).toBe(true);
  });
});

describe('new --from renames ids that name the old period, and every reference follows', () => {
  it('in :value[…] and in derived figures, for a file and a values file’s keys; never a table’s column, which keeps its period', async () => {
    const from = await planWith('small', {
      'data/targets-2024-25.yaml': [
        'kind: values',
        'values:',
        '  met-2024-25: { value: 12, type: number, label: Targets met }',
        '  set: { value: 16, type: number, label: Targets set }',
        'derived:',
        '  # The share of targets met.',
        '  met-share-2024-25: { share: [targets-2024-25.met-2024-25, targets-2024-25.set], label: Share met }',
        '  counted:',
        '    figure: cohort-2024-25.Example.2024-25',
        '  rows: { count: cohort-2024-25 }',
        '',
      ].join('\n'),
      'data/cohort-2024-25.yaml': [
        'kind: table',
        'caption: Children in the cohort',
        'columns:',
        '  - { key: area, label: Area, type: text, header: true }',
        '  - { key: 2024-25, label: Year, type: number }',
        'rows:',
        '  - { area: Example, 2024-25: 40 }',
        '',
      ].join('\n'),
      'content/introduction.md': [
        '---',
        'title: Introduction',
        '---',
        '',
        'We met :value[targets-2024-25.met-2024-25] of :value[targets-2024-25.set] targets',
        '(:value[targets-2024-25.met-share-2024-25]); the cohort was :value[cohort-2024-25.Example.2024-25]',
        'and :value[targets-2024-25.counted] again, in :value[targets-2024-25.rows] row.',
        '',
        '::table{#tbl-cohort data=cohort-2024-25}',
        '',
        'See :ref[tbl-education] for the figures.',
        '',
      ].join('\n'),
    });
    expect((await check(from)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);

    const dir = path.join(await scratch(), 'next');
    expect(await main([dir, '--from', from], capture())).toBe(0);
    expect(await readdir(path.join(dir, 'data'))).toEqual(expect.arrayContaining(['targets-2025-26.yaml', 'cohort-2025-26.yaml']));
    const targets = await readFile(path.join(dir, 'data/targets-2025-26.yaml'), 'utf8');
    expect(targets).toContain('  # The share of targets met.\n  met-share-2025-26: { share: [targets-2025-26.met-2025-26, targets-2025-26.set], label: Share met }');
    expect(targets).toContain('    figure: cohort-2025-26.Example.2024-25\n');
    expect(targets).toContain('  rows: { count: cohort-2025-26 }');
    expect(parse(targets).values).toHaveProperty('met-2025-26');
    const intro = await readFile(path.join(dir, 'content/introduction.md'), 'utf8');
    expect(intro).toContain('We met :value[targets-2025-26.met-2025-26] of :value[targets-2025-26.set] targets');
    expect(intro).toContain('(:value[targets-2025-26.met-share-2025-26]); the cohort was :value[cohort-2025-26.Example.2024-25]');
    expect(await readFile(path.join(dir, 'data/cohort-2025-26.yaml'), 'utf8')).toContain('2024-25: 40');

    // Every reference still names a figure, and the figures are the same.
    const result = await check(dir);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const intro2 = /We met[\s\S]*?row\./.exec((result.html ?? '').replace(/<[^>]+>/g, ''))?.[0].replace(/\s+/g, ' ');
    expect(intro2).toBe('We met 12 of 16 targets (75%); the cohort was 40 and 40 again, in 1 row.');
  });
});

describe('renaming ids that name the old period', () => {
  const rename = renamer(new Map([['2019-21', '2021-23'], ['review-2018', 'review-2019-21']]));

  it('renames ids in directives, references and links, and never prose', () => {
    const text = [
      'Our plan for 2019-21 is here; see :ref[tbl-review-2018] and [the review](#review-2018).',
      '::table{#tbl-priorities data=priorities-2019-21}',
      'We met :value[targets-2019-21.fte] of them.',
      ':::chart{#fig-2019-21 data=custody-2019-21 spec=line}',
    ].join('\n');
    const result = renameReferences(text, rename);
    expect(result.text.split('\n')).toEqual([
      'Our plan for 2019-21 is here; see :ref[tbl-review-2019-21] and [the review](#review-2019-21).',
      '::table{#tbl-priorities data=priorities-2021-23}',
      'We met :value[targets-2021-23.fte] of them.',
      ':::chart{#fig-2021-23 data=custody-2021-23 spec=line}',
    ]);
    expect(result.count).toBe(5);
  });

  it('renames in one pass, so a new name is never renamed again', () => {
    expect(rename('review-2018')).toBe('review-2019-21');
    expect(rename('priorities-2019-21')).toBe('priorities-2021-23');
    expect(rename('x2019-21')).toBe('x2019-21');
  });
});
