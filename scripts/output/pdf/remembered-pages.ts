/**
 * The contents page numbers of the last build, kept in the plan's cache directory. Most
 * builds move no heading to another page, so numbers filled in before the first printing
 * are usually right already, and one printing is enough. They are only ever a guess: the
 * printed PDF says whether they held (contents.ts), and a wrong guess costs one printing.
 */
import { readCacheFile, writeCacheFile } from '../../safety/cache-dir.ts';
import type { PageNumbers } from './contents.ts';

const FILE = 'contents-pages.json';
/** Bump when the meaning of the stored numbers changes. */
const FORMAT = 1;

/** The numbers stored for these targets; undefined when nothing usable is stored. */
export async function recallPages(cacheDir: string, targets: readonly string[]): Promise<PageNumbers | undefined> {
  let stored: unknown;
  try {
    // Page numbers for a plan's headings: a few kilobytes; a megabyte is far more than any plan's.
    const bytes = await readCacheFile(cacheDir, FILE, 1024 * 1024);
    if (!bytes) return undefined;
    stored = JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined; // none yet, or damaged: print without a guess
  }
  if (!isStored(stored)) return undefined;
  const numbers: PageNumbers = new Map();
  for (const target of targets) {
    const n = stored.pages[target];
    if (typeof n === 'number' && Number.isInteger(n) && n > 0) numbers.set(target, n);
  }
  return numbers.size > 0 ? numbers : undefined;
}

/** Stores the numbers for the next build. The cache only saves time, so failing to write it is not an error. */
export async function rememberPages(cacheDir: string, numbers: PageNumbers): Promise<void> {
  await writeCacheFile(cacheDir, FILE, JSON.stringify({ format: FORMAT, pages: Object.fromEntries(numbers) }));
}

function isStored(value: unknown): value is { format: number; pages: Record<string, unknown> } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { format?: unknown; pages?: unknown };
  return v.format === FORMAT && typeof v.pages === 'object' && v.pages !== null && !Array.isArray(v.pages);
}
