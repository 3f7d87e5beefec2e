/**
 * Tables from data: one builder per kind of data file, in a map keyed by kind.
 * Every table has a numbered caption, header cells with scopes, and sits in a
 * focusable scrolling region so a wide table never widens the page.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { budgetTotals, rowLabelKey, statedMismatches } from '../scripts/output/template-kit.ts';
import { formatValue } from '../scripts/output/template-kit.ts';
import type { BudgetData, Column, DataFile, GlossaryData, PrioritiesData, ReviewData, SignoffData, TableData } from '../scripts/output/template-kit.ts';
import { statusLabels } from '../scripts/output/template-kit.ts';

export interface TableOptions {
  /** The element id, for cross-references. */
  id: string;
  /** Its number among the plan's tables. */
  number: number;
  /**
   * Turns a text field that may hold Markdown into safe hast; given the field's path in the data
   * file (`['items', 0, 'outcome']`), it may quote figures and is reported at its own line.
   */
  markdown: (text: string, path?: ReadonlyArray<string | number>) => ElementContent[];
  /**
   * Cells withheld so that no child can be identified (plan.yaml `small-numbers`): the mark shown
   * in place of each (`<5`, `[c]`), and the notes that say what the marks mean.
   */
  withheld?: { cell(row: number, column: string): { text: string } | undefined; notes: readonly string[] } | undefined;
}

type Builder<T> = (data: T, options: TableOptions) => Element;

const numericTypes = new Set(['number', 'currency', 'percent']);

function wrap(options: TableOptions, caption: string, table: Element[], after: ElementContent[] = []): Element {
  const captionId = `${options.id}-caption`;
  return h('div.table-block', [
    h('div.table-wrap', { role: 'region', tabIndex: 0, ariaLabelledBy: captionId }, [
      h('table', [h('caption', { id: captionId }, [h('span.caption-label', `Table ${options.number}:`), ` ${caption}`]), ...table]),
    ]),
    ...after,
  ]);
}

function notes(lines: readonly string[] | undefined, source: string | undefined, options: TableOptions): ElementContent[] {
  const items = [...(lines ?? [])];
  // A note that publishes nothing (only a definition: the build says so at its line) leaves no empty paragraph.
  const out: ElementContent[] = items
    .map((line, i) => options.markdown(line, ['notes', i]))
    .filter((content) => content.some((c) => c.type !== 'text' || c.value.trim() !== ''))
    .map((content) => h('p.table-note', content));
  if (source) out.push(h('p.table-source', [h('span.visually-strong', 'Source: '), ...options.markdown(source, ['source'])]));
  return out;
}

const alignClass = (column: Column): string => {
  const align = column.align ?? (numericTypes.has(column.type) ? 'right' : 'left');
  return align === 'left' ? '' : `align-${align}`;
};

/**
 * A table from a `table` data file. Columns may be grouped under a shared heading (a second header
 * row). Scopes alone leave a grouped column's two headings to each engine's guesswork, and some
 * (HTML_CodeSniffer, IBM's checker) ask for more, so a grouped table also gives every header cell
 * an id and every cell the `headers` it sits under: its row's heading, its group, its column.
 */
const genericTable: Builder<TableData> = (table, options) => {
  const grouped = table.columns.some((c) => c.group);
  const head: Element[] = [];
  const colgroups: Element[] = [];
  /** The ids of the header cells over each column, outermost first (grouped tables only). */
  const over: string[][] = table.columns.map(() => []);
  if (grouped) {
    const top: Element[] = [];
    const second: Element[] = [];
    for (let i = 0; i < table.columns.length; ) {
      const column = table.columns[i]!;
      if (!column.group) {
        const id = `${options.id}-col-${i + 1}`;
        over[i]!.push(id);
        top.push(h('th', { id, scope: 'col', rowSpan: 2, className: alignClass(column) || undefined }, column.label));
        colgroups.push(h('col'));
        i++;
        continue;
      }
      const groupId = `${options.id}-group-${i + 1}`;
      let span = 0;
      while (table.columns[i + span]?.group === column.group) {
        const c = table.columns[i + span]!;
        const id = `${options.id}-col-${i + span + 1}`;
        over[i + span]!.push(groupId, id);
        second.push(h('th', { id, scope: 'col', headers: groupId, className: alignClass(c) || undefined }, c.label));
        span++;
      }
      top.push(h('th', { id: groupId, scope: 'colgroup', colSpan: span, className: 'group-header' }, column.group));
      colgroups.push(h('colgroup', { span }));
      i += span;
    }
    head.push(h('tr', top), h('tr', second));
  } else {
    head.push(h('tr', table.columns.map((c) => h('th', { scope: 'col', className: alignClass(c) || undefined }, c.label))));
  }
  const withheld = options.withheld;
  const body = table.rows.map((row, r) => {
    const rowHeads = grouped ? table.columns.flatMap((c, i) => (c.header ? [`${options.id}-row-${r + 1}-${i + 1}`] : [])) : [];
    return h(
      'tr',
      table.columns.map((c, i) => {
        const text = withheld?.cell(r, c.key)?.text ?? formatValue(row[c.key], c.type, c.decimals);
        const props = { className: alignClass(c) || undefined };
        if (!grouped) return c.header ? h('th', { ...props, scope: 'row' }, text) : h('td', props, text);
        const headers = over[i]!.join(' ');
        return c.header
          ? h('th', { ...props, id: `${options.id}-row-${r + 1}-${i + 1}`, scope: 'row', headers }, text)
          : h('td', { ...props, headers: [...rowHeads, headers].join(' ') }, text);
      }),
    );
  });
  const withheldNotes = (withheld?.notes ?? []).map((line) => h('p.table-note.withheld-note', line));
  return wrap(options, table.caption, [...colgroups, h('thead', head), h('tbody', body)], [...withheldNotes, ...notes(table.notes, table.source, options)]);
};

const budgetTable: Builder<BudgetData> = (budget, options) => {
  const totals = budgetTotals(budget);
  const label = rowLabelKey(budget);
  const money = (n: unknown): string => (typeof n === 'number' ? formatValue(n, 'currency') : '–');
  const head = h('tr', [
    h('th', { scope: 'col' }, budget.label),
    ...budget.columns.map((c) => h('th.align-right', { scope: 'col' }, c.label)),
    h('th.align-right', { scope: 'col' }, 'Total'),
  ]);
  const body = budget.rows.map((row, r) =>
    h('tr', [
      h('th', { scope: 'row' }, String(row[label] ?? '')),
      ...budget.columns.map((c) => h('td.align-right', money(row[c.key]))),
      h('td.align-right.total', money(totals.rows[r])),
    ]),
  );
  const foot = h('tr.total-row', [
    h('th', { scope: 'row' }, 'Total'),
    ...budget.columns.map((c) => h('td.align-right', money(totals.columns[c.key]))),
    h('td.align-right.total', money(totals.grand)),
  ]);
  const mismatches = statedMismatches(budget, totals).map((m) =>
    h('p.table-note', `Totals are calculated from the figures in the table. The ${m.what} was stated as ${money(m.stated)}; the figures add up to ${money(m.computed)}.`),
  );
  return wrap(options, budget.caption, [h('thead', [head]), h('tbody', body), h('tfoot', [foot])], [...mismatches, ...notes(budget.notes, budget.source, options)]);
};

const prioritiesTable: Builder<PrioritiesData> = (data, options) => {
  // A Status column only once some action has one, so a plan that keeps no status looks as before.
  const withStatus = data.priorities.some((p) => p.actions.some((a) => a.status));
  const head = h('thead', [
    h('tr', [
      h('th', { scope: 'col' }, 'Priority area'),
      h('th', { scope: 'col' }, 'Action'),
      h('th', { scope: 'col' }, 'Owner'),
      ...(withStatus ? [h('th', { scope: 'col' }, 'Status')] : []),
    ]),
  ]);
  const groups = data.priorities.map((priority, p) =>
    h(
      'tbody.priority-group',
      priority.actions.map((action, i) =>
        h('tr', [
          ...(i === 0 ? [h('th', { scope: 'rowgroup', rowSpan: priority.actions.length }, options.markdown(priority.area, ['priorities', p, 'area']))] : []),
          h('td', options.markdown(action.action, ['priorities', p, 'actions', i, 'action'])),
          h('td', options.markdown(action.owner, ['priorities', p, 'actions', i, 'owner'])),
          ...(withStatus ? [h('td', action.status ? statusLabels[action.status] : '')] : []),
        ]),
      ),
    ),
  );
  return wrap(options, data.caption, [head, ...groups]);
};

const reviewTable: Builder<ReviewData> = (data, options) => {
  const withOwner = data.items.some((item) => item.owner);
  const withStatus = data.items.some((item) => item.status);
  const head = h('thead', [
    h('tr', [
      h('th', { scope: 'col' }, 'Priority area'),
      h('th', { scope: 'col' }, 'Action'),
      ...(withOwner ? [h('th', { scope: 'col' }, 'Owner')] : []),
      ...(withStatus ? [h('th', { scope: 'col' }, 'Status')] : []),
      h('th', { scope: 'col' }, 'How did we do?'),
    ]),
  ]);
  const body = h(
    'tbody',
    data.items.map((item, i) =>
      h('tr', [
        h('th', { scope: 'row' }, options.markdown(item.area, ['items', i, 'area'])),
        h('td', options.markdown(item.action, ['items', i, 'action'])),
        ...(withOwner ? [h('td', item.owner ? options.markdown(item.owner, ['items', i, 'owner']) : [])] : []),
        ...(withStatus ? [h('td', item.status ? statusLabels[item.status] : '')] : []),
        // An outcome not yet written is marked as the page marks other gaps, so it cannot pass unseen.
        h('td', item.outcome ? options.markdown(item.outcome, ['items', i, 'outcome']) : [h('span.to-be-supplied-cell', 'To be supplied')]),
      ]),
    ),
  );
  return wrap(options, data.caption, [head, body]);
};

export const sortedTerms = (glossary: GlossaryData): GlossaryData['terms'] =>
  [...glossary.terms].sort((a, b) => a.term.localeCompare(b.term, 'en-GB', { sensitivity: 'base' }));

const glossaryTable: Builder<GlossaryData> = (data, options) => {
  const head = h('thead', [h('tr', [h('th', { scope: 'col' }, 'Term'), h('th', { scope: 'col' }, 'Meaning')])]);
  const body = h(
    'tbody',
    sortedTerms(data).map((t) => h('tr', [h('th', { scope: 'row' }, t.term), h('td', options.markdown(t.definition, ['terms', data.terms.indexOf(t), 'definition']))])),
  );
  return wrap(options, data.caption, [head, body]);
};

/**
 * One row per approver: name, role and organisation, then a signature line and a date line to
 * write on. Every cell holds visible words (an unsigned line says so under it), so a cell is
 * never empty: a reader of the page and of the tagged PDF meets the same four cells in each row.
 */
const signoffTable: Builder<SignoffData> = (data, options) => {
  const head = h('thead', [
    h('tr', [h('th', { scope: 'col' }, 'Name and role'), h('th', { scope: 'col' }, 'Organisation'), h('th', { scope: 'col' }, 'Signature'), h('th', { scope: 'col' }, 'Date')]),
  ]);
  const line = (written: string | undefined, unwritten: string): ElementContent[] => [
    h('span.sign-line', { ariaHidden: 'true' }, written ?? ''),
    h('span.sign-hint', written ? [] : unwritten),
  ];
  const body = h(
    'tbody',
    data.approvers.map((a) =>
      h('tr.signoff-row', { className: a.signed ? ['signed'] : [] }, [
        h('th', { scope: 'row' }, [h('span.signoff-name', a.name), ...a.roles.map((role) => h('span.signoff-role', role))]),
        h('td', a.organisation),
        h('td.signature', a.signed ? 'Signed' : line(undefined, 'Not yet signed')),
        h('td.signature-date', a.signed ? formatValue(a.signed, 'date') : line(undefined, 'Not yet dated')),
      ]),
    ),
  );
  return wrap(options, data.caption, [head, body]);
};

const builders: { [K in DataFile['kind']]?: Builder<Extract<DataFile, { kind: K }>> } = {
  table: genericTable,
  budget: budgetTable,
  priorities: prioritiesTable,
  review: reviewTable,
  glossary: glossaryTable,
  signoff: signoffTable,
};

export const hasTable = (kind: DataFile['kind']): boolean => kind in builders;

export function dataTable(data: DataFile, options: TableOptions): Element {
  const build = builders[data.kind] as Builder<DataFile> | undefined;
  if (!build) throw new Error(`Internal error: no table for data of kind ${data.kind}`);
  return build(data, options);
}
