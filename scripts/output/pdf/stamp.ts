/**
 * A draft's day of building, written into the page just before it is printed: on the cover's
 * `Built` line (hidden in the HTML) and in the footer. The HTML stays free of the clock (the same
 * plan gives the same page); the PDF takes the document date, which SOURCE_DATE_EPOCH fixes.
 */
import type { Page } from 'puppeteer-core';
import { formatDate } from '../../figures/format.ts';
import type { PdfMeta } from './meta.ts';
import { cssString, footerText } from './page-rules.ts';

export async function stampDraft(page: Page, meta: PdfMeta, date: Date): Promise<void> {
  if (meta.status !== 'draft') return;
  const built = formatDate(date.toISOString().slice(0, 10));
  // The cover's rule is said again after the new footer, so the cover still has none.
  const css = `@page { @bottom-left { content: ${cssString(footerText(meta, built))}; } }\n@page cover { @bottom-left { content: none; } }`;
  await page.evaluate(
    (built, css) => {
      const line = document.querySelector('.cover-built');
      const day = line?.querySelector('.cover-built-date');
      if (line && day) {
        day.textContent = built;
        line.removeAttribute('hidden');
      }
      const style = document.createElement('style');
      style.textContent = css;
      document.head.append(style);
    },
    built,
    css,
  );
}
