/**
 * The command line compiled ahead of time (scripts/compile/): run only while it is as new as
 * every source it was made from, and, when run, building exactly what the sources build.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../scripts/compile/compile.mjs';
import { compiledCli, distDir, manifestName } from '../../scripts/compile/fresh.mjs';
import { main } from '../../scripts/cli/index.ts';
import { planWith, repoRoot } from '../helpers/plan-dir.ts';

/** A package root with one source file and, if asked, a compiled entry made from it. */
async function fakePackage(options: { compiled: boolean }): Promise<{ root: string; source: string; manifest: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'yjplan-fresh-'));
  const source = path.join(root, 'scripts', 'a.ts');
  await mkdir(path.dirname(source), { recursive: true });
  await writeFile(source, 'export const a = 1;\n');
  const cli = path.join(root, distDir, 'cli');
  const manifest = path.join(cli, manifestName);
  if (options.compiled) {
    await mkdir(cli, { recursive: true });
    await writeFile(path.join(cli, 'yjplan.mjs'), 'export const run = async () => 0;\n');
    await writeFile(manifest, JSON.stringify({ format: 1, inputs: ['scripts/a.ts'] }));
  }
  return { root, source, manifest };
}

const at = (file: string, seconds: number) => utimes(file, seconds, seconds);

describe('which command line runs', () => {
  it('the sources when nothing was compiled (a fresh clone before npm run setup)', async () => {
    const { root } = await fakePackage({ compiled: false });
    expect(compiledCli(root)).toBeUndefined();
    await rm(root, { recursive: true, force: true });
  });

  it('the compiled one while it is as new as its sources, as in a package unpacked with one time on every file', async () => {
    const { root, source, manifest } = await fakePackage({ compiled: true });
    await at(source, 1_000_000);
    await at(manifest, 1_000_000);
    expect(compiledCli(root)).toBe(`file://${path.join(root, distDir, 'cli', 'yjplan.mjs')}`);
    await at(manifest, 2_000_000);
    expect(compiledCli(root)).toBeDefined();
    await rm(root, { recursive: true, force: true });
  });

  it('the sources again once one of them is edited after compiling, or is gone', async () => {
    const { root, source, manifest } = await fakePackage({ compiled: true });
    await at(manifest, 1_000_000);
    await at(source, 1_000_001);
    expect(compiledCli(root)).toBeUndefined();
    await at(source, 999_999);
    expect(compiledCli(root)).toBeDefined();
    await rm(source);
    expect(compiledCli(root)).toBeUndefined();
    await rm(root, { recursive: true, force: true });
  });

  it('the sources when the list of what was compiled cannot be read', async () => {
    const { root, manifest } = await fakePackage({ compiled: true });
    await writeFile(manifest, '{ not json');
    expect(compiledCli(root)).toBeUndefined();
    await rm(root, { recursive: true, force: true });
  });
});

/** Every file under `dir`, by path relative to it, with its text. */
async function tree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    // The output marker names the folder it was written in, so it differs between two folders by design.
    if (!entry.isFile() || entry.name === '.yjplan-output') continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), await readFile(file, 'utf8'));
  }
  return files;
}

describe('the compiled command line', () => {
  // Compiling and two builds: slow on a busy machine.
  it('builds the small plan into the same files as the sources, finding templates, fonts and schemas from dist/', { timeout: 180_000 }, async () => {
    const compiled = await compile({ quiet: true });
    expect(compiled.inputs).toBeGreaterThan(100);
    expect(compiledCli()).toBeDefined();

    const plan = await planWith('small');
    const fromSources = path.join(plan, 'out-sources');
    const quiet = { out: () => undefined, err: () => undefined };
    expect(await main(['build', plan, '--out', fromSources, '--no-pdf'], quiet)).toBe(0);

    const fromCompiled = path.join(plan, 'out-compiled');
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'yjplan.mjs'), 'build', plan, '--out', fromCompiled, '--no-pdf'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);

    const expected = await tree(fromSources);
    const actual = await tree(fromCompiled);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    expect(expected.get('index.html')).toMatch(/<html/);
    for (const [file, text] of expected) expect(actual.get(file), file).toBe(text);

    // `new` reads the YJB structure and writes the editor schemas' modelines, from dist/ as from scripts/.
    const fresh = path.join(plan, 'new-plan');
    const made = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'yjplan.mjs'), 'new', fresh, '--period', '2025/26'], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    expect(await readFile(path.join(fresh, 'plan.yaml'), 'utf8')).toMatch(/2025\/26/);
    await rm(plan, { recursive: true, force: true });
  });
});
