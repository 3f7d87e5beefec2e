import { describe, expect, it } from 'vitest';
import { withoutExternalReferences } from '../../scripts/charts/svg.ts';

describe('chart SVG safety', () => {
  it('removes pictures, links and outside references but keeps references within the chart', () => {
    const svg =
      '<g clip-path="url(#c1)"><image href="https://example.com/x.png" width="2"/><a href="https://example.com"><path d="M0"/></a>' +
      '<use href="#c1"/><path d="M1" xlink:href="javascript:alert(1)"/></g>';
    const safe = withoutExternalReferences(svg);
    expect(safe).not.toMatch(/example\.com|javascript:|<image|<a\b/);
    expect(safe).toContain('<use href="#c1"/>');
    expect(safe).toContain('url(#c1)');
    expect(safe).toContain('<path d="M1"/>');
  });
});
