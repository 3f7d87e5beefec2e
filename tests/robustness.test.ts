/**
 * Every broken or hostile plan in tests/fixtures/broken/ goes through the command line, as a
 * user would run it: the build never crashes, says what is wrong at its file, line and column,
 * never shows a stack trace, leaves out/ as the last good build left it, and publishes nothing
 * unsafe when it does succeed.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../scripts/cli/index.ts';
import { writeMarker } from '../scripts/output/out-dir.ts';
import { brokenCases, materialise, printedMessages, writeFiles, type BrokenCase } from './helpers/broken-case.ts';
import { unsafeParts } from './helpers/unsafe-html.ts';

const cases = brokenCases();

/** The last good build, as out/ holds it before each case runs. */
const LAST_GOOD = {
  'index.html': '<!doctype html><title>The last good build</title>',
  'example-youth-justice-plan-2024-25.pdf': new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xff]),
};

/** Every file under `dir` (pages/ and embed/ too), by its path there, with its bytes. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const names = entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, (await readFile(path.join(dir, n))).toString('base64')] as const)));
}

/** Staging or old directories the write stage left beside out/. */
async function leftovers(out: string): Promise<string[]> {
  const base = path.basename(out);
  return (await readdir(path.dirname(out))).filter((n) => n.startsWith(`.${base}.`));
}

async function run(c: BrokenCase) {
  const dir = await materialise(c);
  const out = path.join(await mkdtemp(path.join(os.tmpdir(), 'yjplan-robust-')), 'out');
  await writeFiles(out, LAST_GOOD);
  await writeMarker(out);
  const before = await snapshot(out);
  const lines: string[] = [];
  const code = await main(['build', dir, '--no-pdf', '--out', out], { out: (s) => lines.push(s), err: (s) => lines.push(s) });
  const output = lines.join('\n');
  return { code, output, out, before, after: await snapshot(out), leftovers: await leftovers(out) };
}

describe('the corpus of broken and hostile plans', () => {
  it('has at least 40 cases, each with an expected outcome', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const c of cases.filter((c) => c.exit === 1)) expect(c.messages.length, `${c.name} names the messages it expects`).toBeGreaterThan(0);
  });
});

describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  it(`${c.description}: exits ${c.exit} with each message at its place, no stack trace, and out/ intact`, { timeout: 60_000 }, async () => {
    const result = await run(c);
    const { messages, unreadable } = printedMessages(result.output);

    // Never a crash, never a stack trace.
    expect(result.output).not.toMatch(/^\s+at /m);
    expect(result.output).not.toContain('Internal error');
    expect(result.code, result.output).toBe(c.exit);

    // Each expected message, at its exact place.
    for (const want of c.messages) {
      expect(messages, `${want.ruleId} at ${want.file}:${want.line}:${want.column}\n${result.output}`).toContainEqual(
        expect.objectContaining({ ruleId: want.ruleId, file: want.file, line: want.line, column: want.column, severity: want.severity }),
      );
    }
    // Every message names its file; every problem in the plan's own files names its line.
    expect(unreadable).toEqual([]);
    for (const m of messages) {
      expect(m.file, m.message).toMatch(/\S/);
      if (/^(plan\.yaml|content\/|data\/|templates\/)/.test(m.file)) expect(m.line, `${m.file}: ${m.message}`).toBeGreaterThan(0);
    }

    // Nothing lost: a failed build leaves out/ byte for byte as it was; either way no staging is left.
    expect(result.leftovers).toEqual([]);
    if (c.exit !== 0) {
      expect(result.after).toEqual(result.before);
    } else {
      const html = await readFile(path.join(result.out, 'index.html'), 'utf8');
      expect(html).not.toBe(LAST_GOOD['index.html']);
      expect(unsafeParts(html)).toEqual([]);
    }
  });
});

describe('the check for unsafe HTML used above', () => {
  it('finds scripts, frames, handlers, script URLs and remote resources', () => {
    const found = unsafeParts(
      '<script>x</script><iframe src="a"></iframe><p onclick="x()">p</p><a href="java\tscript:x()">a</a><img src="https://evil.example/a.png">' +
        '<p style="background: url(//evil.example/b.png)">b</p><style>@import "https://evil.example/c.css";</style><img src="data:text/html,x">',
    );
    expect(found).toEqual(
      expect.arrayContaining(['<script>', '<iframe>', 'onClick on <p>', 'href="java\tscript:x()" on <a>', 'src="https://evil.example/a.png" on <img>', 'url(//evil.example/b.png) in a style attribute', 'url(https://evil.example/c.css) in <style>', 'src="data:text/html,x" on <img>']),
    );
  });

  it('finds nothing in the embedded images, fonts and charts of a good page', async () => {
    expect(unsafeParts('<style>@font-face { src: url(data:font/woff2;base64,AAAA) }</style><img src="data:image/png;base64,AAAA" alt=""><svg xmlns="http://www.w3.org/2000/svg" role="img"></svg><a href="https://example.org/">a link</a>')).toEqual([]);
  });
});
