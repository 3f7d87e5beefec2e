import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCharts } from '../../scripts/charts/index.ts';
import { diagnostic } from '../../scripts/diagnostics/index.ts';
import { chartMessages } from '../../scripts/messages/chart.ts';
import { builtInSpecs, context, request } from './helpers.ts';

const place = { line: 12, column: 1 };
const available = ['bad-expression', 'bar', 'broken', 'clipped', 'grouped-bar', 'inline-data', 'line', 'stacked-bar', 'unknown-field', 'unknown-param'];

describe('chart problems', () => {
  it('places a spec that is not valid JSON at its own line and column', async () => {
    const { figures, diagnostics } = await renderCharts([request({ spec: 'broken', data: 'change' })], context());
    expect(figures.size).toBe(0);
    expect(diagnostics).toEqual([
      diagnostic('specs/broken.vl.json', { line: 6, column: 5 }, chartMessages.specSyntax("Expected ',' or '}' after property value")),
    ]);
  });

  it('places an unknown spec name at the directive, with the names there are', async () => {
    const { diagnostics } = await renderCharts([request({ spec: 'lines', data: 'custody' })], context());
    expect(diagnostics).toEqual([diagnostic('content/section.md', place, chartMessages.unknownSpec('lines', 'line', available))]);
  });

  it('places a missing data name at the directive', async () => {
    const { diagnostics } = await renderCharts([request({ spec: 'line', data: 'custdy' })], context());
    expect(diagnostics).toEqual([diagnostic('content/section.md', place, chartMessages.unknownData('custdy', 'custody'))]);
  });

  it('places a row or column the data does not have at the directive', async () => {
    const { diagnostics } = await renderCharts([request({ spec: 'line', data: 'custody', attributes: { rows: 'Northtown,Westville' } })], context());
    expect(diagnostics).toEqual([diagnostic('content/section.md', place, chartMessages.unknownRow('Westville', undefined))]);
  });

  it('places a field the data does not have at the spec line that asks for it', async () => {
    const { diagnostics } = await renderCharts([request({ spec: 'unknown-field', data: 'change' })], context());
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'specs/unknown-field.vl.json', place: { line: 6, column: 12 }, ruleId: 'chart:unknown-field' });
    expect(diagnostics[0]!.message).toBe(chartMessages.specUnknownField('valeu', 'value', []).message);
  });

  it('refuses a spec that carries its own figures', async () => {
    const { diagnostics } = await renderCharts([request({ spec: 'inline-data', data: 'change' })], context());
    expect(diagnostics).toEqual([diagnostic('specs/inline-data.vl.json', { line: 2, column: 13 }, chartMessages.specHasData('`"data": {"values": …}`'))]);
  });

  it('places an expression that cannot be read at its line in the spec', async () => {
    const { figures, diagnostics } = await renderCharts([request({ spec: 'bad-expression', data: 'change' })], context());
    expect(figures.size).toBe(0);
    expect(diagnostics).toEqual([
      diagnostic('specs/bad-expression.vl.json', { line: 3, column: 19 }, chartMessages.specExpression('datum.value *', 'Unexpected end of input')),
    ]);
  });

  it('reports a spec Vega cannot run at the spec file, without a stack trace', async () => {
    const { figures, diagnostics } = await renderCharts([request({ spec: 'unknown-param', data: 'change' })], context());
    expect(figures.size).toBe(0);
    expect(diagnostics).toEqual([
      diagnostic('specs/unknown-param.vl.json', { line: 1, column: 1 }, chartMessages.specInvalid('Unrecognized signal name: "scaleFactor"')),
    ]);
  });

  it('reports a broken spec once, however many charts use it', async () => {
    const requests = [request({ id: 'fig-1', spec: 'broken', data: 'change' }), request({ id: 'fig-2', spec: 'broken', data: 'custody' })];
    const { diagnostics } = await renderCharts(requests, context());
    expect(diagnostics).toHaveLength(1);
  });

  it('still draws the good charts when another is wrong', async () => {
    const requests = [request({ id: 'fig-bad', spec: 'nope', data: 'change' }), request({ id: 'fig-good', spec: 'bar', data: 'change' })];
    const { figures, diagnostics } = await renderCharts(requests, context());
    expect([...figures.keys()]).toEqual(['fig-good']);
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['chart:unknown-spec']);
  });

  it('refuses data of a kind that is not a table', async () => {
    const data = new Map([['glossary', { file: 'data/glossary.yaml', value: { kind: 'glossary' as const, caption: 'Glossary', terms: [{ term: 'YOT', definition: 'Youth Offending Team' }] } }]]);
    const { diagnostics } = await renderCharts([request({ spec: 'bar', data: 'glossary' })], context({ data }));
    expect(diagnostics).toEqual([diagnostic('content/section.md', place, chartMessages.unsupportedKind('glossary', 'glossary'))]);
  });

  it('reports a missing theme instead of crashing', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'yjplan-charts-'));
    const { diagnostics } = await renderCharts([request({ spec: 'bar', data: 'change' })], context({ specDirs: [empty] }));
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['chart:missing-theme']);
  });

  it('places a theme that is not valid JSON at its line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'yjplan-charts-'));
    await writeFile(path.join(dir, 'theme.json'), '{\n  "font": "Source Sans 3",\n}\n');
    const { diagnostics } = await renderCharts([request({ spec: 'bar', data: 'change' })], context({ specDirs: [dir, builtInSpecs], planDir: dir }));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'theme.json', place: { line: 3, column: 1 }, ruleId: 'chart:spec-syntax' });
  });
});
