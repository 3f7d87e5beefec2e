/**
 * The command line: `build [plan-dir] [--out dir] [--no-pdf]` and
 * `check [plan-dir] [--strict]`. Exit 0 on success, 1 when the plan has
 * errors, 2 when the command itself is wrong.
 */
import { isEntryPoint, processIo, type CliIo } from './io.ts';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from '../build/index.ts';
import { hasErrors, PlanError } from '../diagnostics/index.ts';
import { report } from '../diagnostics/reporter.ts';

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
  const outDir = path.resolve(args.values.out ?? path.join(root, 'out'));
  const checkOnly = command === 'check';
  const started = performance.now();
  try {
    const result = await build({
      root,
      outDir,
      pdf: !checkOnly && !args.values['no-pdf'],
      checkOnly,
      cacheDir: path.join(root, '.yjplan-cache'),
      log: (line) => io.err(`  ${line}`),
      signal,
    });
    const strictFail = checkOnly && args.values.strict && result.diagnostics.some((d) => d.severity === 'warning');
    io.err(report(result.diagnostics));
    if (!result.ok || hasErrors(result.diagnostics) || strictFail) {
      io.err(checkOnly ? 'Check failed.' : 'Build failed: nothing was written; out/ still holds the last good build.');
      return 1;
    }
    const where = path.relative(process.cwd(), outDir) || '.';
    io.err(checkOnly ? 'Check passed.' : `Built ${result.files.map((f) => path.join(where, f)).join(', ')} in ${Math.round(performance.now() - started)} ms.`);
    return 0;
  } catch (error) {
    if (error instanceof PlanError) {
      io.err(report(error.diagnostics));
      return signal?.aborted ? INTERRUPTED : 1;
    }
    io.err(`Internal error: ${(error as Error).stack ?? String(error)}\nThis is a bug in yjplan, not in your plan. Please report it with the text above.`);
    return 1;
  }
}

/** `build` or `check` as run from a shell: Ctrl-C stops the build, and the process then ends by the signal. */
export async function runFromShell(argv: string[]): Promise<number> {
  // Ctrl-C stops the build at the next step and discards what it staged (see build.ts);
  // the process then ends by the signal, as the shell expects.
  const controller = new AbortController();
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const stop = (signal: NodeJS.Signals) => controller.abort(signal);
  for (const signal of signals) process.on(signal, stop);
  const code = await main(argv, processIo, controller.signal);
  for (const signal of signals) process.off(signal, stop);
  if (controller.signal.aborted) process.kill(process.pid, controller.signal.reason as NodeJS.Signals);
  return code;
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await runFromShell(process.argv.slice(2));
}

export type { CliIo } from './io.ts';
