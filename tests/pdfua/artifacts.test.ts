/**
 * Marking untagged painting as Artifacts, on content streams written out by hand: the runs
 * outside marked content are wrapped, the tagged content is left byte for byte.
 */
import { expect, test } from 'vitest';
import { operations } from '../../scripts/output/pdf/pdfua/content-stream.ts';
import { artifactRanges } from '../../scripts/output/pdf/pdfua/artifacts.ts';

const encode = (s: string) => new TextEncoder().encode(s);
const wrap = (s: string): string => {
  let out = '';
  let from = 0;
  for (const [start, end] of artifactRanges(operations(encode(s)))) {
    out += `${s.slice(from, start)}[${s.slice(start, end)}]`;
    from = end;
  }
  return out + s.slice(from);
};

test('reads operators with their operands, skipping strings, names, arrays, dictionaries and inline images', () => {
  const stream = '/P <</MCID 0 /X [1 (a) <41>]>> BDC BT (x\\) Tj \\(still) Tj [(a) -5 (b)] TJ ET EMC BI /W 1 /H 1 ID \x00EI\x01 EI q % a comment Tj\n Q';
  expect(operations(encode(stream)).map((o) => o.operator)).toEqual(['BDC', 'BT', 'Tj', 'TJ', 'ET', 'EMC', 'BI', 'q', 'Q']);
  const [bdc] = operations(encode(stream));
  expect(stream.slice(bdc!.start, bdc!.end)).toBe('/P <</MCID 0 /X [1 (a) <41>]>> BDC');
});

test('wraps each run of painting outside marked content, and leaves tagged content as it was', () => {
  const header = 'q 0 0 1 rg BT /F1 9 Tf 10 10 Td (Page 1 of 2) Tj ET Q';
  const tagged = '/P <</MCID 0>> BDC BT (Words) Tj ET EMC';
  const rule = '0 0 m 100 0 l S';
  expect(wrap(`${header} ${tagged} ${rule}`)).toBe(`[${header}] ${tagged} [${rule}]`);
});

test('leaves a run that paints nothing (a clip, a change of colour) unwrapped', () => {
  const stream = 'q 0 0 10 10 re W n 1 0 0 rg /P <</MCID 0>> BDC 0 0 5 5 re f EMC Q';
  expect(wrap(stream)).toBe(stream);
});

test('never lets an Artifact cross BT or ET: painting inside a text object that tagged content shares is wrapped operation by operation', () => {
  const stream = 'BT /P <</MCID 0>> BDC (a) Tj EMC (b) Tj 5 0 Td (c) Tj ET 0 0 m 1 1 l S';
  expect(wrap(stream)).toBe('BT /P <</MCID 0>> BDC (a) Tj EMC [(b) Tj] 5 0 Td [(c) Tj] ET [0 0 m 1 1 l S]');
});

test('does not wrap content already marked as an Artifact', () => {
  const stream = '/Artifact BMC BT (Page 1) Tj ET EMC';
  expect(wrap(stream)).toBe(stream);
});
