/**
 * Which directory a build may replace. A build replaces its output directory whole, so the
 * directory must be one a build made: each build writes a marker file into it, and any other
 * directory that holds files is refused. The checks run on real paths (links followed), so a
 * link or a `..` cannot lead a build onto the plan, the working directory or anything else.
 *
 *   given ──► resolved, links followed ──► not the plan, not holding it, not the working
 *   directory ──► not a file ──► inside the plan only as a folder of its own ──► empty, new,
 *   or marked (or an out/ from before the marker, holding only what a build writes)
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readdir, realpath, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MessageText } from '../diagnostics/index.ts';
import { outputMessages } from '../messages/output.ts';
import { isInside, realOf } from '../safety/paths.ts';

/** The file every build writes into its output directory: the proof that a build made it. */
export const MARKER = '.yjplan-output';
/**
 * What an earlier yjplan wrote as the marker: fixed text, so a copy of it proved nothing. It is
 * still accepted in a plan's own out/ while that holds only what a build writes (see
 * `EARLIER_BUILD_FILE`); anywhere else it is refused with a message of its own.
 */
export const LEGACY_MARKER_TEXT = 'A yjplan build made this folder and replaces it whole at each build: keep nothing else here.\n';

/**
 * A marker is tied to the folder it was written in by that folder's device and inode, hashed:
 * a marker copied into another folder, or a folder copied whole, no longer matches, so a copy
 * never makes a folder replaceable. Not the folder's path: the build writes the marker into its
 * staging folder and renames that into place, which keeps the inode and changes the path.
 */
function markerCheck(info: { dev: number; ino: number }): string {
  return createHash('sha256').update(`yjplan-output\0${info.dev}\0${info.ino}`).digest('hex');
}

/** The marker's text for the folder `dir`, as it is now. */
export async function markerTextFor(dir: string): Promise<string> {
  const info = await stat(dir);
  return `${LEGACY_MARKER_TEXT}This marker holds for this folder only; a copy of it elsewhere does not: ${markerCheck(info)}\n`;
}

/** Writes the marker into `dir` (a folder the build has just made). */
export async function writeMarker(dir: string): Promise<void> {
  await writeFile(path.join(dir, MARKER), await markerTextFor(dir));
}

/** What `dir`'s marker says: written in this folder, an earlier yjplan's, written elsewhere, or none. */
export type MarkerState = 'ours' | 'legacy' | 'foreign' | 'none';

/** A marker is a line or two of text: a larger file is no marker of ours. */
const MAX_MARKER_BYTES = 1024;

/** Folders of a plan that hold its sources (and tools' own), never an output. */
const SOURCES = new Set(['content', 'data', 'templates', 'node_modules']);

/**
 * What a build wrote before the marker existed: a plan's out/ holding only these is taken to be
 * an earlier build's, so that existing plans keep building into it. Nothing else is (a folder
 * holding anything more, or a folder elsewhere, must be marked or empty), and the marker is
 * written into it by the next build, after which the ordinary rule applies.
 */
const EARLIER_BUILD_FILE = /^(?:index\.html|bench\.json|[^/\\]+\.pdf)$/;

export type OutDirCheck = { ok: true; dir: string } | { ok: false; text: MessageText };

export interface OutDirContext {
  /** The plan directory. */
  root: string;
  /** The working directory (default: the process's). */
  cwd?: string | undefined;
}

/** Whether a build may replace `given`; when it may, the directory's real path. */
export async function checkOutDir(given: string, context: OutDirContext): Promise<OutDirCheck> {
  if (given.trim() === '') return { ok: false, text: outputMessages.empty() };
  const cwd = context.cwd ?? process.cwd();
  const absolute = path.resolve(cwd, given);
  const shown = displayPath(absolute, cwd);
  const real = await realOf(absolute);
  // A link to nothing, at the folder or anywhere on the way to it, would be made a folder through.
  for (let at = absolute; ; at = path.dirname(at)) {
    const link = await lstat(at).catch(() => undefined);
    if (link?.isSymbolicLink() && !(await realpath(at).then(() => true, () => false))) return { ok: false, text: outputMessages.brokenLink(displayPath(at, cwd)) };
    if (path.dirname(at) === at) break;
  }

  const realRoot = await realOf(path.resolve(cwd, context.root));
  const realCwd = await realOf(cwd);
  if (real === realRoot || isInside(real, realRoot)) return { ok: false, text: outputMessages.holdsPlan(shown) };
  // A folder named inside the plan (its default out/, say) is written only where it really is: a
  // link the plan holds (`out -> /elsewhere/site`) must not send the build to replace another folder.
  const absRoot = path.resolve(cwd, context.root);
  if ((isInside(absRoot, absolute) || isInside(realRoot, absolute)) && !isInside(realRoot, real)) {
    return { ok: false, text: outputMessages.linkOutOfPlan(shown, displayPath(real, cwd)) };
  }
  if (real === realCwd || isInside(real, realCwd)) return { ok: false, text: outputMessages.holdsWorkingDir(shown) };

  const info = await stat(real).catch((error: NodeJS.ErrnoException) => error.code ?? 'unknown');
  if (typeof info !== 'string' && !info.isDirectory()) return { ok: false, text: outputMessages.notAFolder(shown) };
  if (info === 'ENOTDIR') return { ok: false, text: outputMessages.notAFolder(shown) };
  const exists = typeof info !== 'string';
  const state = exists ? await markerState(real) : 'none';
  const marked = state === 'ours';

  if (isInside(realRoot, real)) {
    const parts = path.relative(realRoot, real).split(path.sep);
    const top = parts[0]!;
    // A plan's own folders are refused even when marked: a marker can be copied.
    if (SOURCES.has(top) || top.startsWith('.')) return { ok: false, text: outputMessages.insidePlan(shown, `${top}/`) };
    if (parts.length > 1 && !marked) return { ok: false, text: outputMessages.insidePlan(shown, `${top}/`) };
  }
  if (!exists || marked) return { ok: true, dir: real };
  const entries = await readdir(real);
  if (entries.length === 0) return { ok: true, dir: real };
  // A plan's own out/ from an earlier yjplan (no marker, or its fixed-text one) is still built into
  // while it holds only what a build writes; the new marker is written into it then.
  const planOut = real === path.join(realRoot, 'out');
  const unexpected = planOut ? await firstNotFromBuild(real, entries) : undefined;
  if (planOut && unexpected === undefined) return { ok: true, dir: real };
  // Name what a build did not write first: pages/my-notes.docx says why more plainly than pages.
  const some = [...new Set([...(unexpected && unexpected !== '.' ? [unexpected] : []), ...entries.sort()])].slice(0, 3);
  if (state === 'foreign') return { ok: false, text: outputMessages.copiedMarker(shown, MARKER) };
  if (state === 'legacy') return { ok: false, text: outputMessages.legacyMarker(shown, MARKER, some) };
  return { ok: false, text: outputMessages.notMade(shown, MARKER, some) };
}

/** Whether `dir` holds a marker written in it (not copied from elsewhere, not a link to one). */
export async function isMarked(dir: string): Promise<boolean> {
  return (await markerState(dir)) === 'ours';
}

/** What the marker in `dir` says, read as a regular file of its own (a link is never followed). */
export async function markerState(dir: string): Promise<MarkerState> {
  let handle;
  try {
    handle = await open(path.join(dir, MARKER), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    // A link (ELOOP) or anything else that cannot be opened as the marker proves nothing.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'none' : 'foreign';
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > MAX_MARKER_BYTES) return 'foreign';
    const text = (await handle.readFile()).toString('utf8');
    if (text === LEGACY_MARKER_TEXT) return 'legacy';
    const check = /: ([0-9a-f]{64})\n?$/.exec(text)?.[1];
    const folder = await stat(dir).catch(() => undefined);
    return check !== undefined && folder !== undefined && check === markerCheck(folder) ? 'ours' : 'foreign';
  } catch {
    return 'foreign';
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * What a build writes in each of its folders: the pages are flat `.html` files (pages/index.ts),
 * the embed its two files (embed/index.ts). A folder of that name holding anything else holds
 * someone's own files, which a build must not delete.
 */
const EARLIER_BUILD_FOLDERS: Readonly<Record<string, RegExp>> = {
  pages: /^[^/\\]+\.html$/,
  embed: /^plan\.(?:html|css)$/,
};

/**
 * Whether `dir` holds only what a build writes (its files, its `embed/` and `pages/` folders
 * holding only their own files, an earlier yjplan's marker), none of it a link.
 */
export async function holdsOnlyEarlierBuild(dir: string, entries?: readonly string[]): Promise<boolean> {
  return (await firstNotFromBuild(dir, entries)) === undefined;
}

/** The first thing in `dir` (as `pages/name`, say) that a build does not write there, if any; `dir` itself if it cannot be listed. */
export async function firstNotFromBuild(dir: string, entries?: readonly string[]): Promise<string | undefined> {
  const names = entries ?? (await readdir(dir).catch(() => undefined));
  if (!names) return '.';
  for (const name of [...names].sort()) {
    const info = await lstat(path.join(dir, name)).catch(() => undefined);
    if (!info) return name;
    if (name === MARKER || EARLIER_BUILD_FILE.test(name)) {
      if (!info.isFile()) return name;
      continue;
    }
    const inside = Object.hasOwn(EARLIER_BUILD_FOLDERS, name) ? EARLIER_BUILD_FOLDERS[name] : undefined;
    if (!inside || !info.isDirectory()) return name;
    // Looked into, not just named: a pages/ or embed/ holding a document of the user's is not a build's.
    const held = await readdir(path.join(dir, name)).catch(() => undefined);
    if (!held) return `${name}/`;
    for (const file of held.sort()) {
      const fileInfo = await lstat(path.join(dir, name, file)).catch(() => undefined);
      if (!fileInfo?.isFile() || !inside.test(file)) return `${name}/${file}`;
    }
  }
  return undefined;
}


/** A directory as the user would type it: relative to the working directory when inside it. */
export function displayPath(dir: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, dir);
  if (relative === '') return '.';
  return (relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative).split(path.sep).join('/');
}
