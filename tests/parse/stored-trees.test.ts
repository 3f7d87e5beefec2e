/**
 * Parsed Markdown kept between builds in the plan's cache folder: read back as the parser made
 * it, parsed afresh when missing, damaged or made by another parser, and only what the last build
 * used is kept.
 */
import { mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseMarkdown } from '../../scripts/parse/markdown.ts';
import { readStoredTrees } from '../../scripts/parse/stored-trees.ts';
import { readCacheFile, writeCacheFile } from '../../scripts/safety/cache-dir.ts';

const foreword = '---\ntitle: Foreword\n---\n\nThe plan runs for **two years**.\n\n:::chart{data=custody spec=line}\nCustody\n:::\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';
const review = '---\ntitle: Review\n---\n\nEvery action[^1] was met.\n\n[^1]: Bar one.\n';
const cell = 'Met by *March*';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'yjplan-trees-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** One build: parses `texts` through the store, and keeps what it parsed. */
async function build(texts: string[]) {
  const store = await readStoredTrees(dir);
  const parse = vi.fn(parseMarkdown);
  const trees = texts.map((t) => store.tree(t, parse));
  await store.save();
  return { trees, parsed: parse.mock.calls.map(([t]) => t) };
}

const keptFile = 'markdown-trees.json';

describe('trees kept between builds', () => {
  it('gives the next build the trees the parser made, without parsing again', async () => {
    const first = await build([foreword, review, cell]);
    expect(first.parsed).toEqual([foreword, review, cell]);
    const next = await build([foreword, review, cell]);
    expect(next.parsed).toEqual([]);
    expect(next.trees).toEqual(first.trees);
    expect(next.trees[0]).toEqual(parseMarkdown(foreword));
  });

  it('parses only what changed, and keeps only what the last build used', async () => {
    await build([foreword, review]);
    const edited = `${review}\nOne more line.\n`;
    expect((await build([foreword, edited])).parsed).toEqual([edited]);
    const kept = JSON.parse((await readCacheFile(dir, keptFile))!.toString()) as { trees: Record<string, unknown> };
    expect(Object.keys(kept.trees)).toHaveLength(2);
    // The old text is gone from the file: going back to it parses it again.
    expect((await build([foreword, review])).parsed).toEqual([review]);
  });

  it('parses everything again when the file is damaged, or was made by another parser', async () => {
    await build([foreword]);
    await writeFile(path.join(dir, keptFile), '{"stamp":');
    expect((await build([foreword])).parsed).toEqual([foreword]);
    const kept = JSON.parse((await readCacheFile(dir, keptFile))!.toString()) as { stamp: string };
    // Signed as this user's builds sign, but made by another version of the parser.
    await writeCacheFile(dir, keptFile, JSON.stringify({ ...kept, stamp: kept.stamp.replace(/remark-parse@[^"]+/, 'remark-parse@0.0.1') }));
    expect((await build([foreword])).parsed).toEqual([foreword]);
    expect((await build([foreword])).parsed).toEqual([]);
  });

  it('reads no tree this user’s builds did not write: a planted file, or one signed elsewhere, is parsed afresh', async () => {
    await build([foreword]);
    const signed = await readFile(path.join(dir, keptFile));
    const kept = JSON.parse((await readCacheFile(dir, keptFile))!.toString()) as { stamp: string; trees: Record<string, unknown> };
    const planted = { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', value: 'PLANTED' }] }] };
    for (const key of Object.keys(kept.trees)) kept.trees[key] = planted;
    const forged = JSON.stringify(kept);
    // Unsigned; signed with the real file's signature; signed with another key.
    const otherKey = `yjplan-cache ${'0'.repeat(64)}\n`;
    for (const file of [forged, `${signed.toString().split('\n')[0]}\n${forged}`, `${otherKey}${forged}`]) {
      await writeFile(path.join(dir, keptFile), file);
      const again = await build([foreword]);
      expect(again.parsed).toEqual([foreword]);
      expect(JSON.stringify(again.trees[0])).not.toContain('PLANTED');
    }
  });

  it('reads nothing from, and writes nothing through, a cache folder that is a link', async () => {
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'yjplan-elsewhere-'));
    const link = path.join(dir, 'cache');
    await symlink(elsewhere, link);
    const store = await readStoredTrees(link);
    store.tree(foreword, parseMarkdown);
    await store.save();
    expect(await readdir(elsewhere)).toEqual([]);
    await rm(elsewhere, { recursive: true, force: true });
  });
});

describe('a build with the trees of the last one', () => {
  it('writes the same files as a build that parsed everything, and parses nothing it kept', async () => {
    const { build } = await import('../../scripts/build/index.ts');
    const { repoRoot } = await import('../helpers/plan-dir.ts');
    const files = async (out: string) => {
      const names = (await readdir(out, { recursive: true })).filter((n) => !n.startsWith('.yjplan-output')).sort();
      return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(path.join(out, n)).catch(() => 'a folder')] as const)));
    };
    const cacheDir = path.join(dir, 'cache');
    const outs = [path.join(dir, 'cold'), path.join(dir, 'warm')];
    const keptAfter = async () => (await stat(path.join(cacheDir, keptFile))).mtimeMs;
    expect((await build({ root: repoRoot, outDir: outs[0]!, pdf: false, cacheDir })).ok).toBe(true);
    const written = await keptAfter();
    expect((await build({ root: repoRoot, outDir: outs[1]!, pdf: false, cacheDir })).ok).toBe(true);
    // The file is written only when a tree was parsed afresh.
    expect(await keptAfter()).toBe(written);
    const kept = JSON.parse((await readCacheFile(cacheDir, keptFile))!.toString()) as { trees: Record<string, unknown> };
    // Every section, and the data files' text that is Markdown.
    expect(Object.keys(kept.trees).length).toBeGreaterThan(26);
    const [cold, warm] = await Promise.all(outs.map(files));
    expect(Object.keys(warm!)).toContain('index.html');
    expect(warm).toEqual(cold);
  }, 120_000);
});
