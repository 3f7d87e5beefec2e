/**
 * What reaches the published page from a plan's stylesheets and pictures, end to end: the page
 * is built HTML-only and read back with an HTML parser, as a browser would read it.
 */
import { readFile, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { expect, test } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { planWith } from '../helpers/plan-dir.ts';

const hostileSvg = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="20" height="20" onload="alert(2)">
  <style>@import url(https://evil.example/a.css);</style>
  <script>alert(3)</script>
  <a xlink:href="javascript:alert(4)"><rect width="10" height="10" fill="url(https://evil.example/p.svg#g)"/></a>
  <image href="https://evil.example/i.png" width="5" height="5"/>
  <circle r="4" fill="green"><![CDATA[</circle><script>alert(1)</script>]]></circle>
</svg>`;

test('a plan-local SVG picture is embedded as the sanitiser serialises it, never as it was written', async () => {
  const dir = await planWith('small', {
    'content/images/logo.svg': hostileSvg,
    'content/introduction.md': '---\ntitle: Introduction\n---\n\n![The logo](images/logo.svg)\n',
  });
  const out = await mkdtemp(path.join(os.tmpdir(), 'yjplan-out-'));
  const result = await build({ root: dir, outDir: out, pdf: false });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const page = fromHtml(await readFile(path.join(out, 'index.html'), 'utf8'));
  const img = selectAll('img[alt="The logo"]', page)[0]!;
  const svg = Buffer.from(String(img.properties.src).replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString('utf8');
  // The link goes with what it held; the CDATA's text stays text.
  expect(svg.replace(/\s+</g, '<')).toBe(
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="20" height="20"><circle r="4" fill="green">&#x3C;/circle>&#x3C;script>alert(1)&#x3C;/script></circle></svg>',
  );
});

test('a plan stylesheet reaches the page as its checked tree: the page has one <style>, no script, nothing to fetch', async () => {
  const dir = await planWith('small', {
    'templates/styles/extra.css': 'h1::after { content: "</style><script>alert(1)</script>"; color: #123456 }\n',
  });
  const out = await mkdtemp(path.join(os.tmpdir(), 'yjplan-out-'));
  const result = await build({ root: dir, outDir: out, pdf: false });
  expect(result.ok).toBe(true);
  const html = await readFile(path.join(out, 'index.html'), 'utf8');
  const page = fromHtml(html);
  expect(selectAll('script', page)).toEqual([]);
  const styles = selectAll('style', page);
  expect(styles).toHaveLength(1);
  expect(html).toContain('h1::after{content:"\\3c /style\\3e \\3c script\\3e alert(1)\\3c /script\\3e ";color:#123456}');
});
