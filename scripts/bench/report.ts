/**
 * The bench's report: the summaries of its measurements as tables, the targets met and not,
 * and the change since an earlier run. Plain text for the terminal; bench.ts writes the JSON.
 */
import { cpus } from 'node:os';
import type { LargePlan } from './large-plan.ts';
import type { OtherTool } from './others.ts';
import { ms, pad, spread, summarise, type Summary } from './stats.ts';

export interface ReportInput {
  /** Every measurement, by name ("1x.warm.stage.parse", "1x.floor.wall", …), in ms or MiB. */
  samples: ReadonlyMap<string, number[]>;
  plans: readonly LargePlan[];
  chromium: string;
  loadStart: number[];
  loadEnd: number[];
  seconds: number;
  runs: number;
  runsLarge: number;
  others: { tools: readonly OtherTool[]; notes: readonly string[] };
  contentsEntries: number;
  previous?: { file: string; when?: string | undefined; summaries?: Record<string, Summary> | undefined } | undefined;
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  met: boolean | undefined;
  /** How far from the goal, when not met: "by 12%" (the measured value against its limit). */
  short?: string | undefined;
  /** What is left to try, said when the target is not met. */
  left?: string | undefined;
}

export function report(input: ReportInput): { text: string; summaries: Map<string, Summary>; targets: Target[] } {
  const summaries = new Map<string, Summary>();
  for (const [name, values] of input.samples) {
    const s = summarise(values);
    if (s) summaries.set(name, s);
  }
  const med = (name: string): number | undefined => summaries.get(name)?.median;
  const lines: string[] = [];
  const print = (line = '') => lines.push(line);

  print(`yjplan bench — ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), Node ${process.version}, ${input.chromium}`);
  print(`load average at start ${input.loadStart.map((l) => l.toFixed(2)).join(' ')}, at end ${input.loadEnd.map((l) => l.toFixed(2)).join(' ')}; ${Math.round(input.seconds)} s in all`);
  print(`runs: ${input.runs} per plan (${input.runsLarge} for 10× and above), each in a fresh process, in rounds; medians, [min–max]`);
  print();

  const stageRows: Array<[string, string]> = [
    ['start-up: import build.ts and all it loads', 'import'],
    ['load + validate', 'stage.load'],
    ['parse (Markdown)', 'stage.parse'],
    ['transform', 'stage.transform'],
    ['charts (cached)', 'stage.charts'],
    ['render (HTML)', 'stage.render'],
    ['write (HTML)', 'stage.write'],
    ['pdf: load puppeteer, pdf-lib (pdf.js only when links cannot be matched)', 'pdf.modules'],
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
  print(`${pad('stage', 44)}${input.plans.map((p) => pad(`${p.times}× (n=${summaries.get(`${p.times}x.warm.build`)?.n ?? 0})`, W, true)).join('')}`);
  for (const [label, key] of stageRows) print(`${pad(label, 44)}${input.plans.map((p) => cell(`${p.times}x.warm.${key}`, W)).join('')}`);
  print(`${pad('proposed: build() then printPdf (see below)', 44)}${input.plans.map((p) => cell(`${p.times}x.proposed.build`, W)).join('')}`);
  print(`${pad('proposed: pdf stage', 44)}${input.plans.map((p) => cell(`${p.times}x.proposed.stage.pdf`, W)).join('')}`);
  print(`${pad('proposed: process, spawn to exit', 44)}${input.plans.map((p) => cell(`${p.times}x.proposed.wall`, W)).join('')}`);
  print(`${pad('printings: build / proposed', 44)}${input.plans.map((p) => pad(`${med(`${p.times}x.warm.printings`) ?? '–'} / ${med(`${p.times}x.proposed.printings`) ?? '–'}`, W, true)).join('')}`);
  print(`${pad('charts, cold (every chart drawn; 1 run)', 44)}${input.plans.map((p) => cell(`${p.times}x.cold.stage.charts`, W)).join('')}`);
  print(`${pad('build() in all, cold (1 run)', 44)}${input.plans.map((p) => cell(`${p.times}x.cold.build`, W)).join('')}`);
  print(`${pad('pages / charts / sections', 44)}${input.plans.map((p) => pad(`${med(`${p.times}x.warm.pages`) ?? '–'} / ${p.charts} / ${p.sections}`, W, true)).join('')}`);
  print();
  print('Peak memory, MiB (highest RSS of the build process up to the end of each stage; browser: PSS of all its processes)');
  for (const stage of ['load', 'parse', 'transform', 'charts', 'render', 'write', 'pdf']) {
    print(`${pad(`up to ${stage}`, 44)}${input.plans.map((p) => cell(`${p.times}x.warm.peakRss.${stage}`, W)).join('')}`);
  }
  print(`${pad('build process maxRSS (kernel)', 44)}${input.plans.map((p) => cell(`${p.times}x.warm.maxRss`, W)).join('')}`);
  print(`${pad('build process maxRSS, cold', 44)}${input.plans.map((p) => cell(`${p.times}x.cold.maxRss`, W)).join('')}`);
  print(`${pad('Chromium, peak PSS', 44)}${input.plans.map((p) => cell(`${p.times}x.warm.browserPss`, W)).join('')}`);
  print();
  print('Floor: Chromium alone (plain Node + puppeteer-core: launch, setContent, one page.pdf, close), ms');
  for (const [label, key] of [['launch', 'launch'], ['load HTML', 'load'], ['one page.pdf()', 'print'], ['close', 'close'], ['in-process total', 'total'], ['process, spawn to exit', 'wall']] as const) {
    print(`${pad(label, 44)}${input.plans.map((p) => cell(`${p.times}x.floor.${key}`, W)).join('')}`);
  }
  print(`${pad('build() / floor in-process', 44)}${input.plans.map((p) => pad(ratio(med(`${p.times}x.warm.build`), med(`${p.times}x.floor.total`)), W, true)).join('')}`);
  print(`${pad('build process / floor process', 44)}${input.plans.map((p) => pad(ratio(med(`${p.times}x.warm.wall`), med(`${p.times}x.floor.wall`)), W, true)).join('')}`);
  print(`${pad('proposed process / floor process', 44)}${input.plans.map((p) => pad(ratio(med(`${p.times}x.proposed.wall`), med(`${p.times}x.floor.wall`)), W, true)).join('')}`);
  print();
  print('proposed: the build with the two changes proposed for scripts/build/index.ts: prepareToPrint() as it starts (the browser');
  print('launches while the plan is built) and printPdf given cacheDir (the last build\'s contents page numbers).');
  print();

  if (input.plans.some((p) => p.times === 1)) {
    print('The sample, whole command-line runs, ms');
    const rows: Array<[string, string]> = [
      ['node -e 0', 'node.start'],
      ['node --import tsx -e 0', 'tsx.start'],
      ['cli build (HTML + PDF), compiled (dist/)', 'cli.full'],
      ['cli build --no-pdf, compiled (dist/)', 'cli.html'],
      ['cli build (HTML + PDF), sources through tsx', 'source.full'],
      ['cli build --no-pdf, sources through tsx', 'source.html'],
      ['  build() alone (run-build --no-pdf)', '1x.html.build'],
      ['  its imports, from the sources', '1x.html.import'],
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
    print('The preview (npm run dev), warm, ms');
    for (const [label, key] of [
      ['save → reload event', 'preview.reload'],
      ['save → updated PDF served', 'preview.pdf'],
      ['one warm page.pdf() of the same HTML', 'preview.warmPrint'],
    ] as const) {
      print(`${pad(label, 48)}${cell(key, W)}`);
    }
    print();
    print(`Other paginators on the same HTML${input.contentsEntries > 0 ? `, contents by CSS target-counter() (${input.contentsEntries} entries)` : ''}, spawn to exit, ms`);
    print(`${pad('floor (one page.pdf)', 48)}${cell('1x.floor.wall', W)}`);
    print(`${pad('yjplan cli build (HTML + PDF, from Markdown)', 48)}${cell('cli.full', W)}`);
    for (const tool of input.others.tools) print(`${pad(`${tool.name} ${tool.version}`, 48)}${cell(`other.${tool.name}`, W)}`);
    for (const note of input.others.notes) print(`  note: ${note}`);
    print();
  }

  // Targets.
  const targets: Target[] = [];
  const s1 = '1x';
  const fullRatio = ratioOf(med('cli.full'), med(`${s1}.floor.wall`));
  const fullRatioInProcess = ratioOf(med(`${s1}.warm.build`), med(`${s1}.floor.total`));
  targets.push({
    name: 'full build of the sample vs the floor',
    goal: '≤ 1.3×',
    measured: `CLI ${ms(med('cli.full'))} ms / floor ${ms(med(`${s1}.floor.wall`))} ms = ${fmt(fullRatio)}×; in-process build() ${ms(med(`${s1}.warm.build`))} / ${ms(med(`${s1}.floor.total`))} = ${fmt(fullRatioInProcess)}×; proposed ${fmt(ratioOf(med(`${s1}.proposed.wall`), med(`${s1}.floor.wall`)))}×`,
    met: fullRatio === undefined ? undefined : fullRatio <= 1.3,
    short: over(fullRatio, 1.3),
    left: 'on two cores the HTML stages and Chromium starting share the CPU, so what is left is work: the PDF/UA finish (pdf-lib parsing and rewriting every content stream, about 0.7 s), loading puppeteer and pdf-lib (about 0.4 s), and the HTML stages; the finish could run while the browser closes',
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
    measured: `${ms(htmlOnly)} ms (compiled: ${ms(med('cli.html'))} − ${ms(med('node.start'))} ms; from the sources through tsx: ${ms(diff(med('source.html'), med('node.start')))} ms)`,
    met: htmlOnly === undefined ? undefined : htmlOnly <= 300,
    short: over(htmlOnly, 300),
    left: 'parsed Markdown, drawn charts (as trees) and checked stylesheets are kept in .yjplan-cache; what remains is the process starting and loading the compiled command line (about 0.4 s), reading and validating the YAML cold (about 0.17 s), rendering the page, and serialising the pages site and the embed: serialise each section once and share it between them, or a startup snapshot or compile cache where Node has one for ES modules',
  });
  const reload = med('preview.reload');
  targets.push({
    name: 'preview: save → reloaded HTML',
    goal: '≤ 100 ms',
    measured: `${ms(reload)} ms`,
    met: reload === undefined ? undefined : reload <= 100,
    short: over(reload, 100),
    left: 'rebuild only the sections an edit touches',
  });
  const pdfRatio = ratioOf(med('preview.pdf'), med('preview.warmPrint'));
  targets.push({
    name: 'preview: save → updated PDF vs one warm page.pdf()',
    goal: '≤ 1.5×',
    measured: `${ms(med('preview.pdf'))} / ${ms(med('preview.warmPrint'))} ms = ${fmt(pdfRatio)}×`,
    met: pdfRatio === undefined ? undefined : pdfRatio <= 1.5,
    short: over(pdfRatio, 1.5),
    left: 'keep the page loaded and replace only its body, rather than load the page again for each printing',
  });
  const largest = input.plans.reduce<LargePlan | undefined>((a, p) => (p.times > (a?.times ?? 0) ? p : a), undefined);
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
  const yjplanFull = med('cli.full');
  for (const [tool, times] of [['pagedjs-cli', 2], ['Vivliostyle CLI', 8]] as const) {
    const found = input.others.tools.some((t) => t.name === tool);
    const theirs = med(`other.${tool}`);
    const faster = ratioOf(theirs, yjplanFull);
    targets.push({
      name: `same HTML: faster than ${tool}`,
      goal: `≥ ${times}×`,
      measured: found ? `${tool} ${ms(theirs)} ms / yjplan ${ms(yjplanFull)} ms (whole build, from Markdown) = ${fmt(faster)}×` : `${tool} not found: see the note above to add it`,
      met: faster === undefined ? undefined : faster >= times,
      short: faster === undefined || faster >= times ? undefined : `by ${fmt(times / faster)}×`,
      left: 'the full-build target first: the same time serves both',
    });
  }
  print('Targets');
  for (const t of targets) print(`  ${t.met === undefined ? '?  ' : t.met ? 'met' : 'NOT'}  ${pad(t.name, 54)}${pad(t.goal, 12)}${t.measured}`);
  print();
  const unmet = targets.filter((t) => t.met === false);
  const unknown = targets.filter((t) => t.met === undefined);
  print(`Closing note: ${targets.length - unmet.length - unknown.length} of ${targets.length} targets met${unknown.length ? `, ${unknown.length} not measured (${unknown.map((t) => t.name).join('; ')})` : ''}.`);
  for (const t of unmet) print(`  not met: ${t.name}, ${t.short ?? ''}; left to try: ${t.left ?? '–'}`);
  print();
  const spreads = [...summaries.values()].filter((s) => s.n >= 3 && s.median >= 50).map(spread).sort((a, b) => a - b);
  const typical = spreads.length ? spreads[Math.floor(spreads.length / 2)]! : 0;
  print(
    spreads.length === 0
      ? 'Noise: too few runs to say (3 or more are needed).'
      : `Noise: across measurements of 50 ms or more, the runs spread (max − min) by a median of ${Math.round(typical * 100)}% of their median, at most ${Math.round((spreads.at(-1) ?? 0) * 100)}%.`,
  );

  // Comparison with an earlier run.
  if (input.previous) {
    const old = input.previous;
    print();
    print(`Against ${old.file}${old.when ? ` (${old.when})` : ''}: medians, then → now`);
    const keys = ['1x.warm.build', '1x.warm.wall', '1x.floor.wall', 'cli.full', 'cli.html', 'source.full', 'source.html', 'preview.reload', 'preview.pdf', 'preview.warmPrint', '3x.warm.wall', '10x.warm.wall', '10x.warm.maxRss', ...stageRows.map(([, k]) => `1x.warm.${k}`)];
    for (const key of [...new Set(keys)]) {
      const before = old.summaries?.[key]?.median;
      const now = med(key);
      if (before === undefined || now === undefined) continue;
      print(`  ${pad(key, 40)}${pad(ms(before), 10, true)} → ${pad(ms(now), 8, true)}  ${now >= before ? '+' : ''}${Math.round(((now - before) / before) * 100)}%`);
    }
  }

  return { text: lines.join('\n'), summaries, targets };
}

function ratioOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}
function ratio(a: number | undefined, b: number | undefined): string {
  const r = ratioOf(a, b);
  return r === undefined ? '–' : `${r.toFixed(2)}×`;
}
/** How far a measurement is past its limit: "by 12%", or undefined within it. */
function over(value: number | undefined, limit: number): string | undefined {
  if (value === undefined || value <= limit) return undefined;
  const shown = limit >= 10 ? `${ms(value)} ms against ${limit} ms` : `${fmt(value)}× against ${limit}×`;
  return `by ${Math.round(((value - limit) / limit) * 100)}% (${shown})`;
}
function diff(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a - b;
}
function fmt(value: number | undefined): string {
  return value === undefined ? '–' : value.toFixed(2);
}
