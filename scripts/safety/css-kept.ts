/**
 * Checked stylesheets kept in the plan's cache folder between builds (see rememberCss in css.ts):
 * one file, signed like every cache file (cache-dir.ts), so what is read back is only ever what
 * this user's build made of the same text. A build reads it before its first check and keeps,
 * afterwards, the results it used, when it computed any afresh.
 */
import { readKept, writeKept } from './cache-dir.ts';
import { cssMemo, type CheckedCss } from './css.ts';
import { packageVersion } from '../util/package-version.ts';

/** Bump when css.ts or the embed's scoping changes what they make of the same text. */
const formatVersion = 1;
const FILE = 'css-checks.json';
const MAX_BYTES = 16 * 1024 * 1024;

const stamp = (): string => JSON.stringify([formatVersion, `css-tree@${packageVersion('css-tree')}`]);

/** Seeds the checks with those kept in `dir`; save() keeps this build's for the next. */
export async function readKeptCss(dir: string): Promise<{ save(): Promise<void> }> {
  const current = stamp();
  cssMemo.take();
  cssMemo.seed(await readKept(dir, FILE, 'checks', current, isChecked, MAX_BYTES));
  return {
    async save() {
      const { entries, fresh } = cssMemo.take();
      if (fresh > 0) await writeKept(dir, FILE, 'checks', current, entries, MAX_BYTES);
    },
  };
}

function isChecked(value: unknown): value is CheckedCss {
  const v = value as { css?: unknown; problems?: unknown } | null;
  return typeof v === 'object' && v !== null && typeof v.css === 'string' && Array.isArray(v.problems) && v.problems.every(isProblem);
}

function isProblem(value: unknown): boolean {
  const p = value as { kind?: unknown; detail?: unknown; place?: { line?: unknown; column?: unknown } } | null;
  return typeof p === 'object' && p !== null && typeof p.kind === 'string' && typeof p.detail === 'string' && typeof p.place?.line === 'number' && typeof p.place.column === 'number';
}
