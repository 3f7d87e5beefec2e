/**
 * Charts: a `:::chart` directive's data drawn through a Vega-Lite spec into an accessible figure.
 *
 *   request ─┬─ spec name ──load──▶ spec file ──check──▶ roles        (once per spec)
 *            └─ data name ──bind──▶ long-form rows, titles, table
 *                         ──prepare──▶ Vega-Lite spec with its data
 *                         ──render (cached by content)──▶ SVG          (a few at a time)
 *                         ──figure──▶ <figure> with caption, <svg role=img>, description, data table
 *
 * Every problem a plan can cause comes back as a located Diagnostic; nothing here throws for
 * a user's mistake.
 */
import type { Element, ElementContent } from 'hast';
import { toString } from 'hast-util-to-string';
import path from 'node:path';
import { figure } from '../../templates/figure.ts';
import { diagnostic, type Diagnostic, type MessageText, type Place } from '../diagnostics/index.ts';
import { chartMessages } from '../messages/chart.ts';
import type { DataFile } from '../schema/index.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { bindData, isChartable, type Binding } from './bind.ts';
import { ChartCache, chartKey, sharedCache } from './cache.ts';
import { checkSpec, themeProblems, type CheckedSpec } from './check-spec.ts';
import { dataTable } from './data-table.ts';
import { mapLimit } from './pool.ts';
import { renderPool } from './worker/index.ts';
import type { ChartBudget } from '../safety/limits.ts';
import { prepareSpec } from './prepare.ts';
import { loadSpec, loadTheme, type FileProblem, type Loaded, type SpecFile } from './specs.ts';
import { accessibleSvg, storableSvg } from './svg.ts';
import type { Disclosure } from '../small-numbers/index.ts';
import { chartNotes } from '../small-numbers/marks.ts';

export { documentFonts, type DocumentFont } from './font-files.ts';
export { ChartCache } from './cache.ts';

export interface ChartRequest {
  /** The figure's id, e.g. 'fig-custody'. */
  id: string;
  /** The figure's number in the document. */
  number: number;
  /** The spec's name: templates/charts/<spec>.vl.json. */
  spec: string;
  /** The data file's name. */
  data: string;
  /** The directive's other attributes (see docs/charts.md). */
  attributes: Record<string, string>;
  /** A numbered table that already shows the chart's figures: print refers to it instead of repeating them. */
  inTable?: { id: string; label: string } | undefined;
  /** The caption's title, as hast (the directive's first paragraph). */
  title: ElementContent[];
  /** The remaining paragraphs, as hast; may be empty. */
  description: ElementContent[];
  /** The Markdown file (plan-relative) holding the directive. */
  file: string;
  /** Where the directive is. */
  place: Place;
}

export interface ChartContext {
  /** Validated data files, by name. */
  data: ReadonlyMap<string, { file: string; value: DataFile }>;
  /** Absolute directories to look in for <spec>.vl.json and theme.json; the first found wins. */
  specDirs: string[];
  /** Where to keep rendered charts between builds; none keeps them for this process only. */
  cacheDir?: string | undefined;
  /** The plan's directory, to name spec files relative to it (default: two levels above specDirs[0]). */
  planDir?: string | undefined;
  /** The width a chart must fit, in CSS pixels: an A4 page's text column (default 640). */
  width?: number | undefined;
  /** A cache to use instead of the shared one for `cacheDir` (tests use their own). */
  cache?: ChartCache | undefined;
  /** How many charts to draw at once (default 4). */
  concurrency?: number | undefined;
  /** What the small-numbers setting withholds: never drawn, marked in the data table. */
  disclosure?: Disclosure | undefined;
  /** What one chart may hold and take to draw (default CHART_BUDGET in safety/limits.ts; tests give less). */
  budget?: Partial<ChartBudget> | undefined;
}

export interface ChartsResult {
  figures: Map<string, Element>;
  diagnostics: Diagnostic[];
}

export const defaultWidth = 640;

export async function renderCharts(requests: ChartRequest[], context: ChartContext): Promise<ChartsResult> {
  const figures = new Map<string, Element>();
  if (!requests.length) return { figures, diagnostics: [] };

  const planDir = context.planDir ?? (context.specDirs[0] ? path.dirname(path.dirname(context.specDirs[0])) : process.cwd());
  const display = (file: string): string => displayPath(planDir, file);
  const located = (p: FileProblem): Diagnostic => diagnostic(display(p.file), p.place, p.text);

  const theme = await loadTheme(context.specDirs);
  if (!theme.ok) return { figures, diagnostics: [located(theme.problem)] };
  const inTheme = themeProblems(theme.value);
  if (inTheme.length) return { figures, diagnostics: inTheme.map(located) };

  const width = context.width ?? defaultWidth;
  const cache = context.cache ?? sharedCache(context.cacheDir);
  const specs = new SpecBook(context.specDirs);
  // Why a chart failed, by key: a chart asked for twice is drawn once, and both need the reason.
  const failures = new Map<string, MessageText>();
  const pool = renderPool(context.budget);

  const perRequest = await mapLimit(requests, context.concurrency ?? 4, async (request) => {
    const out: Diagnostic[] = [];
    const atDirective = (text: MessageText): Diagnostic => diagnostic(request.file, request.place, text);

    const entry = context.data.get(request.data);
    if (!entry) {
      out.push(atDirective(request.data ? chartMessages.unknownData(request.data, suggest(request.data, context.data.keys())) : chartMessages.missingAttribute('data')));
    } else if (!isChartable(entry.value)) {
      out.push(atDirective(chartMessages.unsupportedKind(request.data, entry.value.kind)));
    }

    const spec = await specs.get(request.spec);
    if (!spec.loaded.ok) {
      const p = spec.loaded.problem;
      // A spec that is not there is the directive's problem; a broken one is the spec file's.
      out.push(p.file ? located(p) : atDirective(request.spec ? p.text : chartMessages.missingAttribute('spec')));
    } else {
      out.push(...spec.checked!.problems.map(located));
    }
    if (!entry || !isChartable(entry.value) || !spec.loaded.ok || spec.checked!.problems.some((p) => (p.text.severity ?? 'error') === 'error')) {
      return { diagnostics: out };
    }

    const bound = bindData(entry.value, request.attributes, spec.checked!.roles, context.disclosure?.table(request.data));
    out.push(...bound.problems.map(atDirective));
    if (!bound.binding) return { diagnostics: out };

    const prepared = prepareSpec(spec.loaded.value.json, bound.binding, width);
    const fit = typeof spec.loaded.value.json.width !== 'number';
    const key = chartKey({ spec: prepared, theme: theme.value.json, width, fit });
    const chart = await cache.get(key, async () => {
      const drawn = await pool.draw({ spec: prepared, config: theme.value.json, width, fit });
      if (!drawn.ok) {
        const over = drawn.overBudget;
        failures.set(key, over ? chartMessages.tooLarge(request.id, over.what, over.found, over.limit) : chartMessages.specInvalid(drawn.error));
        return undefined;
      }
      const stored = storableSvg(drawn.svg);
      return { svg: stored.text, tree: stored.svg, width: drawn.width, warnings: drawn.warnings, removed: stored.removed };
    });
    const specFile = display(spec.loaded.value.file);
    if (!chart) {
      out.push(diagnostic(specFile, { line: 1, column: 1 }, failures.get(key) ?? chartMessages.specInvalid('the chart failed to draw')));
      return { diagnostics: out };
    }
    out.push(...chart.warnings.map((w) => diagnostic(specFile, { line: 1, column: 1 }, chartMessages.specWarning(w))));
    if (chart.width > width + 0.5) out.push(atDirective(chartMessages.tooWide(chart.width, width)));

    const notes = context.disclosure ? chartNotes(bound.binding.withheld.map((w) => w.mark), context.disclosure.setting.below) : [];
    // The same drawing for the same request makes the same figure: a preview's rebuild after an
    // edit elsewhere does not sanitise and wrap every chart again. (Figures are never changed after.)
    const figureKey = `${key}\0${JSON.stringify([request.id, request.number, request.title, request.description, request.inTable, notes, bound.binding])}`;
    let built = builtFigures.get(figureKey);
    if (!built) {
      built = buildFigure(request, chart.tree ?? chart.svg, bound.binding, notes);
      if (builtFigures.size > 500) builtFigures.clear();
      builtFigures.set(figureKey, built);
    }
    // The spec check stops what it can see; anything the sanitiser still had to take out is said too.
    const removed = [...new Set([...(chart.removed ?? []), ...built.removed])];
    if (removed.length) out.push(diagnostic(specFile, { line: 1, column: 1 }, chartMessages.unsafeSvg(removed)));
    return { diagnostics: out, figure: built.figure };
  });

  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  requests.forEach((request, index) => {
    const result = perRequest[index]!;
    if (result.figure) figures.set(request.id, result.figure);
    for (const d of result.diagnostics) {
      // A broken spec used by five charts is one problem, not five.
      const key = JSON.stringify([d.file, d.place, d.ruleId, d.message]);
      if (seen.has(key)) continue;
      seen.add(key);
      diagnostics.push(d);
    }
  });
  return { figures, diagnostics };
}

const builtFigures = new Map<string, { figure: Element; removed: string[] }>();

function buildFigure(request: ChartRequest, svg: string | Element, binding: Binding, notes: string[]): { figure: Element; removed: string[] } {
  const title = plainText(request.title, '');
  const description = plainText(request.description, ' ') || summary(binding);
  const graphic = accessibleSvg(svg, { id: request.id, name: title ? `Figure ${request.number}: ${title}` : `Figure ${request.number}`, description });
  return {
    figure: figure({
      id: request.id,
      number: request.number,
      title: request.title,
      description: request.description,
      graphic: graphic.svg,
      table: dataTable(binding),
      notes,
      inTable: request.inTable,
    }),
    removed: graphic.removed,
  };
}

/** The words of hast: phrasing runs together, blocks (the description's paragraphs) are spaced. */
const plainText = (nodes: ElementContent[], between: '' | ' '): string =>
  nodes
    .map((node) => toString(node))
    .join(between)
    .replace(/\s+/g, ' ')
    .trim();

/** When the author gives no description, the SVG still says what it shows and where the figures are. */
function summary(binding: Binding): string {
  const categories = binding.categories;
  const span = categories.length > 1 ? `${categories.length} categories, from ${categories[0]} to ${categories[categories.length - 1]}` : `${categories[0]}`;
  const series = binding.series.length ? `; ${binding.series.length} series: ${binding.series.join(', ')}` : '';
  return `Chart of ${binding.caption}: ${span}${series}. The figures are in the table that follows.`;
}

function displayPath(planDir: string, file: string): string {
  const relative = path.relative(planDir, file);
  const inside = relative && !relative.startsWith('..') && !path.isAbsolute(relative);
  return (inside ? relative : file).split(path.sep).join('/');
}

/** Each spec read and checked once per build, however many charts use it. */
class SpecBook {
  private readonly specs = new Map<string, Promise<{ loaded: Loaded<SpecFile>; checked?: CheckedSpec }>>();
  constructor(private readonly dirs: readonly string[]) {}
  get(name: string): Promise<{ loaded: Loaded<SpecFile>; checked?: CheckedSpec }> {
    let spec = this.specs.get(name);
    if (!spec) {
      spec = loadSpec(name, this.dirs).then((loaded) => (loaded.ok ? { loaded, checked: checkSpec(loaded.value) } : { loaded }));
      this.specs.set(name, spec);
    }
    return spec;
  }
}
