/**
 * `npm run dev [-- <plan-dir>] [--port N] [--no-pdf]`: preview the plan at http://127.0.0.1:4173/,
 * rebuilt and reloaded on every save, with its PDF beside it (printed by a browser kept warm,
 * after each pause in the edits), until Ctrl-C. Exit 0 when stopped, 1 when the preview cannot start,
 * 2 when the command itself is wrong.
 */
import { isEntryPoint, processIo, type CliIo } from '../cli/io.ts';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { devMessages } from '../messages/dev.ts';
import { defaultPort, ListenError, startPreview } from './server.ts';

const USAGE = `Usage:
  npm run dev [-- <plan-dir>] [--port <number>] [--no-pdf]   preview the plan; the page reloads when you save

Options:
  --port <number>   the port to listen on at 127.0.0.1 (default: ${defaultPort})
  --no-pdf          no PDF beside the page (no browser is started)
  --help            show this help`;


/** Resolves on the first Ctrl-C (or SIGTERM); a second one ends the process at once. */
function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    const signals = ['SIGINT', 'SIGTERM'] as const;
    const onSignal = (): void => {
      for (const signal of signals) {
        process.off(signal, onSignal);
        process.once(signal, () => process.exit(130));
      }
      resolve();
    };
    for (const signal of signals) process.on(signal, onSignal);
  });
}

/**
 * Runs the preview until `stop` resolves (Ctrl-C by default) and returns the exit code.
 */
export async function main(argv: string[], io: CliIo = processIo, stop: () => Promise<void> = interrupted): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { port: { type: 'string' }, 'no-pdf': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    io.out(USAGE);
    return 0;
  }
  const [planArg, ...extra] = args.positionals;
  if (extra.length > 0) {
    io.err(`Extra argument: ${extra.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  const port = parsePort(args.values.port);
  if (port === undefined) {
    io.err(`${devMessages.badPort(args.values.port ?? '')}\n\n${USAGE}`);
    return 2;
  }
  const root = path.resolve(planArg ?? '.');
  if (!(await stat(root).then((s) => s.isDirectory(), () => false))) {
    io.err(`${devMessages.noPlanDir(planArg ?? '.')}\n\n${USAGE}`);
    return 2;
  }

  // Listen for Ctrl-C before the first build, which can take a few seconds.
  const stopped = stop();
  let preview;
  try {
    preview = await startPreview({ root, port, pdf: !args.values['no-pdf'], log: (line) => io.err(line) });
  } catch (error) {
    if (!(error instanceof ListenError)) throw error;
    io.err(error.message);
    return 1;
  }
  await stopped;
  io.err(devMessages.stopping());
  await preview.close();
  io.err(devMessages.stopped());
  return 0;
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return defaultPort;
  if (!/^\d{1,5}$/.test(value)) return undefined;
  const port = Number(value);
  return port <= 65535 ? port : undefined;
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
