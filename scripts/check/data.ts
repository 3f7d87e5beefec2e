/**
 * Checks a schema alone cannot make: that rows fit their columns, that stated
 * totals agree with computed ones, that names are unique. One check per kind.
 */
import { budgetTotals, rowLabelKey, statedMismatches } from '../figures/budget.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/index.ts';
import { formatValue } from '../figures/format.ts';
import { budgetMessages, figureMessages, reviewMessages, schemaMessages, tableMessages } from '../messages/data.ts';
import { dateMessage, isDateText } from '../schema/common.ts';
import type { BudgetData, DataFile, GlossaryData, ReviewData, TableData } from '../schema/index.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { kindOf } from '../load/validate.ts';
import { placeOf, type YamlSource } from '../load/yaml-source.ts';

type Check<T> = (data: T, source: YamlSource) => Diagnostic[];

const checkTable: Check<TableData> = (table, source) => {
  const out: Diagnostic[] = [];
  const columns = new Map(table.columns.map((c) => [c.key, c]));
  const seen = new Set<string>();
  table.columns.forEach((c, i) => {
    if (seen.has(c.key)) out.push(diagnostic(source.file, placeOf(source, ['columns', i, 'key']), schemaMessages.duplicate('column key', c.key)));
    seen.add(c.key);
  });
  table.rows.forEach((row, r) => {
    // A cell left out is a mistake that would pass as "no figure": null says so on purpose.
    for (const column of table.columns) {
      if (!Object.hasOwn(row, column.key)) out.push(diagnostic(source.file, placeOf(source, ['rows', r]), tableMessages.missingCell(column.key, r + 1)));
    }
    for (const [key, cell] of Object.entries(row)) {
      const column = columns.get(key);
      if (!column) {
        out.push(diagnostic(source.file, placeOf(source, ['rows', r, key], 'key'), schemaMessages.unknownColumn(key, suggest(key, columns.keys()))));
        continue;
      }
      const numeric = column.type === 'number' || column.type === 'currency' || column.type === 'percent';
      if (numeric && cell !== null && typeof cell !== 'number') {
        out.push(diagnostic(source.file, placeOf(source, ['rows', r, key]), schemaMessages.cellType(key, column.type, kindOf(cell))));
      }
      if (column.type === 'date' && cell !== null && !isDateText(cell)) {
        out.push(diagnostic(source.file, placeOf(source, ['rows', r, key]), tableMessages.notADate(key, dateMessage(cell))));
      }
    }
  });
  return out;
};

const checkBudget: Check<BudgetData> = (budget, source) => {
  const out: Diagnostic[] = [];
  const label = rowLabelKey(budget);
  const allowed = new Set([label, 'stated-total', ...budget.columns.map((c) => c.key)]);
  budget.rows.forEach((row, r) => {
    for (const [key, cell] of Object.entries(row)) {
      if (!allowed.has(key)) {
        out.push(diagnostic(source.file, placeOf(source, ['rows', r, key], 'key'), schemaMessages.unknownColumn(key, suggest(key, allowed))));
      } else if (key !== label && cell !== null && typeof cell !== 'number') {
        out.push(diagnostic(source.file, placeOf(source, ['rows', r, key]), schemaMessages.cellType(key, 'currency', kindOf(cell))));
      } else if (typeof cell === 'number' && cell < 0) {
        out.push(diagnostic(source.file, placeOf(source, ['rows', r, key]), schemaMessages.invalidValue(`\`${key}\``, 'a contribution cannot be negative')));
      }
    }
  });
  for (const key of Object.keys(budget.stated ?? {})) {
    if (key !== 'total' && !budget.columns.some((c) => c.key === key)) {
      out.push(diagnostic(source.file, placeOf(source, ['stated', key], 'key'), budgetMessages.unknownStated(key)));
    }
  }
  if (out.length > 0) return out;
  const money = (n: number): string => formatValue(n, 'currency');
  for (const m of statedMismatches(budget, budgetTotals(budget))) {
    out.push(diagnostic(source.file, placeOf(source, m.path), budgetMessages.statedTotalDiffers(m.what, money(m.stated), money(m.computed))));
  }
  return out;
};

const checkGlossary: Check<GlossaryData> = (glossary, source) => {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  glossary.terms.forEach((t, i) => {
    if (seen.has(t.term)) out.push(diagnostic(source.file, placeOf(source, ['terms', i, 'term']), schemaMessages.duplicate('glossary term', t.term)));
    seen.add(t.term);
  });
  return out;
};

// A review carried over from last year's priorities starts with every outcome unwritten: each is listed, like a :::to-be-supplied block.
const checkReview: Check<ReviewData> = (review, source) =>
  review.items.flatMap((item, i) =>
    item.outcome ? [] : [diagnostic(source.file, placeOf(source, ['items', i, 'action']), reviewMessages.outcomeToBeSupplied(item.action))],
  );

const checks: { [K in DataFile['kind']]?: Check<Extract<DataFile, { kind: K }>> } = {
  table: checkTable,
  budget: checkBudget,
  glossary: checkGlossary,
  review: checkReview,
};

export function checkData(data: DataFile, source: YamlSource): Diagnostic[] {
  const check = checks[data.kind] as Check<DataFile> | undefined;
  return [...(check ? check(data, source) : []), ...directivesNotRead(data, source)];
}

/** A directive in a caption or a column heading, which are plain text: said, not published raw. */
function directivesNotRead(data: DataFile, source: YamlSource): Diagnostic[] {
  const fields: Array<{ path: Array<string | number>; text: string }> = [];
  if ('caption' in data && typeof data.caption === 'string') fields.push({ path: ['caption'], text: data.caption });
  if ((data.kind === 'table' || data.kind === 'budget') && data.columns) {
    data.columns.forEach((c, i) => fields.push({ path: ['columns', i, 'label'], text: c.label }));
  }
  return fields
    .filter((f) => /:[a-z][\w-]*[[{]/i.test(f.text))
    .map((f) => diagnostic(source.file, placeOf(source, f.path), figureMessages.directiveNotRead(String(f.path.at(-1)))));
}
