/**
 * Look at the charts: renders sample-style charts from a plan's data files through the real
 * pipeline, writes each figure to an HTML page with the document's fonts, and screenshots it
 * with headless Chromium.
 *
 *   npx tsx scripts/charts/preview.ts [plan dir (default .)] [out dir (default /tmp/yjplan-charts)]
 *
 * A developer's tool, not part of the build: it prints to the console and writes outside the plan.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { toHtml } from 'hast-util-to-html';
import { parse } from 'yaml';
import { dataFileSchema, type DataFile } from '../schema/index.ts';
import { documentFonts, renderCharts, type ChartRequest } from './index.ts';

const here = path.dirname(new URL(import.meta.url).pathname);
const builtIn = path.resolve(here, '../../templates/charts');

/** The charts the sample plan needs, as its directives would ask for them. */
const samples: Array<Pick<ChartRequest, 'id' | 'spec' | 'data' | 'attributes'> & { title: string }> = [
  { id: 'fig-fte-outcomes', spec: 'stacked-bar', data: 'fte-outcomes', title: 'First-time entrants fell every quarter, most of all in youth cautions', attributes: { columns: 'Total', category: 'group', rows: 'Youth Caution,Youth Conditional Caution,Referral Order', others: 'Other outcomes' } },
  { id: 'fig-fte-lac', spec: 'stacked-bar', data: 'fte-outcomes', title: 'Looked-after first-time entrants by outcome', attributes: { columns: 'LAC', category: 'group', rows: 'Youth Caution,Youth Conditional Caution,Referral Order', others: 'Other outcomes' } },
  { id: 'fig-fte-change', spec: 'bar', data: 'fte-change', title: 'Rotherham’s first-time entrants fell by more than its YOT family’s and the national rate', attributes: {} },
  { id: 'fig-reoffending-rate', spec: 'grouped-bar', data: 'reoffending', title: 'Rotherham’s re-offending rate rose but stays below its comparators', attributes: { group: 'Binary rate of re-offending' } },
  { id: 'fig-reoffences', spec: 'grouped-bar', data: 'reoffending', title: 'Re-offences per re-offender', attributes: { group: 'Re-offences per re-offender' } },
  { id: 'fig-custody', spec: 'line', data: 'custody-rate', title: 'Rotherham’s custody rate fell to the lowest of its comparators', attributes: { 'value-label': 'Custodial sentences per 1,000 young people' } },
  { id: 'fig-budget', spec: 'bar', data: 'budget', title: 'The local authority gives half the pooled budget', attributes: {} },
  { id: 'fig-budget-parts', spec: 'stacked-bar', data: 'budget', title: 'Contributions by kind', attributes: { columns: 'staffing,in-kind,other', category: 'row', series: 'column' } },
];

async function main(): Promise<void> {
  const planDir = path.resolve(process.argv[2] ?? '.');
  const outDir = path.resolve(process.argv[3] ?? '/tmp/yjplan-charts');
  await mkdir(outDir, { recursive: true });

  const data = new Map<string, { file: string; value: DataFile }>();
  for (const name of new Set(samples.map((s) => s.data))) {
    const file = path.join(planDir, 'data', `${name}.yaml`);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    data.set(name, { file: `data/${name}.yaml`, value: dataFileSchema.parse(parse(text)) });
  }

  const requests: ChartRequest[] = samples.map((s, i) => ({
    ...s,
    number: i + 1,
    title: [{ type: 'text', value: s.title }],
    description: [],
    file: 'content/preview.md',
    place: { line: 1, column: 1 },
  }));
  const started = performance.now();
  const { figures, diagnostics } = await renderCharts(requests, {
    data,
    specDirs: [path.join(planDir, 'templates', 'charts'), builtIn],
    cacheDir: undefined,
    planDir,
  });
  console.log(`${figures.size} charts in ${Math.round(performance.now() - started)} ms`);
  for (const d of diagnostics) console.log(`${d.file}:${d.place?.line ?? 0}:${d.place?.column ?? 0}  ${d.severity}  ${d.message}  ${d.ruleId}`);

  const faces = documentFonts
    .map((f) => `@font-face{font-family:'Source Sans 3';font-weight:${f.weight};font-style:${f.style};src:url('file://${f.file}') format('woff2')}`)
    .join('\n');
  const css = `${faces}
body{margin:16px;font-family:'Source Sans 3';color:#0b0c0c;font-size:16px}
figure{margin:0;width:640px} .chart-caption{font-weight:700;font-size:19px;margin-bottom:12px}
svg.chart-graphic{display:block;outline:1px dashed #d0d}
table{border-collapse:collapse;margin-top:8px} th,td{border-bottom:1px solid #ccc;padding:4px 8px;text-align:left}
.align-right{text-align:right} caption{text-align:left;font-weight:600}`;

  const execute = promisify(execFile);
  const screenshot = async (page: string, png: string, size: string): Promise<void> => {
    await execute('/usr/bin/chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--screenshot=${png}`, `--window-size=${size}`, `file://${page}`]).catch((error: Error) => {
      console.log(`screenshot failed for ${page}: ${error.message.split('\n')[0]}`);
    });
    console.log(png);
  };
  const document = (body: string, extra = ''): string =>
    `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><style>${css}${extra}</style></head><body>${body}</body></html>`;
  for (const [id, element] of figures) {
    const page = path.join(outDir, `${id}.html`);
    await writeFile(page, document(toHtml(element, { allowDangerousHtml: true })));
    await screenshot(page, path.join(outDir, `${id}.png`), '700,900');
  }
  // Every chart on one sheet, two by two, to compare them at a glance.
  const sheet = path.join(outDir, 'sheet.html');
  const all = [...figures.values()].map((element) => toHtml(element, { allowDangerousHtml: true })).join('');
  await writeFile(sheet, document(all, 'body{display:grid;grid-template-columns:660px 660px;gap:24px 16px;align-items:start} details{display:none}'));
  await screenshot(sheet, path.join(outDir, 'sheet.png'), `1380,${Math.ceil(figures.size / 2) * 470}`);
}

await main();
