/**
 * Rendered charts by content: the key is a hash of everything that decides the picture (the
 * prepared spec, which holds the data, params and width; the theme; the target width; and the
 * versions of Vega, Vega-Lite and the fonts). Kept in memory for rebuilds in one process and,
 * given a directory, on disk for the next build. A chart asked for twice while it is being drawn
 * is drawn once.
 */
import { createHash } from 'node:crypto';
import type { Element } from 'hast';
import { readCacheFile, writeCacheFile } from '../safety/cache-dir.ts';
import path from 'node:path';
import { documentFonts } from './font-files.ts';
import { packageVersion } from '../util/package-version.ts';

/** Bump when the renderer's output changes for the same input. */
const formatVersion = 2;

export interface CachedChart {
  svg: string;
  /**
   * The same SVG as the sanitiser's tree, kept so that a chart used again is sanitised without
   * parsing its text again (which costs more than the rest of its use). Sanitised again all the same.
   */
  tree?: Element | undefined;
  /** The SVG's width, in CSS pixels. */
  width: number;
  warnings: string[];
  /** What the SVG sanitiser took out of the drawing, to be reported whenever the chart is used. */
  removed?: string[] | undefined;
}

export interface CacheStats {
  /** Charts drawn. */
  renders: number;
  /** Charts found already drawn, in memory or on disk. */
  hits: number;
}

export function chartKey(parts: unknown): string {
  const stamp = {
    formatVersion,
    vega: packageVersion('vega'),
    vegaLite: packageVersion('vega-lite'),
    fonts: documentFonts.map((f) => path.basename(f.file)),
  };
  return createHash('sha256').update(JSON.stringify([stamp, parts])).digest('hex');
}

export class ChartCache {
  readonly stats: CacheStats = { renders: 0, hits: 0 };
  private readonly memory = new Map<string, CachedChart>();
  private readonly pending = new Map<string, Promise<CachedChart | undefined>>();

  /** `dir`: where to keep charts between builds (created when first needed); none keeps them in memory only. */
  constructor(readonly dir?: string | undefined) {}

  /**
   * The chart for `key`, drawing it with `draw` only if it is not already known.
   * `draw` returns undefined for a chart that failed: failures are not kept.
   */
  async get(key: string, draw: () => Promise<CachedChart | undefined>): Promise<CachedChart | undefined> {
    const known = this.memory.get(key);
    if (known) {
      this.stats.hits++;
      return known;
    }
    let pending = this.pending.get(key);
    if (pending) {
      this.stats.hits++;
      return pending;
    }
    pending = this.lookUpOrDraw(key, draw).finally(() => this.pending.delete(key));
    this.pending.set(key, pending);
    return pending;
  }

  private async lookUpOrDraw(key: string, draw: () => Promise<CachedChart | undefined>): Promise<CachedChart | undefined> {
    const stored = await this.readDisk(key);
    if (stored) {
      this.stats.hits++;
      this.memory.set(key, stored);
      return stored;
    }
    this.stats.renders++;
    const drawn = await draw();
    if (drawn) {
      this.memory.set(key, drawn);
      await this.writeDisk(key, drawn);
    }
    return drawn;
  }

  private async readDisk(key: string): Promise<CachedChart | undefined> {
    if (!this.dir) return undefined;
    // A chart's SVG is held to 2 MB when drawn; with its tree, well under this.
    const bytes = await readCacheFile(this.dir, `${key}.json`, 32 * 1024 * 1024);
    if (!bytes) return undefined;
    try {
      const value: unknown = JSON.parse(bytes.toString('utf8'));
      return isCachedChart(value) ? value : undefined;
    } catch {
      // Damaged: draw it again.
      return undefined;
    }
  }

  private async writeDisk(key: string, chart: CachedChart): Promise<void> {
    // Written whole, never through a link; the cache only saves time, so a failure is no error.
    if (this.dir) await writeCacheFile(this.dir, `${key}.json`, JSON.stringify(chart));
  }
}

function isCachedChart(value: unknown): value is CachedChart {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const strings = (list: unknown): boolean => Array.isArray(list) && list.every((w) => typeof w === 'string');
  const tree = v.tree as Record<string, unknown> | undefined;
  const svgTree = tree === undefined || (typeof tree === 'object' && tree !== null && tree.type === 'element' && tree.tagName === 'svg');
  return typeof v.svg === 'string' && v.svg.startsWith('<svg') && svgTree && typeof v.width === 'number' && strings(v.warnings) && (v.removed === undefined || strings(v.removed));
}

// One cache per directory for the life of the process, so a watching build reuses its charts.
const shared = new Map<string, ChartCache>();
export function sharedCache(dir: string | undefined): ChartCache {
  const key = dir ?? '';
  let cache = shared.get(key);
  if (!cache) {
    cache = new ChartCache(dir);
    shared.set(key, cache);
  }
  return cache;
}
