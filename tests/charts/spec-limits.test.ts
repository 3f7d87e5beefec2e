/**
 * A spec cannot make unbounded data, marks or work: expressions may call only the functions a
 * chart needs, and generators and transforms that multiply rows are held to limits. Each
 * refusal is placed at the file, line and column of what is refused.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkSpec, themeProblems } from '../../scripts/charts/check-spec.ts';
import { allowedFunctions, checkExpression } from '../../scripts/charts/expressions.ts';
import { loadSpec, loadTheme, specNames } from '../../scripts/charts/specs.ts';
import { chartMessages } from '../../scripts/messages/chart.ts';
import { MAX_BINS, MAX_CURVE_POINTS, MAX_EXPRESSION_ARRAY_ITEMS, MAX_FOLD_FIELDS, MAX_SEQUENCE_VALUES, MAX_TRANSFORMS, MAX_VIEWS } from '../../scripts/safety/limits.ts';
import { builtInSpecs } from './helpers.ts';

/** `hostile.vl.json:line:column ruleId` for each problem of a spec written as `text`. */
async function problemsOf(text: string, name = 'hostile'): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-limits-'));
  await writeFile(path.join(dir, `${name}.vl.json`), text);
  const loaded = await loadSpec(name, [dir]);
  if (!loaded.ok) throw new Error(loaded.problem.text.message);
  return checkSpec(loaded.value).problems.map((p) => `${path.basename(p.file)}:${p.place?.line}:${p.place?.column} ${p.text.ruleId}`);
}

/** A spec whose line 4 onwards are `lines`. */
const spec = (lines: string[]) => ['{', '  "data": {"name": "table"},', '  "mark": "bar",', ...lines, '  "encoding": {"x": {"field": "category"}}', '}'].join('\n');

describe('expressions call only the functions a chart needs', () => {
  test('sequence() with flatten, the nine-line spec that ran for minutes, is refused at the call', async () => {
    const text = spec(['  "transform": [', '    {"calculate": "datum.value + sequence(0, 1e6)", "as": "s"},', '    {"flatten": ["s"]}', '  ],']);
    expect(await problemsOf(text)).toEqual(['hostile.vl.json:5:34 chart:spec-expression-unsafe']);
  });

  test('a generator hidden in a filter composed with not and or is found inside the composition', async () => {
    const text = spec(['  "transform": [{"filter": {"not": {"or": [', '    "datum.value > 0",', '    "length(utcSequence(\'day\', 0, 1e15)) > 1"', '  ]}}}],']);
    expect(await problemsOf(text)).toEqual(['hostile.vl.json:6:13 chart:spec-expression-unsafe']);
  });

  test('a condition test, a param expression, an axis label expression and a formatType are each checked', async () => {
    const text = [
      '{',
      '  "data": {"name": "table"},',
      '  "params": [{"name": "n", "expr": "split(\'a,b\', \',\')"}],',
      '  "mark": "text",',
      '  "encoding": {',
      '    "x": {"field": "category", "axis": {"labelExpr": "pad(datum.label, 1e8)"}},',
      '    "text": {"field": "value", "formatType": "regexp"},',
      '    "color": {"condition": {"test": "random() > 0.5", "value": "red"}, "value": "blue"}',
      '  }',
      '}',
    ].join('\n');
    expect(await problemsOf(text)).toEqual([
      'hostile.vl.json:3:37 chart:spec-expression-unsafe',
      'hostile.vl.json:6:55 chart:spec-expression-unsafe',
      'hostile.vl.json:7:46 chart:spec-expression-unsafe',
      'hostile.vl.json:8:38 chart:spec-expression-unsafe',
    ]);
  });

  test('a regular expression, a long array literal and a path to the constructor are refused', async () => {
    const array = `[${Array.from({ length: MAX_EXPRESSION_ARRAY_ITEMS + 1 }, (_, i) => i).join(',')}]`;
    const text = spec(['  "transform": [', '    {"calculate": "replace(datum.label, /(a+)+$/, \'\')", "as": "a"},', `    {"calculate": "${array}", "as": "b"},`, '    {"calculate": "datum.label[\'constructor\']", "as": "c"}', '  ],']);
    expect(await problemsOf(text)).toEqual(['hostile.vl.json:5:19 chart:spec-expression-unsafe', 'hostile.vl.json:6:19 chart:spec-expression-unsafe', 'hostile.vl.json:7:33 chart:spec-expression-unsafe']);
  });

  test('a refused call written with escapes is placed at its string', async () => {
    const text = spec(['  "transform": [{"calculate": "\\u0073equence(0, 9)", "as": "s"}],']);
    expect(await problemsOf(text)).toEqual(['hostile.vl.json:4:31 chart:spec-expression-unsafe']);
  });

  test('the message names the function and says why, without the rest of a long expression', () => {
    const text = chartMessages.specExpressionRefused(`sequence(0, 1e6) + ${'1 + '.repeat(40)}1`, { kind: 'function', name: 'sequence', reason: 'it makes an array of any length' });
    expect(text.message).toMatch(/^The expression `sequence\(0, 1e6\) \+ 1 \+ .{30,}…` calls `sequence`, which a chart may not use$/);
    expect(text.hint).toContain('`sequence` is refused because it makes an array of any length');
  });

  test('every expression in the built-in specs uses allowed functions only, and a call to each of them parses as allowed', async () => {
    for (const name of await specNames([builtInSpecs])) {
      const loaded = await loadSpec(name, [builtInSpecs]);
      if (!loaded.ok) throw new Error(loaded.problem.text.message);
      expect(checkSpec(loaded.value).problems).toEqual([]);
    }
    for (const fn of allowedFunctions) expect(checkExpression(`${fn}(1)`)).toEqual([]);
    for (const fn of ['sequence', 'timeSequence', 'utcSequence', 'pad', 'split', 'regexp', 'test', 'now', 'random', 'data', 'indata', 'modify', 'warn']) {
      expect(checkExpression(`${fn}(1)`)[0]).toMatchObject({ kind: 'function', name: fn });
    }
  });
});

describe('generators and transforms that multiply rows are held to limits', () => {
  test('a data sequence and an impute sequence longer than the limit are refused at their place', async () => {
    const text = spec([
      '  "layer": [',
      `    {"data": {"sequence": {"start": 0, "stop": ${MAX_SEQUENCE_VALUES + 1}}}, "mark": "rule"},`,
      `    {"data": {"sequence": {"start": 0, "stop": ${MAX_SEQUENCE_VALUES}}}, "mark": "rule"},`,
      '    {"mark": "line", "transform": [{"impute": "value", "key": "category", "keyvals": {"start": 0, "stop": 1, "step": 0}}]},',
      `    {"mark": "line", "encoding": {"y": {"field": "value", "impute": {"keyvals": [${Array.from({ length: MAX_SEQUENCE_VALUES + 1 }, (_, i) => i).join(',')}]}}}}`,
      '  ],',
    ]);
    expect(await problemsOf(text)).toEqual(['hostile.vl.json:5:15 chart:spec-too-complex', 'hostile.vl.json:7:75 chart:spec-too-complex', 'hostile.vl.json:8:70 chart:spec-too-complex']);
  });

  test('a graticule generator is refused as data of the spec\'s own', async () => {
    expect(await problemsOf(spec(['  "layer": [{"data": {"graticule": {"step": [0.001, 0.001]}}, "mark": "geoshape"}],']))).toEqual(['hostile.vl.json:4:23 chart:spec-has-data']);
  });

  test('bins: maxbins, an extent over a fine step, and a long list of steps', async () => {
    const text = spec([
      '  "transform": [',
      `    {"bin": {"maxbins": ${MAX_BINS + 1}}, "field": "value", "as": "b"},`,
      '    {"bin": {"extent": [0, 1e9], "step": 1}, "field": "value", "as": "c"},',
      `    {"bin": {"steps": [${Array.from({ length: MAX_BINS + 1 }, () => 1).join(',')}]}, "field": "value", "as": "d"}`,
      '  ],',
    ]);
    expect(await problemsOf(text)).toEqual(['hostile.vl.json:5:14 chart:spec-too-complex', 'hostile.vl.json:6:34 chart:spec-too-complex', 'hostile.vl.json:7:14 chart:spec-too-complex']);
  });

  test('density steps, a quantile step, a polynomial order and a wide fold', async () => {
    const fields = Array.from({ length: MAX_FOLD_FIELDS + 1 }, (_, i) => `"f${i}"`).join(',');
    const text = spec([
      '  "transform": [',
      `    {"density": "value", "maxsteps": ${MAX_CURVE_POINTS + 1}},`,
      '    {"quantile": "value", "step": 1e-9},',
      '    {"regression": "value", "on": "categoryIndex", "method": "poly", "order": 1000},',
      `    {"fold": [${fields}]}`,
      '  ],',
    ]);
    expect(await problemsOf(text)).toEqual([
      'hostile.vl.json:5:26 chart:spec-too-complex',
      'hostile.vl.json:6:27 chart:spec-too-complex',
      'hostile.vl.json:7:70 chart:spec-too-complex',
      'hostile.vl.json:8:6 chart:spec-too-complex',
    ]);
  });

  test('flattens and folds nested one after another are refused at the third', async () => {
    const text = spec(['  "transform": [', '    {"calculate": "[1, 2, 3]", "as": "a"},', '    {"flatten": ["a"]},', '    {"fold": ["a", "value"]},', '    {"flatten": ["a"]}', '  ],']);
    expect(await problemsOf(text)).toEqual(['hostile.vl.json:8:6 chart:spec-too-complex']);
  });

  test('more transforms than the limit are refused at the first past it', async () => {
    const many = Array.from({ length: MAX_TRANSFORMS + 1 }, (_, i) => `    {"calculate": "${i}", "as": "t${i}"}`).join(',\n');
    expect(await problemsOf(spec(['  "transform": [', many, '  ],']))).toEqual([`hostile.vl.json:${5 + MAX_TRANSFORMS}:5 chart:spec-too-complex`]);
  });

  test('a repeat of repeats past the views limit is refused once, at the repeat that passes it', async () => {
    const eight = JSON.stringify(Array.from({ length: 8 }, (_, i) => `f${i}`));
    const text = ['{', '  "data": {"name": "table"},', `  "repeat": {"row": ${eight},`, `    "column": ${eight}},`, '  "spec": {"mark": "bar", "encoding": {"x": {"field": "category"}}}', '}'].join('\n');
    expect(8 * 8).toBeGreaterThan(MAX_VIEWS);
    expect(await problemsOf(text)).toEqual(['hostile.vl.json:3:3 chart:spec-too-complex']);
  });

  test('a view millions of pixels tall, or an axis of a billion ticks, in the spec or the theme', async () => {
    const text = spec(['  "height": {"step": 100000},', '  "width": 1e6,', '  "config": {"axis": {"tickCount": 1000000000}},']);
    expect(await problemsOf(text)).toEqual(['hostile.vl.json:4:14 chart:spec-too-complex', 'hostile.vl.json:5:3 chart:spec-too-complex', 'hostile.vl.json:6:23 chart:spec-too-complex']);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-theme-'));
    await writeFile(path.join(dir, 'theme.json'), '{\n  "view": {"continuousHeight": 1e8},\n  "axis": {"labelExpr": "sequence(0, 9)"}\n}');
    const theme = await loadTheme([dir]);
    if (!theme.ok) throw new Error('theme did not load');
    expect(themeProblems(theme.value).map((p) => `${p.place?.line}:${p.place?.column} ${p.text.ruleId}`)).toEqual(['3:26 chart:spec-expression-unsafe', '2:12 chart:spec-too-complex']);
  });
});
