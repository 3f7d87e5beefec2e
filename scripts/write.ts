/**
 * Stage 6, write: the output directory is replaced whole or not at all. Files are
 * written to a staging directory beside it, which is then swapped in, so a
 * failure or Ctrl-C at any point leaves the last good build as it was.
 */
import { mkdir, rename, rm, writeFile, copyFile, stat } from 'node:fs/promises';
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
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const exists = (p: string) => stat(p).then(() => true, () => false);
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
      if (hadOld) await rm(old, { recursive: true, force: true });
    },
    async discard() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
