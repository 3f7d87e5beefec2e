/**
 * The command line: `build [plan-dir] [--out dir] [--no-pdf]` and
 * `check [plan-dir] [--strict]`. Exit 0 on success, 1 when the plan has
 * errors, 2 when the command itself is wrong.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from './build.ts';
import { hasErrors, PlanError } from './diagnostics.ts';
import { report } from './reporter.ts';

const USAGE = `Usage:
  npm run build [-- <plan-dir>] [--out <dir>] [--no-pdf]   build the HTML (and PDF) into out/
  npm run check [-- <plan-dir>] [--strict]                  check the plan without writing anything

Options:
  --out <dir>   where to write the output (default: <plan-dir>/out)
  --no-pdf      build the HTML only
  --strict      (check) treat warnings as errors
  --help        show this help`;

/** Where the command line writes: passed in so tests can read it. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const processIo: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
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
      return 1;
    }
    io.err(`Internal error: ${(error as Error).stack ?? String(error)}\nThis is a bug in yjplan, not in your plan. Please report it with the text above.`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) {
  process.exitCode = await main(process.argv.slice(2));
}
