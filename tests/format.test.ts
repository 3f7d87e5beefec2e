import { describe, expect, it } from 'vitest';
import { formatValue } from '../scripts/figures/format.ts';
import { sectionNumber } from '../scripts/transform/numbering.ts';

describe('en-GB formatting', () => {
  it('formats numbers, pounds and percentages the British way, with a true minus sign', () => {
    expect(formatValue(1585845, 'currency')).toBe('£1,585,845');
    expect(formatValue(1000.5, 'currency')).toBe('£1,000.50');
    expect(formatValue(-19.6, 'percent')).toBe('−19.6%');
    expect(formatValue(0.2, 'number', 2)).toBe('0.20');
    expect(formatValue(12345, 'number')).toBe('12,345');
    expect(formatValue(null, 'number')).toBe('–');
    expect(formatValue('2019-06-30', 'date')).toBe('30 June 2019');
  });
});

describe('section numbering', () => {
  it('numbers in each style from the outline position', () => {
    expect(sectionNumber('number-letter', [6])).toBe('6');
    expect(sectionNumber('number-letter', [6, 3])).toBe('6c');
    expect(sectionNumber('number-letter', [10, 2, 1])).toBe('10b(i)');
    expect(sectionNumber('decimal', [6, 3])).toBe('6.3');
    expect(sectionNumber('none', [6, 3])).toBe('');
  });
});
