/**
 * Stage 6, write: the output directory is replaced whole or not at all. Files are
 * written to a staging directory beside it, which is then swapped in, so a
 * failure or Ctrl-C at any point leaves the last good build as it was.
 *
 *   out/  ──rename──▶ .out.old-<pid>/        (the last good build, set aside)
 *   .out.staging-<pid>-<n>/ ──rename──▶ out/ (the new build, swapped in)
 *   .out.old-<pid>/ ──remove
 *
 * Only a directory a build made is ever replaced or removed (out-dir.ts): the staging
 * directory carries the marker from its first moment, the output directory is checked when
 * staging starts and again just before it is set aside.
 *
 * If the second rename fails, the first is undone. A process killed outright between the
 * two (SIGKILL, power cut) leaves out/ missing and the old build beside it: the next build
 * puts it back before it starts, and removes the staging directories of dead builds.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, lstat, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, PlanError } from '../diagnostics/index.ts';
import { outputMessages } from '../messages/output.ts';
import { escapeRegExp } from '../util/regexp.ts';
import { checkOutDir, displayPath, holdsOnlyEarlierBuild, isMarked, MARKER, writeMarker } from './out-dir.ts';

export interface Staging {
  /** The staging directory, where the new build is written. */
  dir: string;
  /** The output directory it replaces (its real path). */
  outDir: string;
  /** Whether the output existed without this build's marker (an out/ from before the marker): its PDFs may not all be a build's. */
  takenOver: boolean;
  write(name: string, content: string | Uint8Array): Promise<void>;
  /** Keeps files of the previous build that `keep` picks (its PDFs, in an HTML-only build); returns their names. */
  keepPrevious(keep: (name: string) => boolean): Promise<string[]>;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

export interface StageOptions {
  /** The plan directory: the output may not be it, hold it or lie among its sources. */
  root: string;
}

export async function stage(outDir: string, options: StageOptions): Promise<Staging> {
  const checked = await checkOutDir(outDir, options);
  if (!checked.ok) throw new PlanError([diagnostic(displayPath(path.resolve(outDir)), undefined, checked.text)]);
  const out = checked.dir;
  const takenOver = (await lstat(out).then(() => true, () => false)) && !(await isMarked(out));
  const parent = path.dirname(out);
  const base = path.basename(out);
  await recover(parent, base);
  await mkdir(parent, { recursive: true });
  const dir = path.join(parent, `.${base}.staging-${process.pid}-${randomBytes(4).toString('hex')}`);
  // Not recursive: a directory of that name that exists already is someone else's, never reused.
  await mkdir(dir);
  await writeMarker(dir).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    dir,
    outDir: out,
    takenOver,
    async write(name, content) {
      // `name` may be in a folder of out/ (pages/index.html).
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), content);
    },
    async keepPrevious(keep) {
      const names = (await readdir(out).catch(() => [] as string[])).filter((n) => n !== MARKER && keep(n)).sort();
      const kept: string[] = [];
      for (const name of names) {
        // Only the previous build's own files: a link would copy whatever it points at.
        if (!(await lstat(path.join(out, name)).then((s) => s.isFile(), () => false))) continue;
        await copyFile(path.join(out, name), path.join(dir, name));
        kept.push(name);
      }
      return kept;
    },
    async commit() {
      // The output may have changed while the plan was built: check it again before it goes.
      const again = await checkOutDir(out, options);
      if (!again.ok || again.dir !== out) throw new PlanError([diagnostic(displayPath(out), undefined, outputMessages.changedSince(displayPath(out)))]);
      const old = path.join(parent, `.${base}.old-${process.pid}`);
      const hadOld = await lstat(out).then(() => true, () => false);
      if (hadOld) await rename(out, old);
      try {
        await rename(dir, out);
      } catch (error) {
        if (hadOld) await rename(old, out);
        throw error;
      }
      // The new build is in place: failing to tidy the old one away must not fail the build.
      if (hadOld) await rm(old, { recursive: true, force: true }).catch(() => undefined);
    },
    async discard() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Puts back a last good build that a killed process left set aside, and removes dead builds'
 * staging. Only directories a build made are touched: a sibling that merely has such a name
 * is left alone.
 */
async function recover(parent: string, base: string): Promise<void> {
  const outDir = path.join(parent, base);
  const pattern = new RegExp(`^\\.${escapeRegExp(base)}\\.(staging|old)-(\\d+)(?:-[0-9a-f]+)?$`);
  const entries = await readdir(parent).catch(() => [] as string[]);
  for (const name of entries) {
    const m = pattern.exec(name);
    if (!m || alive(Number(m[2]))) continue;
    const dir = path.join(parent, name);
    const isDir = await lstat(dir).then((s) => s.isDirectory(), () => false);
    const ours = isDir && ((await isMarked(dir)) || (m[1] === 'old' && (await holdsOnlyEarlierBuild(dir))));
    if (!ours) continue;
    const outExists = await lstat(outDir).then(() => true, () => false);
    if (m[1] === 'old' && !outExists) await rename(dir, outDir).catch(() => undefined);
    else await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false; // our own, from an earlier build in this process
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
