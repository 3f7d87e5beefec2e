/**
 * Property-based tests: the sample's Markdown and YAML, and those of the small plan, damaged
 * at random (characters and lines inserted, deleted and replaced, YAML values swapped for
 * other types, files cut short, directive-like text injected, bytes that are not UTF-8).
 * Whatever the damage, the build never throws: it succeeds, or it fails with diagnostics that
 * each name their file and, in the plan's own files, their place.
 *
 * `npm test` runs a few runs with a fixed seed; `npm run fuzz` runs many more.
 * FUZZ_RUNS sets the number of runs, FUZZ_SEED the seed and FUZZ_PATH the path (a failure prints
 * the seed and path to replay it, and the damaged files).
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, visit, type Document } from 'yaml';
import { build } from '../scripts/build/index.ts';
import type { Diagnostic } from '../scripts/diagnostics/index.ts';
import { planWith } from './helpers/plan-dir.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20190630);
/** The path fast-check prints with a failure, to replay just that run. */
const PATH = process.env.FUZZ_PATH;

/** Pieces of text that mean something to Markdown, directives or YAML. */
const TOKENS = [
  ':', '::', ':::', '{', '}', '[', ']', '#', '*', '_', '`', '```', '<', '>', '|', '\\', '"', "'", '&', '!', '-', '- ', '  ', '\t', '\n', '\r\n', '---', '...',
  '::table{data=budget}', '::table{data=', ':::chart{data=custody-rate spec=line}\nCaption\n:::', ':::chart{#fig-x data=fte-change spec=nope}', ':value[budget.total]',
  ':value[headline-figures.', ':ref[fig-custody-rate]', ':ref[', '::contents', ':::to-be-supplied\nx\n:::', ':::', '{#id .class key="v"}', '{data="a b" spec=\'bar\'}',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '![x](https://example.com/x.png)', '![x](../../etc/passwd)', '<div>', '</div>', '<!--', '-->', '[^1]', '[^1]: note',
  'kind: table', 'kind:', 'rows:', 'columns:', '- key: x', 'value: ', '&a', '*a', '!!binary', '? ', '.inf', '.nan', '-.inf', 'null', '~', 'true', '1,000', '1e309', '0x1F', '__proto__', 'constructor',
];

/** Values to put where a YAML value was: every type, and the troublesome ones. */
const VALUES: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, -1e-308, Number.NaN, Number.POSITIVE_INFINITY, '', ' ', '1,000', '£1,000', '27%', 'text', '__proto__', 'a'.repeat(300), [], [1, 'two', null], {}, { nested: { deeper: [1] } }, '2019-13-45', '::table{data=x}'];

const chunk = fc.oneof(
  fc.constantFrom(...TOKENS),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: fc.constantFrom(...'{}[]:#*_-`<>|\\\'"&!\n\t =.,%£'.split('')), maxLength: 12 }),
);

type Mutation = (text: string) => string | Uint8Array;

const at = (text: string, where: number) => Math.floor(where * (text.length + 1)) % (text.length + 1);
const lineSplit = (text: string) => text.split('\n');

const textMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), chunk).map(([where, piece]) => (t: string) => t.slice(0, at(t, where)) + piece + t.slice(at(t, where))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat({ max: 40 })).map(([where, n]) => (t: string) => t.slice(0, at(t, where)) + t.slice(at(t, where) + n)),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), chunk).map(([where, piece]) => (t: string) => t.slice(0, at(t, where)) + piece + t.slice(at(t, where) + 1)),
  fc.double({ min: 0, max: 1, noNaN: true }).map((where) => (t: string) => t.slice(0, at(t, where))),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (t: string) => {
    const lines = lineSplit(t);
    const [i, j] = [a % lines.length, b % lines.length];
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  }),
  fc.nat().map((a) => (t: string) => {
    const lines = lineSplit(t);
    lines.splice(a % lines.length, 1);
    return lines.join('\n');
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...TOKENS)).map(([a, token]) => (t: string) => {
    const lines = lineSplit(t);
    lines.splice(a % (lines.length + 1), 0, token);
    return lines.join('\n');
  }),
  fc.tuple(fc.nat(), fc.nat({ max: 8 })).map(([a, n]) => (t: string) => {
    const lines = lineSplit(t);
    const i = a % lines.length;
    lines[i] = ' '.repeat(n) + lines[i]!.trimStart();
    return lines.join('\n');
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([where, bytes]) => (t: string) => {
    const encoded = new TextEncoder().encode(t);
    const i = Math.floor(where * encoded.length);
    return new Uint8Array([...encoded.subarray(0, i), ...bytes, ...encoded.subarray(i)]);
  }),
);

/** Names and values a directive's attributes might hold, right or wrong. */
const ATTRIBUTE_VALUES = ['', 'nope', 'bar', 'line', 'grouped-bar', 'stacked-bar', 'budget', 'custody-rate', 'fte-change', 'fte-outcomes', 'glossary', 'headline-figures', '1', '0', '-1', '99', 'all', 'row', 'column', 'group', 'none', '"Rotherham, National"', "'a b'", '__proto__', 'toString'];

/** Changes one attribute of a directive (`data=`, `spec=`, `rows=` …) to another value. */
const attributeMutation: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...ATTRIBUTE_VALUES), chunk)).map(([index, value]) => (t: string) => {
  const found = [...t.matchAll(/([\w-]+)=("[^"]*"|'[^']*'|[^\s}]+)/g)];
  if (found.length === 0) return t;
  const m = found[index % found.length]!;
  return t.slice(0, m.index) + `${m[1]}=${value}` + t.slice(m.index + m[0].length);
});

/** Puts directive-like text on a line of its own in a section's body, below its front matter. */
const bodyMutation: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(), fc.constantFrom(...TOKENS), fc.constantFrom(...ATTRIBUTE_VALUES)).map(([a, token, name]) => (t: string) => {
  const lines = lineSplit(t);
  const bodyStart = t.startsWith('---') ? lines.indexOf('---', 1) + 1 : 0;
  const i = bodyStart + (a % Math.max(1, lines.length - bodyStart + 1));
  lines.splice(i, 0, '', token.replace(/=(budget|custody-rate|fte-change)\b/, `=${name}`), '');
  return lines.join('\n');
});

/** Swaps one YAML value (found by its index among all values) for a value of another type. */
const yamlMutation: fc.Arbitrary<Mutation> = fc.tuple(fc.nat(), fc.constantFrom(...VALUES), fc.boolean()).map(([index, value, whole]) => (t: string) => {
  const doc: Document = parseDocument(t);
  if (doc.errors.length > 0) return t;
  const isValue = (node: unknown) => isScalar(node) || isMap(node) || isSeq(node);
  let count = 0;
  visit(doc, (_key, node) => void (isValue(node) && count++));
  if (count === 0) return t;
  const target = index % count;
  let seen = 0;
  visit(doc, (_key, node) => {
    if (!isValue(node)) return undefined;
    if (seen++ !== target) return undefined;
    // Replace a collection whole, or only a scalar.
    return whole || !(isMap(node) || isSeq(node)) ? doc.createNode(value) : undefined;
  });
  return doc.toString();
});

interface PlanFiles {
  dir: string;
  files: Map<string, string>;
}

async function planFiles(base: 'sample' | 'small'): Promise<PlanFiles> {
  const dir = await planWith(base);
  const files = new Map<string, string>([['plan.yaml', await readFile(path.join(dir, 'plan.yaml'), 'utf8')]]);
  for (const sub of ['content', 'data']) {
    for (const name of (await readdir(path.join(dir, sub))).sort()) files.set(`${sub}/${name}`, await readFile(path.join(dir, sub, name), 'utf8'));
  }
  return { dir, files };
}

const problems = (diagnostics: readonly Diagnostic[]): string[] =>
  diagnostics.flatMap((d) => {
    const out: string[] = [];
    if (!d.file) out.push(`no file: ${d.ruleId} ${d.message}`);
    if (/^(plan\.yaml|content\/|data\/)/.test(d.file) && !(d.place && d.place.line >= 1 && d.place.column >= 1)) out.push(`no place: ${d.file} ${d.ruleId} ${d.message}`);
    if (!d.ruleId || !d.message) out.push(`no rule or message: ${JSON.stringify(d)}`);
    return out;
  });

function property(plan: () => Promise<PlanFiles>, cacheDir: string) {
  let loaded: PlanFiles | undefined;
  return fc.asyncProperty(
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.oneof({ weight: 3, arbitrary: textMutation }, { weight: 2, arbitrary: yamlMutation }, { weight: 2, arbitrary: attributeMutation }, { weight: 2, arbitrary: bodyMutation }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    async (mutations) => {
      loaded ??= await plan();
      const names = [...loaded.files.keys()];
      const changed = new Map<string, string | Uint8Array>();
      for (const [pick, mutate] of mutations) {
        const name = names[pick % names.length]!;
        const current = changed.get(name) ?? loaded.files.get(name)!;
        changed.set(name, mutate(typeof current === 'string' ? current : new TextDecoder().decode(current)));
      }
      for (const [name, content] of changed) await writeFile(path.join(loaded.dir, name), content);
      try {
        const result = await build({ root: loaded.dir, outDir: path.join(loaded.dir, 'out'), pdf: false, checkOnly: true, cacheDir });
        expect(problems(result.diagnostics)).toEqual([]);
        if (!result.ok) expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      } catch (error) {
        // The damaged files, to reproduce the failure by hand.
        const shown = [...changed].map(([name, content]) => `--- ${name}\n${typeof content === 'string' ? content : `(bytes) ${new TextDecoder().decode(content)}`}`);
        throw new Error(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n\nThe damaged files:\n${shown.join('\n').slice(0, 4000)}`);
      } finally {
        for (const name of changed.keys()) await writeFile(path.join(loaded.dir, name), loaded.files.get(name)!);
      }
    },
  );
}

describe('fuzzing the build with damaged plans', () => {
  it('never throws on a damaged small plan, and places every problem', { timeout: 600_000 }, async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-fuzz-cache-'));
    await fc.assert(property(() => planFiles('small'), cacheDir), { seed: SEED, path: PATH, numRuns: RUNS, endOnFailure: true });
  });

  it('never throws on a damaged sample plan, and places every problem', { timeout: 600_000 }, async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-fuzz-cache-'));
    await fc.assert(property(() => planFiles('sample'), cacheDir), { seed: SEED + 1, path: PATH, numRuns: Math.max(4, Math.round(RUNS / 6)), endOnFailure: true });
  });
});
