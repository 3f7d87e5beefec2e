/**
 * The build, as a pipeline of named stages over plain data:
 *
 *   load ──► parse ──► references ──► transform ──► charts ──► render ──► pdf ──────► publish ──► write
 *   (YAML,   (mdast)   (figure and    (safe hast,   (SVG      (HTML,    (print the   (index.html, (out/,
 *   schemas)  │         table numbers) directives)   figures)  no PDF    HTML, pages  pages/,      atomic)
 *             └─► resources ─────────────┘                      link)     and size)    embed/, with
 *                 (images embedded, remote URLs refused)                               the PDF link)
 *
 * The PDF is printed from HTML with no link to it, into the staged out/; only then, with its
 * page count and size known, are the web pages rendered with the link, and everything lands
 * together.
 *
 * Each stage is a function from typed input to typed output; this file only runs
 * them in order, times them and stops at the first stage that found errors.
 * An abort (Ctrl-C in the CLI) stops it between stages; out/ is then left as it was.
 */
import { BuildCache } from './cache.ts';
import path from 'node:path';
import { renderCharts } from "../charts/index.ts";
import { titleParts } from '../output/title.ts';
import { hasErrors, type Diagnostic } from '../diagnostics/index.ts';
import { loadPlan, type LoadedPlan } from '../load/index.ts';
import type { Root } from 'mdast';
import { parseMarkdown, parseSections } from '../parse/markdown.ts';
import { readStoredTrees, type StoredTrees } from '../parse/stored-trees.ts';
import { readKeptCss } from '../safety/css-kept.ts';
import { markdownMessages } from '../messages/markdown.ts';
import { checkTypedFigures } from '../check/typed-figures.ts';
import { checkGlossary, checkLinks, duplicateIds, pageIds } from '../check/index.ts';
import { checkStalePeriods } from '../check/stale-period.ts';
import { collectReferences } from '../transform/references.ts';
import { collectResources, logoKey } from '../transform/resources.ts';
import { planMessages } from '../messages/plan.ts';
import { placeOf } from '../load/yaml-source.ts';
import { renderPlan } from '../output/render.ts';
import { publishFiles } from '../output/publish.ts';
import { loadFrame } from '../output/pages/frame.ts';
import type { Download } from '../output/download.ts';
import { builtInTemplates } from '../output/styles.ts';
import { transformSections, type TransformResult } from '../transform/index.ts';
import { stage as stageOutput, type Staging } from '../output/write.ts';
import { displayPath } from '../output/out-dir.ts';
import { stat } from 'node:fs/promises';
import { diagnostic, PlanError } from '../diagnostics/index.ts';
import { pageRules, prepareToPrint, printPdf } from '../output/pdf/index.ts';
import type { PlanMeta } from '../schema/index.ts';
import { locateText, templateTexts, type SourceText } from '../safety/locate-text.ts';

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
  /** The one-page plan as published (index.html). */
  html?: string | undefined;
  /** The same plan as it is printed (no link to the PDF, the charts' own tables at the end). */
  printed?: string | undefined;
  /** The plan's details, when it loaded (for printing what `check` built: the preview's PDF). */
  meta?: PlanMeta | undefined;
}

export type Stage = 'load' | 'parse' | 'transform' | 'charts' | 'render' | 'write' | 'pdf' | 'publish';

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
  let stored: StoredTrees | undefined;
  let keptCss: { save(): Promise<void> } | undefined;
  const parse = (text: string): Root => (stored ? stored.tree(text, parseMarkdown) : parseMarkdown(text));

  const parsed = await run(
    'parse',
    async () => {
      // Every tree this build parses (sections, and data files' text in transform) is kept for the next.
      // The preview reads them once: after its first build it holds every tree it needs in memory.
      const warm = options.cache instanceof BuildCache && options.cache.builds > 1;
      stored = options.cacheDir && !warm ? await readStoredTrees(options.cacheDir) : undefined;
      keptCss = options.cacheDir && !warm ? await readKeptCss(options.cacheDir) : undefined;
      return parseSections(plan.sections, plan.meta.numbering, options.cache, parse);
    },
    (r) => `${countSections(r.sections)} sections`,
  );
  diagnostics.push(...parsed.diagnostics);
  const refs = collectReferences(parsed.sections);
  diagnostics.push(...refs.diagnostics);
  if (hasErrors(diagnostics)) return done(false);

  const logo = plan.meta.logo ? { src: plan.meta.logo, place: placeOf(plan.metaSource, ['logo']) } : undefined;
  const resources = await collectResources(plan.root, parsed.sections, plan.data, logo);
  const transformed: TransformResult = await run('transform', () => transformSections(parsed.sections, plan.data, refs.references, resources.images, options.cache, { figures: plan.figures, annotate: options.annotate, disclosure: plan.disclosure, final: plan.meta.status === 'final', parse }));
  await stored?.save();
  diagnostics.push(...resources.diagnostics, ...transformed.diagnostics, ...transformed.unfinished);
  diagnostics.push(...checkLinks(parsed.sections, pageIds(transformed.sections)), ...duplicateIds(transformed.sections, new Set(refs.references.byId.keys()), parsed.sections));
  if (options.checkOnly) diagnostics.push(...checkGlossary(parsed.sections, plan.data), ...checkStalePeriods(plan, parsed.sections), ...checkTypedFigures(plan, parsed.sections));
  if (plan.meta.status === 'final' && transformed.unfinished.length > 0) {
    diagnostics.push(diagnostic('plan.yaml', placeOf(plan.metaSource, ['status']), markdownMessages.statusDraftOnFinal()));
  }
  if (hasErrors(diagnostics)) return done(false);

  // A chart renderer (Vega loads for about a second) starts only for a chart the cache does not
  // hold: started ahead of time, it cost an all-cached build more than it saved one that draws.
  const charts = await run(
    'charts',
    () =>
      renderCharts(
        transformed.charts.map((c) => ({ ...c, place: c.place ?? { line: 1, column: 1 } })),
        {
          data: new Map([...plan.data].map(([name, e]) => [name, { file: e.file, value: e.value }])),
          specDirs: [path.join(plan.root, 'templates', 'charts'), path.join(builtInTemplates, 'charts')],
          cacheDir: options.cacheDir,
          disclosure: plan.disclosure,
        },
      ),
    (r) => `${r.figures.size} charts`,
  );
  diagnostics.push(...charts.diagnostics);
  if (hasErrors(diagnostics)) return done(false);

  const rendered = await run(
    'render',
    () => renderPlan({ root: plan.root, meta: plan.meta, sections: transformed.sections, figures: charts.figures, generatedCss: pageRules(plan.meta), logo: logo ? resources.images.get(logoKey(logo.src)) : undefined }),
    (r) => `${Math.round(r.page().length / 1024)} KiB`,
  );
  // The page as printed (no link to the PDF, so none reaches it), serialised only when it is asked for.
  const withPrinted = (result: BuildResult): BuildResult => Object.defineProperty(result, 'printed', { get: () => rendered.printed, enumerable: true });
  if (options.checkOnly) return withPrinted(done(true, { html: rendered.page(), meta: plan.meta }));
  const site = plan.meta.publish.pages ? await loadFrame(plan.root) : { diagnostics: [] };
  diagnostics.push(...site.diagnostics);
  if (hasErrors(diagnostics)) return done(false);
  const printing = options.pdf && plan.meta.publish.pdf;

  let output: Staging | undefined;
  // Checked last thing before each commit: a build stopped at any point before it leaves out/ alone.
  const commit = async (): Promise<void> => {
    if (options.signal?.aborted) throw interrupted();
    await output!.commit();
  };
  try {
    output = await stageOutput(options.outDir, { root: options.root });
    const staged = output;
    const name = pdfName(plan.meta);
    const files: string[] = [];
    let download: Download | undefined;
    if (printing) {
      try {
        const printed = await run(
          'pdf',
          () =>
            printPdf(rendered.printed, {
              meta: plan.meta,
              outFile: path.join(staged.dir, name),
              shownFile: displayPath(path.join(staged.outDir, name)),
              log: (line) => log(`  ${line}`),
              signal: options.signal,
              cacheDir: options.cacheDir,
              locate: (needles) => locateText(planTexts(plan), needles),
            }),
          (r) => `${r.pages} pages`,
        );
        diagnostics.push(...printed.diagnostics);
        download = { file: name, pages: printed.pages, bytes: (await stat(path.join(staged.dir, name))).size };
        files.push(name);
        // An out/ from before the marker cannot tell a build's old PDFs from the council's own:
        // the first build into it keeps every one, as an HTML-only build does.
        if (staged.takenOver) await staged.keepPrevious((n) => /\.pdf$/i.test(n) && n !== name);
      } catch (error) {
        if (!(error instanceof PlanError)) throw error;
        // The HTML and the PDF land together or not at all: the last good build stays as it was.
        await staged.discard();
        if (options.signal?.aborted) throw interrupted();
        diagnostics.push(...error.diagnostics);
        return done(false);
      }
    } else {
      // An HTML-only build leaves every PDF where it was, whatever the plan's title or period
      // was when it was printed, but links none: it may not be this plan's.
      await staged.keepPrevious((name) => /\.pdf$/i.test(name));
    }
    const published = await run('publish', () => publishFiles(rendered, { download, frame: site.frame }), (f) => `${f.size} files`);
    await keptCss?.save();
    await run('write', async () => {
      for (const [file, content] of published) await staged.write(file, content);
    });
    files.unshift(...published.keys());
    await commit();
    return withPrinted(done(true, { html: published.get('index.html') ?? rendered.page(), files }));
  } catch (error) {
    await output?.discard().catch(() => undefined);
    // A full disk or a read-only directory is no bug of ours: say so, as a message.
    if (isFileSystemError(error)) throw new PlanError([writeFailure(error, options.outDir, output)]);
    throw error;
  }
}

/** Every text of the plan, for finding where something the page holds came from. */
function planTexts(plan: LoadedPlan): SourceText[] {
  const sections: SourceText[] = [];
  const walk = (list: LoadedPlan['sections']) => list.forEach((s) => (sections.push({ file: s.file, text: s.text }), walk(s.children)));
  walk(plan.sections);
  return [
    ...sections,
    ...[...plan.data.values()].map((entry) => ({ file: entry.file, text: entry.source.text, lineOffset: entry.source.lineOffset })),
    ...templateTexts(plan.root),
    { file: 'plan.yaml', text: plan.metaSource.text },
  ];
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

/** A file-system error while writing, placed at the file or folder it happened to, with a hint that fits its cause. */
function writeFailure(error: NodeJS.ErrnoException & { code: string }, outDir: string, staged: Staging | undefined): Diagnostic {
  // A file in the staging directory is named as it would have been in the output directory.
  const at = staged && error.path?.startsWith(staged.dir) ? staged.outDir + error.path.slice(staged.dir.length) : (error.path ?? outDir);
  const where = displayPath(at);
  return diagnostic(where, undefined, planMessages.writeFailed(displayPath(path.resolve(outDir)), where, error.code, error.message));
}

/** Longest PDF file name stem, in characters: well inside every file system's 255 bytes, with room to spare. */
const MAX_PDF_STEM = 80;

/**
 * The PDF's file name, from the plan: "Rotherham Youth Justice Plan" 2019/21 → rotherham-youth-justice-plan-2019-21.pdf.
 * A long title is cut at a word, keeping the period (when the title pattern adds it), so the name
 * always fits. A draft carries its status and version, so that each draft a board is sent has a
 * name of its own: rotherham-youth-justice-plan-2019-21-draft-0.1.pdf.
 */
export function pdfName(meta: PlanMeta): string {
  const slug = (text: string): string =>
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const period = titleParts(meta).some((p) => p.kind === 'period') ? slug(meta.period).slice(0, 20) : '';
  let title = slug(meta.title);
  const room = MAX_PDF_STEM - (period ? period.length + 1 : 0);
  if (title.length > room) title = title.slice(0, room + 1).replace(/-[^-]*$/, '') || title.slice(0, room);
  const stem = [title, period].filter(Boolean).join('-');
  const draft = meta.status === 'draft' ? `-draft${meta.version ? `-${versionSlug(meta.version)}` : ''}` : '';
  return `${stem || 'plan'}${draft}.pdf`;
}

/** A version keeps its dots (0.1, 2.0.3); anything else a file name should not hold becomes a hyphen. */
const versionSlug = (version: string): string => version.slice(0, 20).replace(/[^A-Za-z0-9.]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'x';

function countSections(sections: ReadonlyArray<{ children: readonly unknown[] }>): number {
  return sections.reduce((n, s) => n + 1 + countSections(s.children as ReadonlyArray<{ children: readonly unknown[] }>), 0);
}
