/**
 * The one way a plan's files are read. A path is resolved to its real location (every link
 * followed) and read only when that lies inside the real plan directory, so a `content/` or
 * `templates/charts/` that is itself a link to elsewhere is caught as surely as a link to a
 * single file. Only regular files are read: the file is opened without waiting (a pipe with no
 * writer would otherwise block for ever) and checked with fstat on the open handle, so what is
 * read is what was checked.
 */
import { constants } from 'node:fs';
import { open, readdir, readlink, realpath } from 'node:fs/promises';
import { isInside } from './paths.ts';

export type ReadResult =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: 'missing' | 'outside' | 'not-a-file' | 'unreadable'; detail?: string | undefined };

/** The bytes of `file`, if it is a regular file inside `root` (both followed to their real paths) of at most `maxBytes`. */
export async function readInside(root: string, file: string, maxBytes = Infinity): Promise<ReadResult> {
  const real = await realpath(file).catch((error: NodeJS.ErrnoException) => error);
  if (real instanceof Error) {
    // A link to nothing is as missing as no file at all.
    return real.code === 'ENOENT' || real.code === 'ENOTDIR' ? { ok: false, reason: 'missing' } : { ok: false, reason: 'unreadable', detail: real.code };
  }
  const realRoot = await realpath(root).catch(() => undefined);
  if (realRoot === undefined || !(real === realRoot || isInside(realRoot, real))) return { ok: false, reason: 'outside' };
  let handle;
  try {
    // O_NOFOLLOW: the path was resolved above; a link swapped in since is not followed.
    handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: 'missing' };
    if (code === 'ELOOP') return { ok: false, reason: 'outside' };
    return { ok: false, reason: 'unreadable', detail: code ?? String(error) };
  }
  try {
    // O_NOFOLLOW guards the last step of the path only: a folder on the way swapped for a link
    // between realpath and open would lead elsewhere. What was opened is checked, not the path.
    if (!(await openedInside(handle.fd, realRoot))) return { ok: false, reason: 'outside' };
    const info = await handle.stat();
    if (!info.isFile()) return { ok: false, reason: 'not-a-file', detail: info.isDirectory() ? 'a folder' : info.isFIFO() ? 'a pipe' : info.isSocket() ? 'a socket' : 'a device' };
    if (info.size > maxBytes) return { ok: false, reason: 'unreadable', detail: `it is ${(info.size / (1024 * 1024)).toFixed(1)} MB; a file of this kind may be at most ${(maxBytes / (1024 * 1024)).toFixed(0)} MB` };
    return { ok: true, bytes: await handle.readFile() };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A folder opened for reading fails on read: it is not a file.
    if (code === 'EISDIR') return { ok: false, reason: 'not-a-file', detail: 'a folder' };
    return { ok: false, reason: 'unreadable', detail: code ?? String(error) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Whether the file open as `fd` lies inside `realRoot`, by the path the kernel holds for it
 * (/proc/self/fd on Linux). Where there is no such path to ask, the check made before opening stands.
 */
export async function openedInside(fd: number, realRoot: string): Promise<boolean> {
  const opened = await readlink(`/proc/self/fd/${fd}`).catch(() => undefined);
  if (opened === undefined || !opened.startsWith('/')) return true;
  return opened === realRoot || isInside(realRoot, opened);
}

/** Whether `path` (any path) lies inside the real `root`, once every link in it is followed. */
export async function within(root: string, path: string): Promise<boolean> {
  const [realRoot, real] = await Promise.all([realpath(root).catch(() => undefined), realpath(path).catch(() => undefined)]);
  return realRoot !== undefined && real !== undefined && (real === realRoot || isInside(realRoot, real));
}

/** The names in `dir`, if it lies inside the real `root`; none otherwise (a listing is a read too). */
export async function listInside(root: string, dir: string): Promise<string[]> {
  if (!(await within(root, dir))) return [];
  return readdir(dir).catch(() => [] as string[]);
}

/** Whether `dir` exists but lies outside the real `root` (a folder linked to elsewhere): listed as empty, and said so. */
export async function folderOutside(root: string, dir: string): Promise<boolean> {
  const real = await realpath(dir).catch(() => undefined);
  return real !== undefined && !(await within(root, real));
}
