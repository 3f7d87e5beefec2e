/**
 * Whole figures compared with files kept beside the fixtures. A missing file is written on a
 * developer's machine (look at it before committing) but fails in CI, so an expected output is
 * never silently made up there. After an intended change, delete the file and run again.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCharts } from '../../scripts/charts/index.ts';
import { context, fixtures, hastText, html, request } from './helpers.ts';

async function matchesGolden(name: string, actual: string): Promise<void> {
  const file = path.join(fixtures, 'expected', name);
  if (!existsSync(file)) {
    if (process.env.CI) throw new Error(`Missing expected output ${file}: create it locally and commit it`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, actual);
  }
  expect(actual).toBe(await readFile(file, 'utf8'));
}

describe('golden figures', () => {
  it('renders the custody line chart figure as expected', async () => {
    const { figures } = await renderCharts(
      [request({ id: 'fig-custody', spec: 'line', data: 'custody', number: 3, title: hastText('Custody fell to its lowest in five years') })],
      context(),
    );
    await matchesGolden('line-custody.html', `${html(figures.get('fig-custody')!)}\n`);
  });

  it('renders the outcomes stacked bar figure as expected', async () => {
    const attributes = { columns: 'Total', category: 'group', rows: 'Youth Caution,Youth Conditional Caution,Referral Order', others: 'Other outcomes' };
    const { figures } = await renderCharts(
      [request({ id: 'fig-outcomes', spec: 'stacked-bar', data: 'outcomes', number: 1, attributes, title: hastText('Fewer first time entrants each quarter') })],
      context(),
    );
    await matchesGolden('stacked-bar-outcomes.html', `${html(figures.get('fig-outcomes')!)}\n`);
  });
});
