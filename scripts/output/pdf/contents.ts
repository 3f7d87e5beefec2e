/**
 * Contents page numbers. Chromium has no target-counter(), so the numbers are read
 * back from a printed PDF: every contents entry links to its heading, and Chromium
 * writes a named destination (the heading's id) for each internal link target, on
 * the page where the heading landed. The numbers are written into the entries'
 * `.toc-page[data-target]` spans of the loaded page, and the caller prints again.
 *
 * The destinations are read with pdf-lib, which the finish parses the PDF with anyway (the
 * document read here is handed on to it), rather than with pdf.js: a destination is a page
 * reference in the catalog's /Dests (PDF 1.1, as Chromium writes them) or its /Names tree, and
 * nothing needs laying out or decoding to find it.
 */
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from 'pdf-lib';
import type { Page } from 'puppeteer-core';

/** Heading id → 1-based page number. */
export type PageNumbers = Map<string, number>;

/** The ids the contents entries point at, in document order. */
export function contentsTargets(page: Page): Promise<string[]> {
  // page.evaluate rather than $$eval, here and below: $$eval first injects puppeteer's query
  // helpers into the page, which costs a tenth of a second or more.
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.toc-page[data-target]')].map((span) => span.dataset.target ?? '').filter((id) => id !== ''),
  );
}

/** The printed PDF parsed, as the finish parses it (same options), so it can be handed on. */
export function readPrinted(pdf: Uint8Array): Promise<PDFDocument> {
  // updateMetadata: false, or pdf-lib stamps its own producer and the time; Fastest: no waits
  // for a timer between objects (see finish.ts).
  return PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

/** Where each target landed in this PDF; targets that were not printed are left out. */
export function targetPages(document: PDFDocument, targets: readonly string[]): PageNumbers {
  const numbers: PageNumbers = new Map();
  if (targets.length === 0) return numbers;
  const pages = new Map(document.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  const destinations = namedDestinations(document);
  for (const target of targets) {
    const page = destinations.get(target);
    const n = page && pages.get(page.toString());
    if (n !== undefined) numbers.set(target, n);
  }
  return numbers;
}

/** Every named destination's page: from the catalog's /Dests, then its /Names /Dests tree. */
export function namedDestinations(document: PDFDocument): Map<string, PDFRef> {
  const found = new Map<string, PDFRef>();
  const context = document.context;
  const add = (name: string, value: PDFObject | undefined): void => {
    // A destination is [page /XYZ …], or a dictionary whose /D is that array.
    let dest = value instanceof PDFRef ? context.lookup(value) : value;
    if (dest instanceof PDFDict) dest = dest.lookup(PDFName.of('D'));
    const page = dest instanceof PDFArray ? dest.get(0) : undefined;
    if (page instanceof PDFRef && !found.has(name)) found.set(name, page);
  };
  const dests = document.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  for (const [key, value] of dests?.entries() ?? []) add(key.decodeText(), value);
  const tree = document.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict);
  // A name tree: leaves hold /Names [key value key value …], inner nodes /Kids. Bounded, in case of a loop.
  const seen = new Set<PDFDict>();
  const walk = (node: PDFDict | undefined): void => {
    if (!node || seen.has(node) || seen.size > 10_000) return;
    seen.add(node);
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) {
      const key = names.lookup(i);
      if (key instanceof PDFString || key instanceof PDFHexString) add(key.decodeText(), names.get(i + 1));
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict));
  };
  walk(tree);
  return found;
}

/** Writes the numbers into the loaded page. Only text changes, so nothing reflows. */
export async function fillContents(page: Page, numbers: PageNumbers): Promise<void> {
  await page.evaluate((entries) => {
    const byTarget = new Map(entries);
    for (const span of document.querySelectorAll<HTMLElement>('.toc-page[data-target]')) {
      const n = byTarget.get(span.dataset.target ?? '');
      span.textContent = n === undefined ? '' : String(n);
    }
  }, [...numbers]);
}

export function samePages(a: PageNumbers, b: PageNumbers): boolean {
  if (a.size !== b.size) return false;
  for (const [target, n] of a) if (b.get(target) !== n) return false;
  return true;
}
