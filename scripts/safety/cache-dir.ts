/**
 * The plan's cache folder (.yjplan-cache) is only an aid to speed, and never a way out of the
 * plan: it is used only when it is a real folder, not a link to one elsewhere, and its files
 * are read and written only as regular files inside it. When it cannot be used, builds are
 * slower and nothing else changes.
 *
 * Nor is it a way in: a plan can arrive from elsewhere with a cache folder in it, and what a
 * cache holds (parsed Markdown, drawn charts) is used as the build's own work. Every file is
 * signed with a key kept in the user's own cache folder (never in the plan), and a file whose
 * signature does not hold (planted, copied from another machine, or damaged) is not read.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, constants, fstatSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readInside } from './read.ts';

const SIGNED = 'yjplan-cache ';
let key: Buffer | null | undefined;

/**
 * This user's signing key (XDG_CACHE_HOME, or ~/.cache, /yjplan/cache-key), made on first use;
 * null where there is no such folder to keep it in, and then no cache file is read or written.
 */
function signingKey(): Buffer | null {
  if (key !== undefined) return key;
  // XDG's rule: a relative XDG_CACHE_HOME is ignored.
  const xdg = process.env.XDG_CACHE_HOME;
  const base = xdg && path.isAbsolute(xdg) ? xdg : os.homedir() ? path.join(os.homedir(), '.cache') : '';
  const file = base ? path.join(base, 'yjplan', 'cache-key') : '';
  key = null;
  if (!file) return key;
  key = readKey(file);
  if (key) return key;
  try {
    // One level at a time, never `recursive`: Node 20's recursive mkdir never returns under some
    // special folders (XDG_CACHE_HOME=/proc/self), and the key has no business being far from home.
    if (!statSync(path.dirname(base)).isDirectory()) return key;
    makeFolder(base);
    makeFolder(path.dirname(file));
    // 'wx': two builds making the key at once keep the first one written, which both then read.
    writeFileSync(file, randomBytes(KEY_BYTES), { flag: 'wx', mode: 0o600 });
  } catch {
    // Made by another build meanwhile, or nowhere to keep it.
  }
  key = readKey(file);
  return key;
}

const KEY_BYTES = 32;

/** `dir` made if missing (its parent must exist), and then a real folder: else it throws. */
function makeFolder(dir: string): void {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
}

/** The key, only from a regular file of exactly its size: not a link (to /etc/passwd, /dev/zero), a pipe or a device. */
function readKey(file: string): Buffer | null {
  let fd: number | undefined;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    const info = fstatSync(fd);
    if (!info.isFile() || info.size !== KEY_BYTES) return null;
    const bytes = Buffer.alloc(KEY_BYTES);
    return readSync(fd, bytes, 0, KEY_BYTES, 0) === KEY_BYTES ? bytes : null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Over the file's name as well as its content: a signed file renamed (one chart's picture given another's key) does not hold. */
const signature = (secret: Buffer, name: string, content: Buffer): string => createHmac('sha256', secret).update(name).update('\0').update(content).digest('hex');

/** Whether `dir` may hold the cache: a real folder, or nothing yet. A link, even to a folder, may not. */
export async function usableCacheDir(dir: string): Promise<boolean> {
  const info = await lstat(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? 'none' : undefined));
  return info === 'none' || (info !== undefined && info.isDirectory());
}

/** Larger than anything a build keeps; a larger file (planted with a plan, sparse or not) is not read at all. */
export const MAX_CACHE_FILE_BYTES = 64 * 1024 * 1024;

/**
 * A file's content in the cache, if it is a regular file in a usable cache folder, of at most
 * `maxBytes` (its size checked on the open file before anything is read), signed with this user's key.
 */
export async function readCacheFile(dir: string, name: string, maxBytes = MAX_CACHE_FILE_BYTES): Promise<Buffer | undefined> {
  const secret = signingKey();
  if (!secret || !(await usableCacheDir(dir))) return undefined;
  const read = await readInside(dir, path.join(dir, name), maxBytes);
  if (!read.ok) return undefined;
  const newline = read.bytes.indexOf(0x0a);
  const head = newline < 0 ? '' : read.bytes.subarray(0, newline).toString('latin1');
  if (!head.startsWith(SIGNED)) return undefined;
  const content = read.bytes.subarray(newline + 1);
  const expected = Buffer.from(signature(secret, name, content));
  const given = Buffer.from(head.slice(SIGNED.length));
  return given.length === expected.length && timingSafeEqual(given, expected) ? content : undefined;
}

/**
 * Writes a file into the cache whole: written beside under a fresh name (never through a link
 * that stands there), then renamed over. False when the cache cannot be used; never throws.
 */
export async function writeCacheFile(dir: string, name: string, content: string | Uint8Array): Promise<boolean> {
  const file = path.join(dir, name);
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const secret = signingKey();
    if (!secret || !(await usableCacheDir(dir))) return false;
    await mkdir(dir, { recursive: true });
    if (!(await lstat(dir)).isDirectory()) return false;
    const bytes = Buffer.from(content);
    await writeFile(temp, Buffer.concat([Buffer.from(`${SIGNED}${signature(secret, name, bytes)}\n`, 'latin1'), bytes]), { flag: 'wx' });
    await rename(temp, file);
    return true;
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
    return false;
  }
}

/**
 * Results kept in one signed file as `{ "stamp": …, "<field>": { key: value } }`: what a build
 * computed from text (parsed Markdown, checked stylesheets), for the next to use instead. A file
 * of another stamp (another format or package version), damaged, or holding a value that is not
 * `isEntry`'s is read as holding none of it.
 */
export async function readKept<T>(dir: string, file: string, field: string, stamp: string, isEntry: (value: unknown) => value is T, maxBytes: number): Promise<Map<string, T>> {
  const bytes = await readCacheFile(dir, file, maxBytes);
  if (!bytes) return new Map();
  try {
    const kept = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    const entries = kept[field];
    if (kept.stamp !== stamp || typeof entries !== 'object' || entries === null) return new Map();
    return new Map(Object.entries(entries as Record<string, unknown>).filter((entry): entry is [string, T] => isEntry(entry[1])));
  } catch {
    // Damaged: everything is computed again.
    return new Map();
  }
}

/** Writes what readKept reads, unless it comes to more than `maxBytes`. */
export async function writeKept(dir: string, file: string, field: string, stamp: string, entries: ReadonlyMap<string, unknown>, maxBytes: number): Promise<void> {
  const json = JSON.stringify({ stamp, [field]: Object.fromEntries(entries) });
  if (Buffer.byteLength(json) <= maxBytes) await writeCacheFile(dir, file, json);
}
