/**
 * What one build can hand the next: parsed Markdown and validated YAML, keyed
 * by their text, so the preview re-parses only the files that changed. Entries
 * the last build did not use are dropped, so an editing session does not grow
 * the cache without end. Cached values are shared: no stage may change them.
 */
export class BuildCache {
  #current = new Map<string, unknown>();
  #previous = new Map<string, unknown>();

  memo<T>(key: string, compute: () => T): T {
    if (this.#current.has(key)) return this.#current.get(key) as T;
    const value = this.#previous.has(key) ? (this.#previous.get(key) as T) : compute();
    this.#current.set(key, value);
    return value;
  }

  /** Builds started with this cache: from the second on, what the plan's cache folder holds is already here. */
  builds = 0;

  /** Starts a new build: what the last one did not use goes. */
  nextBuild(): void {
    this.builds++;
    this.#previous = this.#current;
    this.#current = new Map();
  }
}

/** For one-off builds: computes every time. */
export const noCache = { memo: <T>(_key: string, compute: () => T): T => compute() };
export type Memo = Pick<BuildCache, 'memo'>;
