/**
 * Invisible characters: control characters and direction overrides are refused, other direction
 * marks are warned of, each at the line and column where it is written (as itself, as a Markdown
 * character reference or as a YAML escape). None reaches the page unannounced.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCss } from '../../scripts/safety/css.ts';
import { build } from '../../scripts/build/index.ts';
import type { Diagnostic } from '../../scripts/diagnostics/index.ts';
import { findInvisible, invisibleKind, jsonInvisible } from '../../scripts/safety/invisible.ts';
import { lineOf, planWith } from '../helpers/plan-dir.ts';

const tmpOut = async () => path.join(await mkdtemp(path.join(os.tmpdir(), 'yjplan-invisible-')), 'site');
const brief = (d: Diagnostic) => `${d.file}:${d.place?.line}:${d.place?.column} ${d.severity} ${d.ruleId}`;
const invisible = (ds: readonly Diagnostic[]) => ds.filter((d) => d.ruleId.startsWith('text:')).map(brief).sort();

describe('which characters', () => {
  it('every C0 and C1 control but tab, line feed and carriage return; DEL; overrides; other direction marks', () => {
    for (let c = 0; c < 0x20; c++) expect(invisibleKind(c), `U+${c.toString(16)}`).toBe([0x09, 0x0a, 0x0d].includes(c) ? undefined : 'control');
    for (let c = 0x7f; c <= 0x9f; c++) expect(invisibleKind(c)).toBe('control');
    expect([0x202d, 0x202e].map(invisibleKind)).toEqual(['override', 'override']);
    expect([0x202a, 0x202b, 0x202c, 0x2066, 0x2067, 0x2068, 0x2069].map(invisibleKind)).toEqual(Array(7).fill('direction'));
    // A mark alone can join "3" and "12" into "312" on the page: said, as the other direction controls are.
    expect([0x200e, 0x200f, 0x061c].map(invisibleKind)).toEqual(Array(3).fill('direction'));
    // Joiners, which words and emoji need, and visible spaces are ordinary text.
    expect([0x200c, 0x200d, 0x20, 0xa0, 0xa3, 0x2029].map(invisibleKind)).toEqual(Array(6).fill(undefined));
    // Zero-width spaces, a no-break space that is no byte order mark, tag characters, the word
    // joiner, invisible operators, the soft hyphen and the fillers that show as nothing hide words.
    const hidden = [0x200b, 0xfeff, 0xe0000, 0xe0041, 0xe007f, 0x2060, 0x2062, 0x2064, 0xad, 0x34f, 0x115f, 0x1160, 0x17b4, 0x180e, 0x3164, 0xffa0];
    expect(hidden.map(invisibleKind)).toEqual(Array(hidden.length).fill('hidden'));
    expect(invisibleKind(0xe0080)).toBeUndefined();
  });

  it('as written and as a character reference, but not `&#0;`, which is published as a visible U+FFFD', () => {
    expect(findInvisible('a\u0000b &#x202e; &#8238; &#X7F; &#0; &#x41; \t\r\n')).toEqual([
      { kind: 'control', code: 'U+0000', offset: 1, written: undefined },
      { kind: 'override', code: 'U+202E', offset: 4, written: '&#x202e;' },
      { kind: 'override', code: 'U+202E', offset: 13, written: '&#8238;' },
      { kind: 'control', code: 'U+007F', offset: 21, written: '&#X7F;' },
    ]);
  });
});

describe('named references and stylesheets', () => {
  it('a named reference that writes one of them is found as written; others are not', () => {
    expect(findInvisible('3&rlm; 12 Y&ZeroWidthSpace;O&NegativeVeryThinSpace;T &NoBreak; &shy; &amp; &zwj; &copy; &notanentity;')).toEqual([
      { kind: 'direction', code: 'U+200F', offset: 1, written: '&rlm;' },
      { kind: 'hidden', code: 'U+200B', offset: 11, written: '&ZeroWidthSpace;' },
      { kind: 'hidden', code: 'U+200B', offset: 28, written: '&NegativeVeryThinSpace;' },
      { kind: 'hidden', code: 'U+2060', offset: 53, written: '&NoBreak;' },
      { kind: 'hidden', code: 'U+00AD', offset: 63, written: '&shy;' },
    ]);
  });

  it('a numeric reference without its semicolon, which raw HTML reads all the same, and `&shy`, are found too', () => {
    expect(findInvisible('<p>x&#8238y</p> title="x&#x202Ey" &shy &#65').map((f) => [f.code, f.written])).toEqual([
      ['U+202E', '&#8238'],
      ['U+202E', '&#x202E'],
      ['U+00AD', '&shy'],
    ]);
  });

  it('an identifier a stylesheet may show (a counter style’s symbols) is read as its strings are', () => {
    const checked = checkCss('@counter-style r { system: cyclic; symbols: \\202E; suffix: "x " }', 'plan');
    expect(checked.problems.map((p) => [p.kind, p.detail, p.invisible?.kind])).toEqual([['invisible', 'U+202E', 'override']]);
    expect(checked.css).not.toMatch(/202e/i);
  });

  it('a stylesheet string is published text: an override, escaped or not, is refused at its place; a mark is said', () => {
    const css = '.a::after { content: "\\202E abc" }\n.b::after { content: "x\u202Ey" }\n.c::after { content: "3\u200F 12"; color: red }';
    const checked = checkCss(css, 'plan');
    expect(checked.problems.map((p) => [p.kind, p.detail, p.place.line, p.invisible])).toEqual([
      ['invisible', 'U+202E', 1, { kind: 'override', escaped: true }],
      ['invisible', 'U+202E', 2, { kind: 'override', escaped: false }],
      ['invisible', 'U+200F', 3, { kind: 'direction', escaped: false }],
    ]);
    expect(checked.css).not.toMatch(/\u202E|202e/i);
    expect(checked.css).toContain('color:red');
  });
});

describe('in a plan', () => {
  it('an SVG picture whose text holds an override is refused at its reference', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 20"><text x="0" y="15">Example &#x202E;lionuoC</text></svg>';
    const intro = '---\ntitle: Introduction\n---\n\nText.\n\n![The council](../images/name.svg)\n';
    const dir = await planWith('small', { 'images/name.svg': svg, 'content/introduction.md': intro });
    const result = await build({ root: dir, outDir: await tmpOut(), pdf: false, checkOnly: true });
    expect(result.diagnostics.filter((d) => d.ruleId === 'resource:invisible-character').map((d) => [d.file, d.place?.line, d.severity])).toEqual([['content/introduction.md', 7, 'error']]);
  });

  it('each is reported at its line and column, in sections, front matter, data files and plan.yaml; refused ones stop the build', async () => {
    const base = await planWith('small');
    const read = (file: string) => readFile(path.join(base, file), 'utf8');
    const money = `${await read('content/money.md')}\n\nPaid\u0007 in full, &#x202E;reversed, and \u2067isolated\u2069.\n`;
    const education = (await read('content/education.md')).replace(/^title: .*$/m, 'title: "Education\\u202D and training"');
    const budget = (await read('data/budget.yaml')).replace(/^caption: .*$/m, 'caption: "Contributions\\x1b 2024/25"');
    const glossary = `${await read('data/glossary.yaml')}`.replace(/\n?$/, '\n# A note\u0085 in a comment is in the file all the same\n');
    const plan = (await read('plan.yaml')).replace(/^(title: .*)$/m, '$1\u200F');
    const dir = await planWith('small', { 'content/money.md': money, 'content/education.md': education, 'data/budget.yaml': budget, 'data/glossary.yaml': glossary, 'plan.yaml': plan });
    const result = await build({ root: dir, outDir: await tmpOut(), pdf: false, checkOnly: true });
    const moneyLine = lineOf(money, 'Paid');
    const col = (text: string, needle: string) => text.split('\n')[lineOf(text, needle) - 1]!.indexOf(needle) + 1;
    expect(invisible(result.diagnostics)).toEqual(
      [
        `content/money.md:${moneyLine}:5 error text:control-character`,
        `content/money.md:${moneyLine}:${col(money, '&#x202E;')} error text:bidi-override`,
        `content/money.md:${moneyLine}:${col(money, '\u2067')} warning text:bidi-control`,
        `content/money.md:${moneyLine}:${col(money, '\u2069')} warning text:bidi-control`,
        `data/budget.yaml:${lineOf(budget, 'caption:')}:${col(budget, '\\x1b')} error text:control-character`,
        `data/glossary.yaml:${lineOf(glossary, 'A note')}:${col(glossary, '\u0085')} error text:control-character`,
        `plan.yaml:${lineOf(plan, 'title:')}:${col(plan, '\u200F')} warning text:bidi-control`,
      ].sort(),
    );
    const override = result.diagnostics.find((d) => d.ruleId === 'text:bidi-override' && d.file === 'content/money.md')!;
    expect(override.message).toContain('U+202E RIGHT-TO-LEFT OVERRIDE, written as `&#x202E;`');
    expect(override.hint).toBe(`delete \`&#x202E;\` at line ${moneyLine}, column ${col(money, '&#x202E;')}; to set right-to-left words in English text, write them as they are, or use an isolate (U+2067 … U+2069)`);
    expect(result.ok).toBe(false);
    // A front matter's escapes are read when its section is parsed, once the files load cleanly.
    const alone = await build({ root: await planWith('small', { 'content/education.md': education }), outDir: await tmpOut(), pdf: false, checkOnly: true });
    expect(invisible(alone.diagnostics)).toEqual([`content/education.md:${lineOf(education, 'title:')}:${col(education, '\\u202D')} error text:bidi-override`]);
    expect(alone.ok).toBe(false);
  });

  it('direction marks alone are published with a warning, not refused; a file full of controls is reported in a few messages', async () => {
    const base = await planWith('small');
    const money = `${await readFile(path.join(base, 'content/money.md'), 'utf8')}\n\nThe name \u2067مثال\u2069 is kept.\n`;
    const intro = `${await readFile(path.join(base, 'content/introduction.md'), 'utf8')}\n\n${'x\u0001'.repeat(40)}\n`;
    let dir = await planWith('small', { 'content/money.md': money });
    const out = await tmpOut();
    let result = await build({ root: dir, outDir: out, pdf: false });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(invisible(result.diagnostics)).toHaveLength(2);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain('\u2067مثال\u2069');
    dir = await planWith('small', { 'content/introduction.md': intro });
    result = await build({ root: dir, outDir: await tmpOut(), pdf: false, checkOnly: true });
    const found = result.diagnostics.filter((d) => d.ruleId === 'text:control-character');
    expect(found).toHaveLength(6);
    expect(found.at(-1)!.message).toBe('35 more invisible characters of the kinds above are in this file');
  });
});

describe('in a chart spec (JSON)', () => {
  const strings = (text: string) => [...text.matchAll(/"(?:[^"\\]|\\.)*"/g)].map((m) => ({ offset: m.index, length: m[0].length, value: JSON.parse(m[0]) as string }));
  it('finds characters as written and as \\u escapes (either case, surrogate pairs too), each at its escape, but not an escaped backslash', () => {
    const text = '{"title": "Bell\\u0007 \\u202E \\\\u202e \\udb40\\udc41 \u0085"}';
    expect(jsonInvisible(text, strings(text)).map((f) => [f.code, f.offset, f.written])).toEqual([
      ['U+0007', 15, '\\u0007'],
      ['U+202E', 22, '\\u202E'],
      ['U+E0041', 37, '\\udb40\\udc41'],
      ['U+0085', 50, undefined],
    ]);
  });
});
