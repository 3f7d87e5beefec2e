/**
 * `npm run bench`: how long a build takes, stage by stage, against what the browser alone needs.
 *
 *   plans ──▶ the sample, and plans 3× and 10× its size (large-plan.ts), in a temporary directory
 *   per plan, in rounds, each measurement in a fresh process:
 *     cold build        once, with no cache: every chart drawn, the contents printed twice
 *     build             run-build.ts: the build as the command line runs it, per stage + memory
 *     floor             floor.mjs: launch Chromium, load the built HTML, one page.pdf(), close
 *     proposed          run-build.ts --proposed: the build with the changes proposed for build.ts
 *                       (browser prepared at the start, contents numbers remembered)
 *   the sample only:
 *     CLI               `node --import tsx scripts/cli.ts build` whole, with and without the PDF
 *     start-up          `node -e 0` and `node --import tsx -e 0`
 *     PDF stage         run-pdf.ts: printPdf alone, without and with the last run's page numbers
 *     bundled CLI       the same command bundled by esbuild, run by plain Node (an experiment)
 *     others            Vivliostyle CLI and pagedjs-cli on the same HTML, when installed
 *   ──▶ a table per scale, the targets, and out/bench.json (or --json) to compare commits with
 *       (--compare <old.json>)
 *
 * Usage: npm run bench [-- --runs 5] [--runs-large 3] [--scales 1,3,10] [--json file]
 *        [--compare old.json] [--others /tmp/cmp] [--keep]
 */
import { cpus, loadavg, tmpdir } from 'node:os';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { locateBrowser } from '../pdf/browser.ts';
import { lastJson, runChild, type ChildRun } from './child.ts';
import { writeLargePlan, type LargePlan } from './large-plan.ts';
import { findOtherTools, writeTargetCounterHtml } from './others.ts';
import type { BuildSample } from './run-build.ts';
import { ms, pad, spread, summarise, type Summary } from './stats.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const node = process.execPath;
const tsx = ['--import', 'tsx'];

interface FloorSample {
  times: Record<string, number>;
  bytes: number;
  maxRss: number;
}

interface PdfSample {
  ms: number;
  pages: number;
  printings: number;
  steps: Record<string, number>;
}

/** Every measurement, by name: "1x.build.parse", "1x.floor.wall", … Values in ms or MiB. */
type Samples = Map<string, number[]>;

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'runs-large': { type: 'string', default: '3' },
    scales: { type: 'string', default: '1,3,10' },
    json: { type: 'string', default: path.join(repo, 'out', 'bench.json') },
    compare: { type: 'string' },
    others: { type: 'string', default: process.env.YJPLAN_BENCH_OTHERS ?? '/tmp/cmp' },
    keep: { type: 'boolean', default: false },
  },
});

const runs = Number(options.runs);
const runsLarge = Number(options['runs-large']);
const scales = options.scales.split(',').map(Number);
const located = locateBrowser();
if (!('executablePath' in located)) throw new Error(located.problem.message);
const chromium = located.executablePath;

const samples: Samples = new Map();
const add = (name: string, value: number | undefined): void => {
  if (value === undefined || !Number.isFinite(value)) return;
  samples.set(name, [...(samples.get(name) ?? []), value]);
};
const say = (line: string) => process.stderr.write(`${line}\n`);

const work = await mkdtemp(path.join(tmpdir(), 'yjplan-bench-'));
const loadStart = loadavg();
const started = performance.now();
say(`bench: working in ${work}`);

// Plans.
const plans: LargePlan[] = [];
for (const times of scales) {
  const t0 = performance.now();
  const plan = await writeLargePlan(repo, times, path.join(work, `plan-${times}x`));
  add(`${times}x.generate`, performance.now() - t0);
  plans.push(plan);
  say(`bench: ${times}× plan: ${plan.sections} sections, ${plan.charts} charts, ${plan.dataFiles} data files`);
}

const chromiumVersion = (await runChild(chromium, ['--version'], { cwd: repo })).stdout.trim();

function recordBuild(prefix: string, run: ChildRun, sample: BuildSample): void {
  if (!sample.ok) throw new Error(`${prefix}: the build failed with ${sample.errors} errors`);
  add(`${prefix}.wall`, run.wallMs);
  add(`${prefix}.import`, sample.importMs);
  add(`${prefix}.build`, sample.buildMs);
  for (const [stage, value] of Object.entries(sample.stages)) add(`${prefix}.stage.${stage}`, value);
  // What the PDF stage spends outside printPdf's own steps: loading puppeteer, pdf-lib and pdf.js.
  if (sample.stages.pdf !== undefined && sample.pdfSteps.total !== undefined) add(`${prefix}.pdf.modules`, sample.stages.pdf - sample.pdfSteps.total);
  for (const [step, value] of Object.entries(sample.pdfSteps)) add(`${prefix}.pdf.${step}`, value);
  add(`${prefix}.pages`, sample.pages);
  add(`${prefix}.printings`, sample.printings);
  for (const [stage, value] of Object.entries(sample.peakRss)) add(`${prefix}.peakRss.${stage}`, value);
  add(`${prefix}.maxRss`, sample.maxRss);
  if (run.descendantsPeakMiB > 0) add(`${prefix}.browserPss`, run.descendantsPeakMiB);
}

async function build(plan: LargePlan, prefix: string, flags: string[] = []): Promise<void> {
  const run = await runChild(node, [...tsx, 'scripts/bench/run-build.ts', plan.dir, path.join(plan.dir, 'out'), ...flags], { cwd: repo, sampleDescendants: true });
  recordBuild(prefix, run, lastJson<BuildSample>(run, `${prefix} build`));
}

async function floor(plan: LargePlan, prefix: string): Promise<void> {
  const run = await runChild(node, ['scripts/bench/floor.mjs', path.join(plan.dir, 'out', 'index.html'), path.join(work, 'floor.pdf'), chromium], { cwd: repo, sampleDescendants: true });
  const sample = lastJson<FloorSample>(run, 'floor');
  add(`${prefix}.wall`, run.wallMs);
  for (const [step, value] of Object.entries(sample.times)) add(`${prefix}.${step}`, value);
  if (run.descendantsPeakMiB > 0) add(`${prefix}.browserPss`, run.descendantsPeakMiB);
}

async function wall(name: string, command: string, args: string[], expectCode = 0): Promise<void> {
  const run = await runChild(command, args, { cwd: repo });
  if (run.code !== expectCode) throw new Error(`${name} failed (exit ${run.code}):\n${run.stderr.slice(-2000)}`);
  add(name, run.wallMs);
}

async function pdfStage(plan: LargePlan, name: string, cacheDir?: string): Promise<void> {
  const run = await runChild(
    node,
    [...tsx, 'scripts/bench/run-pdf.ts', plan.dir, path.join(plan.dir, 'out', 'index.html'), path.join(work, 'stage.pdf'), ...(cacheDir ? [cacheDir] : [])],
    { cwd: repo },
  );
  const sample = lastJson<PdfSample>(run, name);
  add(`${name}.ms`, sample.ms);
  add(`${name}.printings`, sample.printings);
  for (const [step, value] of Object.entries(sample.steps)) add(`${name}.${step}`, value);
}

/**
 * The command line compiled ahead of time by esbuild (our TypeScript only; packages stay outside,
 * and the lazy imports stay lazy as chunks of their own), so plain Node runs it without tsx.
 * An experiment, to show what compiling ahead would save; nothing ships it.
 */
async function bundleCli(): Promise<string | undefined> {
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    return undefined;
  }
  // Laid out like the repository, so that `new URL('../templates/', import.meta.url)` and the
  // packages are found from the bundle as from scripts/.
  const root = path.join(work, 'bundle');
  await mkdir(root, { recursive: true });
  await symlink(path.join(repo, 'templates'), path.join(root, 'templates'));
  await symlink(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
  await esbuild.build({
    entryPoints: [path.join(repo, 'scripts/cli.ts')],
    bundle: true,
    splitting: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: path.join(root, 'scripts'),
    outExtension: { '.js': '.mjs' },
    logLevel: 'silent',
  });
  return path.join(root, 'scripts', 'cli.mjs');
}

// The sample's extras need a built plan: the cold builds come first.
for (const plan of plans) {
  const prefix = `${plan.times}x`;
  await rm(path.join(plan.dir, '.yjplan-cache'), { recursive: true, force: true });
  say(`bench: ${prefix} cold build (no cache: charts drawn)`);
  await build(plan, `${prefix}.cold`);
  // Leaves the contents numbers in the cache, as any build with the proposed changes would.
  await build(plan, `${prefix}.proposedFirst`, ['--proposed']);
}

const sample = plans.find((p) => p.times === 1);
const bundled = sample ? await bundleCli().catch(() => undefined) : undefined;
const others = sample ? findOtherTools(options.others, chromium) : { tools: [], notes: [] };
let contentsEntries = 0;
if (sample && others.tools.length > 0) {
  const html = await readFile(path.join(sample.dir, 'out', 'index.html'), 'utf8');
  contentsEntries = await writeTargetCounterHtml(html, path.join(work, 'target-counter.html'));
}
const pagesCache = path.join(work, 'pages-cache');

for (const plan of plans) {
  const prefix = `${plan.times}x`;
  const rounds = plan.times >= 10 ? runsLarge : runs;
  for (let round = 1; round <= rounds; round++) {
    say(`bench: ${prefix} round ${round} of ${rounds}`);
    // In turn within a round, so that a busy spell on the machine falls on all of them alike.
    await build(plan, `${prefix}.warm`);
    await floor(plan, `${prefix}.floor`);
    await build(plan, `${prefix}.proposed`, ['--proposed']);
    if (plan !== sample) continue;
    const out = path.join(work, 'cli-out');
    await wall('cli.full', node, [...tsx, 'scripts/cli.ts', 'build', plan.dir, '--out', out]);
    await wall('cli.html', node, [...tsx, 'scripts/cli.ts', 'build', plan.dir, '--out', out, '--no-pdf']);
    await wall('node.start', node, ['-e', '0']);
    await wall('tsx.start', node, [...tsx, '-e', '0']);
    if (bundled) await wall('bundle.html', node, [bundled, 'build', plan.dir, '--out', out, '--no-pdf']);
    await build(plan, '1x.html', ['--no-pdf']);
    await pdfStage(plan, 'pdf.plain');
    if (round === 1) await pdfStage(plan, 'pdf.first', pagesCache); // fills the cache
    await pdfStage(plan, 'pdf.remembered', pagesCache);
    if (round <= Math.min(3, rounds)) {
      for (const tool of others.tools) {
        const { file, args, env } = tool.command(path.join(work, 'target-counter.html'), path.join(work, `${tool.name.replace(/\W+/g, '-')}.pdf`));
        const run = await runChild(file, args, { cwd: work, env, sampleDescendants: true });
        if (run.code !== 0) {
          others.notes.push(`${tool.name} failed (exit ${run.code}): ${run.stderr.trim().split('\n').pop() ?? ''}`);
          continue;
        }
        add(`other.${tool.name}`, run.wallMs);
      }
    }
  }
}
const loadEnd = loadavg();

// ─── Report ──────────────────────────────────────────────────────────────────────────────
const summaries = new Map<string, Summary>();
for (const [name, values] of samples) {
  const s = summarise(values);
  if (s) summaries.set(name, s);
}
const med = (name: string): number | undefined => summaries.get(name)?.median;
const lines: string[] = [];
const print = (line = '') => lines.push(line);

print(`yjplan bench — ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), Node ${process.version}, ${chromiumVersion}`);
print(`load average at start ${loadStart.map((l) => l.toFixed(2)).join(' ')}, at end ${loadEnd.map((l) => l.toFixed(2)).join(' ')}; ${Math.round((performance.now() - started) / 1000)} s in all`);
print(`runs: ${runs} per plan (${runsLarge} for 10× and above), each in a fresh process, in rounds; medians, [min–max]`);
print();

const stageRows: Array<[string, string]> = [
  ['start-up: import build.ts and all it loads', 'import'],
  ['load + validate', 'stage.load'],
  ['parse (Markdown)', 'stage.parse'],
  ['transform', 'stage.transform'],
  ['charts (cached)', 'stage.charts'],
  ['render (HTML)', 'stage.render'],
  ['write (HTML)', 'stage.write'],
  ['pdf: load puppeteer, pdf-lib, pdf.js', 'pdf.modules'],
  ['pdf: browser launch', 'pdf.launch'],
  ['pdf: load HTML (setContent, print media)', 'pdf.load'],
  ['pdf: print 1', 'pdf.print 1'],
  ['pdf: contents 1 (read page numbers)', 'pdf.contents 1'],
  ['pdf: print 2', 'pdf.print 2'],
  ['pdf: contents 2', 'pdf.contents 2'],
  ['pdf: finish (pdf-lib)', 'pdf.finish'],
  ['pdf: write', 'pdf.write'],
  ['pdf: close browser', 'pdf.close'],
  ['pdf stage in all', 'stage.pdf'],
  ['build() in all', 'build'],
  ['process, spawn to exit', 'wall'],
];
const cell = (name: string, width: number): string => {
  const s = summaries.get(name);
  if (!s) return pad('–', width, true);
  const range = s.n > 1 ? ` [${ms(s.min)}–${ms(s.max)}]` : '';
  return pad(`${ms(s.median)}${range}`, width, true);
};
const W = 24;
print(`Time per stage, ms (warm: charts cached, as a rebuild after an edit)`);
print(`${pad('stage', 44)}${plans.map((p) => pad(`${p.times}× (n=${summaries.get(`${p.times}x.warm.build`)?.n ?? 0})`, W, true)).join('')}`);
for (const [label, key] of stageRows) print(`${pad(label, 44)}${plans.map((p) => cell(`${p.times}x.warm.${key}`, W)).join('')}`);
print(`${pad('proposed: build() then printPdf (see below)', 44)}${plans.map((p) => cell(`${p.times}x.proposed.build`, W)).join('')}`);
print(`${pad('proposed: pdf stage', 44)}${plans.map((p) => cell(`${p.times}x.proposed.stage.pdf`, W)).join('')}`);
print(`${pad('proposed: process, spawn to exit', 44)}${plans.map((p) => cell(`${p.times}x.proposed.wall`, W)).join('')}`);
print(`${pad('printings: build / proposed', 44)}${plans.map((p) => pad(`${med(`${p.times}x.warm.printings`) ?? '–'} / ${med(`${p.times}x.proposed.printings`) ?? '–'}`, W, true)).join('')}`);
print(`${pad('charts, cold (every chart drawn; 1 run)', 44)}${plans.map((p) => cell(`${p.times}x.cold.stage.charts`, W)).join('')}`);
print(`${pad('build() in all, cold (1 run)', 44)}${plans.map((p) => cell(`${p.times}x.cold.build`, W)).join('')}`);
print(`${pad('pages / charts / sections', 44)}${plans.map((p) => pad(`${med(`${p.times}x.warm.pages`) ?? '–'} / ${p.charts} / ${p.sections}`, W, true)).join('')}`);
print();
print('Peak memory, MiB (highest RSS of the build process up to the end of each stage; browser: PSS of all its processes)');
for (const stage of ['load', 'parse', 'transform', 'charts', 'render', 'write', 'pdf']) {
  print(`${pad(`up to ${stage}`, 44)}${plans.map((p) => cell(`${p.times}x.warm.peakRss.${stage}`, W)).join('')}`);
}
print(`${pad('build process maxRSS (kernel)', 44)}${plans.map((p) => cell(`${p.times}x.warm.maxRss`, W)).join('')}`);
print(`${pad('build process maxRSS, cold', 44)}${plans.map((p) => cell(`${p.times}x.cold.maxRss`, W)).join('')}`);
print(`${pad('Chromium, peak PSS', 44)}${plans.map((p) => cell(`${p.times}x.warm.browserPss`, W)).join('')}`);
print();
print('Floor: Chromium alone (plain Node + puppeteer-core: launch, setContent, one page.pdf, close), ms');
for (const [label, key] of [['launch', 'launch'], ['load HTML', 'load'], ['one page.pdf()', 'print'], ['close', 'close'], ['in-process total', 'total'], ['process, spawn to exit', 'wall']] as const) {
  print(`${pad(label, 44)}${plans.map((p) => cell(`${p.times}x.floor.${key}`, W)).join('')}`);
}
print(`${pad('build() / floor in-process', 44)}${plans.map((p) => pad(ratio(med(`${p.times}x.warm.build`), med(`${p.times}x.floor.total`)), W, true)).join('')}`);
print(`${pad('build process / floor process', 44)}${plans.map((p) => pad(ratio(med(`${p.times}x.warm.wall`), med(`${p.times}x.floor.wall`)), W, true)).join('')}`);
print(`${pad('proposed process / floor process', 44)}${plans.map((p) => pad(ratio(med(`${p.times}x.proposed.wall`), med(`${p.times}x.floor.wall`)), W, true)).join('')}`);
print();
print('proposed: the build with the two changes proposed for scripts/build.ts: prepareToPrint() as it starts (the browser');
print('launches while the plan is built) and printPdf given cacheDir (the last build\'s contents page numbers).');
print();

if (sample) {
  print('The sample, whole command-line runs, ms');
  const rows: Array<[string, string]> = [
    ['node -e 0', 'node.start'],
    ['node --import tsx -e 0', 'tsx.start'],
    ['cli build (HTML + PDF)', 'cli.full'],
    ['cli build --no-pdf', 'cli.html'],
    ['  of which build() (run-build --no-pdf)', '1x.html.build'],
    ['  of which imports (run-build --no-pdf)', '1x.html.import'],
    ['bundled cli build --no-pdf (esbuild, no tsx)', 'bundle.html'],
  ];
  for (const [label, key] of rows) print(`${pad(label, 48)}${cell(key, W)}`);
  print();
  print('The PDF stage alone (printPdf on the built HTML), ms');
  for (const [label, key] of [
    ['without remembered numbers (2 printings)', 'pdf.plain'],
    ['with the last run\'s numbers (cacheDir)', 'pdf.remembered'],
  ] as const) {
    print(`${pad(label, 48)}${cell(`${key}.ms`, W)}   printings ${med(`${key}.printings`) ?? '–'}`);
  }
  print();
  print(`Other paginators on the same HTML, contents by CSS target-counter() (${contentsEntries} entries), spawn to exit, ms`);
  print(`${pad('floor (one page.pdf)', 48)}${cell('1x.floor.wall', W)}`);
  print(`${pad('yjplan cli build (HTML + PDF, from Markdown)', 48)}${cell('cli.full', W)}`);
  for (const tool of others.tools) print(`${pad(`${tool.name} ${tool.version}`, 48)}${cell(`other.${tool.name}`, W)}`);
  for (const note of others.notes) print(`  note: ${note}`);
  print();
}

// Targets.
interface Target {
  name: string;
  goal: string;
  measured: string;
  met: boolean | undefined;
}
const targets: Target[] = [];
const s1 = '1x';
const fullRatio = ratioOf(med('cli.full'), med(`${s1}.floor.wall`));
const fullRatioInProcess = ratioOf(med(`${s1}.warm.build`), med(`${s1}.floor.total`));
targets.push({
  name: 'full build of the sample vs the floor',
  goal: '≤ 1.3×',
  measured: `CLI ${ms(med('cli.full'))} ms / floor ${ms(med(`${s1}.floor.wall`))} ms = ${fmt(fullRatio)}×; in-process build() ${ms(med(`${s1}.warm.build`))} / ${ms(med(`${s1}.floor.total`))} = ${fmt(fullRatioInProcess)}×; proposed ${fmt(ratioOf(med(`${s1}.proposed.wall`), med(`${s1}.floor.wall`)))}×`,
  met: fullRatio === undefined ? undefined : fullRatio <= 1.3,
});
const buildPrintings = med(`${s1}.warm.printings`);
targets.push({
  name: 'contents: extra printings',
  goal: '≤ 1',
  measured: `${buildPrintings === undefined ? '–' : buildPrintings - 1} (build: ${buildPrintings ?? '–'} printings)`,
  met: buildPrintings === undefined ? undefined : buildPrintings - 1 <= 1,
});
const remembered = med('pdf.remembered.printings');
targets.push({
  name: 'contents: no extra printing when the numbers hold',
  goal: '0',
  measured: `build: ${buildPrintings === undefined ? '–' : buildPrintings - 1}; printPdf with cacheDir: ${remembered === undefined ? '–' : remembered - 1} (saves ${ms(diff(med('pdf.plain.ms'), med('pdf.remembered.ms')))} ms; proposed build: ${(med(`${s1}.proposed.printings`) ?? NaN) - 1})`,
  met: buildPrintings === undefined ? undefined : buildPrintings === 1,
});
const htmlOnly = diff(med('cli.html'), med('node.start'));
targets.push({
  name: 'HTML-only CLI build of the sample, less `node -e 0`',
  goal: '≤ 300 ms',
  measured: `${ms(htmlOnly)} ms (tsx start-up alone: ${ms(diff(med('tsx.start'), med('node.start')))} ms; bundled, no tsx: ${ms(diff(med('bundle.html'), med('node.start')))} ms)`,
  met: htmlOnly === undefined ? undefined : htmlOnly <= 300,
});
const largest = plans.reduce<LargePlan | undefined>((a, p) => (p.times > (a?.times ?? 0) ? p : a), undefined);
if (largest && largest.times > 1) {
  const n = `${largest.times}x`;
  const timeRatio = ratioOf(med(`${n}.warm.wall`), med(`${s1}.warm.wall`));
  targets.push({
    name: `${largest.times}× plan: time vs the sample`,
    goal: `≤ ${Math.round(largest.times * 1.2)}×`,
    measured: `${fmt(timeRatio)}× (process ${ms(med(`${n}.warm.wall`))} / ${ms(med(`${s1}.warm.wall`))} ms); build() ${fmt(ratioOf(med(`${n}.warm.build`), med(`${s1}.warm.build`)))}×; cold ${fmt(ratioOf(med(`${n}.cold.build`), med(`${s1}.cold.build`)))}×`,
    met: timeRatio === undefined ? undefined : timeRatio <= largest.times * 1.2,
  });
  const memory = Math.max(med(`${n}.warm.maxRss`) ?? 0, med(`${n}.cold.maxRss`) ?? 0);
  targets.push({
    name: `${largest.times}× plan: peak memory`,
    goal: '< 1024 MiB',
    measured: `${Math.round(memory)} MiB build process (Chromium besides: ${ms(med(`${n}.warm.browserPss`))} MiB PSS)`,
    met: memory > 0 ? memory < 1024 : undefined,
  });
}
print('Targets');
for (const t of targets) print(`  ${t.met === undefined ? '?  ' : t.met ? 'met' : 'NOT'}  ${pad(t.name, 54)}${pad(t.goal, 12)}${t.measured}`);
print();
const spreads = [...summaries.values()].filter((s) => s.n >= 3 && s.median >= 50).map(spread).sort((a, b) => a - b);
const typical = spreads.length ? spreads[Math.floor(spreads.length / 2)]! : 0;
print(`Noise: across measurements of 50 ms or more, the runs spread (max − min) by a median of ${Math.round(typical * 100)}% of their median, at most ${Math.round((spreads.at(-1) ?? 0) * 100)}%.`);

// Comparison with an earlier run.
if (options.compare) {
  const old = JSON.parse(await readFile(options.compare, 'utf8')) as { when?: string; summaries?: Record<string, Summary> };
  print();
  print(`Against ${options.compare}${old.when ? ` (${old.when})` : ''}: medians, then → now`);
  const keys = ['1x.warm.build', '1x.warm.wall', '1x.floor.wall', 'cli.full', 'cli.html', '3x.warm.wall', '10x.warm.wall', '10x.warm.maxRss', ...stageRows.map(([, k]) => `1x.warm.${k}`)];
  for (const key of [...new Set(keys)]) {
    const before = old.summaries?.[key]?.median;
    const now = med(key);
    if (before === undefined || now === undefined) continue;
    print(`  ${pad(key, 40)}${pad(ms(before), 10, true)} → ${pad(ms(now), 8, true)}  ${now >= before ? '+' : ''}${Math.round(((now - before) / before) * 100)}%`);
  }
}

process.stdout.write(`${lines.join('\n')}\n`);

const report = {
  format: 1,
  when: new Date().toISOString(),
  machine: { cores: cpus().length, cpu: cpus()[0]?.model.trim(), node: process.version, chromium: chromiumVersion, loadavg: { start: loadStart, end: loadEnd } },
  runs: { runs, runsLarge },
  plans: plans.map(({ dir: _dir, ...p }) => p),
  others: others.tools.map((t) => ({ name: t.name, version: t.version })),
  notes: others.notes,
  summaries: Object.fromEntries(summaries),
  targets,
  samples: Object.fromEntries(samples),
};
await mkdir(path.dirname(options.json), { recursive: true });
await writeFile(options.json, `${JSON.stringify(report, null, 2)}\n`);
say(`bench: wrote ${path.relative(process.cwd(), options.json) || options.json}`);
if (!options.keep) await rm(work, { recursive: true, force: true });
else say(`bench: kept ${work}`);

function ratioOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}
function ratio(a: number | undefined, b: number | undefined): string {
  const r = ratioOf(a, b);
  return r === undefined ? '–' : `${r.toFixed(2)}×`;
}
function diff(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a - b;
}
function fmt(value: number | undefined): string {
  return value === undefined ? '–' : value.toFixed(2);
}
