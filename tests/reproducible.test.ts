/**
 * The same input gives the same bytes: two builds of the sample, from copies in different
 * directories, into different output directories, each drawing its charts afresh (no shared
 * cache), give byte-identical HTML, and so identical SVG charts inside it.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../scripts/build/index.ts';
import { planWith } from './helpers/plan-dir.ts';

async function buildCopy(clock: number): Promise<string> {
  const root = await planWith('sample');
  const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'yjplan-repro-')), 'out');
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-repro-cache-'));
  let t = clock;
  const result = await build({ root, outDir: out, pdf: false, cacheDir, now: () => (t += 7) });
  expect(result.ok).toBe(true);
  return readFile(path.join(out, 'index.html'), 'utf8');
}

describe('reproducible output', () => {
  it('two builds of the same plan give byte-identical HTML, charts included', { timeout: 60_000 }, async () => {
    const [first, second] = [await buildCopy(0), await buildCopy(1e9)];
    const charts = (html: string) => html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(charts(first).length).toBeGreaterThan(0);
    expect(charts(second)).toEqual(charts(first));
    expect(second === first).toBe(true);
  });

  it('names no directory of the machine that built it', { timeout: 60_000 }, async () => {
    const html = await buildCopy(0);
    expect(html).not.toContain(os.tmpdir());
    expect(html).not.toContain(process.cwd());
  });
});
