/**
 * Bookmark titles. Chromium builds the PDF outline from the headings, but takes each
 * title from the laid-out text: words either side of a line break run together
 * ("custodialsentences"), and with some fonts and line heights a heading that starts
 * a page has its text twice. The outline's shape and destinations are right, so only
 * the titles are replaced, by the headings' own text, matched in document order.
 */
import type { Page } from 'puppeteer-core';
import { PDFDict, PDFHexString, PDFName, type PDFDocument } from 'pdf-lib';

/** The text of every heading that is printed, in document order, as Chromium walks them. */
export function printedHeadings(page: Page): Promise<string[]> {
  return page.$$eval('h1, h2, h3, h4, h5, h6', (headings) =>
    headings
      .filter((h) => h.getClientRects().length > 0)
      .map((h) => (h.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter((text) => text !== ''),
  );
}

/** The outline's items in reading order (depth first). */
export function outlineItems(document: PDFDocument): PDFDict[] {
  const items: PDFDict[] = [];
  const walk = (first: PDFDict | undefined) => {
    for (let item = first; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      items.push(item);
      walk(item.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  const root = document.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  walk(root?.lookupMaybe(PDFName.of('First'), PDFDict));
  return items;
}

/** Replaces the titles if the outline has one item per heading; says whether it did. */
export function retitleOutline(document: PDFDocument, headings: readonly string[]): boolean {
  const items = outlineItems(document);
  if (items.length !== headings.length) return false;
  items.forEach((item, i) => item.set(PDFName.of('Title'), PDFHexString.fromText(headings[i]!)));
  return true;
}
