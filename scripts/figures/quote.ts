/**
 * Every figure in the plan, quotable by one name, from the one place it is written:
 *
 *   plan.period                          a detail of plan.yaml
 *   headline-figures.fte-rate            a value, or a derived figure, of a values file
 *   custody-rate.Rotherham.apr18-mar19   a table's cell: file, row (its heading, or that as a slug), column key
 *   fte-outcomes.total.q1-total          a column's total        custody-rate.Rotherham.total  a row's total
 *   budget.total  budget.staffing        a budget's grand and column totals (as before)
 *
 * A derived figure is worked out from quoted figures by one operation of a small vocabulary
 * (see scripts/schema/values.ts); there are no expressions. Each figure knows where it is written,
 * so the preview can show it, and what the source states when that disagrees.
 */
import type { Diagnostic, MessageText, Place } from '../diagnostics/index.ts';
import { diagnostic } from '../diagnostics/index.ts';
import { suggest } from '../diagnostics/suggest.ts';
import type { DataEntry } from '../load/index.ts';
import { kindOf } from '../load/validate.ts';
import { placeOf, type YamlPath, type YamlSource } from '../load/yaml-source.ts';
import { figureMessages } from '../messages/data.ts';
import type { BudgetData, PlanMeta, TableData } from '../schema/index.ts';
import type { ValueType } from '../schema/common.ts';
import { derivedOperations, type DerivedFigure } from '../schema/values.ts';
import { budgetTotals, rowLabelKey, statedMismatches } from './budget.ts';
import { formatValue } from './format.ts';
import { agrees } from './stated.ts';

export interface QuotedFigure {
  value: number | string | null;
  type: ValueType;
  decimals?: number | undefined;
  /** Where the figure is written, or worked out. */
  from: { file: string; place: Place };
  /** What the source states, when it disagrees with this figure. */
  stated?: { value: number | string; text: string } | undefined;
  /** Which figure of which data file it is: what the small-numbers rules look at. */
  origin?: FigureOrigin | undefined;
  /** Set when the small-numbers setting withholds the figure, or warns about it. */
  withheld?: WithheldFigure | undefined;
}

export type FigureOrigin =
  | { kind: 'cell'; data: string; row: number; column: string }
  | { kind: 'column-total'; data: string; column: string }
  | { kind: 'row-total'; data: string; row: number }
  | { kind: 'value'; data: string; key: string }
  | { kind: 'derived'; data: string; key: string };

export interface WithheldFigure {
  /** `small`: a count below the threshold; `reveals`: a figure that would let one be worked out. */
  reason: 'small' | 'reveals';
  action: 'warn' | 'suppress';
  /** What running text shows in its place ("fewer than 5"). */
  prose: string;
  /** What the editor is told where the figure is quoted. */
  message: MessageText;
}

export type Quote = { ok: true; figure: QuotedFigure } | { ok: false; problem: MessageText; reported?: boolean };

export interface Figures {
  quote(ref: string): Quote;
  /** Every name that can be quoted, for suggestions. */
  known(): string[];
  /** Problems with derived figures, and stated figures that disagree, at their YAML lines. */
  check(): Diagnostic[];
}

export interface PlanDetails {
  meta: PlanMeta;
  source: YamlSource;
}

/** The en-GB text of a quoted figure. */
export const figureText = (figure: QuotedFigure): string =>
  figure.withheld?.action === 'suppress' ? figure.withheld.prose : formatValue(figure.value, figure.type, figure.decimals);

const planKeys = ['authority', 'service', 'title', 'period', 'published', 'version', 'status'] as const;

const normal = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();
export const slugOf = (s: string): string => normal(s).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const sameName = (given: string, label: string): boolean => normal(given) === normal(label) || given === slugOf(label);
const roundTo = (n: number, places: number): number => Math.round(n * 10 ** places) / 10 ** places;
const isFigureType = (type: ValueType): boolean => type === 'number' || type === 'currency' || type === 'percent';

/** Splits `file.rest`: the file name before the first dot; a column key (never dotted) after the last. */
export function splitRef(ref: string): { file: string; row?: string; key: string } | undefined {
  const first = ref.indexOf('.');
  if (first <= 0) return undefined;
  const file = ref.slice(0, first);
  const rest = ref.slice(first + 1);
  const last = rest.lastIndexOf('.');
  if (!rest) return undefined;
  return last < 0 ? { file, key: rest } : { file, row: rest.slice(0, last), key: rest.slice(last + 1) };
}

export function createFigures(data: ReadonlyMap<string, DataEntry>, plan?: PlanDetails): Figures {
  const derivedCache = new Map<string, Quote>();
  const working = new Set<string>();
  const derivedProblems: Diagnostic[] = [];

  const ok = (figure: QuotedFigure): Quote => ({ ok: true, figure });
  const fail = (problem: MessageText, reported = false): Quote => ({ ok: false, problem, reported });
  const at = (entry: DataEntry, path: YamlPath): { file: string; place: Place } => ({ file: entry.file, place: placeOf(entry.source, path) });
  const unknown = (ref: string): Quote => fail(figureMessages.unknownFigure(ref, suggest(ref, known())));

  function quote(ref: string): Quote {
    const parts = splitRef(ref.trim());
    if (!parts) return unknown(ref);
    if (parts.file === 'plan' && !parts.row && plan && !data.has('plan')) return planDetail(ref, parts.key);
    const entry = data.get(parts.file);
    if (!entry) return unknown(ref);
    const value = entry.value;
    switch (value.kind) {
      case 'values':
        return parts.row === undefined ? valuesFigure(entry, ref, parts.key) : unknown(ref);
      case 'table':
        return parts.row === undefined ? unknown(ref) : tableFigure(entry, value, ref, parts.row, parts.key);
      case 'budget':
        return budgetFigure(entry, value, ref, parts.row, parts.key);
      default:
        return unknown(ref);
    }
  }

  function planDetail(ref: string, key: string): Quote {
    if (!plan || !(planKeys as readonly string[]).includes(key)) return unknown(ref);
    const value = plan.meta[key as (typeof planKeys)[number]];
    if (value === undefined) return fail(figureMessages.planDetailMissing(key));
    return ok({ value, type: key === 'published' ? 'date' : 'text', from: { file: 'plan.yaml', place: placeOf(plan.source, [key]) } });
  }

  function valuesFigure(entry: DataEntry, ref: string, key: string): Quote {
    if (entry.value.kind !== 'values') return unknown(ref);
    const values = entry.value.values;
    // Own keys only: `:value[figures.constructor]` must not find Object.prototype.constructor.
    if (Object.hasOwn(values, key)) {
      const v = values[key]!;
      return ok({ value: v.value, type: v.type, decimals: 'decimals' in v ? v.decimals : undefined, from: at(entry, ['values', key]), origin: { kind: 'value', data: entry.name, key } });
    }
    const derived = entry.value.derived;
    if (derived && Object.hasOwn(derived, key)) return derivedFigure(entry, key, derived[key]!);
    return unknown(ref);
  }

  function tableFigure(entry: DataEntry, table: TableData, ref: string, rowName: string, key: string): Quote {
    const header = table.columns.find((c) => c.header) ?? table.columns.find((c) => c.type === 'text');
    const r = table.rows.findIndex((row, i) => sameName(rowName, rowLabel(row[header?.key ?? ''], i)));
    const c = table.columns.findIndex((col) => col.key === key);
    if (r >= 0 && c >= 0) {
      const column = table.columns[c]!;
      const row = table.rows[r]!;
      const cell = Object.hasOwn(row, column.key) ? row[column.key] : null;
      return ok({
        value: typeof cell === 'boolean' || cell === undefined ? String(cell ?? '') : cell,
        type: column.type,
        decimals: column.decimals,
        from: at(entry, Object.hasOwn(row, column.key) ? ['rows', r, column.key] : ['rows', r]),
        origin: { kind: 'cell', data: entry.name, row: r, column: column.key },
      });
    }
    const figures = table.columns.filter((col) => isFigureType(col.type) && !col.header);
    if (r < 0 && normal(rowName) === 'total' && c >= 0) {
      const column = table.columns[c]!;
      if (!isFigureType(column.type)) return fail(figureMessages.notAFigure(ref, 'a column of text'));
      return ok({
        value: sum(table.rows.map((row) => row[column.key])),
        type: column.type,
        decimals: column.decimals,
        from: at(entry, ['columns', c, 'key']),
        origin: { kind: 'column-total', data: entry.name, column: column.key },
      });
    }
    if (r >= 0 && key === 'total' && figures.length > 0) {
      const row = table.rows[r]!;
      return ok({
        value: sum(figures.map((col) => row[col.key])),
        type: figures[0]!.type,
        decimals: figures[0]!.decimals,
        from: at(entry, ['rows', r]),
        origin: { kind: 'row-total', data: entry.name, row: r },
      });
    }
    return unknown(ref);
  }

  function budgetFigure(entry: DataEntry, budget: BudgetData, ref: string, rowName: string | undefined, key: string): Quote {
    const totals = budgetTotals(budget);
    const mismatches = statedMismatches(budget, totals);
    const money = (value: number | null, path: YamlPath, statedPath?: YamlPath): Quote => {
      const stated = statedPath && mismatches.find((m) => m.path.join('.') === statedPath.join('.'));
      return ok({ value, type: 'currency', from: at(entry, path), stated: stated ? { value: stated.stated, text: formatValue(stated.stated, 'currency') } : undefined });
    };
    const column = budget.columns.findIndex((c) => c.key === key);
    const columnTotal = (): Quote => money(totals.columns[key]!, ['columns', column, 'key'], ['stated', key]);
    if (rowName === undefined) {
      if (key === 'total') return money(totals.grand, ['rows'], ['stated', 'total']);
      return column >= 0 ? columnTotal() : unknown(ref);
    }
    const label = rowLabelKey(budget);
    const r = budget.rows.findIndex((row, i) => sameName(rowName, rowLabel(row[label], i)));
    if (r < 0) return normal(rowName) === 'total' && column >= 0 ? columnTotal() : unknown(ref);
    if (key === 'total') return money(totals.rows[r]!, ['rows', r], ['rows', r, 'stated-total']);
    if (column < 0) return unknown(ref);
    const cell = budget.rows[r]![key];
    return money(typeof cell === 'number' ? cell : null, Object.hasOwn(budget.rows[r]!, key) ? ['rows', r, key] : ['rows', r]);
  }

  function derivedFigure(entry: DataEntry, name: string, def: DerivedFigure): Quote {
    const id = `${entry.name}.${name}`;
    const cached = derivedCache.get(id);
    if (cached) return cached;
    const path: YamlPath = ['derived', name];
    if (working.has(id)) {
      derivedProblems.push(diagnostic(entry.file, placeOf(entry.source, path, 'key'), figureMessages.cycle(id)));
      return fail(figureMessages.cycle(id), true);
    }
    working.add(id);
    const result = work(entry, name, def, path);
    working.delete(id);
    derivedCache.set(id, result);
    return result;
  }

  /** Works out one derived figure; each problem is reported once, at its operand's line. */
  function work(entry: DataEntry, name: string, def: DerivedFigure, path: YamlPath): Quote {
    const op = derivedOperations.find((o) => def[o] !== undefined)!;
    const problem = (text: MessageText, where: YamlPath): Quote => {
      derivedProblems.push(diagnostic(entry.file, placeOf(entry.source, where), text));
      return fail(text, true);
    };
    const from = at(entry, path);
    const operand = (ref: string, where: YamlPath, allowEmpty = false): QuotedFigure | Quote => {
      const q = quote(ref);
      if (!q.ok) return q.reported ? q : problem(q.problem, where);
      if (typeof q.figure.value === 'number') return q.figure;
      if (q.figure.value === null && allowEmpty) return q.figure;
      return problem(q.figure.value === null ? figureMessages.noFigure(ref) : figureMessages.notAFigure(ref, kindOf(q.figure.value)), where);
    };
    const isQuote = (v: QuotedFigure | Quote): v is Quote => 'ok' in v;
    const finish = (value: number | string, type: ValueType, decimals: number | undefined): Quote => {
      const rounded = typeof value === 'number' ? roundTo(value, 10) : value;
      const figure: QuotedFigure = { value: rounded, type: def.type ?? type, decimals: def.decimals ?? decimals, from, origin: { kind: 'derived', data: entry.name, key: name } };
      if (def.stated !== undefined && !agrees(def.stated, rounded, def.decimals)) {
        const statedText = formatValue(def.stated, figure.type);
        figure.stated = { value: def.stated, text: statedText };
        derivedProblems.push(
          diagnostic(entry.file, placeOf(entry.source, [...path, 'stated']), figureMessages.statedDiffers(def.label ? `“${def.label}”` : `\`${entry.name}.${name}\``, statedText, formatValue(rounded, figure.type, figure.decimals))),
        );
      }
      return ok(figure);
    };
    // Shares and changes are shown to one decimal place unless the figure says otherwise.
    const percentPlaces = (n: number): number => (def.decimals === undefined ? roundTo(n, 1) : n);

    switch (op) {
      case 'difference':
      case 'change':
      case 'share': {
        const [a, b] = def[op]!.map((ref, i) => operand(ref, [...path, op, i]));
        if (isQuote(a!)) return a!;
        if (isQuote(b!)) return b!;
        const x = a!.value as number;
        const y = b!.value as number;
        if (op === 'difference') return finish(x - y, a!.type, maxDecimals([a!, b!]));
        const base = op === 'change' ? x : y;
        if (base === 0) return problem(figureMessages.divideByZero(def[op]![op === 'change' ? 0 : 1]), [...path, op, op === 'change' ? 0 : 1]);
        return finish(percentPlaces(op === 'change' ? ((y - x) / Math.abs(x)) * 100 : (x / y) * 100), 'percent', undefined);
      }
      case 'sum': {
        const figures: QuotedFigure[] = [];
        for (const [i, ref] of def.sum!.entries()) {
          const f = operand(ref, [...path, 'sum', i], true);
          if (isQuote(f)) return f;
          figures.push(f);
        }
        return finish(sum(figures.map((f) => f.value)), figures[0]!.type, maxDecimals(figures));
      }
      case 'count': {
        const target = data.get(def.count!);
        if (!target) return problem(figureMessages.unknownFigure(def.count!, suggest(def.count!, data.keys())), [...path, 'count']);
        if (target.value.kind !== 'table' && target.value.kind !== 'budget') return problem(figureMessages.notATable(def.count!), [...path, 'count']);
        return finish(target.value.rows.length, 'number', 0);
      }
      case 'size': {
        const f = operand(def.size!, [...path, 'size']);
        if (isQuote(f)) return f;
        return finish(Math.abs(f.value as number), f.type, f.decimals);
      }
      case 'figure': {
        const q = quote(def.figure!);
        if (!q.ok) return q.reported ? q : problem(q.problem, [...path, 'figure']);
        return finish(q.figure.value ?? '', q.figure.type, q.figure.decimals);
      }
      case 'heading': {
        const parts = splitRef(def.heading!);
        const target = parts && !parts.row ? data.get(parts.file) : undefined;
        const columns = target && (target.value.kind === 'table' || target.value.kind === 'budget') ? target.value.columns : [];
        const column = columns.find((c) => c.key === parts?.key);
        if (!column) {
          const names = [...data.values()].flatMap((e) => (e.value.kind === 'table' || e.value.kind === 'budget' ? e.value.columns.map((c) => `${e.name}.${c.key}`) : []));
          return problem(figureMessages.unknownFigure(def.heading!, suggest(def.heading!, names)), [...path, 'heading']);
        }
        return finish(column.label, 'text', undefined);
      }
    }
  }

  let knownCache: string[] | undefined;
  function known(): string[] {
    if (knownCache) return knownCache;
    const out: string[] = plan ? planKeys.map((k) => `plan.${k}`) : [];
    for (const entry of data.values()) {
      const v = entry.value;
      if (v.kind === 'values') out.push(...[...Object.keys(v.values), ...Object.keys(v.derived ?? {})].map((k) => `${entry.name}.${k}`));
      if (v.kind === 'budget') {
        const label = rowLabelKey(v);
        out.push(`${entry.name}.total`, ...v.columns.map((c) => `${entry.name}.${c.key}`));
        for (const row of v.rows) out.push(...[...v.columns.map((c) => c.key), 'total'].map((k) => `${entry.name}.${String(row[label])}.${k}`));
      }
      if (v.kind === 'table') {
        const header = v.columns.find((c) => c.header) ?? v.columns.find((c) => c.type === 'text');
        const keys = v.columns.filter((c) => c !== header).map((c) => c.key);
        v.rows.forEach((row, i) => out.push(...keys.map((k) => `${entry.name}.${rowLabel(row[header?.key ?? ''], i)}.${k}`)));
        out.push(...keys.map((k) => `${entry.name}.total.${k}`));
      }
    }
    return (knownCache = out);
  }

  function check(): Diagnostic[] {
    for (const entry of data.values()) {
      if (entry.value.kind !== 'values') continue;
      for (const [name, def] of Object.entries(entry.value.derived ?? {})) derivedFigure(entry, name, def);
    }
    return [...derivedProblems];
  }

  return { quote, known, check };
}

const rowLabel = (cell: unknown, index: number): string => (cell === null || cell === undefined || cell === '' ? `Row ${index + 1}` : String(cell));

// Summed in millionths, so 0.1 + 0.2 is 0.3 and pence stay exact.
function sum(cells: ReadonlyArray<unknown>): number {
  return cells.reduce<number>((total, v) => total + (typeof v === 'number' ? Math.round(v * 1e6) : 0), 0) / 1e6;
}

function maxDecimals(figures: readonly QuotedFigure[]): number | undefined {
  const places = figures.map((f) => f.decimals).filter((d): d is number => d !== undefined);
  return places.length ? Math.max(...places) : undefined;
}
