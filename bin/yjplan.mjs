#!/usr/bin/env node
// The `yjplan` command. yjplan is written in TypeScript and run through tsx, registered here
// from this package's own dependencies, so it works from any folder, whatever is installed there.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../scripts/cli/yjplan.ts');
process.exitCode = await run(process.argv.slice(2));
