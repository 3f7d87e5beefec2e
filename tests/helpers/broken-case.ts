/**
 * The corpus of broken and hostile plans in tests/fixtures/broken/: each case is a directory
 * holding the files it changes in a base plan (the sample, or tests/fixtures/plans/small)
 * and a case.yaml saying what it is and what the build must say about it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { planWith, repoRoot } from './plan-dir.ts';

export const brokenDir = path.join(repoRoot, 'tests', 'fixtures', 'broken');

const expectedMessage = z.strictObject({
  ruleId: z.string(),
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  severity: z.enum(['error', 'warning', 'info']).default('error'),
});
export type ExpectedMessage = z.infer<typeof expectedMessage>;

/** Inputs too big to keep in the repository, made by the test. */
const generators = {
  /** A table of 10,000 rows, shown in the Money section. */
  'huge-table': (): Record<string, string> => ({
    'data/big.yaml':
      'kind: table\ncaption: Every case this year\ncolumns:\n  - { key: case, label: Case, header: true }\n  - { key: days, label: Days, type: number }\n  - { key: cost, label: Cost, type: currency }\nrows:\n' +
      Array.from({ length: 10_000 }, (_, i) => `  - { case: Case ${i + 1}, days: ${i % 365}, cost: ${(i * 37.5).toFixed(2)} }`).join('\n') +
      '\n',
    'content/money.md': '---\ntitle: Money\n---\n\n::table{data=big}\n',
  }),
  /** A section of about 1 MB: 2,000 sub-headings with their paragraphs. */
  'huge-section': (): Record<string, string> => ({
    'content/money.md':
      '---\ntitle: Money\n---\n\n' +
      Array.from(
        { length: 2_000 },
        (_, i) => `## Part ${i + 1}\n\nThe YJS spent money on part ${i + 1}, as [the introduction](#introduction) says. ${'Each pound is accounted for. '.repeat(15)}`,
      ).join('\n\n') +
      '\n',
  }),
} as const;

const caseSchema = z.strictObject({
  base: z.enum(['sample', 'small']),
  description: z.string(),
  exit: z.union([z.literal(0), z.literal(1)]),
  messages: z.array(expectedMessage).default([]),
  /** Files of the base plan to delete. */
  remove: z.array(z.string()).optional(),
  /** Symbolic links to make, path → target (git cannot be trusted to keep them). */
  symlinks: z.record(z.string(), z.string()).optional(),
  generate: z.enum(Object.keys(generators) as [keyof typeof generators]).optional(),
});

export interface BrokenCase extends z.infer<typeof caseSchema> {
  name: string;
  /** The changed files, plan-relative path → bytes. */
  files: Record<string, Uint8Array>;
}

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(path.join(dir, name)).isDirectory() ? filesUnder(path.join(dir, name), rel) : [rel];
  });
}

/** Every case, sorted by name. Read synchronously so that tests can be declared from them. */
export function brokenCases(): BrokenCase[] {
  return readdirSync(brokenDir)
    .filter((name) => statSync(path.join(brokenDir, name)).isDirectory())
    .sort()
    .map((name) => {
      const dir = path.join(brokenDir, name);
      const spec = caseSchema.parse(parse(readFileSync(path.join(dir, 'case.yaml'), 'utf8')));
      const files = Object.fromEntries(
        filesUnder(dir)
          .filter((f) => f !== 'case.yaml')
          .map((f) => [f, new Uint8Array(readFileSync(path.join(dir, f)))]),
      );
      return { name, ...spec, files };
    });
}

/** A temporary plan directory with the case's changes made. */
export async function materialise(c: BrokenCase): Promise<string> {
  const generated = c.generate ? generators[c.generate]() : {};
  const dir = await planWith(c.base, { ...c.files, ...generated });
  for (const file of c.remove ?? []) await rm(path.join(dir, file), { force: true });
  for (const [link, target] of Object.entries(c.symlinks ?? {})) {
    await rm(path.join(dir, link), { force: true });
    await mkdir(path.dirname(path.join(dir, link)), { recursive: true });
    await symlink(target, path.join(dir, link));
  }
  return dir;
}

/** A diagnostic as the CLI's reporter prints it: `file:line:column  severity  message  ruleId`. */
export interface PrintedMessage {
  file: string;
  line?: number | undefined;
  column?: number | undefined;
  severity: string;
  message: string;
  ruleId: string;
}

const PRINTED = /^(?<where>\S.*?)  (?<severity>error|warning|info)  (?<message>.*)  (?<ruleId>[a-z-]+:[a-z0-9-]+)$/;

/** The diagnostics in the CLI's output, and the lines that look like one but could not be read. */
export function printedMessages(output: string): { messages: PrintedMessage[]; unreadable: string[] } {
  const messages: PrintedMessage[] = [];
  const unreadable: string[] = [];
  for (const line of output.split('\n')) {
    if (!/  (error|warning|info)  /.test(line)) continue;
    const m = PRINTED.exec(line);
    if (!m?.groups) {
      unreadable.push(line);
      continue;
    }
    const place = /^(?<file>.*?):(?<line>\d+):(?<column>\d+)$/.exec(m.groups.where!);
    messages.push({
      file: place?.groups?.file ?? m.groups.where!,
      line: place ? Number(place.groups!.line) : undefined,
      column: place ? Number(place.groups!.column) : undefined,
      severity: m.groups.severity!,
      message: m.groups.message!,
      ruleId: m.groups.ruleId!,
    });
  }
  return { messages, unreadable };
}

/** Writes `files` into `dir` (for the out/ of a "last good build"). */
export async function writeFiles(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
}
