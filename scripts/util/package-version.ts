/**
 * An installed package's version, read from its package.json rather than by importing it: a
 * cache key names the versions that made what it keeps, and loading a package (Vega takes about a
 * second) only to ask its version would cost what the cache saves. Few packages export their
 * package.json, so it is found upwards from the entry.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const versions = new Map<string, string>();

export function packageVersion(name: string): string {
  let version = versions.get(name);
  if (version !== undefined) return version;
  for (let dir = path.dirname(require.resolve(name)); ; dir = path.dirname(dir)) {
    const manifest = readManifest(path.join(dir, 'package.json'));
    if (manifest?.name === name && typeof manifest.version === 'string') {
      version = manifest.version;
      break;
    }
    if (path.dirname(dir) === dir) throw new Error(`Internal error: no package.json found for ${name}`);
  }
  versions.set(name, version);
  return version;
}

function readManifest(file: string): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
  } catch {
    return undefined;
  }
}
