/**
 * The Nu Html Checker (the W3C's validator, from the `vnu-jar` package) run on built pages.
 * It needs Java 11 or later: `npm run setup` installs Debian's where it can. Where there is none,
 * `findJava()` says so and the tests that use it are skipped with a note; the package's own
 * launcher is not used, because it downloads a Java runtime when none is found.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const vnuJar: string = String(createRequire(import.meta.url)('vnu-jar'));

/** The java executable: $JAVA_HOME's, else the first on the PATH; undefined when there is none. */
export function findJava(): string | undefined {
  const name = process.platform === 'win32' ? 'java.exe' : 'java';
  const dirs = [...(process.env.JAVA_HOME ? [path.join(process.env.JAVA_HOME, 'bin')] : []), ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  for (const dir of dirs) {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return path.join(dir, name);
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface NuMessage {
  /** The page as the build wrote it, relative to the directory that was walked. */
  file: string;
  line: number;
  column: number;
  type: 'error' | 'warning' | 'info';
  message: string;
  extract: string;
}

/** Every .html file under `dir`, at any depth, sorted. */
export async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

/**
 * A fragment (a page part meant to be placed in another site's page, with no doctype) is checked
 * inside a minimal document. The wrapper opens on the fragment's first line, so lines still match.
 */
const isDocument = (html: string): boolean => /^\s*(?:<!--[\s\S]*?-->\s*)*<!doctype html/i.test(html);
const wrap = (fragment: string): string =>
  `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Fragment</title></head><body>${fragment}\n</body></html>\n`;

/** Checks every .html file under each directory in one run of the checker (Java starts once). */
export async function checkHtml(java: string, dirs: readonly string[]): Promise<{ files: string[]; messages: NuMessage[] }> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'yjplan-nu-'));
  try {
    // Each file is checked from its own path, or from a wrapped copy; `names` maps back.
    const names = new Map<string, string>();
    for (const [i, dir] of dirs.entries()) {
      for (const file of await htmlFiles(dir)) {
        const full = path.join(dir, file);
        const html = await readFile(full, 'utf8');
        const label = path.join(path.basename(dir), file);
        if (isDocument(html)) {
          names.set(full, label);
        } else {
          const copy = path.join(scratch, `${i}-${file.replaceAll(path.sep, '_')}`);
          await writeFile(copy, wrap(html));
          names.set(copy, `${label} (a fragment, checked in a minimal page)`);
        }
      }
    }
    if (names.size === 0) return { files: [], messages: [] };
    const { stderr } = await promisify(execFile)(java, ['-Xss8m', '-jar', vnuJar, '--format', 'json', '--exit-zero-always', ...names.keys()], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const report = JSON.parse(stderr) as { messages: Array<{ url?: string; type: string; subType?: string; lastLine?: number; firstColumn?: number; lastColumn?: number; message: string; extract?: string }> };
    const byUrl = new Map([...names].map(([full, label]) => [new URL(`file:${full}`).href, label]));
    const messages = report.messages.map((m) => ({
      file: (m.url && (byUrl.get(m.url) ?? byUrl.get(m.url.replace(/^file:/, 'file://')))) ?? m.url ?? '',
      line: m.lastLine ?? 0,
      column: m.firstColumn ?? m.lastColumn ?? 0,
      type: (m.type === 'error' || m.type === 'non-document-error' ? 'error' : m.subType === 'warning' ? 'warning' : 'info') as NuMessage['type'],
      message: m.message,
      extract: (m.extract ?? '').replace(/\s+/g, ' ').trim(),
    }));
    return { files: [...names.values()], messages };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** One line per message, so a failure says where to look. */
export const describeMessage = (m: NuMessage): string => `${m.file}:${m.line}:${m.column}  ${m.type}  ${m.message}  «${m.extract}»`;
