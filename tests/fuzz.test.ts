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
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import * as cssTree from 'css-tree';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, visit, type Document } from 'yaml';
import { build } from '../scripts/build/index.ts';
import type { Diagnostic } from '../scripts/diagnostics/index.ts';
import { cssName } from '../scripts/safety/css.ts';
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

/**
 * Output folders and paths at random: absolute and relative, with `.`, `..`, empty parts, links
 * to the plan, into its sources and to someone else's folder. Whatever `--out` is, the command
 * either refuses it with exit 2 and changes nothing at all, or builds into it and changes
 * nothing outside it.
 */
describe('fuzzing --out', () => {
  it('a refused --out changes nothing; an accepted one changes nothing outside itself', { timeout: 600_000 }, async () => {
    const { cp: copy, mkdir: makeDir, realpath, symlink } = await import('node:fs/promises');
    const { main } = await import('../scripts/cli/index.ts');
    const { MARKER, writeMarker } = await import('../scripts/output/out-dir.ts');
    const { tree } = await import('./helpers/tree.ts');
    const { copyFixture } = await import('./helpers/plan-dir.ts');

    const PARTS = ['', '.', '..', '../..', 'plan', 'plan/content', 'plan/data', 'plan/templates', 'plan/out', 'plan/site', 'plan/.git', 'plan/plan.yaml', 'theirs', 'theirs/letter.txt', 'new', 'new/deeper', 'to-plan', 'to-theirs', 'to-content', 'to-nothing', 'made', 'copied', 'copied/x', '/', '//', 'x'];
    const arbitrary = fc.record({
      parts: fc.array(fc.constantFrom(...PARTS), { minLength: 0, maxLength: 4 }),
      form: fc.constantFrom('absolute', 'relative', 'raw', 'trailing-slash'),
    });

    const property = fc.asyncProperty(arbitrary, async ({ parts, form }) => {
      const top = await realpath(await mkdtemp(path.join(os.tmpdir(), 'yjplan-fuzz-out-')));
      const plan = path.join(top, 'plan');
      await copyFixture('small', plan);
      await makeDir(path.join(top, 'theirs'));
      await writeFile(path.join(top, 'theirs', 'letter.txt'), 'keep me');
      await makeDir(path.join(top, 'made'));
      await writeMarker(path.join(top, 'made'));
      // Someone else's folder with a build's marker copied into it: never replaced.
      await makeDir(path.join(top, 'copied'));
      await writeFile(path.join(top, 'copied', 'letter.txt'), 'keep me too');
      await copy(path.join(top, 'made', MARKER), path.join(top, 'copied', MARKER));
      await symlink(plan, path.join(top, 'to-plan'));
      await symlink(path.join(top, 'theirs'), path.join(top, 'to-theirs'));
      await symlink(path.join(plan, 'content'), path.join(top, 'to-content'));
      await symlink(path.join(top, 'nowhere'), path.join(top, 'to-nothing'));

      const joined = parts.join('/');
      const absolute = path.join(top, joined);
      const out =
        form === 'raw' ? joined
        : form === 'relative' ? path.relative(process.cwd(), absolute)
        : form === 'trailing-slash' ? `${absolute}/`
        : absolute;
      // A raw value resolves against the working directory (the repository): only empty or
      // absolute ones are tried, so that an accepted one never builds into the repository.
      if (form === 'raw' && out !== '' && !path.isAbsolute(out)) return;
      // `..` may climb out of the scratch folder: only its own folders and the folders that hold it
      // (which must be refused) are tried, so an accepted one never builds elsewhere on the machine.
      // A raw absolute value (`/new/…`) resolves as itself, not under the scratch folder.
      const resolved = path.resolve(form === 'raw' && out !== '' ? out : absolute);
      if (!(resolved === top || resolved.startsWith(top + path.sep) || top.startsWith(resolved === '/' ? '/' : resolved + path.sep))) return;

      const before = await tree(top);
      const lines: string[] = [];
      const code = await main(['build', plan, `--out=${out}`, '--no-pdf'], { out: (s) => lines.push(s), err: (s) => lines.push(s) });
      const output = lines.join('\n');
      expect(output).not.toContain('Internal error');
      expect([0, 2], output).toContain(code);
      const after = await tree(top);
      if (code === 2) {
        expect(after, output).toEqual(before);
        return;
      }
      // Built: the folder it named holds the marker, and nothing outside it changed.
      const built = /Built (.+)\/index\.html/.exec(output)![1]!;
      const real = await realpath(path.resolve(built));
      expect(real === top || real.startsWith(top + path.sep), output).toBe(true);
      const inside = (name: string) => path.join(top, name) === real || path.join(top, name).startsWith(real + path.sep);
      // The folders that lead to a new output folder are made for it, empty of anything else.
      const leadsTo = (name: string) => before[name] === undefined && real.startsWith(path.join(top, name) + path.sep);
      // The plan's cache folder is the build's own to write (parsed Markdown, drawn charts).
      const cache = (name: string) => name === 'plan/.yjplan-cache' || name.startsWith('plan/.yjplan-cache/');
      const outside = (t: Record<string, string>) => Object.fromEntries(Object.entries(t).filter(([name]) => !inside(name) && !leadsTo(name) && !cache(name)));
      expect(outside(after), output).toEqual(outside(before));
      expect(await readdir(real)).toContain(MARKER);
    });
    await fc.assert(property, { seed: SEED + 2, path: PATH, numRuns: Math.max(20, Math.round(RUNS / 5)), endOnFailure: true });
  });
});

/**
 * Hostile input where the plan is not prose: its stylesheets, its chart specs and the paths it
 * names. Each is a mix of fragments that have broken a page elsewhere (`</style>`, `url(`, CSS
 * escapes such as `\75 rl(`, `@import`, `image-set(`, script URLs, expressions, deep nesting,
 * odd Unicode) and ordinary text. Whatever the mix: no crash and no "Internal error", every
 * message placed in its file, and the published page loads nothing remote, runs no script and
 * has no event handler. The quick checks run many times; the builds fewer (a tenth to a fortieth).
 */
describe('fuzzing stylesheets, chart specs and paths', () => {
  const BUILD_RUNS = Math.max(6, Math.round(RUNS / 25));
  /** Drawing a chart is the slowest step of a build: fewer of those. */
  const CHART_RUNS = Math.max(4, Math.round(RUNS / 40));

  /** Every remote load, script or handler in a page (its <style>s read as CSS, escapes decoded). */
  async function unsafeInPage(html: string): Promise<string[]> {
    const { unsafeParts } = await import('./helpers/unsafe-html.ts');
    // The helper finds url( in <style> by a pattern, which a string such as `content: "url(x)"`
    // matches too: the <style>s are read here as CSS instead, which is stricter and exact.
    const found = unsafeParts(html).filter((f) => !f.endsWith(' in <style>'));
    for (const m of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) found.push(...loadsInCss(m[1]!));
    return found;
  }

  /** Functions and at-rules that fetch or run, as a browser reads their names. */
  const LOADING_FUNCTIONS = /^(?:-[a-z]+-)?(?:url|src|image|image-set|cross-fade|element|paint|expression)$/;
  function loadsInCss(css: string): string[] {
    const found: string[] = [];
    if (/<\/style|<script|<!--/i.test(css)) found.push('markup in CSS');
    let ast;
    try {
      ast = cssTree.parse(css, { parseCustomProperty: true });
    } catch (error) {
      return [...found, `unparsable output CSS: ${String(error)}`];
    }
    cssTree.walk(ast, (node) => {
      if (node.type === 'Url' && !/^data:(?:font\/woff2?|image\/)/i.test(node.value)) found.push(`url(${node.value.slice(0, 40)})`);
      if (node.type === 'Function' && LOADING_FUNCTIONS.test(cssName(node.name).toLowerCase())) found.push(`${node.name}() in CSS`);
      if (node.type === 'Atrule' && /^(?:-[a-z]+-)?(?:import|namespace)$/.test(cssName(node.name).toLowerCase())) found.push(`@${node.name}`);
      if ((node.type === 'String' || node.type === 'Identifier' || node.type === 'Raw') && /javascript:|expression\(/i.test(cssName(node.type === 'String' ? node.value : node.type === 'Raw' ? node.value : node.name))) found.push(`script text in CSS`);
    });
    return found;
  }

  const placed = (diagnostics: readonly Diagnostic[]): string[] =>
    diagnostics.flatMap((d) =>
      /^(plan\.yaml|content\/|data\/|templates\/)/.test(d.file) && !(d.place && d.place.line >= 1 && d.place.column >= 1) ? [`no place: ${d.file} ${d.ruleId} ${d.message}`] : [],
    );

  // ── Stylesheets ────────────────────────────────────────────────────────────────────────────
  const CSS_FRAGMENTS = [
    '</style>', '</STYLE >', '</style\n>', '<script>alert(1)</script>', '<!--', '-->', '<![CDATA[', 'url(', 'url(https://evil.example/x.png)', 'URL( "//evil.example/a" )',
    'url(data:text/html,<script>x</script>)', '\\75 rl(', '\\75rl(http://evil.example/)', 'u\\rl(//evil.example)', '\\0075\\0072\\006c(', '\\55 RL(', '\\000075 rl(', 'ur\\l(',
    '@import', '@import "https://evil.example/a.css";', '@\\69mport url(x);', '@IMPORT"x";', '@namespace x url(y);', '@-webkit-import "a";', 'image-set(', '-webkit-image-set("https://evil.example/a.png" 1x)',
    'image(', 'cross-fade(', 'element(#x)', 'src(', 'expression(alert(1))', 'behavior: url(x.htc);', '-moz-binding: url(x);', 'javascript:alert(1)', '@font-face { src: url(https://evil.example/f.woff) }',
    '@media print {', '@supports (display: grid) {', '@layer a {', '@container (min-width: 1px) {', '{', '}', ';', ':', '"', "'", '\\', '\\"', '/*', '*/', 'p { background: ', 'p{color:red}',
    '--x: url(', 'var(--x)', 'attr(href url)', 'content: "\\3c/style\\3e"', 'content: "</style>"', '\u0000', '\u202e', '\ufeff', '\u2028', '𝒰𝓇𝓁(', '\\\n', '!important', ' ', '\n', 'a:hover{', '@page { @top-center { content: url(x) } }',
  ];
  const nested = fc.tuple(fc.constantFrom('@media screen {', '(', '[', 'p { a { ', ':is(', 'calc(1px + '), fc.integer({ min: 10, max: 800 })).map(([open, n]) => open.repeat(n));
  const stylesheet = fc
    .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...CSS_FRAGMENTS) }, { weight: 2, arbitrary: fc.string({ maxLength: 8 }) }, { weight: 1, arbitrary: nested }), { minLength: 1, maxLength: 24 })
    .map((parts) => parts.join(''));

  /**
   * Stylesheets a build accepts, with hostile text where CSS allows any text (strings, comments,
   * custom properties): what reaches the page must still not end its <style> or load anything.
   */
  const QUIET_FRAGMENTS = [
    'p { color: #123456 }', 'h2 { margin: 0 0 1rem }', '.note::before { content: "</style><script>alert(1)</script>" }', '.a::after { content: "url(https://evil.example/x)" }',
    '/* </style><script>alert(1)</script> */', '/* @import "x"; url(//evil.example) */', ".b::before { content: '\\3c /style\\3e' }", '.c { font-family: "</STYLE", serif }',
    ':root { --accent: "<!--" }', '@media print { p { color: black } }', '.d::before { content: "\u202e\ufeff𝒰" }', '.e { content: "\\" }',
  ];
  const quietStylesheet = fc.array(fc.constantFrom(...QUIET_FRAGMENTS), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('\n'));

  it('a stylesheet: checked without a crash, every problem placed, and what is kept loads nothing', async () => {
    const { checkCss } = await import('../scripts/safety/css.ts');
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: stylesheet }, { weight: 1, arbitrary: quietStylesheet }), (css) => {
        const checked = checkCss(css, 'plan');
        for (const p of checked.problems) expect(p.place.line >= 1 && p.place.column >= 1, JSON.stringify(p)).toBe(true);
        expect(loadsInCss(checked.css), css).toEqual([]);
      }),
      { seed: SEED + 3, path: PATH, numRuns: RUNS, endOnFailure: true },
    );
  });

  it('a plan with such a stylesheet builds or fails with placed messages, and its page loads and runs nothing', { timeout: 600_000 }, async () => {
    const dir = await planWith('small');
    await (await import('node:fs/promises')).mkdir(path.join(dir, 'templates', 'styles'), { recursive: true });
    let built = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(stylesheet, quietStylesheet), async (css) => {
        await writeFile(path.join(dir, 'templates', 'styles', 'plan.css'), css);
        const out = path.join(dir, 'out');
        const result = await build({ root: dir, outDir: out, pdf: false });
        expect(placed(result.diagnostics)).toEqual([]);
        if (result.ok) expect(await unsafeInPage(await readFile(path.join(out, 'index.html'), 'utf8'))).toEqual([]);
        if (result.ok) built++;
      }),
      { seed: SEED + 4, path: PATH, numRuns: BUILD_RUNS, endOnFailure: true },
    );
    // Not vacuous: some of the stylesheets were published, and their pages looked at.
    if (PATH === undefined) expect(built).toBeGreaterThan(0);
  });

  // ── Chart specs ────────────────────────────────────────────────────────────────────────────
  const HOSTILE_VALUES: unknown[] = [
    'url(https://evil.example/p.png)', 'URL(//evil.example/p)', '\\75 rl(//evil.example)', 'u\\72l(x)', 'image-set("https://evil.example/a.png" 1x)', 'url(#x)', 'javascript:alert(1)',
    '<script>alert(1)</script>', '" onload="alert(1)', "' onmouseover='alert(1)", '</svg><script>alert(1)</script>', 'datum.value + "<"', 'toString(alert)', 'window.location',
    'sequence(0, 5)', 'parseFloat(datum.value) * 2', 'https://evil.example/d.csv', '//evil.example/i.png', 'data:text/html,<script>x</script>', '\u202e', '\u0000', '𝒰', '',
    { url: 'https://evil.example/d.csv' }, { values: [{ a: 1 }] }, { expr: 'alert(1)' }, { signal: 'window' }, { value: 'https://evil.example/i.png' }, [], {}, null, 1e308, -1, true,
  ];
  const HOSTILE_KEYS = ['fill', 'stroke', 'href', 'url', 'image', 'data', 'datasets', 'expr', 'signal', 'filter', 'calculate', 'background', 'style', 'cursor', 'text', 'title', 'description', 'usermeta', '__proto__', 'constructor', 'mark', 'encoding', 'transform', 'params', 'config', '$schema'];

  /** A chart spec: the built-in bar chart, with hostile keys and values set at random places, sometimes written with escapes or cut short. */
  const specText = fc
    .tuple(
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE_KEYS), fc.constantFrom(...HOSTILE_VALUES)), { minLength: 1, maxLength: 6 }),
      fc.constantFrom('plain', 'escaped-keys', 'cut', 'deep', 'fragment'),
      fc.nat(),
      fc.constantFrom(...CSS_FRAGMENTS, '{', '[', '"', '\\u0075rl', '\\ud800'),
    )
    .map(([edits, form, where, fragment]) => {
      const spec = JSON.parse(BAR_SPEC) as Record<string, unknown>;
      for (const [pick, key, value] of edits) {
        // The objects of the spec, in order: one of them gets the key.
        const objects: Array<Record<string, unknown>> = [];
        const collect = (v: unknown): void => {
          if (Array.isArray(v)) v.forEach(collect);
          else if (v && typeof v === 'object') {
            objects.push(v as Record<string, unknown>);
            Object.values(v).forEach(collect);
          }
        };
        collect(spec);
        Object.defineProperty(objects[pick % objects.length]!, key, { value: structuredClone(value), enumerable: true, configurable: true, writable: true });
      }
      let text = JSON.stringify(spec, null, 2);
      if (form === 'escaped-keys') text = text.replace(/"(url|fill|href|expr|data)"/g, (_m, k: string) => `"\\u00${k.charCodeAt(0).toString(16)}${k.slice(1)}"`);
      if (form === 'cut') text = text.slice(0, where % text.length);
      if (form === 'deep') text = text.replace('"layer": [', `"layer": [${'['.repeat(100 + (where % 3000))}`);
      if (form === 'fragment') {
        const at = where % text.length;
        text = text.slice(0, at) + fragment + text.slice(at);
      }
      return text;
    });
  /** The bar chart with hostile text only where a spec may hold words (titles, descriptions): accepted, and escaped on the page. */
  const quietSpecText = fc
    .array(fc.tuple(fc.constantFrom('title', 'description'), fc.constantFrom('<script>alert(1)</script>', '" onload="alert(1)', '</svg><img src=x onerror=alert(1)>', 'url(https://evil.example/x)', 'javascript:alert(1)', '&lt;b&gt;', '\u2067𝒰\u2069')), { minLength: 1, maxLength: 3 })
    .map((edits) => {
      const spec = JSON.parse(BAR_SPEC) as Record<string, unknown>;
      for (const [key, value] of edits) spec[key] = value;
      return JSON.stringify(spec, null, 2);
    });
  const BAR_SPEC = readFileSync(new URL('../templates/charts/bar.vl.json', import.meta.url), 'utf8');

  it('a chart spec: read and checked without a crash, every problem placed in it', { timeout: 600_000 }, async () => {
    const { mkdir } = await import('node:fs/promises');
    const { loadSpec } = await import('../scripts/charts/specs.ts');
    const { checkSpec, unsafePaints } = await import('../scripts/charts/check-spec.ts');
    const root = await mkdtemp(path.join(os.tmpdir(), 'yjplan-fuzz-spec-'));
    const dir = path.join(root, 'templates', 'charts');
    await mkdir(dir, { recursive: true });
    await fc.assert(
      fc.asyncProperty(specText, async (text) => {
        await writeFile(path.join(dir, 'fuzz.vl.json'), text);
        const loaded = await loadSpec('fuzz', [dir]);
        const problems = loaded.ok ? [...checkSpec(loaded.value).problems, ...unsafePaints(loaded.value)] : [loaded.problem];
        for (const p of problems) expect(p.place && p.place.line >= 1 && p.place.column >= 1, `${p.text.ruleId} ${p.text.message}\n${text.slice(0, 2000)}`).toBe(true);
      }),
      { seed: SEED + 5, path: PATH, numRuns: RUNS, endOnFailure: true },
    );
  });

  it('a plan drawing such a chart builds or fails with placed messages, and its page loads and runs nothing', { timeout: 600_000 }, async () => {
    const { mkdir } = await import('node:fs/promises');
    const section = `---\ntitle: Education, training and employment\nshort: Education\n---\n\n::table{#tbl-education data=education}\n\n:::chart{data=education spec=fuzz columns=end}\nThe same figures, drawn.\n:::\n`;
    const dir = await planWith('small', { 'content/education.md': section });
    await mkdir(path.join(dir, 'templates', 'charts'), { recursive: true });
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-fuzz-cache-'));
    let drawn = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(specText, quietSpecText), async (text) => {
        await writeFile(path.join(dir, 'templates', 'charts', 'fuzz.vl.json'), text);
        const out = path.join(dir, 'out');
        const result = await build({ root: dir, outDir: out, pdf: false, cacheDir });
        expect(placed(result.diagnostics)).toEqual([]);
        if (result.ok) {
          const html = await readFile(path.join(out, 'index.html'), 'utf8');
          expect(await unsafeInPage(html)).toEqual([]);
          if (html.includes('<svg')) drawn++;
        }
      }),
      { seed: SEED + 6, path: PATH, numRuns: CHART_RUNS, endOnFailure: true },
    );
    if (PATH === undefined) expect(drawn).toBeGreaterThan(0);
  });

  // ── Paths ──────────────────────────────────────────────────────────────────────────────────
  const PATH_PARTS = [
    '..', '../', '../../', '/', '//', '\\', '..\\', '%2e%2e%2f', '%2e%2e/', '.%2e/', 'file:', 'file:///etc/passwd', 'http://evil.example/', 'https://evil.example/a.png', '//evil.example/a.png',
    '~', '~/', '../images/', '../images/to-outside/secret.svg', '/etc/passwd', '/proc/self/environ', '/dev/zero', 'images/logo.svg', 'images/', 'images/to-outside/', 'images/to-outside/secret.svg', 'images/link-secret.svg', 'secret.svg', '.', './',
    '\u0000', ' ', '?', '#', '%00', 'C:\\', 'content/', 'plan.yaml', '.yjplan-cache/', 'a'.repeat(300), 'javascript:alert(1)', 'data:image/svg+xml,<svg onload=alert(1)>', 'logo.svg', '\u202e', 'é',
  ];
  const pathArbitrary = fc.array(fc.constantFrom(...PATH_PARTS), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));

  it('paths a plan names (a picture, the logo, a section file): nothing outside the plan is read or published', { timeout: 600_000 }, async () => {
    const { mkdir, symlink } = await import('node:fs/promises');
    const outside = await mkdtemp(path.join(os.tmpdir(), 'yjplan-fuzz-outside-'));
    const SENTINEL = `OUTSIDE-${SEED}-SENTINEL`;
    await writeFile(path.join(outside, 'secret.svg'), `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>${SENTINEL}</text></svg>`);
    await writeFile(path.join(outside, 'secret.md'), `---\ntitle: ${SENTINEL}\n---\n\n${SENTINEL}\n`);
    const base = await planWith('small');
    await mkdir(path.join(base, 'images'), { recursive: true });
    await symlink(outside, path.join(base, 'images', 'to-outside'));
    await symlink(path.join(outside, 'secret.svg'), path.join(base, 'images', 'link-secret.svg'));
    await symlink(path.join(outside, 'secret.md'), path.join(base, 'content', 'secret.md'));
    const planText = await readFile(path.join(base, 'plan.yaml'), 'utf8');
    const intro = await readFile(path.join(base, 'content', 'introduction.md'), 'utf8');
    /** Everything a page holds, data: URIs decoded, to look for the secret in. */
    const unpacked = (html: string) =>
      html + [...html.matchAll(/data:[^,"')\s]*;base64,([A-Za-z0-9+/=]+)/g)].map((m) => Buffer.from(m[1]!, 'base64').toString('utf8')).join('\n') + [...html.matchAll(/data:[^,"')\s;]*,([^"')\s]+)/g)].map((m) => decodeURIComponent(m[1]!.replace(/%(?![0-9a-f]{2})/gi, '%25'))).join('\n');

    let published = 0;
    await fc.assert(
      // A section file that cannot be read stops the build before pictures are: named one time in four.
      fc.asyncProperty(
        // A section's picture is found from content/, the logo from the plan folder.
        fc.oneof(pathArbitrary, fc.constant('../images/logo.svg')),
        fc.oneof(pathArbitrary, fc.constant('images/logo.svg')),
        fc.option(pathArbitrary, { freq: 3, nil: undefined }),
        async (image, logo, file) => {
        await writeFile(path.join(base, 'content', 'introduction.md'), `${intro}\n\n![A picture](${image.replace(/[()\s]/g, (c) => encodeURIComponent(c))})\n\n![Another](<${image.replace(/[<>\n]/g, '')}>)\n`);
        await writeFile(path.join(base, 'plan.yaml'), `${planText.replace(/^logo: .*$/m, `logo: ${JSON.stringify(logo)}`)}`.replace(/^ {2}- terms$/m, file === undefined ? '  - terms' : `  - terms\n  - { id: extra, file: ${JSON.stringify(file)} }`));
        const out = path.join(base, 'out');
        let result;
        try {
          result = await build({ root: base, outDir: out, pdf: false });
        } catch (error) {
          // Refusing an --out is a PlanError the CLI reports; anything else is a crash.
          expect((error as Error).name, String((error as Error).stack)).toBe('PlanError');
          return;
        }
        expect(placed(result.diagnostics)).toEqual([]);
        expect(result.diagnostics.map((d) => d.message).join('\n')).not.toContain(SENTINEL);
        if (result.ok) {
          const html = await readFile(path.join(out, 'index.html'), 'utf8');
          expect(unpacked(html)).not.toContain(SENTINEL);
          expect(await unsafeInPage(html)).toEqual([]);
          published++;
        }
        },
      ),
      { seed: SEED + 7, path: PATH, numRuns: Math.max(10, Math.round(RUNS / 10)), endOnFailure: true },
    );
    if (PATH === undefined) expect(published).toBeGreaterThan(0);
  });
});
