/**
 * The `yjplan` command, run from any plan folder: `yjplan build|check|dev|new …`. Each verb is
 * the same command as its npm script; this only chooses which.
 */
import { processIo } from './io.ts';

const USAGE = `Usage: yjplan <command> [options]   (in a plan folder, or give its folder)

Commands:
  yjplan build [<plan-dir>] [--out <dir>] [--no-pdf]   build the HTML page and PDF into out/
  yjplan dev [<plan-dir>] [--port N] [--no-pdf]        a live preview that reloads as you save, its PDF beside it
  yjplan check [<plan-dir>] [--strict]                 check the plan and list what is left to do
  yjplan new <dir> [--period 2025/26]                  a new plan, following the YJB's structure
  yjplan new <dir> --from <plan-dir>                   next year's plan, from this year's

Add --help after a command for its options.`;

export async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'build':
    case 'check':
      return (await import('./index.ts')).runFromShell(argv);
    case 'dev':
      return (await import('../dev/cli.ts')).main(rest);
    case 'new':
      // Under npx the next steps it prints say `npx yjplan …`, which is what will work there.
      return (await import('../new/cli.ts')).main(rest, processIo, () => new Date(), process.env.npm_command === 'exec' ? 'npx yjplan' : 'yjplan');
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      processIo.out(USAGE);
      return command === undefined ? 2 : 0;
    default:
      processIo.err(`Unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}
