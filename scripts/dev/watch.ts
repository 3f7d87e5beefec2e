/**
 * Watching a plan's files: chokidar over content/, data/, templates/ and plan.yaml, without the
 * temporary files editors write, with a burst of events (a save, a checkout) reported once.
 *
 * chokidar drops a second `change` of a file within 50 ms of the first (and any within 5 ms),
 * so the end of a save that came in two writes, or a quick second save, would be missed and the
 * preview would show the half-saved file until the next one. Each reported file is therefore
 * looked at again just after that window, and reported again if it is no longer as it was when
 * reported (which is how the build read it).
 */
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { watch } from 'chokidar';
import { isEditorTemp } from './ignore.ts';

/** What the preview watches, relative to the plan directory. */
export const watched = ['content', 'data', 'templates', 'plan.yaml'];

/** chokidar's window for repeated `change` events of one file, and a little more. */
const recheckAfter = 60;

export interface WatchOptions {
  /** How long to wait for a burst of events to end, in ms. */
  debounce: number;
  /** Called once per burst with the plan-relative files that changed, in the order first seen. */
  onChange(files: string[]): void;
  onError(error: unknown): void;
}

export interface PlanWatcher {
  /** Resolves when the initial scan is done: changes after it are reported. */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function watchPlan(root: string, options: WatchOptions): PlanWatcher {
  const pending = new Set<string>();
  /** Each reported file as it was when reported, which is how the build that follows reads it. */
  const reported = new Map<string, Stats>();
  const rechecks = new Map<string, NodeJS.Timeout>();
  const looking = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  // Links are watched as links, never followed: a `templates/x -> /` must not walk the file system.
  // The build reads nothing through a link that leaves the plan, so nothing there is worth watching.
  const watcher = watch(watched, { cwd: root, ignoreInitial: true, followSymlinks: false, depth: 16, ignored: (file: string) => isEditorTemp(root, file) });

  /** A stat that close() waits for, so no file system request outlives the watcher. */
  function look(file: string): Promise<Stats | undefined> {
    const request = stat(path.join(root, file)).catch(() => undefined);
    looking.add(request);
    void request.finally(() => looking.delete(request));
    return request;
  }

  function changed(file: string): void {
    if (closed) return;
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => void report(), options.debounce);
  }

  async function report(): Promise<void> {
    const files = [...pending];
    pending.clear();
    const seen = await Promise.all(files.map(look));
    if (closed) return;
    files.forEach((file, i) => {
      const stats = seen[i];
      if (stats) {
        reported.set(file, stats);
        recheck(file);
      }
    });
    options.onChange(files);
  }

  function recheck(file: string): void {
    clearTimeout(rechecks.get(file));
    const timeout = setTimeout(async () => {
      rechecks.delete(file);
      const now = await look(file);
      const then = reported.get(file);
      // Gone since: chokidar reports the unlink itself.
      if (closed || !now || !then) return;
      if (now.mtimeMs !== then.mtimeMs || now.size !== then.size) changed(file);
    }, recheckAfter);
    rechecks.set(file, timeout);
  }

  watcher.on('all', (_event, file) => changed(file.split(path.sep).join('/')));
  watcher.on('error', options.onError);
  const ready = new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      for (const timeout of rechecks.values()) clearTimeout(timeout);
      rechecks.clear();
      await Promise.all([watcher.close(), ...looking]);
    },
  };
}
