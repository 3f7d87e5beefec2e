/** Problems in a chart spec are placed by the JSON parser's positions, whatever escapes the file uses. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { checkSpec, unsafePaints } from '../../scripts/charts/check-spec.ts';
import { loadSpec, loadTheme } from '../../scripts/charts/specs.ts';

async function problemsOf(text: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-spec-'));
  await writeFile(path.join(dir, 'x.vl.json'), text);
  const loaded = await loadSpec('x', [dir]);
  if (!loaded.ok) return [`${loaded.problem.place?.line}:${loaded.problem.place?.column} ${loaded.problem.text.ruleId}`];
  return checkSpec(loaded.value).problems.map((p) => `${p.place?.line}:${p.place?.column} ${p.text.ruleId}`);
}

const spec = (lines: string[]) => ['{', '  "data": {"name": "table"},', '  "mark": "bar",', ...lines, '}'].join('\n');

test('an escaped key is found where it is written', async () => {
  expect(await problemsOf(spec(['  "encoding": {"x": {"field": "category"}},', '  "\\u0075rl": "https://example.org/"']))).toEqual(['5:3 chart:spec-unsafe']);
  expect(await problemsOf(spec(['  "encoding": {"x": {"field": "category", "\\u0068ref": "https://example.org/"}}']))).toEqual(['4:43 chart:spec-unsafe']);
});

test('a field whose name holds a quote or an escape is placed at its own line', async () => {
  const text = spec(['  "encoding": {', '    "x": {"field": "category"},', '    "y": {"field": "val\\"ue"},', '    "color": {"field": "s\\u0065ries2"}', '  }']);
  expect(await problemsOf(text)).toEqual(['6:11 chart:unknown-field', '7:15 chart:unknown-field']);
});

test('a broken expression with escapes in it is placed at its key', async () => {
  const text = spec(['  "encoding": {"x": {"field": "category"}},', '  "transform": [', '    {"calculate": "datum.value \\u002b\\u002b \\"x", "as": "y"}', '  ]']);
  expect(await problemsOf(text)).toEqual(['6:6 chart:spec-expression']);
});

test('a paint from elsewhere, in the spec or the theme, is refused at its value, escapes decoded', async () => {
  const text = spec(['  "encoding": {"x": {"field": "category"}},', '  "config": {"mark": {"fill": "\\\\75 rl(https://evil.example/p.svg#a)"}}']);
  expect(await problemsOf(text)).toEqual(['5:31 chart:spec-unsafe']);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-theme-'));
  await writeFile(path.join(dir, 'theme.json'), '{\n  "range": {"category": ["#123456", "URL(//evil.example/x)"]}\n}');
  const theme = await loadTheme([dir]);
  if (!theme.ok) throw new Error('theme did not load');
  expect(unsafePaints(theme.value).map((p) => `${p.place?.line}:${p.place?.column}`)).toEqual(['2:37']);
});

test('a spec nested thousands deep is refused at the bracket past the limit, before any parser recurses', async () => {
  const deep = `{"data": {"name": "table"}, "mark": "bar",\n "x": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
  expect(await problemsOf(deep)).toEqual(['2:70 chart:spec-too-complex']);
  // Brackets inside strings are text, not nesting.
  expect(await problemsOf(spec([`  "description": "${'['.repeat(500)}",`, '  "encoding": {"x": {"field": "category"}}']))).toEqual([]);
});
