/** The links as printed, read from the loaded page for the link annotations' /Contents (pdfua/links.ts). */
import type { Page } from 'puppeteer-core';

export interface PrintedLink {
  /** Where it goes: `#id` within the page, or the URL as the browser resolved it. */
  target: string;
  /** Its text as rendered, spaces collapsed. */
  text: string;
}

/** Every link that is printed, in document order, as Chromium tags them. */
export function printedLinks(page: Page): Promise<PrintedLink[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('a[href]')]
      .filter((a) => a.getClientRects().length > 0)
      .map((a) => {
        const href = a.getAttribute('href') ?? '';
        return {
          target: href.startsWith('#') ? href : (a as HTMLAnchorElement).href,
          text: ((a as HTMLElement).innerText ?? '').replace(/\s+/g, ' ').trim(),
        };
      }),
  );
}
