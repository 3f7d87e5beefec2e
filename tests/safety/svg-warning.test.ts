/**
 * A plan's SVG picture that the sanitiser had to cut is published cut, and the build says so:
 * a warning where the picture is named, naming what was taken out but never repeating it.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { planWith } from '../helpers/plan-dir.ts';

// A badge a designer might export with tracking and a click-through left in.
const badge = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="40" height="40" onclick="track('badge')">
  <script type="text/javascript">track('view')</script>
  <circle r="18" cx="20" cy="20" fill="url(https://cdn.tracker.example/grad.svg#g)" stroke="navy"/>
  <use xlink:href="https://cdn.tracker.example/sprite.svg#star"/>
</svg>`;

const plain = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="#0b0c0c"/></svg>';

test('a cut picture is a warning at its reference and at the logo line, naming what went but not its payload', async () => {
  const dir = await planWith('small', {
    'images/logo.svg': badge,
    'content/badge.svg': badge,
    'content/plain.svg': plain,
    'content/introduction.md': '---\ntitle: Introduction\n---\n\nOur quality mark:\n\n![The quality mark](badge.svg) and ![A square](plain.svg)\n',
  });
  const out = await mkdtemp(path.join(os.tmpdir(), 'yjplan-out-'));
  const result = await build({ root: dir, outDir: out, pdf: false });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const warnings = result.diagnostics.filter((d) => d.ruleId === 'image:unsafe-svg');
  expect(warnings.map((d) => `${d.file}:${d.place?.line}:${d.place?.column} ${d.severity}`)).toEqual(['content/introduction.md:7:1 warning', 'plan.yaml:17:7 warning']);
  const [inSection] = warnings;
  expect(inSection!.message).toContain('`badge.svg`');
  for (const name of ['`<script>`', 'the `onclick` attribute', 'the `fill` attribute', 'the `xlink:href` attribute']) expect(inSection!.message).toContain(name);
  expect(inSection!.message).toContain('published without them');
  // What was cut is named, never quoted: the message carries no address and no script.
  for (const d of warnings) expect(`${d.message} ${d.hint}`).not.toMatch(/tracker|track\(|https?:/);
});
