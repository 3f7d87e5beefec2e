import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentFonts, measureText, pickFont, wrapText } from '../../scripts/charts/fonts.ts';

describe('fonts', () => {
  it('lists woff2 files that exist', () => {
    for (const font of documentFonts) expect(existsSync(font.file)).toBe(true);
  });

  it('picks the face a browser would for a weight and style', () => {
    expect(pickFont({}).weight).toBe(400);
    expect(pickFont({ fontWeight: 'bold' }).weight).toBe(700);
    expect(pickFont({ fontWeight: 600 }).weight).toBe(600);
    expect(pickFont({ fontWeight: '500' }).weight).toBe(400);
    expect(pickFont({ fontStyle: 'italic' }).style).toBe('italic');
  });

  it('measures text with the document’s own font, far narrower than Vega’s guess', () => {
    const label = 'South Yorkshire Police and Crime Commissioner';
    const width = measureText(label, { fontSize: 13 });
    // Source Sans 3 averages about 0.45 em a character; Vega guesses 0.8 em.
    expect(width).toBeGreaterThan(0.4 * 13 * label.length);
    expect(width).toBeLessThan(0.5 * 13 * label.length);
    expect(measureText(label, { fontSize: 13, fontWeight: 700 })).toBeGreaterThan(width);
    expect(measureText(label, { fontSize: 26 })).toBeCloseTo(2 * width, 6);
    expect(measureText('', { fontSize: 13 })).toBe(0);
  });

  it('wraps text at spaces to a width, keeping a short label whole', () => {
    expect(wrapText('Referral Order', 200, { fontSize: 13 })).toBe('Referral Order');
    const lines = wrapText('Police and Crime Commissioner', 80, { fontSize: 13 });
    expect(lines).toEqual(['Police and', 'Crime', 'Commissioner']);
    for (const line of lines) expect(measureText(line, { fontSize: 13 })).toBeLessThanOrEqual(80);
  });
});
