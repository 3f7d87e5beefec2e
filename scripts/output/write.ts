/**
 * Stage 6, write: the output directory is replaced whole or not at all. Files are
 * written to a staging directory beside it, which is then swapped in, so a
 * failure or Ctrl-C at any point leaves the last good build as it was.
 *
 *   out/  ──rename──▶ .out.old-<pid>/        (the last good build, set aside)
 *   .out.staging-<pid>/ ──rename──▶ out/     (the new build, swapped in)
 *   .out.old-<pid>/ ──remove
 *
 * If the second rename fails, the first is undone. A process killed outright between the
 * two (SIGKILL, power cut) leaves out/ missing and the old build beside it: the next build
 * puts it back before it starts, and removes the staging directories of dead builds.
 */
import { escapeRegExp } from '../util/regexp.ts';
import { mkdir, readdir, rename, rm, writeFile, copyFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface Staging {
  dir: string;
  write(name: string, content: string | Uint8Array): Promise<void>;
  /** Keeps a file from the previous build (a PDF when printing failed). */
  keepPrevious(name: string): Promise<boolean>;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

export async function stage(outDir: string): Promise<Staging> {
  const parent = path.dirname(path.resolve(outDir));
  const base = path.basename(outDir);
  const dir = path.join(parent, `.${base}.staging-${process.pid}`);
  await recover(parent, base);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return {
    dir,
    async write(name, content) {
      await writeFile(path.join(dir, name), content);
    },
    async keepPrevious(name) {
      const previous = path.join(outDir, name);
      if (!(await exists(previous))) return false;
      await copyFile(previous, path.join(dir, name));
      return true;
    },
    async commit() {
      const old = path.join(parent, `.${base}.old-${process.pid}`);
      const hadOld = await exists(outDir);
      if (hadOld) await rename(outDir, old);
      try {
        await rename(dir, outDir);
      } catch (error) {
        if (hadOld) await rename(old, outDir);
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

const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);

/** Puts back a last good build that a killed process left set aside, and removes dead builds' staging. */
async function recover(parent: string, base: string): Promise<void> {
  const outDir = path.join(parent, base);
  const entries = await readdir(parent).catch(() => [] as string[]);
  for (const name of entries) {
    const m = new RegExp(`^\\.${escapeRegExp(base)}\\.(staging|old)-(\\d+)$`).exec(name);
    if (!m || alive(Number(m[2]))) continue;
    const dir = path.join(parent, name);
    if (m[1] === 'old' && !(await exists(outDir))) await rename(dir, outDir).catch(() => undefined);
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

