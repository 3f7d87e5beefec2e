/**
 * Copying last year's plan for `new --from`: its regular files and folders, and nothing else.
 * Links are never followed nor copied as links (a copied link could point the new plan outside
 * itself, to a file the old plan's folder happened to reach), pipes and devices are never opened:
 * each is skipped, and reported at its own path, so a person can copy what it stood for by hand.
 * Every file is read through the one safe reader (a regular file inside the plan, measured on the
 * open handle) and written as a new file, never over one.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readInside } from '../safety/read.ts';

export interface Skipped {
  /** Its path inside the plan, with forward slashes. */
  file: string;
  what: 'link' | 'not-a-file' | 'unreadable' | 'too-deep';
  detail?: string | undefined;
}

/** Folders nested deeper than any plan's (content/ and templates/ go two or three deep). */
const MAX_COPY_DEPTH = 16;
/** The largest file copied: a plan's largest is a picture, limited to 10 MB where it is used. */
const MAX_COPY_BYTES = 64 * 1024 * 1024;

/** Copies `from`'s regular files and folders that `keep` picks (given their path inside it) into the new folder `to`. */
export async function copyPlan(from: string, to: string, keep: (relative: string) => boolean): Promise<Skipped[]> {
  const skipped: Skipped[] = [];
  const walk = async (relative: string, depth: number): Promise<void> => {
    const entries = await readdir(path.join(from, relative), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = relative ? path.join(relative, entry.name) : entry.name;
      if (!keep(rel)) continue;
      const file = rel.split(path.sep).join('/');
      // The entry's own type, as lstat gives it: a link is a link, whatever it points at.
      if (entry.isSymbolicLink()) skipped.push({ file, what: 'link' });
      else if (entry.isDirectory()) {
        if (depth >= MAX_COPY_DEPTH) {
          skipped.push({ file, what: 'too-deep' });
          continue;
        }
        await mkdir(path.join(to, rel));
        await walk(rel, depth + 1);
      } else if (entry.isFile()) {
        const read = await readInside(from, path.join(from, rel), MAX_COPY_BYTES);
        if (!read.ok) skipped.push({ file, what: read.reason === 'not-a-file' || read.reason === 'outside' ? 'not-a-file' : 'unreadable', detail: read.detail });
        else await writeFile(path.join(to, rel), read.bytes, { flag: 'wx' });
      } else skipped.push({ file, what: 'not-a-file', detail: entry.isFIFO() ? 'a pipe' : entry.isSocket() ? 'a socket' : 'a device' });
    }
  };
  await mkdir(to, { recursive: true });
  await walk('', 0);
  return skipped;
}
