/**
 * The command line: `build [plan-dir] [--out dir] [--no-pdf]` and
 * `check [plan-dir] [--strict]`. Exit 0 on success, 1 when the plan has
 * errors, 2 when the command itself is wrong.
 */
import { isEntryPoint, processIo, type CliIo } from './io.ts';
import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from '../build/index.ts';
import { diagnostic, hasErrors, PlanError } from '../diagnostics/index.ts';
import { checkOutDir, displayPath, MARKER } from '../output/out-dir.ts';
import { report } from '../diagnostics/reporter.ts';
import { planMessages } from '../messages/plan.ts';

const USAGE = `Usage:
  npm run build [-- <plan-dir>] [--out <dir>] [--no-pdf]   build the HTML (and PDF) into out/
  npm run check [-- <plan-dir>] [--strict]                  check the plan without writing anything

Options:
  --out <dir>   where to write the output (default: <plan-dir>/out)
  --no-pdf      build the HTML only
  --strict      (check) treat warnings as errors
  --help        show this help`;


/** Exit code of a build stopped by a signal (128 + SIGINT), when the process does not end by the signal itself. */
export const INTERRUPTED = 130;

export async function main(argv: string[], io: CliIo = processIo, signal?: AbortSignal): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        'no-pdf': { type: 'boolean', default: false },
        pdf: { type: 'boolean', default: true },
        strict: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, planArg, ...extra] = args.positionals;
  if (args.values.help) {
    io.out(USAGE);
    return 0;
  }
  if ((command !== 'build' && command !== 'check') || extra.length > 0) {
    io.err(`${command ? `Unknown command or extra argument: ${[command, ...extra].join(' ')}` : 'No command given'}\n\n${USAGE}`);
    return 2;
  }
  const root = path.resolve(planArg ?? '.');
  const isDir = await stat(root).then((s) => s.isDirectory(), () => false);
  if (!isDir) {
    io.err(`The plan directory ${planArg ?? '.'} does not exist.\n\n${USAGE}`);
    return 2;
  }
  const checkOnly = command === 'check';
  let outDir = path.join(root, 'out');
  if (!checkOnly) {
    // Refused before anything is read: a build replaces this directory whole.
    const checked = await checkOutDir(args.values.out ?? outDir, { root });
    if (!checked.ok) {
      io.err(report([diagnostic(args.values.out?.trim() === '' ? '--out' : displayPath(path.resolve(args.values.out ?? outDir)), undefined, checked.text)]));
      return 2;
    }
    outDir = checked.dir;
  }
  const started = performance.now();
  try {
    const result = await build({
      root,
      outDir,
      pdf: !checkOnly && !args.values['no-pdf'],
      checkOnly,
      // `check` writes nothing at all, not even the cache.
      cacheDir: checkOnly ? undefined : path.join(root, '.yjplan-cache'),
      log: (line) => io.err(`  ${line}`),
      signal,
    });
    const strictFail = checkOnly && args.values.strict && result.diagnostics.some((d) => d.severity === 'warning');
    io.err(report(result.diagnostics));
    if (!result.ok || hasErrors(result.diagnostics) || strictFail) {
      io.err(checkOnly ? 'Check failed.' : `Build failed: nothing was written. ${await kept(outDir)}`);
      return 1;
    }
    const where = displayPath(outDir);
    io.err(checkOnly ? 'Check passed.' : `Built ${builtList(result.files).map((f) => `${where}/${f}`).join(', ')} in ${Math.round(performance.now() - started)} ms.`);
    return 0;
  } catch (error) {
    if (error instanceof PlanError) {
      io.err(report(error.diagnostics));
      if (!checkOnly) io.err(`Build failed: nothing was written. ${await kept(outDir)}`);
      return signal?.aborted ? INTERRUPTED : 1;
    }
    io.err(`Internal error: ${(error as Error).stack ?? String(error)}\nThis is a bug in yjplan, not in your plan. Please report it with the text above.`);
    return 1;
  }
}

/** What the output directory holds after a failed build, said exactly. */
async function kept(outDir: string): Promise<string> {
  const where = displayPath(outDir);
  const names = (await readdir(outDir).catch(() => [] as string[])).filter((n) => n !== MARKER).sort();
  if (names.length === 0) return `There was no earlier build in ${where}/, so it holds nothing.`;
  return `${where}/ still holds the last good build, unchanged: ${names.join(', ')}.`;
}

/** The files written, a folder once with how many pages it holds: `index.html, pages/ (19 pages), embed/, plan.pdf`. */
function builtList(files: readonly string[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    const folder = file.includes('/') ? `${file.slice(0, file.indexOf('/'))}/` : undefined;
    if (!folder) out.push(file);
    else if (!out.some((f) => f.startsWith(folder))) {
      const pages = files.filter((f) => f.startsWith(folder) && f.endsWith('.html')).length;
      out.push(folder === 'pages/' ? `${folder} (${pages} pages)` : folder);
    }
  }
  return out;
}

/**
 * How long a stopped build may take to tidy up before the process ends regardless: long enough
 * to discard what it staged and close the browser, short enough that `timeout` or a supervisor
 * is never left waiting on a build that cannot hear it.
 */
const GRACE_MS = 5_000;

/**
 * One Ctrl-C often arrives twice: the terminal signals the whole process group, and npm (or
 * another runner) passes the same signal on to the build. A repeat this soon is that echo, not
 * a second press asking to stop at once.
 */
const ECHO_MS = 1_000;

/**
 * `build` or `check` as run from a shell: Ctrl-C, SIGTERM (`timeout`) or SIGHUP stops the build
 * at the next step and discards what it staged (see build.ts); the process then ends by the
 * signal, as the shell expects. A second signal, or a build still running after the grace
 * period, ends the process at once, saying so: a killed build's staging is removed by the next build.
 */
export async function runFromShell(argv: string[], io: CliIo = processIo): Promise<number> {
  const controller = new AbortController();
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  let heard = 0;
  const endNow = (signal: NodeJS.Signals) => {
    io.err(report([diagnostic('plan.yaml', undefined, planMessages.interrupted())]));
    process.exit(128 + (os.constants.signals[signal] ?? 2));
  };
  const stop = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      if (performance.now() - heard >= ECHO_MS) endNow(signal);
      return;
    }
    heard = performance.now();
    io.err('Stopping the build: the output folder is left as it was. (Press Ctrl-C again to stop at once.)');
    controller.abort(signal);
    setTimeout(() => endNow(signal), GRACE_MS).unref();
  };
  for (const signal of signals) process.on(signal, stop);
  const code = await main(argv, io, controller.signal);
  for (const signal of signals) process.off(signal, stop);
  if (controller.signal.aborted) process.kill(process.pid, controller.signal.reason as NodeJS.Signals);
  return code;
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await runFromShell(process.argv.slice(2));
}

export type { CliIo } from './io.ts';
