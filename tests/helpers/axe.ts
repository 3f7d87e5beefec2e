import { AxePuppeteer } from '@axe-core/puppeteer';
import type { Page } from 'puppeteer-core';

/** The rule sets of WCAG 2.0 to 2.2, levels A and AA, as axe-core tags them. */
export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's violations, one line per element, so a failure says where to look. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxePuppeteer(page).withTags(WCAG_AA).analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}`));
}
