/**
 * The tables as printed, read from the loaded page for the PDF's table structure
 * (pdfua/tables.ts): Chromium leaves out of the tagged PDF a cell that paints nothing (an empty
 * corner cell, or one whose only text is visually hidden), so its row comes out short. Which
 * cells paint nothing is known here, in the page, and not in the PDF.
 */
import type { Page } from 'puppeteer-core';

export interface GridCell {
  header: boolean;
  /** The cell paints no text and no picture. */
  blank: boolean;
  colSpan: number;
  rowSpan: number;
  /** The scope attribute of a header cell, as written. */
  scope: string;
}

/** Every printed table, in document order: its rows, each a list of cells. */
export type TableGrid = GridCell[][];

export async function tableGrids(page: Page): Promise<TableGrid[]> {
  return (await page.evaluate(IN_PAGE)) as TableGrid[];
}

// Plain JavaScript, given to the page as text: the TypeScript runner wraps named functions in
// a helper (__name) that the page does not have.
const IN_PAGE = `(() => {
  const hides = (element, cell) => {
    for (let e = element; e && e !== cell; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.clip !== 'auto' || style.clipPath !== 'none' || style.visibility === 'hidden' || style.opacity === '0') return true;
    }
    return false;
  };
  const paints = (cell) => {
    for (const picture of cell.querySelectorAll('img, svg, canvas')) {
      if (picture.getClientRects().length > 0 && !hides(picture, cell)) return true;
    }
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || !node.parentElement || hides(node.parentElement, cell)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if ([...range.getClientRects()].some((r) => r.width > 0 && r.height > 0)) return true;
    }
    return false;
  };
  return [...document.querySelectorAll('table')]
    .filter((table) => table.getClientRects().length > 0)
    .map((table) => [...table.rows].map((row) => [...row.cells].map((cell) => ({
      header: cell.tagName === 'TH',
      blank: !paints(cell),
      colSpan: cell.colSpan,
      rowSpan: cell.rowSpan,
      scope: cell.getAttribute('scope') ?? '',
    }))));
})()`;
