#!/usr/bin/env node
// The command line compiled ahead of time: `node scripts/compile/compile.mjs` (run by `npm run
// setup` and before `npm pack`) bundles scripts/cli/yjplan.ts and everything it imports into
// dist/cli/, so that plain Node runs it without tsx compiling TypeScript in every process.
//
//   scripts/cli/yjplan.ts ──esbuild──▶ dist/cli/yjplan.mjs + chunks   (the lazy imports stay lazy:
//   templates/*.ts                                                    print, finish, charts, dev,
//   the pure-JavaScript packages                                      new each a chunk of their own)
//                                  ──▶ dist/cli/inputs.json           (the sources it was made from,
//                                                                     for fresh.mjs to compare)
//
// Packages that read files beside themselves, or that are heavy and loaded only by a stage that
// needs them (the browser, pdf-lib, vega), stay outside, loaded from node_modules as before.
// Every `new URL('./x', import.meta.url)` in the sources is rewritten to name the same file from
// dist/cli/: templates/, schemas/ and structures/ are found alike, and the chart renderer
// processes (charts/worker/) still start from their own files, as they do from the sources.
//
// Plain Node: it runs from setup.mjs. esbuild is tsx's own dependency, so always installed.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distDir, manifestName } from './fresh.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Loaded from node_modules at run time, not bundled. */
export const external = [
  // Heavy, and loaded only by the stage that needs them (dynamic imports in the sources).
  'puppeteer-core', 'pdfjs-dist', 'pdf-lib', 'vega', 'vega-lite', 'fontkit',
  // Font files, found beside the package.
  '@fontsource/*',
  // The preview's watcher (native file events), and the TypeScript loader itself.
  'chokidar', 'tsx', 'esbuild',
];

/** Relative URLs to files beside a source, made relative to the compiled output instead. */
function sourceRelativeUrls(outDir) {
  return {
    name: 'source-relative-urls',
    setup(build) {
      build.onLoad({ filter: /[\\/](scripts|templates)[\\/].*\.ts$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        const contents = text.replace(/new URL\((['"])(\.\.?\/[^'"]*)\1, import\.meta\.url\)/g, (_, quote, relative) => {
          const target = path.resolve(path.dirname(args.path), relative);
          const fromOut = path.relative(outDir, target).split(path.sep).join('/') + (relative.endsWith('/') ? '/' : '');
          return `new URL(${quote}${fromOut}${quote}, import.meta.url)`;
        });
        return { contents, loader: 'ts' };
      });
    },
  };
}

export async function compile({ quiet = false } = {}) {
  const esbuild = await import('esbuild');
  const final = path.join(root, distDir);
  const staging = `${final}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['scripts/cli/yjplan.ts'],
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: path.join(staging, 'cli'),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    // A package's ES module build before its CommonJS or UMD one (jsonc-parser's UMD build
    // requires its parts at run time, which a bundle cannot follow).
    mainFields: ['module', 'main'],
    external,
    // Bundled CommonJS packages call require(); in an ES module it has to be made.
    banner: { js: "import { createRequire as __yjplanRequire } from 'node:module'; const require = __yjplanRequire(import.meta.url);" },
    legalComments: 'none',
    plugins: [sourceRelativeUrls(path.join(final, 'cli'))],
    metafile: true,
    logLevel: quiet ? 'silent' : 'warning',
  });
  // Our own sources only: a package changes with `npm install`, which is followed by setup.
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules/')).sort();
  await writeFile(path.join(staging, 'cli', manifestName), `${JSON.stringify({ format: 1, node: process.version, inputs }, null, 2)}\n`);
  // File by file into place, the entry and the list last, then what is no longer made removed:
  // a build running from dist/ meanwhile still finds every chunk it may load (unchanged sources
  // give the same names), and a half-written dist/ is never run.
  const cli = path.join(final, 'cli');
  await mkdir(cli, { recursive: true });
  const made = await readdir(path.join(staging, 'cli'));
  const last = ['yjplan.mjs', manifestName];
  for (const file of [...made.filter((f) => !last.includes(f)), ...last]) await rename(path.join(staging, 'cli', file), path.join(cli, file));
  for (const file of await readdir(cli)) if (!made.includes(file)) await rm(path.join(cli, file), { force: true });
  await rm(staging, { recursive: true, force: true });
  return { dir: final, inputs: inputs.length, outputs: Object.keys(result.metafile.outputs).length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { dir, inputs, outputs } = await compile();
  // On stderr: `npm pack` runs this first, and its stdout is the tarball's name, which scripts read.
  console.error(`compile: ${inputs} source files → ${outputs} files in ${path.relative(process.cwd(), dir) || dir}`);
}
