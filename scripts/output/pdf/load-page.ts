/**
 * Loading the HTML hermetically: the document is given as a string (no file, no
 * server), and every request it makes for anything other than data:, blob: or
 * about: is refused and recorded. The PDF depends on nothing but the HTML.
 */
import type { HTTPRequest, Page } from 'puppeteer-core';

const ALLOWED = /^(?:data|blob|about):/i;

export const isAllowedUrl = (url: string): boolean => ALLOWED.test(url);

/** Loads `html` into `page`; `onBlocked` hears each refused URL once. */
export async function loadHermetic(page: Page, html: string, onBlocked: (url: string) => void): Promise<void> {
  const seen = new Set<string>();
  const block = (url: string) => {
    if (seen.has(url)) return;
    seen.add(url);
    onBlocked(url);
  };
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const url = request.url();
    if (isAllowedUrl(url)) {
      void request.continue();
      return;
    }
    block(url);
    void request.abort('blockedbyclient');
  });
  // Chromium refuses file: URLs itself, before any request is made; it only says so on the console.
  page.on('console', (message) => {
    const refused = /^Not allowed to load local resource: (\S+)/.exec(message.text());
    if (refused) block(refused[1]!);
  });
  await page.setContent(html, { waitUntil: 'load', timeout: 0 });
  // Force every <details> open, for browsers without ::details-content.
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
  });
}
