/**
 * The output is replaced whole or not at all: a failure at any step of writing or swapping
 * leaves the last good build in out/, byte for byte, and nothing beside it.
 */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import * as fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { build } from '../scripts/build/index.ts';
import { PlanError } from '../scripts/diagnostics/index.ts';
import { stage } from '../scripts/output/write.ts';
import { MARKER, markerTextFor, writeMarker } from '../scripts/output/out-dir.ts';
import { fixture } from './helpers/plan-dir.ts';

/** Makes the n-th call (from 1) of a file-system function fail, as a full disk or a lost permission would. */
const failures = vi.hoisted(() => ({ rename: 0, writeFile: 0, calls: { rename: 0, writeFile: 0 } }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const failing =
    <A extends unknown[], R>(name: 'rename' | 'writeFile', fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      failures.calls[name] += 1;
      if (failures[name] === failures.calls[name]) {
        throw Object.assign(new Error(`ENOSPC: no space left on device, ${name}`), { code: 'ENOSPC', syscall: name, errno: -28 });
      }
      return fn(...args);
    };
  return { ...real, rename: failing('rename', real.rename), writeFile: failing('writeFile', real.writeFile as (...a: unknown[]) => Promise<void>) };
});

afterEach(() => {
  Object.assign(failures, { rename: 0, writeFile: 0, calls: { rename: 0, writeFile: 0 } });
});

async function lastGoodBuild(): Promise<string> {
  const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'yjplan-write-')), 'out');
  await mkdir(out);
  await writeMarker(out);
  await writeFile(path.join(out, 'index.html'), 'the last good HTML');
  await writeFile(path.join(out, 'plan.pdf'), 'the last good PDF');
  failures.calls.writeFile = 0;
  return out;
}

/** Each file of out/ with its text; a folder (pages/, embed/) by its name alone. */
const contents = async (dir: string) =>
  Object.fromEntries(
    await Promise.all(
      (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name)).map(async (e) => (e.isDirectory() ? ([`${e.name}/`, 'folder'] as const) : ([e.name, await readFile(path.join(dir, e.name), 'utf8')] as const))),
    ),
  );
const beside = async (out: string) => (await readdir(path.dirname(out))).filter((n) => n !== path.basename(out));

describe('writing the output', () => {
  it.each([
    ['writing index.html', { writeFile: 1 }],
    ['setting the last good build aside', { rename: 1 }],
    ['swapping the new build in', { rename: 2 }],
  ] as const)('a failure while %s leaves out/ as it was, with no staging directory, and says why', async (_step, failure) => {
    const out = await lastGoodBuild();
    Object.assign(failures, failure);
    const error = await build({ root: fixture('small'), outDir: out, pdf: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).diagnostics).toMatchObject([{ ruleId: 'build:write-failed', severity: 'error' }]);
    expect((error as PlanError).diagnostics[0]!.message).toContain('ENOSPC');
    expect(await contents(out)).toEqual({ [MARKER]: await markerTextFor(out), 'index.html': 'the last good HTML', 'plan.pdf': 'the last good PDF' });
    expect(await beside(out)).toEqual([]);
  });

  it('replaces out/ whole when nothing fails', async () => {
    const out = await lastGoodBuild();
    const result = await build({ root: fixture('small'), outDir: out, pdf: false });
    expect(result.ok).toBe(true);
    // An HTML-only build: the PDF already there stays, beside the new pages and embed.
    expect(Object.keys(await contents(out)).sort()).toEqual([MARKER, 'embed/', 'index.html', 'pages/', 'plan.pdf'].sort());
    expect(await readFile(path.join(out, 'plan.pdf'), 'utf8')).toBe('the last good PDF');
    expect(await beside(out)).toEqual([]);
  });

  it("marks an out/ from before the marker as taken over, so that a PDF build keeps its PDFs too; a marked out/ is not", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'yjplan-write-'));
    await mkdir(path.join(root, 'out'));
    await writeFile(path.join(root, 'out', 'index.html'), 'an earlier build');
    await writeFile(path.join(root, 'out', 'signed-contract.pdf'), 'the council’s own PDF');
    const first = await stage(path.join(root, 'out'), { root });
    expect(first.takenOver).toBe(true);
    await first.discard();
    const marked = await lastGoodBuild();
    const again = await stage(marked, { root: fixture('small') });
    expect(again.takenOver).toBe(false);
    await again.discard();
  });

  it('puts back a last good build that a killed build left set aside, and removes its staging', async () => {
    const out = await lastGoodBuild();
    // What a build killed between its two renames leaves: out/ gone, the old build beside it.
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max, so no process has it
    await fs.rename(out, path.join(path.dirname(out), `.out.old-${dead}`));
    await mkdir(path.join(path.dirname(out), `.out.staging-${dead}-0a1b`));
    await writeMarker(path.join(path.dirname(out), `.out.staging-${dead}-0a1b`));
    const staging = await stage(out, { root: fixture('small') });
    await staging.discard();
    expect(await contents(out)).toEqual({ [MARKER]: await markerTextFor(out), 'index.html': 'the last good HTML', 'plan.pdf': 'the last good PDF' });
    expect(await beside(out)).toEqual([]);
  });

  it('leaves alone a folder beside out/ that only has a staging name, and was not made by a build', async () => {
    const out = await lastGoodBuild();
    const dead = 2 ** 22 + 54321;
    const theirs = path.join(path.dirname(out), `.out.staging-${dead}`);
    await mkdir(theirs);
    await writeFile(path.join(theirs, 'notes.txt'), 'mine');
    const old = path.join(path.dirname(out), `.out.old-${dead}`);
    await mkdir(old);
    await writeFile(path.join(old, 'notes.txt'), 'mine too');
    const result = await build({ root: fixture('small'), outDir: out, pdf: false });
    expect(result.ok).toBe(true);
    expect(await readFile(path.join(theirs, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(path.join(old, 'notes.txt'), 'utf8')).toBe('mine too');
    expect((await beside(out)).sort()).toEqual([`.out.old-${dead}`, `.out.staging-${dead}`]);
  });
});

describe('stopping a build', () => {
  it.each(['load', 'parse', 'transform', 'render', 'write'])('an abort heard after the %s stage leaves out/ as it was and no staging directory', async (after) => {
    const out = await lastGoodBuild();
    const controller = new AbortController();
    const error = await build({
      root: fixture('small'),
      outDir: out,
      pdf: false,
      signal: controller.signal,
      log: (line) => {
        if (line.startsWith(after)) controller.abort('SIGINT');
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).diagnostics).toMatchObject([{ ruleId: 'build:interrupted' }]);
    expect(await contents(out)).toEqual({ [MARKER]: await markerTextFor(out), 'index.html': 'the last good HTML', 'plan.pdf': 'the last good PDF' });
    expect(await beside(out)).toEqual([]);
  });
});
