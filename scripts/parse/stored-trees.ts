/**
 * Parsed Markdown kept in the plan's cache folder between builds: every tree the last build
 * parsed (sections and data files' text), by the hash of its text, in one file read back as JSON
 * in a fraction of the time a fresh process takes to parse (micromark is slow until it is warm).
 * The file is signed (safety/cache-dir.ts), so a stored tree is only ever what this user's
 * parser made of its text; everything after parsing (the checks, the sanitiser) runs on it as on
 * a fresh one all the same.
 */
import { createHash } from 'node:crypto';
import type { Root } from 'mdast';
import { readKept, writeKept } from '../safety/cache-dir.ts';
import { packageVersion } from '../util/package-version.ts';

/** Bump when the parser's configuration (markdown.ts) changes what it makes of the same text. */
const formatVersion = 1;
const FILE = 'markdown-trees.json';
/** Far more than the trees of the most Markdown a plan may hold take (limits.ts); a larger file is not read. */
const MAX_BYTES = 64 * 1024 * 1024;
const PARSER_PACKAGES = ['remark-parse', 'remark-gfm', 'remark-directive', 'remark-frontmatter', 'micromark', 'mdast-util-from-markdown'];

const stamp = (): string => JSON.stringify([formatVersion, PARSER_PACKAGES.map((p) => `${p}@${packageVersion(p)}`)]);
const textKey = (text: string): string => createHash('sha256').update(text).digest('base64url');

export interface StoredTrees {
  /** The stored tree for `text` if the last build left one, else `parse(text)`, kept for save(). */
  tree(text: string, parse: (text: string) => Root): Root;
  /** Keeps the trees this build used, when it parsed any afresh; the others go. */
  save(): Promise<void>;
}

/** The trees the last build kept in `dir`, the plan's cache folder. */
export async function readStoredTrees(dir: string): Promise<StoredTrees> {
  const current = stamp();
  const found = await readKept(dir, FILE, 'trees', current, isRoot, MAX_BYTES);
  const used = new Map<string, Root>();
  let fresh = 0;
  return {
    tree(text, parse) {
      const key = textKey(text);
      let tree = used.get(key) ?? found.get(key);
      if (!tree) {
        tree = parse(text);
        fresh++;
      }
      used.set(key, tree);
      return tree;
    },
    async save() {
      if (fresh > 0) await writeKept(dir, FILE, 'trees', current, used, MAX_BYTES);
    },
  };
}

function isRoot(value: unknown): value is Root {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'root' && Array.isArray((value as { children?: unknown }).children);
}
