/**
 * How long from saving a Markdown file to the page being told to reload, warm.
 *
 *   npx tsx scripts/dev/measure.ts [plan-dir (default .)] [--file content/x.md] [--edits 10]
 *
 * Copies the plan to a temporary directory (the plan itself is never touched), starts the
 * preview there, listens to its events as a page would, then saves the file `--edits` times after
 * two unmeasured saves, and prints the median, the range and each build stage's median.
 * A developer's tool, not part of the build.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eventsPath } from './reload-client.ts';
import { startPreview, type RebuildOutcome } from './server.ts';
import { watched } from './watch.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { file: { type: 'string' }, edits: { type: 'string', default: '10' } },
});
const source = path.resolve(positionals[0] ?? '.');
const edits = Number(values.edits);

const root = await mkdtemp(path.join(os.tmpdir(), 'yjplan-measure-'));
for (const part of watched) {
  // The plan's own files only: in the sample, templates/ also holds the tool's code.
  await cp(path.join(source, part), path.join(root, part), { recursive: true, filter: (file) => !file.endsWith('.ts') }).catch(() => {});
}
const file = values.file ?? `content/${(await readdir(path.join(root, 'content'))).find((f) => f.endsWith('.md'))}`;
const original = await readFile(path.join(root, file), 'utf8');

const preview = await startPreview({ root, port: 0 });
const outcomes: RebuildOutcome[] = [];
preview.on('rebuild', (outcome) => outcomes.push(outcome));

// The page's side: an event stream, and whoever waits for the next reload.
let onReload: (() => void) | undefined;
const stream = http.get(new URL(eventsPath, preview.url), { agent: false }, (response) => {
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    if (chunk.includes('event: reload')) onReload?.();
  });
});
await new Promise((resolve) => setTimeout(resolve, 200));

const times: number[] = [];
const stages: Record<string, number[]> = {};
for (let i = -2; i < edits; i++) {
  const reloaded = new Promise<void>((resolve) => (onReload = resolve));
  const start = performance.now();
  await writeFile(path.join(root, file), `${original}\nSaved ${i + 3} times.\n`);
  await reloaded;
  const elapsed = performance.now() - start;
  if (i >= 0) {
    times.push(elapsed);
    const outcome = outcomes.at(-1);
    for (const [stage, ms] of Object.entries(outcome?.timings ?? {})) (stages[stage] ??= []).push(ms);
    (stages['build + serve'] ??= []).push(outcome?.elapsed ?? Number.NaN);
  }
  // Past chokidar's 50 ms window for repeated changes, as a person's saves are.
  await new Promise((resolve) => setTimeout(resolve, 150));
}

const last = outcomes.at(-1);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const ms = (x: number): string => `${x.toFixed(1)} ms`;
console.log(`${preview.title}: ${edits} saves of ${file}, warm; last build ${last?.ok ? 'succeeded' : `failed (${last?.diagnostics.filter((d) => d.severity === 'error').length} errors): later stages did not run`}`);
console.log(`save → reload event: median ${ms(median(times))}, min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))}`);
for (const [stage, xs] of Object.entries(stages)) console.log(`  ${stage.padEnd(14)} median ${ms(median(xs))}`);

stream.destroy();
await preview.close();
await rm(root, { recursive: true, force: true });
