import { describe, expect, it } from 'vitest';
import { accessibleSvg, normaliseIds, renameIds, svgParts } from '../../scripts/charts/svg.ts';
import { html } from './helpers.ts';

const vegaSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="640" height="300" viewBox="0 0 640 300">' +
  '<g clip-path="url(#clip7)"><text>id="clip7" url(#clip7)</text></g><defs><clipPath id="clip7"><rect/></clipPath>' +
  '<linearGradient id="gradient_3"/></defs><path fill="url(#gradient_3)"/></svg>';

describe('svg', () => {
  it('numbers ids in order and leaves the drawn text alone', () => {
    expect(normaliseIds(vegaSvg)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="640" height="300" viewBox="0 0 640 300">' +
        '<g clip-path="url(#chart-1)"><text>id="clip7" url(#clip7)</text></g><defs><clipPath id="chart-1"><rect/></clipPath>' +
        '<linearGradient id="chart-2"/></defs><path fill="url(#chart-2)"/></svg>',
    );
    expect(renameIds('<svg><g/></svg>', () => 'x')).toBe('<svg><g/></svg>');
  });

  it('reads the root’s size and keeps what is inside it', () => {
    expect(svgParts(vegaSvg)).toMatchObject({ width: 640, height: 300, viewBox: '0 0 640 300' });
    expect(svgParts(vegaSvg).inner.startsWith('<g clip-path')).toBe(true);
  });

  it('makes a named, described image whose marks are hidden from screen readers', () => {
    const svg = accessibleSvg(normaliseIds(vegaSvg), { id: 'fig-x', name: 'Figure 2: Rates <fell>', description: 'More & more' });
    expect(html(svg)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" class="chart-graphic" width="640" height="300" viewBox="0 0 640 300" role="img" aria-labelledby="fig-x-title" aria-describedby="fig-x-desc">' +
        '<title id="fig-x-title">Figure 2: Rates &#x3C;fell></title><desc id="fig-x-desc">More &#x26; more</desc>' +
        '<g aria-hidden="true"><g clip-path="url(#fig-x-chart-1)"><text>id="clip7" url(#clip7)</text></g><defs><clipPath id="fig-x-chart-1"><rect/></clipPath>' +
        '<linearGradient id="fig-x-chart-2"/></defs><path fill="url(#fig-x-chart-2)"/></g></svg>',
    );
  });

  it('leaves out the description when there is none', () => {
    const svg = html(accessibleSvg(vegaSvg, { id: 'f', name: 'Figure 1: A', description: '' }));
    expect(svg).not.toContain('<desc');
    expect(svg).not.toContain('aria-describedby');
  });
});
