/**
 * `new <dir> [--period P] [--authority A] [--service S] [--structure <folder>]`: a new plan from
 * the YJB's structure; `new <dir> --from <plan-dir>`: next year's plan from this one.
 * Exit 0 when made, 1 when it could not be, 2 when the command itself is wrong.
 */
import { isEntryPoint, processIo, type CliIo } from '../cli/io.ts';
import { readdir, stat } from 'node:fs/promises';
import { isInside, realOf } from '../safety/paths.ts';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PlanError } from '../diagnostics/index.ts';
import { report } from '../diagnostics/reporter.ts';
import { newMessages } from '../messages/new.ts';
import { formatPeriod, parsePeriod, type Period } from './period.ts';
import { scaffold } from './scaffold.ts';
import { defaultStructure, readStructure } from './structure.ts';
import { nextYear } from './next-year.ts';

const USAGE = `Usage:
  yjplan new <dir> [--period 2025/26] [--authority "…"] [--service "…"]   a new plan, following the YJB's structure
  yjplan new <dir> --from <plan-dir>                                        next year's plan, from this year's
  (or npm run new -- <dir> …)

Options:
  --period <period>    the plan's period (default: the financial year of today's date)
  --authority <name>   the local authority (default: a placeholder to replace)
  --service <name>     the youth justice service (default: a placeholder to replace)
  --structure <dir>    another structure to follow (a folder with structure.yaml and data/)
  --from <plan-dir>    start from last year's plan: the period moves on, priorities become the review
  --help               show this help`;

/** The financial year (April to March) that holds `date`. */
export function currentFinancialYear(date: Date): Period {
  const start = date.getUTCMonth() >= 3 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return { start, end: start + 1, style: { separator: '/', endDigits: 2 } };
}

export async function main(argv: string[], io: CliIo = processIo, now: () => Date = () => new Date(), command = 'yjplan'): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        from: { type: 'string' },
        period: { type: 'string' },
        authority: { type: 'string' },
        service: { type: 'string' },
        structure: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    io.out(USAGE);
    return 0;
  }
  const [dirArg, ...extra] = args.positionals;
  if (!dirArg || extra.length > 0) {
    io.err(`${dirArg ? `Extra argument: ${extra.join(' ')}` : newMessages.noDir()}\n\n${USAGE}`);
    return 2;
  }
  const dir = path.resolve(dirArg);
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : null));
  if (entries === null || entries.length > 0) {
    io.err(newMessages.dirNotEmpty(dirArg));
    return 2;
  }
  const period = args.values.period === undefined ? undefined : parsePeriod(args.values.period);
  if (args.values.period !== undefined && !period) {
    io.err(newMessages.badPeriod(args.values.period));
    return 2;
  }
  const relative = path.relative(process.cwd(), dir).split(path.sep).join('/');
  const cd = relative.startsWith('..') ? dir : relative;
  try {
    if (args.values.from !== undefined) {
      const from = path.resolve(args.values.from);
      if (!(await stat(path.join(from, 'plan.yaml')).then((s) => s.isFile(), () => false))) {
        io.err(newMessages.notAPlan(args.values.from));
        return 2;
      }
      // Copied into itself, the plan would hold a copy that holds a copy…: the two folders stay apart.
      const [realFrom, realDir] = await Promise.all([realOf(from), realOf(dir)]);
      if (realFrom === realDir || isInside(realFrom, realDir) || isInside(realDir, realFrom)) {
        io.err(newMessages.insideOld(dirArg, args.values.from));
        return 2;
      }
      const result = await nextYear({ from, dir, period });
      if (result.diagnostics.length > 0) io.err(report(result.diagnostics));
      io.err(result.summary);
      io.out(result.checklist);
      io.err(`The checklist is in ${cd ? `${cd}/` : ''}CHECKLIST.md.`);
      io.err(newMessages.nextSteps(cd, command, true));
      return 0;
    }
    const structure = await readStructure(args.values.structure ? path.resolve(args.values.structure) : defaultStructure);
    const files = await scaffold({
      dir,
      structure,
      period: period ?? currentFinancialYear(now()),
      authority: args.values.authority ?? 'Local authority (to be supplied)',
      service: args.values.service ?? 'Youth justice service (to be supplied)',
    });
    io.err(newMessages.created(dirArg, files.length, structure.name));
    io.err(`Its period is ${formatPeriod(period ?? currentFinancialYear(now()))}.`);
    io.err(newMessages.nextSteps(cd, command));
    return 0;
  } catch (error) {
    if (error instanceof PlanError) {
      io.err(report(error.diagnostics));
      return 1;
    }
    throw error;
  }
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2), processIo, () => new Date(), 'npm run');
}
