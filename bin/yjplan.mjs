#!/usr/bin/env node
// The `yjplan` command (and `npm run build`, `npm run check`). It runs the command line compiled
// ahead of time (dist/, made by `npm run setup`) when that is up to date with the sources, which
// saves compiling TypeScript on every run; otherwise the TypeScript sources, through tsx
// registered from this package's own dependencies, so it works from any folder, whatever is
// installed there.
import { compiledCli } from '../scripts/compile/fresh.mjs';

const compiled = compiledCli();
let cli;
if (compiled) {
  cli = await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../scripts/cli/yjplan.ts');
}
process.exitCode = await cli.run(process.argv.slice(2));
