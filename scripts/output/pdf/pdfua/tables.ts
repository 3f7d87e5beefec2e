/**
 * Whole table rows. Chromium leaves out of the structure tree a cell that paints nothing, so a
 * table with an empty corner cell, or with cells whose only text is visually hidden, has rows
 * shorter than the others, and a reader's column count goes wrong. Each printed table is
 * matched, in order, with its grid as read from the page (table-grids.ts); where a row has
 * exactly the painted cells of its grid row, the blank ones are put back as empty TD or TH
 * elements in their places. A table that does not match is left as it is.
 */
import { PDFName, type PDFDocument } from 'pdf-lib';
import type { GridCell, TableGrid } from '../table-grids.ts';
import { kidsOf, newElement, setKids, type Element } from './tree.ts';
import { own } from '../../../util/own.ts';

const ROW_GROUPS = new Set(['THead', 'TBody', 'TFoot']);
const SCOPES: Record<string, string> = { col: 'Column', colgroup: 'Column', row: 'Row', rowgroup: 'Row' };

export function completeTableRows(document: PDFDocument, elements: readonly Element[], grids: readonly TableGrid[], standard: (type: string) => string | undefined): number {
  const tables = elements.filter((e) => standard(e.type) === 'Table');
  if (tables.length !== grids.length) return 0;
  const byRef = new Map(elements.map((e) => [e.ref.toString(), e]));
  const childrenOf = (e: Element): Element[] => kidsOf(e.dict).flatMap((k) => byRef.get(k.toString()) ?? []);
  let added = 0;
  tables.forEach((table, t) => {
    const rows = childrenOf(table).flatMap((child) => {
      const type = standard(child.type) ?? '';
      if (type === 'TR') return [child];
      return ROW_GROUPS.has(type) ? childrenOf(child).filter((r) => standard(r.type) === 'TR') : [];
    });
    const grid = grids[t]!;
    if (rows.length !== grid.length) return;
    rows.forEach((row, r) => {
      const cells = childrenOf(row);
      const gridRow = grid[r]!;
      if (cells.length === gridRow.length) return;
      if (cells.length !== gridRow.filter((c) => !c.blank).length) return;
      if (!cells.every((c) => ['TH', 'TD'].includes(standard(c.type) ?? ''))) return;
      const kids = kidsOf(row.dict);
      if (kids.length !== cells.length) return; // content of the row's own: leave it
      let next = 0;
      const complete = gridRow.map((cell) => {
        if (!cell.blank) return cells[next++]!.ref;
        added++;
        return emptyCell(document, row, cell, r).ref;
      });
      setKids(row.dict, complete);
    });
  });
  return added;
}

function emptyCell(document: PDFDocument, row: Element, cell: GridCell, rowIndex: number): Element {
  const attributes: Record<string, unknown> = { O: 'Table' };
  if (cell.header) attributes.Scope = own(SCOPES, cell.scope) ?? (rowIndex === 0 ? 'Column' : 'Row');
  if (cell.colSpan > 1) attributes.ColSpan = cell.colSpan;
  if (cell.rowSpan > 1) attributes.RowSpan = cell.rowSpan;
  const a = document.context.obj(Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, typeof v === 'string' && k !== 'O' ? PDFName.of(v) : v])) as never);
  return newElement(document.context, cell.header ? 'TH' : 'TD', row.ref, row.dict.get(PDFName.of('Pg')), { A: a });
}

