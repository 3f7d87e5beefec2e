/**
 * What a spec must be to take a plan's data: it reads the one data source the build supplies
 * (`table`), carries no figures of its own, uses only the fields binding provides (or that its
 * own transforms make), and may say in `usermeta.yjplan` what goes on its category axis and
 * what tells its series apart. Checked once per spec, before any chart is drawn, so a broken
 * spec is reported at its own file and line rather than as a blank chart.
 */
import * as csstree from '../safety/css-tree.ts';
import type { Place } from '../diagnostics/index.ts';
import { chartMessages } from '../messages/chart.ts';
import { suggest } from '../diagnostics/suggest.ts';
import type { Dimension, Roles } from './bind.ts';
import { checkExpression, allowedFunctions, problemNeedle } from './expressions.ts';
import { specLimits } from './spec-limits.ts';
import { placeAt, placeInString, type FileProblem, type JsonObject, type SpecFile } from './specs.ts';
import { jsonInvisibleProblems } from '../safety/invisible.ts';
import type { Node as JsonNode } from 'jsonc-parser';

/** The fields of every bound datum (see BoundDatum). */
export const boundFields = [
  'row',
  'rowIndex',
  'column',
  'columnKey',
  'columnIndex',
  'group',
  'value',
  'label',
  'category',
  'categoryIndex',
  'series',
  'seriesIndex',
  'last',
] as const;

/** The data source the build fills. */
export const dataName = 'table';

/** Roles for a spec that does not say: periods across, a series per row, as most tables are laid out. */
const defaultRoles: Roles = { category: 'column', series: 'row' };

export interface CheckedSpec {
  roles: Roles;
  problems: FileProblem[];
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export function checkSpec(spec: SpecFile): CheckedSpec {
  const problems: FileProblem[] = [];
  // Places come from the JSON parser's positions, so escapes in keys and values make no difference.
  const at = (path: JsonPath, part: 'key' | 'value' = 'key'): Place | undefined => placeAt(spec, path, part);
  const report = (text: FileProblem['text'], place: Place | undefined): void => {
    problems.push({ file: spec.file, place, text });
  };

  // Data: only the named source `table`, nothing inline.
  const names = new Set<string>();
  if ('datasets' in spec.json) report(chartMessages.specHasData('`datasets`'), at(['datasets']));
  const namePaths = new Map<string, JsonPath>();
  walk(spec.json, (key, value, path) => {
    if (key !== 'data' || !isObject(value)) return;
    if ('values' in value) report(chartMessages.specHasData('`"data": {"values": …}`'), at([...path, 'values']));
    else if ('url' in value) report(chartMessages.specHasData('`"data": {"url": …}`'), at([...path, 'url']));
    // A sequence makes numbers, not figures (limited below); a graticule or sphere is for maps, which a plan does not draw.
    else if ('graticule' in value || 'sphere' in value) report(chartMessages.specGenerator('graticule' in value ? 'graticule' : 'sphere'), at([...path, 'graticule' in value ? 'graticule' : 'sphere']));
    else if (typeof value.name === 'string') {
      names.add(value.name);
      if (!namePaths.has(value.name)) namePaths.set(value.name, [...path, 'name']);
    }
  });
  for (const name of names) {
    if (name !== dataName) report(chartMessages.specUnknownData(name), at(namePaths.get(name)!));
  }
  if (!names.has(dataName) && !problems.length) report(chartMessages.specNoData(), { line: 1, column: 1 });

  // Links and pictures: the published chart loads nothing and leads nowhere.
  walk(spec.json, (key, value, path) => {
    if ((key === 'href' || key === 'url') && value !== undefined) report(chartMessages.specUnsafe(`\`${key}\``), at(path));
    if (key === 'mark' && (value === 'image' || (isObject(value) && value.type === 'image'))) report(chartMessages.specUnsafe('an `image` mark'), at(isObject(value) ? [...path, 'type'] : path, 'value'));
  });
  problems.push(...unsafePaints(spec));
  // Titles and labels are published inside the SVG as written: the same characters as in Markdown and YAML are refused.
  problems.push(...invisibleInSpec(spec));

  // Fields: those binding provides, and those the spec's own transforms make.
  const made = new Set<string>();
  let dynamic = false;
  walk(spec.json, (key, value) => {
    if (key !== 'transform' || !Array.isArray(value)) return;
    for (const t of value.filter(isObject)) {
      if ('pivot' in t || 'lookup' in t) dynamic = true; // they make fields named by the data
      collectAs(t, made);
    }
  });
  if (!dynamic) {
    const known = new Set<string>([...boundFields, ...made]);
    const reported = new Set<string>();
    walk(spec.json, (key, value, path) => {
      if (key !== 'encoding' || !isObject(value)) return;
      for (const { field, at: where } of encodingFields(value, path)) {
        if (known.has(field) || reported.has(field)) continue;
        reported.add(field);
        report(chartMessages.specUnknownField(field, suggest(field, known), boundFields), at(where));
      }
    });
  }

  // Expressions: each parsed, and held to the functions a chart needs (expressions.ts).
  problems.push(...expressionProblems(spec));
  // Generators and transforms that multiply rows, views or ticks, held to limits a real chart never meets.
  for (const p of specLimits(spec.json)) report(chartMessages.specPastLimit(p.what, p.found, p.limit), at(p.path));

  // Roles: the spec's own, where it states them.
  const meta = isObject(spec.json.usermeta) && isObject(spec.json.usermeta.yjplan) ? spec.json.usermeta.yjplan : {};
  const roles: Roles = { ...defaultRoles };
  for (const role of ['category', 'series'] as const) {
    if (!(role in meta)) continue;
    const value = meta[role];
    if (value === 'row' || value === 'column' || value === 'group' || (role === 'series' && value === null)) {
      roles[role] = value as Dimension;
    } else {
      report(
        chartMessages.specInvalid(`\`usermeta.yjplan.${role}\` should be "row", "column" or "group"${role === 'series' ? ' or null' : ''}, not ${JSON.stringify(value)}`),
        at(['usermeta', 'yjplan', role]),
      );
    }
  }
  return { roles, problems };
}

/** Keys whose string value is a Vega expression (`signal` and `update` as Vega writes them, should a spec pass them through). */
const expressionKeys = new Set(['calculate', 'filter', 'test', 'expr', 'labelExpr', 'signal', 'update']);
/** Keys whose object value may be a predicate, whose `and`, `or` and `not` hold expressions. */
const predicateKeys = new Set(['filter', 'test']);
/** Format types Vega-Lite knows; any other names a function it will call. */
const builtInFormatTypes = new Set(['number', 'time', 'utc']);

/**
 * Every expression in a spec or theme, checked: in the keys above, in predicates composed with
 * `and`, `or` and `not`, and in a `formatType`, which Vega-Lite calls as a function.
 */
export function expressionProblems(spec: SpecFile): FileProblem[] {
  const problems: FileProblem[] = [];
  const check = (expression: string, path: JsonPath): void => {
    const found = checkExpression(expression)[0];
    if (!found) return;
    const text = found.kind === 'syntax' ? chartMessages.specExpression(expression, found.detail) : chartMessages.specExpressionRefused(expression, found);
    // A broken expression is placed at its key, as before; a refused part at the part itself.
    const place = found.kind === 'syntax' ? placeAt(spec, path) : placeInString(spec, path, problemNeedle(found));
    problems.push({ file: spec.file, place, text });
  };
  const predicate = (value: unknown, path: JsonPath): void => {
    if (typeof value === 'string') check(value, path);
    else if (Array.isArray(value)) value.forEach((v, i) => predicate(v, [...path, i]));
    else if (isObject(value)) for (const key of ['and', 'or', 'not']) if (key in value) predicate(value[key], [...path, key]);
  };
  walk(spec.json, (key, value, path) => {
    if (expressionKeys.has(key) && typeof value === 'string') check(value, path);
    else if (predicateKeys.has(key) && isObject(value)) predicate(value, path);
    else if (key === 'formatType' && typeof value === 'string' && !builtInFormatTypes.has(value) && !allowedFunctions.has(value)) {
      problems.push({ file: spec.file, place: placeAt(spec, path, 'value'), text: chartMessages.specExpressionRefused(value, { kind: 'function', name: value, reason: undefined }) });
    }
  });
  return problems;
}

/** What the theme may not do, as for a spec: a paint from elsewhere, a refused expression, a size past the limits. */
export function themeProblems(theme: SpecFile): FileProblem[] {
  return [
    ...invisibleInSpec(theme),
    ...unsafePaints(theme),
    ...expressionProblems(theme),
    ...specLimits(theme.json, { views: false }).map((p) => ({ file: theme.file, place: placeAt(theme, p.path), text: chartMessages.specPastLimit(p.what, p.found, p.limit) })),
  ];
}

/** Control and direction characters in a spec's text, as written or as `\\u` escapes, each at its place. */
function invisibleInSpec(spec: SpecFile): FileProblem[] {
  const strings: JsonNode[] = [];
  const collect = (node: JsonNode): void => {
    if (node.type === 'string') strings.push(node);
    node.children?.forEach(collect);
  };
  collect(spec.tree);
  return jsonInvisibleProblems(spec.text, strings.map((n) => ({ offset: n.offset, length: n.length, value: String(n.value) }))).map((p) => ({ file: spec.file, ...p }));
}

type JsonPath = Array<string | number>;

/** Calls `visit` for every key and value in a JSON tree, parents first, with the value's path; skips `usermeta`. */
function walk(node: unknown, visit: (key: string, value: unknown, path: JsonPath) => void, path: JsonPath = []): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, visit, [...path, i]));
  } else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'usermeta') continue;
      visit(key, value, [...path, key]);
      walk(value, visit, [...path, key]);
    }
  }
}

/** Keys whose strings are words shown to the reader, not paint or style. */
const textKeys = new Set(['title', 'subtitle', 'text', 'description', 'name', 'as', 'field', 'format', 'timeFormat', 'numberFormat']);

/**
 * A string that would reach the SVG as a CSS value (a colour, a paint) may not name a url():
 * `"fill": "url(https://…)"` would make the chart fetch its paint. Read as CSS reads it, with
 * escapes decoded. The SVG sanitiser would take it out anyway; here it is said where it is.
 * Used for specs and the theme alike.
 */
export function unsafePaints(spec: SpecFile): FileProblem[] {
  const problems: FileProblem[] = [];
  const visit = (value: unknown, key: string, path: JsonPath): void => {
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, key, [...path, i]));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) visit(v, k, [...path, k]);
    else if (typeof value === 'string' && !textKeys.has(key) && !expressionKeys.has(key) && /\burl\s*\(|image(-set)?\s*\(|\bsrc\s*\(/i.test(csstree.ident.decode(value))) {
      problems.push({ file: spec.file, place: placeAt(spec, path, 'value'), text: chartMessages.specUnsafe(`\`${value.length > 40 ? `${value.slice(0, 37)}…` : value}\` as a paint or style`) });
    }
  };
  // usermeta too: nothing of a spec is exempt from this one.
  visit(spec.json, '', []);
  return problems;
}

function collectAs(transform: JsonObject, into: Set<string>): void {
  const add = (value: unknown): void => {
    if (typeof value === 'string') into.add(value);
    else if (Array.isArray(value)) value.forEach(add);
  };
  add(transform.as);
  // `stack` with one name also makes `<name>_end`.
  if ('stack' in transform && typeof transform.as === 'string') into.add(`${transform.as}_end`);
  for (const ops of ['window', 'joinaggregate', 'aggregate']) {
    const list = transform[ops];
    if (Array.isArray(list)) for (const op of list.filter(isObject)) add(op.as);
  }
  // Transforms whose outputs have default names.
  if ('fold' in transform && !('as' in transform)) ['key', 'value'].forEach((f) => into.add(f));
  if ('density' in transform && !('as' in transform)) ['value', 'density'].forEach((f) => into.add(f));
  if ('quantile' in transform && !('as' in transform)) ['prob', 'value'].forEach((f) => into.add(f));
}

/** The plain field names an encoding reads, including sort and condition fields, with where each is. */
function encodingFields(encoding: JsonObject, path: JsonPath): Array<{ field: string; at: JsonPath }> {
  const fields: Array<{ field: string; at: JsonPath }> = [];
  const fromDef = (def: unknown, at: JsonPath): void => {
    if (Array.isArray(def)) return def.forEach((d, i) => fromDef(d, [...at, i]));
    if (!isObject(def)) return;
    if (typeof def.field === 'string') fields.push({ field: def.field, at: [...at, 'field'] });
    if (isObject(def.sort) && typeof def.sort.field === 'string') fields.push({ field: def.sort.field, at: [...at, 'sort', 'field'] });
    if (def.condition !== undefined) fromDef(def.condition, [...at, 'condition']);
  };
  for (const [channel, def] of Object.entries(encoding)) fromDef(def, [...path, channel]);
  return fields;
}
