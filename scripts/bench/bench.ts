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
 *     CLI               `node bin/yjplan.mjs build` whole (the compiled command line, dist/, as
 *                       `npm run build` runs it), with and without the PDF; and the same from
 *                       the TypeScript sources through tsx, for comparison
 *     start-up          `node -e 0` and `node --import tsx -e 0`
 *     PDF stage         run-pdf.ts: printPdf alone, without and with the last run's page numbers
 *     others            Vivliostyle CLI and pagedjs-cli on the same HTML, when installed
 *     preview           run-preview.ts: save → reload event, save → updated PDF, one warm page.pdf()
 *   ──▶ a table per scale, the targets, and out/bench.json (or --json) to compare commits with
 *       (--compare <old.json>)
 *
 * Usage: npm run bench [-- --runs 5] [--runs-large 3] [--scales 1,3,10] [--json file]
 *        [--compare old.json] [--others /tmp/cmp] [--keep]
 */
import { rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { locateBrowser } from '../output/pdf/browser.ts';
import { compile } from '../compile/compile.mjs';
import { compiledCli } from '../compile/fresh.mjs';
import { lastJson, runChild, type ChildRun } from './child.ts';
import { writeLargePlan, type LargePlan } from './large-plan.ts';
import { findOtherTools, writeTargetCounterHtml } from './others.ts';
import type { BuildSample } from './run-build.ts';
import type { PreviewSample } from './run-preview.ts';
import { report } from './report.ts';
import type { Summary } from './stats.ts';

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

/** Every measurement, by name: "1x.warm.stage.parse", "1x.floor.wall", … Values in ms or MiB. */
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
// However the bench ends, its plans, outputs and PDFs go with it (unless --keep).
process.once('exit', () => {
  if (!options.keep) rmSync(work, { recursive: true, force: true });
});
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

/** The compiled command line, made now if it is missing or older than the sources (as `npm run setup` makes it). */
async function ensureCompiled(): Promise<boolean> {
  if (compiledCli()) return true;
  say('bench: compiling the command line (dist/ is missing or older than the sources)');
  await compile({ quiet: true });
  return compiledCli() !== undefined;
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
const compiled = sample ? await ensureCompiled() : false;
if (sample && !compiled) say('bench: the command line could not be compiled: the CLI rows run the sources');
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
    await wall('cli.full', node, ['bin/yjplan.mjs', 'build', plan.dir, '--out', out]);
    await wall('cli.html', node, ['bin/yjplan.mjs', 'build', plan.dir, '--out', out, '--no-pdf']);
    await wall('node.start', node, ['-e', '0']);
    await wall('tsx.start', node, [...tsx, '-e', '0']);
    await wall('source.full', node, [...tsx, 'scripts/cli/index.ts', 'build', plan.dir, '--out', out]);
    await wall('source.html', node, [...tsx, 'scripts/cli/index.ts', 'build', plan.dir, '--out', out, '--no-pdf']);
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

// The preview, once, with as many saves as rounds: its own copy of the sample, edited.
if (sample) {
  say('bench: preview (save → reload, save → PDF, one warm page.pdf())');
  const copy = path.join(work, 'preview-plan');
  await mkdir(copy);
  for (const part of ['plan.yaml', 'content', 'data', '.yjplan-cache']) await cp(path.join(sample.dir, part), path.join(copy, part), { recursive: true }).catch(() => undefined);
  const run = await runChild(node, [...tsx, 'scripts/bench/run-preview.ts', copy, '--edits', String(runs)], { cwd: repo, sampleDescendants: true });
  const preview = lastJson<PreviewSample>(run, 'preview');
  for (const value of preview.reloadMs) add('preview.reload', value);
  for (const value of preview.pdfMs) add('preview.pdf', value);
  for (const value of preview.warmPrintMs) add('preview.warmPrint', value);
}
const loadEnd = loadavg();

const previous = options.compare
  ? { file: options.compare, ...(JSON.parse(await readFile(options.compare, 'utf8')) as { when?: string; summaries?: Record<string, Summary> }) }
  : undefined;
const { text, summaries, targets } = report({
  samples,
  plans,
  chromium: chromiumVersion,
  loadStart,
  loadEnd,
  seconds: (performance.now() - started) / 1000,
  runs,
  runsLarge,
  others,
  contentsEntries,
  previous,
});
process.stdout.write(`${text}\n`);

const json = {
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
await writeFile(options.json, `${JSON.stringify(json, null, 2)}\n`);
say(`bench: wrote ${path.relative(process.cwd(), options.json) || options.json}`);
if (options.keep) say(`bench: kept ${work}`);
