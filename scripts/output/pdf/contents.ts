/**
 * Contents page numbers. Chromium has no target-counter(), so the numbers are read
 * back from a printed PDF: every contents entry links to its heading, and Chromium
 * writes a named destination (the heading's id) for each internal link target, on
 * the page where the heading landed. The numbers are written into the entries'
 * `.toc-page[data-target]` spans of the loaded page, and the caller prints again.
 */
import type { Page } from 'puppeteer-core';
import { openPdf } from './read-pdf.ts';

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

/** Where each target landed in this PDF; targets that were not printed are left out. */
export async function targetPages(pdf: Uint8Array, targets: readonly string[]): Promise<PageNumbers> {
  const numbers: PageNumbers = new Map();
  if (targets.length === 0) return numbers;
  const document = await openPdf(pdf);
  try {
    const destinations = await document.getDestinations();
    for (const target of targets) {
      const ref: unknown = destinations[target]?.[0];
      if (!isRef(ref)) continue;
      numbers.set(target, (await document.getPageIndex(ref)) + 1);
    }
  } finally {
    await document.destroy();
  }
  return numbers;
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

function isRef(value: unknown): value is { num: number; gen: number } {
  return typeof value === 'object' && value !== null && 'num' in value && 'gen' in value;
}
