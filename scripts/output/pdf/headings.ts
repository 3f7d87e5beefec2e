/** The headings as printed, read from the loaded page for the bookmark titles (outline.ts). */
import type { Page } from 'puppeteer-core';

/** The text of every heading that is printed, in document order, as Chromium walks them. */
export function printedHeadings(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
      .filter((h) => h.getClientRects().length > 0)
      .map((h) => (h.textContent ?? '').replace(/\s+/g, ' ').trim())
      .filter((text) => text !== ''),
  );
}
