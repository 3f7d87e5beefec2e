// Whether the command line compiled ahead of time (compile.mjs) may be run instead of the
// TypeScript sources: it exists, and none of the sources it was made from has changed since.
// An edited source, a checkout of another commit or a fresh clone before `npm run setup` all
// fall back to the sources, run through tsx, so nothing stale is ever run.
//
// Plain Node, and cheap: one stat per source file (about 150), a few milliseconds.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Under the package root: git-ignored, made by `npm run setup`. */
export const distDir = 'dist';
/** In dist/cli/: the sources the compiled files were made from. */
export const manifestName = 'inputs.json';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The compiled entry's URL when it is fresh, else undefined. `root` is the package root.
 * A package installed from a tarball has every file's time set alike, which counts as fresh.
 */
export function compiledCli(root = packageRoot) {
  const cli = path.join(root, distDir, 'cli');
  let built;
  let inputs;
  try {
    built = statSync(path.join(cli, manifestName)).mtimeMs;
    ({ inputs } = JSON.parse(readFileSync(path.join(cli, manifestName), 'utf8')));
    statSync(path.join(cli, 'yjplan.mjs'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(inputs) || inputs.length === 0) return undefined;
  for (const input of inputs) {
    let changed;
    try {
      changed = statSync(path.join(root, input)).mtimeMs;
    } catch {
      return undefined; // a source gone: what was compiled no longer matches
    }
    if (changed > built) return undefined;
  }
  return pathToFileURL(path.join(cli, 'yjplan.mjs')).href;
}
