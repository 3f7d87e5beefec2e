/**
 * The build, as a pipeline of named stages over plain data:
 *
 *   load ──► parse ──► references ──► transform ──► charts ──► render ──► write ──► pdf
 *   (YAML,   (mdast)   (figure and    (safe hast,   (SVG      (HTML)     (out/,     (print,
 *   schemas)  │         table numbers) directives)   figures)                atomic)    contents
 *             └─► resources ─────────────┘                                            page numbers)
 *                 (images embedded, remote URLs refused)
 *
 * Each stage is a function from typed input to typed output; this file only runs
 * them in order, times them and stops at the first stage that found errors.
 * An abort (Ctrl-C in the CLI) stops it between stages; out/ is then left as it was.
 */
import type { BuildCache } from './cache.ts';
import path from 'node:path';
import { renderCharts } from "../charts/index.ts";
import { hasErrors, type Diagnostic } from '../diagnostics/index.ts';
import { loadPlan, type LoadedPlan } from '../load/index.ts';
import { parseSections } from '../parse/markdown.ts';
import { markdownMessages } from '../messages/markdown.ts';
import { checkTypedFigures } from '../check/typed-figures.ts';
import { checkGlossary, checkLinks, pageIds } from '../check/index.ts';
import { checkStalePeriods } from '../check/stale-period.ts';
import { collectReferences } from '../transform/references.ts';
import { collectResources } from '../transform/resources.ts';
import { planMessages } from '../messages/plan.ts';
import { placeOf } from '../load/yaml-source.ts';
import { renderHtml } from '../output/render.ts';
import { builtInTemplates } from '../output/styles.ts';
import { transformSections, type TransformResult } from '../transform/index.ts';
import { stage as stageOutput, type Staging } from '../output/write.ts';
import { diagnostic, PlanError } from '../diagnostics/index.ts';
import { pageRules, prepareToPrint, printPdf } from '../output/pdf/index.ts';
import type { PlanMeta } from '../schema/index.ts';

export interface BuildOptions {
  root: string;
  outDir: string;
  /** Print the PDF too (needs a browser). */
  pdf: boolean;
  /** Stop after checking: nothing is written. */
  checkOnly?: boolean;
  cacheDir?: string | undefined;
  /** Parsed files kept between builds (the preview passes one; a single build needs none). */
  cache?: BuildCache | undefined;
  log?: (line: string) => void;
  /** The clock, passed in so tests and benchmarks can replace it. */
  now?: () => number;
  /** Stops the build (Ctrl-C): nothing is written, out/ keeps the last good build. */
  signal?: AbortSignal | undefined;
  /** Mark each quoted figure with the file and line it comes from: the preview's tooltips. */
  annotate?: boolean | undefined;
}

export interface BuildResult {
  ok: boolean;
  diagnostics: Diagnostic[];
  timings: Record<string, number>;
  files: string[];
  html?: string | undefined;
}

export type Stage = 'load' | 'parse' | 'transform' | 'charts' | 'render' | 'write' | 'pdf';

export async function build(options: BuildOptions): Promise<BuildResult> {
  // The browser starts while the plan is read and rendered, not after; printPdf takes it over.
  const release = options.pdf && !options.checkOnly ? prepareToPrint() : undefined;
  try {
    return await runStages(options);
  } finally {
    // Closes the browser if printing never began (the plan had errors); nothing otherwise.
    await release?.().catch(() => undefined);
  }
}

async function runStages(options: BuildOptions): Promise<BuildResult> {
  const log = options.log ?? (() => {});
  const now = options.now ?? (() => performance.now());
  const timings: Record<string, number> = {};
  const diagnostics: Diagnostic[] = [];
  const done = (ok: boolean, extra: Partial<BuildResult> = {}): BuildResult => ({ ok, diagnostics, timings, files: [], ...extra });

  const interrupted = (): PlanError => new PlanError([diagnostic('plan.yaml', undefined, planMessages.interrupted())]);
  async function run<T>(name: Stage, fn: () => Promise<T> | T, describe?: (value: T) => string): Promise<T> {
    if (options.signal?.aborted) throw interrupted();
    const start = now();
    const value = await fn();
    timings[name] = now() - start;
    log(`${name.padEnd(10)}${Math.round(timings[name]).toString().padStart(6)} ms${describe ? `  ${describe(value)}` : ''}`);
    return value;
  }

  const loaded = await run('load', () => loadPlan(options.root, options.cache), (r) => (r.plan ? `${r.plan.data.size} data files` : 'failed'));
  diagnostics.push(...loaded.diagnostics);
  if (!loaded.plan || hasErrors(diagnostics)) return done(false);
  const plan: LoadedPlan = loaded.plan;

  const parsed = await run('parse', () => parseSections(plan.sections, plan.meta.numbering, options.cache), (r) => `${countSections(r.sections)} sections`);
  diagnostics.push(...parsed.diagnostics);
  const refs = collectReferences(parsed.sections);
  diagnostics.push(...refs.diagnostics);
  if (hasErrors(diagnostics)) return done(false);

  const resources = await collectResources(plan.root, parsed.sections, plan.data);
  const transformed: TransformResult = await run('transform', () => transformSections(parsed.sections, plan.data, refs.references, resources.images, options.cache, { figures: plan.figures, annotate: options.annotate }));
  diagnostics.push(...resources.diagnostics, ...transformed.diagnostics, ...transformed.unfinished);
  diagnostics.push(...checkLinks(parsed.sections, pageIds(transformed.sections)));
  if (options.checkOnly) diagnostics.push(...checkGlossary(parsed.sections, plan.data), ...checkStalePeriods(plan, parsed.sections), ...checkTypedFigures(plan, parsed.sections));
  if (plan.meta.status === 'final' && transformed.unfinished.length > 0) {
    diagnostics.push(diagnostic('plan.yaml', placeOf(plan.metaSource, ['status']), markdownMessages.statusDraftOnFinal()));
  }
  if (hasErrors(diagnostics)) return done(false);

  const charts = await run(
    'charts',
    () =>
      renderCharts(
        transformed.charts.map((c) => ({ ...c, place: c.place ?? { line: 1, column: 1 } })),
        {
          data: new Map([...plan.data].map(([name, e]) => [name, { file: e.file, value: e.value }])),
          specDirs: [path.join(plan.root, 'templates', 'charts'), path.join(builtInTemplates, 'charts')],
          cacheDir: options.cacheDir,
        },
      ),
    (r) => `${r.figures.size} charts`,
  );
  diagnostics.push(...charts.diagnostics);
  if (hasErrors(diagnostics)) return done(false);

  const html = await run(
    'render',
    () => renderHtml({ root: plan.root, meta: plan.meta, sections: transformed.sections, figures: charts.figures, generatedCss: pageRules(plan.meta) }),
    (h) => `${Math.round(h.length / 1024)} KiB`,
  );
  if (options.checkOnly) return done(true, { html });

  let output: Staging | undefined;
  // Checked last thing before each commit: a build stopped at any point before it leaves out/ alone.
  const commit = async (): Promise<void> => {
    if (options.signal?.aborted) throw interrupted();
    await output!.commit();
  };
  try {
    output = await stageOutput(options.outDir);
    const staged = output;
    await run('write', () => staged.write('index.html', html));
    const files = ['index.html'];
    if (options.pdf) {
      const name = pdfName(plan.meta);
      try {
        const printed = await run(
          'pdf',
          () => printPdf(html, { meta: plan.meta, outFile: path.join(staged.dir, name), log: (line) => log(`  ${line}`), signal: options.signal, cacheDir: options.cacheDir }),
          (r) => `${r.pages} pages`,
        );
        diagnostics.push(...printed.diagnostics);
        files.push(name);
      } catch (error) {
        if (!(error instanceof PlanError)) throw error;
        // The new HTML still stands; the last good PDF is kept beside it.
        diagnostics.push(...error.diagnostics);
        await staged.keepPrevious(name);
        await commit();
        return done(false, { html, files });
      }
    } else {
      // An HTML-only build leaves the last printed PDF where it was.
      await staged.keepPrevious(pdfName(plan.meta));
    }
    await commit();
    return done(true, { html, files });
  } catch (error) {
    await output?.discard().catch(() => undefined);
    // A full disk or a read-only directory is no bug of ours: say so, as a message.
    if (isFileSystemError(error)) {
      throw new PlanError([diagnostic(displayPath(options.outDir), undefined, planMessages.writeFailed(displayPath(options.outDir), `${error.code}: ${error.message}`))]);
    }
    throw error;
  }
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

const displayPath = (dir: string): string => (path.relative(process.cwd(), dir) || '.').split(path.sep).join('/');

/** The PDF's file name, from the plan: "Rotherham Youth Justice Plan" 2019/21 → rotherham-youth-justice-plan-2019-21.pdf */
export function pdfName(meta: PlanMeta): string {
  const slug = `${meta.title} ${meta.period}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'plan'}.pdf`;
}

function countSections(sections: ReadonlyArray<{ children: readonly unknown[] }>): number {
  return sections.reduce((n, s) => n + 1 + countSections(s.children as ReadonlyArray<{ children: readonly unknown[] }>), 0);
}
