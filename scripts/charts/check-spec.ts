/**
 * What a spec must be to take a plan's data: it reads the one data source the build supplies
 * (`table`), carries no figures of its own, uses only the fields binding provides (or that its
 * own transforms make), and may say in `usermeta.yjplan` what goes on its category axis and
 * what tells its series apart. Checked once per spec, before any chart is drawn, so a broken
 * spec is reported at its own file and line rather than as a blank chart.
 */
// Vega's own expression parser (vega re-exports it), without loading the rest of Vega.
import { parseExpression } from 'vega-expression';
import * as csstree from 'css-tree';
import type { Place } from '../diagnostics/index.ts';
import { chartMessages } from '../messages/chart.ts';
import { suggest } from '../diagnostics/suggest.ts';
import type { Dimension, Roles } from './bind.ts';
import { placeAt, type FileProblem, type JsonObject, type SpecFile } from './specs.ts';

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

  // Expressions: Vega would fail on the first bad one with no word of where it is.
  walk(spec.json, (key, value, path) => {
    if (!expressionKeys.has(key) || typeof value !== 'string') return;
    try {
      parseExpression(value);
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      report(chartMessages.specExpression(value, detail ?? ''), at(path));
    }
  });

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

/** Keys whose string value is a Vega expression. */
const expressionKeys = new Set(['calculate', 'filter', 'test', 'expr', 'labelExpr']);

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
