/**
 * Points of the structure tree: standard or role-mapped types, Figures with alternative text,
 * TH with a scope, heading order, lists as L > LI > Lbl + LBody, tables with whole rows.
 */
import type { MessageText } from '../../../diagnostics/index.ts';
import { pdfuaMessages as m } from '../../../messages/pdfua.ts';
import { childElements, elements, STANDARD_TYPES, type StructElement, type Structure } from './structure.ts';

export function checkTree(structure: Structure): MessageText[] {
  const found: MessageText[] = [];
  const all = [...elements(structure.roots)];

  for (const [from] of structure.roleMap) if (STANDARD_TYPES.has(from)) found.push(m.standardRemapped(from));
  const unmapped = new Set(all.filter((e) => e.standard === undefined).map((e) => e.type));
  for (const type of unmapped) found.push(m.nonStandardType(type));

  for (const e of all) {
    if (e.standard === 'Figure' && !e.alt?.trim() && !e.actualText?.trim()) found.push(m.figureWithoutAlt(firstPage(e)));
    if (e.standard === 'TH' && !e.scope) found.push(m.headerWithoutScope(describe(e)));
  }

  found.push(...headingOrder(all));
  for (const e of all) found.push(...listShape(e));
  for (const table of all.filter((e) => e.standard === 'Table')) found.push(...tableShape(table));
  return found;
}

function headingOrder(all: readonly StructElement[]): MessageText[] {
  const found: MessageText[] = [];
  const headings = all.filter((e) => /^H[1-6]$/.test(e.standard ?? ''));
  if (headings.length === 0) return found;
  if (headings[0]!.standard !== 'H1') found.push(m.firstHeading(headings[0]!.standard!));
  for (let i = 1; i < headings.length; i++) {
    const from = Number(headings[i - 1]!.standard![1]);
    const to = Number(headings[i]!.standard![1]);
    if (to > from + 1) found.push(m.headingSkipped(headings[i - 1]!.standard!, headings[i]!.standard!));
  }
  return found;
}

const LIST_CHILDREN: Record<string, ReadonlySet<string>> = {
  L: new Set(['LI', 'Caption', 'L']),
  LI: new Set(['Lbl', 'LBody']),
};
const LIST_PARENTS: Record<string, string> = { LI: 'L', Lbl: 'LI', LBody: 'LI' };

function listShape(e: StructElement): MessageText[] {
  const found: MessageText[] = [];
  const allowed = LIST_CHILDREN[e.standard ?? ''];
  if (allowed) {
    for (const kid of e.kids) {
      if (kid.kind === 'element' && !allowed.has(kid.element.standard ?? '')) found.push(m.listStructure(e.type, kid.element.type));
      if (kid.kind === 'content') found.push(m.listStructure(e.type, 'content of its own'));
    }
  }
  for (const child of childElements(e)) {
    const parent = LIST_PARENTS[child.standard ?? ''];
    // Lbl also labels items outside lists (a caption's number); only LI and LBody must sit in lists.
    if (parent && child.standard !== 'Lbl' && e.standard !== parent) found.push(m.listStructure(e.type, child.type));
  }
  return found;
}

const ROW_GROUPS = new Set(['THead', 'TBody', 'TFoot']);

function tableShape(table: StructElement): MessageText[] {
  const found: MessageText[] = [];
  const rows: StructElement[] = [];
  for (const child of childElements(table)) {
    if (child.standard === 'TR') rows.push(child);
    else if (ROW_GROUPS.has(child.standard ?? '')) {
      for (const row of childElements(child)) {
        if (row.standard === 'TR') rows.push(row);
        else found.push(m.tableStructure(child.type, row.type));
      }
    } else if (child.standard !== 'Caption') found.push(m.tableStructure(table.type, child.type));
  }
  // Lay the cells on a grid, as a browser does, so that row spans count in the rows below.
  const covered: number[] = []; // per column: how many more rows a cell above still covers
  const widths: number[] = [];
  for (const row of rows) {
    let width = covered.reduce((w, n, c) => (n > 0 ? c + 1 : w), 0);
    let column = 0;
    const placed: Array<[number, number, number]> = [];
    for (const cell of childElements(row)) {
      if (cell.standard !== 'TH' && cell.standard !== 'TD') {
        found.push(m.tableStructure(row.type, cell.type));
        continue;
      }
      while ((covered[column] ?? 0) > 0) column++;
      placed.push([column, cell.colSpan, cell.rowSpan]);
      column += cell.colSpan;
      width = Math.max(width, column);
    }
    widths.push(width);
    for (let c = 0; c < covered.length; c++) if ((covered[c] ?? 0) > 0) covered[c]! -= 1;
    for (const [at, span, rowSpan] of placed) for (let c = at; c < at + span; c++) covered[c] = rowSpan - 1;
  }
  if (new Set(widths).size > 1) found.push(m.tableIrregular(describe(table), widths));
  return found;
}

function firstPage(e: StructElement): number | undefined {
  for (const kid of e.kids) {
    if (kid.kind === 'content') return kid.page;
    if (kid.kind === 'element') {
      const page = firstPage(kid.element);
      if (page !== undefined) return page;
    }
  }
  return undefined;
}

const describe = (e: StructElement): string => {
  const page = firstPage(e);
  return page === undefined ? `(${e.type})` : `on page ${page}`;
};
