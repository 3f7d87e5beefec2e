/**
 * Bookmark titles. Chromium builds the PDF outline from the headings, but takes each
 * title from the laid-out text: words either side of a line break run together
 * ("custodialsentences"), and with some fonts and line heights a heading that starts
 * a page has its text twice. The outline's shape and destinations are right, so only
 * the titles are replaced, by the headings' own text, matched in document order.
 */
import { PDFDict, PDFHexString, PDFName, type PDFDocument } from 'pdf-lib';

// Read from the page before printing; apart, so that reading them does not wait for pdf-lib.
export { printedHeadings } from './headings.ts';

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
