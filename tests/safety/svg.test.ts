import { expect, test } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import { sanitiseSvg } from '../../scripts/safety/svg.ts';

const clean = (svg: string) => {
  const safe = sanitiseSvg(svg, { idPrefix: 'f' });
  if (!safe) throw new Error('no svg');
  return { out: toHtml(safe.svg, { space: 'svg', closeEmptyElements: true, tightSelfClosing: true }), removed: safe.removed };
};
const svg = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${inner}</svg>`;

test('paint from another site never becomes a paint server, however the url is written', () => {
  for (const fill of ['url(https://evil.example/p#a)', "URL( '//evil.example/p' )", '\\75 rl(https://evil.example/)', 'u\\rl(x.svg#a)', 'url(#nowhere)', 'url(data:image/svg+xml,x)']) {
    const { out, removed } = clean(svg(`<path d="M0" fill="${fill}" stroke="red"/>`));
    expect(out, fill).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><path d="M0" stroke="red"/></svg>');
    expect(removed, fill).toEqual([`fill="${fill}"`]);
  }
});

test('references to ids in the same figure stay, renamed with their ids', () => {
  const { out, removed } = clean(svg('<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient><clipPath id="c"><rect width="1" height="1"/></clipPath></defs><path d="M0" fill="url(#g)" clip-path="url( \'#c\' )" style="stroke: url(#g); opacity: .5"/><use href="#c"/><use xlink:href="#g"/>'));
  expect(removed).toEqual([]);
  expect(out).toContain('<linearGradient id="f-1">');
  expect(out).toContain('<path d="M0" fill="url(#f-1)" clip-path="url(#f-2)" style="stroke:url(#f-1);opacity:.5"/>');
  expect(out).toContain('<use href="#f-2"/><use href="#f-1"/>');
});

test('scripts, handlers, foreign content, links, pictures and animation are taken out', () => {
  const { out, removed } = clean(
    svg(
      '<script>alert(1)</script><g onload="alert(2)" onclick="x()"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(3)"/></body></foreignObject></g>' +
        '<a href="javascript:alert(4)"><text>t</text></a><image href="https://evil.example/i.png"/><use href="https://evil.example/s.svg#x"/>' +
        '<set attributeName="href" to="javascript:alert(5)"/><animate attributeName="fill" to="url(https://e.example/)"/><filter id="q"><feImage href="https://evil.example/"/></filter>' +
        '<style>@import "https://evil.example/";</style><iframe src="https://evil.example/"></iframe>',
    ),
  );
  expect(out).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g/><use/></svg>');
  expect(removed).toEqual(expect.arrayContaining(['<script>', 'the onLoad attribute', '<foreignObject>', '<a>', '<image>', '<set>', '<animate>', '<style>', 'href="https://evil.example/s.svg#x"']));
});

test('entity tricks, CDATA, comments and doctypes do not smuggle markup', () => {
  const { out } = clean(
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "<script>alert(1)</script>">]><svg xmlns="http://www.w3.org/2000/svg"><!-- <script>alert(2)</script> --><text>&x;<![CDATA[</text><script>alert(3)</script>]]>&lt;script&gt;</text></svg>',
  );
  expect(out).not.toMatch(/<script|<!--|<!DOCTYPE|ENTITY/i);
  expect(out).toContain('&#x3C;script>');
});

test('the namespace of an element does not let it through: an HTML script inside an SVG is still a script', () => {
  const { out } = clean(svg('<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script><svg:script>alert(2)</svg:script><SCRIPT>alert(3)</SCRIPT>'));
  // Unknown elements are unwrapped: their text stays, as text.
  expect(out).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">alert(1)alert(2)</svg>');
});

test('nothing but an <svg> is an SVG, and a deeply nested one is refused rather than walked', () => {
  expect(sanitiseSvg('<p>not a picture</p>', { idPrefix: 'f' })).toBeUndefined();
  expect(sanitiseSvg(svg('<g>'.repeat(5000) + '</g>'.repeat(5000)), { idPrefix: 'f' })).toBeUndefined();
});
