import { describe, expect, it } from 'vitest';
import { accessibleSvg } from '../../scripts/charts/svg.ts';
import { html } from './helpers.ts';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';

const vegaSvg =
  '<svg xmlns="http://www.w3.org/2000/svg" class="marks" width="640" height="300" viewBox="0 0 640 300">' +
  '<g clip-path="url(#clip7)"><text>id="clip7" url(#clip7)</text></g><defs><clipPath id="clip7"><rect></rect></clipPath>' +
  '<linearGradient id="gradient_3"></linearGradient></defs><path fill="url(#gradient_3)"></path></svg>';

describe('svg', () => {
  it('makes a named, described image whose marks are hidden from screen readers, ids numbered in order under the figure', () => {
    const { svg, removed } = accessibleSvg(vegaSvg, { id: 'fig-x', name: 'Figure 2: Rates <fell>', description: 'More & more' });
    expect(removed).toEqual([]);
    expect(html(svg)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" class="chart-graphic" width="640" height="300" viewBox="0 0 640 300" role="img" aria-labelledby="fig-x-title" aria-describedby="fig-x-desc">' +
        '<title id="fig-x-title">Figure 2: Rates &#x3C;fell></title><desc id="fig-x-desc">More &#x26; more</desc>' +
        '<g aria-hidden="true"><g clip-path="url(#fig-x-chart-1)"><text>id="clip7" url(#clip7)</text></g><defs><clipPath id="fig-x-chart-1"><rect/></clipPath>' +
        '<linearGradient id="fig-x-chart-2"/></defs><path fill="url(#fig-x-chart-2)"/></g></svg>',
    );
  });

  it('gives the same bytes whatever Vega numbered its ids', () => {
    const again = vegaSvg.replaceAll('clip7', 'clip12').replaceAll('gradient_3', 'gradient_9');
    const a = html(accessibleSvg(vegaSvg, { id: 'f', name: 'A', description: '' }).svg);
    const b = html(accessibleSvg(again, { id: 'f', name: 'A', description: '' }).svg);
    expect(b.replaceAll('clip12', 'clip7')).toBe(a);
  });

  it('keeps a figure id with quotes and angle brackets inside its attributes', () => {
    const { svg } = accessibleSvg(vegaSvg, { id: 'x"><script>alert(1)</script>', name: 'A', description: '' });
    const out = html(svg);
    expect(selectAll('script', fromHtml(out, { fragment: true }))).toEqual([]);
    expect(out).toContain('<clipPath id="x&#x22;><script>alert(1)</script>-chart-1">');
  });

  it('leaves out the description when there is none', () => {
    const svg = html(accessibleSvg(vegaSvg, { id: 'f', name: 'Figure 1: A', description: '' }).svg);
    expect(svg).not.toContain('<desc');
    expect(svg).not.toContain('aria-describedby');
  });
});
