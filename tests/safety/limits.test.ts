/**
 * Inputs that used to crash the build or run it for minutes: each is now a located message,
 * and the build finishes. (How long they took before and after is in the commit messages.)
 */
import { truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { PlanError } from '../../scripts/diagnostics/index.ts';
import { MAX_BLOCKS } from '../../scripts/safety/limits.ts';
import { printPdf } from '../../scripts/output/pdf/index.ts';
import { epochProblem } from '../../scripts/output/pdf/meta.ts';
import { planWith } from '../helpers/plan-dir.ts';

const section = (body: string) => `---\ntitle: Introduction\n---\n\n${body}`;

async function built(changes: Record<string, string | Uint8Array>) {
  const root = await planWith('small', changes);
  const result = await build({ root, outDir: path.join(root, 'out'), pdf: false });
  return { root, result, errors: result.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ file: d.file, line: d.place?.line, rule: d.ruleId })) };
}

describe('YAML 1.1 and its merge keys', () => {
  test('`<<: 5` under %YAML 1.1 in a data file is a plain key, with the directive reported at its line', async () => {
    const { result } = await built({ 'data/extra.yaml': '# extra\n%YAML 1.1\n---\nkind: values\n<<: 5\nvalues:\n  - { key: a, label: A, value: 1 }\n' });
    expect(result.diagnostics).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'data/extra.yaml', ruleId: 'yaml:version', place: expect.objectContaining({ line: 2 }) })]));
    expect(result.diagnostics.filter((d) => d.file === 'data/extra.yaml').every((d) => d.place !== undefined)).toBe(true);
  });

  test('a merge of a list of scalars in plan.yaml is an unknown key at its line, not a crash', async () => {
    const root = await planWith('small');
    const plan = (await import('node:fs/promises')).readFile(path.join(root, 'plan.yaml'), 'utf8');
    await writeFile(path.join(root, 'plan.yaml'), `%YAML 1.1\n---\n${await plan}<<: [5, *nothing]\n`);
    const result = await build({ root, outDir: path.join(root, 'out'), pdf: false });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.every((d) => d.file === 'plan.yaml' ? d.place !== undefined : true)).toBe(true);
  });

  test('!!binary, !!timestamp and !!set stay text, with the tag reported where it is', async () => {
    const { result } = await built({ 'data/extra.yaml': 'kind: values\nvalues:\n  - { key: a, label: !!binary "QQ==", value: 1 }\n  - { key: b, label: !!timestamp 2024-01-01, value: 2 }\n  - { key: c, label: !!set {x: null}, value: 3 }\n' });
    const tags = result.diagnostics.filter((d) => d.file === 'data/extra.yaml' && d.ruleId === 'yaml:tag-resolve-failed');
    expect(tags.map((d) => d.place?.line)).toEqual([3, 4, 5]);
  });
});

describe('SOURCE_DATE_EPOCH', () => {
  test('whole seconds are accepted; microseconds, milliseconds past 9999 and text are not', () => {
    expect(epochProblem('1719792000')).toBeUndefined();
    expect(epochProblem(undefined)).toBeUndefined();
    expect(epochProblem('1719792000000000')).toBe('too-large');
    expect(epochProblem('1719792000000')).toBe('too-large');
    expect(epochProblem('1e9')).toBe('not-a-number');
    expect(epochProblem('-5')).toBe('not-a-number');
    expect(epochProblem('9'.repeat(400))).toBe('not-a-number');
  });

  test('printing with one in microseconds stops at once with a message naming the variable', async () => {
    const error = await printPdf('<p>x</p>', {
      meta: { title: 'T', authority: 'A', service: 'S', period: '2024/25', status: 'draft', language: 'en-GB', published: undefined, description: undefined },
      outFile: '/nonexistent/x.pdf',
      env: { SOURCE_DATE_EPOCH: '1719792000000000' },
    }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).diagnostics).toMatchObject([{ ruleId: 'pdf:source-date-epoch', severity: 'error', message: expect.stringContaining('SOURCE_DATE_EPOCH') }]);
    expect((error as PlanError).diagnostics[0]!.message).toContain('microseconds');
  });
});

describe('pictures too large', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  test('a 400 MB picture is refused by its size on disk, where it is named', async () => {
    const root = await planWith('small', { 'content/introduction.md': section('Text.\n\n![A huge picture](img/huge.png)\n'), 'content/img/huge.png': png });
    await truncate(path.join(root, 'content/img/huge.png'), 400 * 1024 * 1024); // sparse: no 400 MB is written
    const result = await build({ root, outDir: path.join(root, 'out'), pdf: false });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toMatchObject([{ file: 'content/introduction.md', place: { line: 7, column: 1 }, ruleId: 'resource:too-large' }]);
  });

  test('a dozen 9 MB pictures, each within its limit, pass the total at the fifth', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `img/p${i + 1}.png`);
    const root = await planWith('small', {
      'content/introduction.md': section(names.map((n) => `![Picture](${n})`).join('\n\n') + '\n'),
      ...Object.fromEntries(names.map((n) => [`content/${n}`, png])),
    });
    for (const n of names) await truncate(path.join(root, 'content', n), 9 * 1024 * 1024);
    const result = await build({ root, outDir: path.join(root, 'out'), pdf: false });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.every((d) => d.ruleId === 'resource:too-large' && d.file === 'content/introduction.md')).toBe(true);
    expect(errors[0]!.place).toMatchObject({ line: 13, column: 1 });
    expect(errors[0]!.message).toContain('p5.png');
    expect(errors).toHaveLength(8);
  });
});

describe('Markdown that would take minutes to read', () => {
  const cases: Array<[string, string, number]> = [
    ['thousands of `:::` container lines', ':::note\n'.repeat(3000), 13],
    ['thousands of bare `:::` lines', ':::\n'.repeat(3000), 405],
    ['emphasis nested thousands deep', '*a '.repeat(3000) + 'b' + ' a*'.repeat(3000) + '\n', 5],
    ['emphasis nested a hundred deep in each of many paragraphs', ('_a '.repeat(100) + 'b' + ' a_'.repeat(100) + '\n\n').repeat(80), 105],
    ['`![` nested deep', '!['.repeat(2000) + 'x' + '](y)'.repeat(2000) + '\n', 5],
    ['`[a](` repeated', '[a]('.repeat(20000) + '\n', 5],
    ['text directives opened and never closed', ':a['.repeat(5000) + '\n', 5],
    ['inline code ticks by the thousand', '`a '.repeat(5000) + '\n', 5],
  ];
  test.each(cases)('%s: a located markdown:too-complex, and the build finishes', async (_name, body, line) => {
    const { errors } = await built({ 'content/introduction.md': section(body) });
    expect(errors).toEqual([{ file: 'content/introduction.md', line, rule: 'markdown:too-complex' }]);
  });

  test('a section of 5 001 tiny paragraphs, far under the size limit, is refused where the 5 001st starts', async () => {
    // Front matter and its blank line take lines 1-4; paragraph k starts on line 5 + 2(k - 1).
    const { errors } = await built({ 'content/introduction.md': section('abcd\n\n'.repeat(MAX_BLOCKS + 1)) });
    expect(errors).toEqual([{ file: 'content/introduction.md', line: 5 + 2 * MAX_BLOCKS, rule: 'markdown:too-complex' }]);
  });

  test('footnote references by the thousand, one to a paragraph, are refused before they are parsed', async () => {
    const { errors } = await built({ 'content/introduction.md': section('[^a]\n\n'.repeat(20_000) + '[^a]: The note.\n') });
    expect(errors).toMatchObject([{ file: 'content/introduction.md', rule: 'markdown:too-complex' }]);
  });

  test('list items written without blank lines between them count as blocks too', async () => {
    const { errors } = await built({ 'content/introduction.md': section('- item\n'.repeat(MAX_BLOCKS + 10)) });
    expect(errors).toEqual([{ file: 'content/introduction.md', line: 4 + MAX_BLOCKS + 1, rule: 'markdown:too-complex' }]);
  });

  test('a section of 4 000 short paragraphs is still read', async () => {
    const { errors } = await built({ 'content/introduction.md': section('A short paragraph.\n\n'.repeat(4_000)) });
    expect(errors).toEqual([]);
  });

  test('a section file of 5 MB is refused by its size on disk, at the outline entry naming it', async () => {
    const { errors } = await built({ 'content/introduction.md': section('Words. '.repeat(750_000)) });
    expect(errors).toMatchObject([{ file: 'plan.yaml', rule: 'file:unreadable' }]);
  });

  test('a table of 500 rows with bold in every row is still read (markers count per row)', async () => {
    const table = '| Name | Note |\n|---|---|\n' + Array.from({ length: 500 }, (_, i) => `| **Row ${i}** | _note_ ~~old~~ \`code\` |`).join('\n') + '\n';
    const { errors } = await built({ 'content/introduction.md': section(table) });
    expect(errors).toEqual([]);
  });
});

describe('a picture that draws too much, and a cache file too large to be one of ours', () => {
  /** Ten `<use>` of ten `<use>`, `levels` deep: 10^levels shapes from a file of a few kilobytes. */
  const useBomb = (levels: number): string => {
    const parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100"><defs><g id="l0"><path d="M0 0L1 1" stroke="black"/></g>'];
    for (let i = 1; i <= levels; i++) parts.push(`<g id="l${i}">${`<use href="#l${i - 1}"/>`.repeat(10)}</g>`);
    parts.push(`</defs><use href="#l${levels}"/></svg>`);
    return parts.join('');
  };

  test('an SVG whose <use> copies draw more than 100 000 shapes is refused at its reference, before anything is printed; a few copies are fine', async () => {
    const intro = (name: string) => `---\ntitle: Introduction\n---\n\nText.\n\n![A picture](../images/${name})\n`;
    let dir = await planWith('small', { 'images/bomb.svg': useBomb(9), 'content/introduction.md': intro('bomb.svg') });
    let result = await build({ root: dir, outDir: path.join(dir, 'out'), pdf: false, checkOnly: true });
    expect(result.diagnostics.filter((d) => d.ruleId === 'resource:too-intricate').map((d) => [d.file, d.place?.line, d.severity])).toEqual([['content/introduction.md', 7, 'error']]);
    expect(result.ok).toBe(false);
    dir = await planWith('small', { 'images/few.svg': useBomb(2), 'content/introduction.md': intro('few.svg') });
    result = await build({ root: dir, outDir: path.join(dir, 'out'), pdf: false, checkOnly: true });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('a planted cache file of 1.9 GB (sparse) is not read: the build’s memory does not grow by it', async () => {
    const dir = await planWith('small');
    await import('node:fs/promises').then((fs) => fs.mkdir(path.join(dir, '.yjplan-cache'), { recursive: true }));
    for (const name of ['contents-pages.json', 'css-checks.json', 'markdown-trees.json']) {
      await writeFile(path.join(dir, '.yjplan-cache', name), '');
      await truncate(path.join(dir, '.yjplan-cache', name), 1900 * 1024 * 1024);
    }
    const before = process.memoryUsage().rss;
    const result = await build({ root: dir, outDir: path.join(dir, 'out'), pdf: false, cacheDir: path.join(dir, '.yjplan-cache') });
    expect(result.ok).toBe(true);
    // Reading any of them would have taken 1.9 GB.
    expect(process.memoryUsage().rss - before).toBeLessThan(500 * 1024 * 1024);
  });
});
