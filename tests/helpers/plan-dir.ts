/** Copies a fixture plan into a temporary directory, with some files changed. */
import { cp, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const fixture = (name: string): string => path.join(repoRoot, 'tests', 'fixtures', 'plans', name);

/**
 * Copies a fixture plan's own files to `dest`: not the cache or output that tests which build a
 * fixture in place leave beside them, which a copy would otherwise carry into another test.
 */
export const copyFixture = (name: string, dest: string): Promise<void> =>
  cp(fixture(name), dest, { recursive: true, filter: (source) => !['.yjplan-cache', 'out'].includes(path.relative(fixture(name), source).split(path.sep)[0]!) });

/** The sample plan's own files (not the tool's). */
const SAMPLE_PARTS = ['plan.yaml', 'content', 'data'];

export async function planWith(base: 'sample' | string, changes: Record<string, string | Uint8Array | null> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-test-'));
  if (base === 'sample') {
    for (const part of SAMPLE_PARTS) await cp(path.join(repoRoot, part), path.join(dir, part), { recursive: true });
  } else {
    await copyFixture(base, dir);
  }
  for (const [file, content] of Object.entries(changes)) {
    const target = path.join(dir, file);
    if (content === null) {
      await rm(target, { force: true });
    } else {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  }
  return dir;
}

/** The 1-based line of the first line of `file` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.includes(needle));
  if (index < 0) throw new Error(`"${needle}" not found`);
  return index + 1;
}
