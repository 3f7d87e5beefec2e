/** Messages about charts: their specs, their data and the directive's attributes. */
import type { MessageText } from '../diagnostics/index.ts';
import type { ExpressionProblem } from '../charts/expressions.ts';
import { MAX_EXPRESSION_ARRAY_ITEMS } from '../safety/limits.ts';

const didYouMean = (suggestion: string | undefined): string => (suggestion ? `, did you mean \`${suggestion}\`?` : '');
const short = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
const list = (names: readonly string[]): string => (names.length ? names.map((n) => `\`${n}\``).join(', ') : 'none');

/** The static limits a spec may pass (safety/limits.ts gives their values). */
export type SpecLimit = 'sequence' | 'bins' | 'curve' | 'order' | 'fold' | 'multipliers' | 'transforms' | 'views' | 'pixels' | 'ticks';

const specLimitText: Record<SpecLimit, (found: number, limit: number) => string> = {
  sequence: (n, l) => `makes a sequence of ${fmt(n)} values here (at most ${l})`,
  bins: (n, l) => `asks for ${fmt(n)} bins here (at most ${l})`,
  curve: (n, l) => `asks for ${fmt(n)} points on a curve here (at most ${l})`,
  order: (n, l) => `fits a polynomial of order ${fmt(n)} here (at most ${l})`,
  fold: (n, l) => `folds ${fmt(n)} fields into rows here (at most ${l})`,
  multipliers: (n, l) => `has ${n} \`fold\` and \`flatten\` transforms, each multiplying the rows (at most ${l})`,
  transforms: (n, l) => `has ${n} transforms (at most ${l})`,
  views: (n, l) => `makes ${fmt(n)} views (at most ${l})`,
  pixels: (n, l) => `sets a size of ${fmt(n)} pixels here (at most ${l})`,
  ticks: (n, l) => `asks for ${fmt(n)} ticks here (at most ${l})`,
};

const specLimitHint: Record<SpecLimit, string> = {
  sequence: 'a chart draws its data file\'s figures: make the sequence shorter, or put the values in the data file',
  bins: 'bin with a larger `step` or fewer `maxbins`; a chart shows a few dozen bins at most',
  curve: 'use fewer `steps` (the default, 200, draws a smooth curve)',
  order: 'use a lower order, or `"method": "linear"` or `"loess"`',
  fold: 'fold fewer fields, or choose the columns with the chart\'s `columns=` attribute instead',
  multipliers: 'the data file already holds the rows: remove the extra `fold` or `flatten`',
  transforms: 'split the chart into simpler specs',
  views: 'repeat or concatenate fewer views: a figure in a plan is one chart, or a few side by side',
  pixels: 'a chart fits a page column 640 pixels wide: give a smaller `width`, `height` or `step`',
  ticks: 'ask for fewer ticks: an axis can show a dozen labels at most',
};

const fmt = (n: number): string => (Number.isFinite(n) ? (Math.abs(n) >= 1e6 ? n.toExponential(1) : String(Math.round(n * 100) / 100)) : 'unlimited');

export const chartMessages = {
  // The directive and its data
  unknownSpec: (name: string, suggestion: string | undefined, available: readonly string[]): MessageText => ({
    ruleId: 'chart:unknown-spec',
    message: `No chart spec called \`${name}\`${didYouMean(suggestion)}`,
    hint: `use one of ${list(available)}, or add templates/charts/${name}.vl.json to the plan`,
  }),
  missingAttribute: (attribute: 'spec' | 'data'): MessageText => ({
    ruleId: `chart:missing-${attribute}`,
    message: `This chart has no \`${attribute}\``,
    hint:
      attribute === 'data'
        ? 'name its data file, for example `:::chart{#fig-custody data=custody-rate spec=line}`'
        : 'name its spec, for example `spec=bar` (templates/charts/bar.vl.json)',
  }),
  unknownData: (name: string, suggestion: string | undefined): MessageText => ({
    ruleId: 'chart:unknown-data',
    message: `No data file called \`${name}\`${didYouMean(suggestion)}`,
    hint: `create data/${name}.yaml, or correct the \`data\` attribute`,
  }),
  unsupportedKind: (name: string, kind: string): MessageText => ({
    ruleId: 'chart:data-kind',
    message: `\`${name}\` is a \`${kind}\` data file, which cannot be charted`,
    hint: 'charts take a `kind: table` or `kind: budget` data file',
  }),
  unknownAttribute: (attribute: string, suggestion: string | undefined): MessageText => ({
    ruleId: 'chart:unknown-attribute',
    severity: 'warning',
    message: `Unknown chart attribute \`${attribute}\`${didYouMean(suggestion)}`,
    hint: 'see docs/charts.md for the attributes a chart takes; this one is ignored',
  }),
  unknownRow: (item: string, suggestion: string | undefined): MessageText => ({
    ruleId: 'chart:unknown-row',
    message: `No row \`${item}\` in the data${didYouMean(suggestion)}`,
    hint: 'name rows by the text in their first column, or by number counting from 1',
  }),
  unknownColumn: (item: string, suggestion: string | undefined): MessageText => ({
    ruleId: 'chart:unknown-column',
    message: `No column \`${item}\` in the data${didYouMean(suggestion)}`,
    hint: 'name columns by key, by label, or by number counting from 1',
  }),
  unknownGroup: (group: string, suggestion: string | undefined, groups: readonly string[]): MessageText => ({
    ruleId: 'chart:unknown-group',
    message: `No column group \`${group}\` in the data${didYouMean(suggestion)}`,
    hint: `the groups are ${list(groups)}`,
  }),
  notNumeric: (column: string): MessageText => ({
    ruleId: 'chart:not-numeric',
    message: `Column \`${column}\` holds text, not figures, so it cannot be charted`,
    hint: 'leave it out of `columns`, or give it `type: number`, `currency` or `percent` in the data file',
  }),
  notAFigure: (row: string, column: string): MessageText => ({
    ruleId: 'chart:not-a-figure',
    severity: 'warning',
    message: `The cell for \`${row}\` in \`${column}\` is text, not a figure, so the chart leaves it out`,
    hint: 'write it as a plain number, or as null for no figure',
  }),
  unknownDimension: (attribute: 'category' | 'series', value: string): MessageText => ({
    ruleId: 'chart:unknown-dimension',
    message: `\`${attribute}=${value}\` names nothing the data has`,
    hint: attribute === 'series' ? 'use `row`, `column`, `group` or `none`' : 'use `row`, `column` or `group`',
  }),
  sameDimension: (dimension: string): MessageText => ({
    ruleId: 'chart:same-dimension',
    message: `\`category\` and \`series\` both take the ${dimension}s`,
    hint: 'give `series` another of `row`, `column`, `group`, or `none`',
  }),
  noGroup: (column: string): MessageText => ({
    ruleId: 'chart:no-group',
    message: `Column \`${column}\` has no \`group\`, but the chart places columns by group`,
    hint: 'give the column a `group` in the data file, or select only grouped columns with `columns=` or `group=`',
  }),
  othersWithoutRows: (): MessageText => ({
    ruleId: 'chart:others-without-rows',
    message: '`others` sums the rows that `rows` leaves out, but this chart has no `rows`',
    hint: 'list the rows to show on their own in `rows=`, or remove `others`',
  }),
  mixedTypes: (types: readonly string[], group: string | undefined): MessageText => ({
    ruleId: 'chart:mixed-units',
    message: `The selected columns mix ${types.join(' and ')} figures, which cannot share one value axis`,
    hint: group
      ? `chart one group at a time, for example \`group="${group}"\`, and make another chart for the rest`
      : 'select columns of one type with `columns=` or `group=`, and make another chart for the rest',
  }),
  noValues: (): MessageText => ({
    ruleId: 'chart:no-values',
    message: 'The selected rows and columns hold no figures, so there is nothing to chart',
    hint: 'check `rows`, `columns` and `group` against the data file',
  }),
  overlappingValues: (category: string, series: string | undefined, byGroup: boolean): MessageText => ({
    ruleId: 'chart:overlapping-values',
    message:
      series === undefined
        ? `More than one figure falls on \`${category}\`, which this chart shows once`
        : `More than one figure falls on \`${category}\` for \`${series}\``,
    hint: byGroup
      ? `columns labelled \`${category}\` sit in different groups: to chart them group by group, add \`columns="${category}" category=group\``
      : 'select fewer columns with `columns=` or `group=`, or place them with `category=` and `series=`',
  }),
  tooManySeries: (count: number): MessageText => ({
    ruleId: 'chart:too-many-series',
    severity: 'warning',
    message: `This chart has ${count} series; more than four are hard to tell apart`,
    hint: 'choose the main ones with `rows=` and sum the rest with `others="Other …"`',
  }),

  // The spec and theme files
  specSyntax: (detail: string): MessageText => ({
    ruleId: 'chart:spec-syntax',
    message: `This chart spec is not valid JSON: ${detail}`,
    hint: 'check for a missing comma, quote or bracket at this place',
  }),
  specTooDeep: (limit: number): MessageText => ({
    ruleId: 'chart:spec-too-complex',
    message: `This chart spec nests arrays and objects more than ${limit} deep`,
    hint: 'a Vega-Lite spec needs a dozen levels at most: look for brackets opened here and never closed',
  }),
  specTooLarge: (bytes: number, limit: number): MessageText => ({
    ruleId: 'chart:spec-too-complex',
    message: `This chart spec is ${Math.round(bytes / 1024)} KB, more than the ${Math.round(limit / 1024)} KB a spec may be`,
    hint: 'a spec describes the chart; its figures come from the data file, not from the spec',
  }),
  specNotObject: (): MessageText => ({
    ruleId: 'chart:spec-syntax',
    message: 'A chart spec must be a JSON object (a Vega-Lite specification)',
    hint: 'start the file with `{` and the keys of a Vega-Lite spec',
  }),
  specUnsafe: (what: string): MessageText => ({
    ruleId: 'chart:spec-unsafe',
    message: `This chart spec uses ${what}, which would make the published chart load or link to something elsewhere`,
    hint: 'remove it: a chart in the plan is a picture of its data and nothing more',
  }),
  unsafeSvg: (removed: readonly string[]): MessageText => ({
    ruleId: 'chart:unsafe-svg',
    message: `The chart drawn from this spec held ${removed.slice(0, 3).map((r) => `\`${r.length > 60 ? `${r.slice(0, 57)}…` : r}\``).join(', ')}${removed.length > 3 ? ` and ${removed.length - 3} more` : ''}, which could load or run something, so it was taken out of the picture`,
    hint: 'paint, clip and links in a chart may only point within the chart: remove the url(…), link or picture from the spec or theme',
  }),
  specHasData: (where: string): MessageText => ({
    ruleId: 'chart:spec-has-data',
    message: `This chart spec carries its own data (${where}); figures belong in the plan's data files`,
    hint: 'use `"data": {"name": "table"}`; the build supplies the values from the chart\'s data file',
  }),
  specNoData: (): MessageText => ({
    ruleId: 'chart:spec-no-data',
    message: 'This chart spec does not use the data named `table`',
    hint: 'add `"data": {"name": "table"}` at the top level of the spec',
  }),
  specUnknownData: (name: string): MessageText => ({
    ruleId: 'chart:spec-unknown-data',
    message: `This chart spec asks for data named \`${name}\`; the build supplies only \`table\``,
    hint: 'use `"data": {"name": "table"}`, and derive anything else with transforms',
  }),
  specUnknownField: (field: string, suggestion: string | undefined, fields: readonly string[]): MessageText => ({
    ruleId: 'chart:unknown-field',
    message: `This chart spec uses the field \`${field}\`, which the data does not have${didYouMean(suggestion)}`,
    hint: `the fields are ${list(fields)}, and those the spec's transforms make`,
  }),
  specInvalid: (detail: string): MessageText => ({
    ruleId: 'chart:spec-invalid',
    message: `This chart spec could not be drawn: ${detail}`,
    hint: 'check the spec against the Vega-Lite documentation (https://vega.github.io/vega-lite/docs/)',
  }),
  specExpression: (expression: string, detail: string): MessageText => ({
    ruleId: 'chart:spec-expression',
    message: `The expression \`${expression}\` cannot be read: ${detail}`,
    hint: 'check it against the Vega expression language (https://vega.github.io/vega/docs/expressions/)',
  }),
  specExpressionRefused: (expression: string, problem: Exclude<ExpressionProblem, { kind: 'syntax' }>): MessageText => ({
    ruleId: 'chart:spec-expression-unsafe',
    message: `The expression \`${short(expression)}\` ${
      {
        function: () => `calls \`${(problem as { name: string }).name}\`, which a chart may not use`,
        callee: () => 'calls something other than a named function',
        regex: () => 'holds a regular expression, which a chart may not use',
        array: () => `writes out an array of ${(problem as { items: number }).items} items, more than the ${MAX_EXPRESSION_ARRAY_ITEMS} an expression may hold`,
        property: () => `reads \`${(problem as { name: string }).name}\`, which leads out of the chart's data`,
      }[problem.kind]()
    }`,
    hint:
      problem.kind === 'function'
        ? `${problem.reason ? `\`${problem.name}\` is refused because ${problem.reason}. ` : ''}A chart's expressions may use arithmetic, formatting, text, date, colour and scale functions; docs/charts.md lists them`
        : problem.kind === 'regex'
          ? 'a regular expression can take minutes on a short text: compare with `indexof` or `==` instead'
          : 'a chart draws the rows of its data file: make the figures a data file, not part of the spec',
  }),
  specPastLimit: (what: SpecLimit, found: number, limit: number): MessageText => ({
    ruleId: 'chart:spec-too-complex',
    message: `This chart spec ${specLimitText[what](found, limit)}, more than a chart in a plan needs`,
    hint: specLimitHint[what],
  }),
  specGenerator: (name: string): MessageText => ({
    ruleId: 'chart:spec-has-data',
    message: `This chart spec makes its own data with a \`${name}\` generator`,
    hint: 'a chart in a plan draws its data file: use `"data": {"name": "table"}`',
  }),
  tooLarge: (figure: string, what: 'rows' | 'marks' | 'svg' | 'time' | 'memory', found: number | undefined, limit: number): MessageText => ({
    ruleId: 'chart:too-large',
    message: {
      rows: () => `The chart #${figure} drawn from this spec made ${found} rows of data, more than the ${limit} a chart may hold`,
      marks: () => `The chart #${figure} drawn from this spec has ${found} marks, more than the ${limit} a chart may hold`,
      svg: () => `The chart #${figure} drawn from this spec is ${Math.round((found ?? 0) / 1024)} KB of SVG, more than the ${Math.round(limit / 1024)} KB a chart may be`,
      time: () => `The chart #${figure} drawn from this spec was still drawing after ${limit / 1000} s, so it was stopped`,
      memory: () => `The chart #${figure} drawn from this spec needed more than the ${limit} MB of memory a chart may use, so it was stopped`,
    }[what](),
    hint: 'look for a transform that makes rows (flatten, fold, a fine bin, a facet or repeat) or a very wide or tall view, and check the spec draws only its data file\'s figures',
  }),
  specWarning: (detail: string): MessageText => ({
    ruleId: 'chart:spec-warning',
    severity: 'warning',
    message: `Vega-Lite: ${detail}`,
    hint: 'check the spec against the Vega-Lite documentation (https://vega.github.io/vega-lite/docs/)',
  }),
  missingTheme: (dirs: readonly string[]): MessageText => ({
    ruleId: 'chart:missing-theme',
    message: `No chart theme (theme.json) in ${dirs.join(' or ')}`,
    hint: 'restore templates/charts/theme.json, or add one to the plan\'s templates/charts/',
  }),
  tooWide: (width: number, target: number): MessageText => ({
    ruleId: 'chart:too-wide',
    severity: 'warning',
    message: `This chart is ${Math.round(width)}px wide and cannot be made to fit ${target}px`,
    hint: 'shorten the longest labels, or show fewer rows or columns',
  }),
};
