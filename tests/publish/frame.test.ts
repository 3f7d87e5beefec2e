/** templates/site.html, the council's frame: where the plan goes, and what is left out, at its place. */
import { describe, expect, it } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadFrame, parseFrame } from '../../scripts/output/pages/frame.ts';

describe('a council’s frame for the pages', () => {
  it('puts the plan where <!-- plan --> stands, inside the council’s markup', () => {
    const { frame, diagnostics } = parseFrame('<div class="site"><header><a href="https://www.example.gov.uk/">Council</a></header>\n<!-- plan -->\n<footer>© Council</footer></div>');
    expect(diagnostics).toEqual([]);
    expect(toHtml({ type: 'root', children: frame!.wrap([h('p', 'The plan')]) })).toBe(
      '<div class="site"><header><a href="https://www.example.gov.uk/">Council</a></header>\n<p>The plan</p>\n<footer>© Council</footer></div>',
    );
  });

  it('leaves out scripts, styles, pictures and event handlers, each reported at its line and column', () => {
    const { frame, diagnostics } = parseFrame('<header onclick="steal()">Council</header>\n<script>alert(1)</script><!-- plan -->\n<footer><img src="https://cdn.example/logo.png" alt="Logo"><style>body{}</style></footer>');
    const html = toHtml({ type: 'root', children: frame!.wrap([]) });
    expect(html).not.toMatch(/steal|alert|<img|<style|logo/);
    expect(diagnostics.map((d) => `${d.place?.line}:${d.place?.column} ${d.ruleId} ${d.severity}`)).toEqual([
      '1:1 site:removed warning',
      '2:1 site:removed warning',
      '3:9 site:removed warning',
      '3:60 site:removed warning',
    ]);
    expect(diagnostics[1]!.message).toBe('`<script>` in templates/site.html is left out of the pages');
  });

  it('takes no id, landmark or reading direction from the page: its ids are its own, role="main" and dir go, and what is left out takes its text with it', () => {
    const { frame, diagnostics } = parseFrame(
      '<header id="main" role="main" dir="rtl"><a href="#introduction" id="introduction" name="getElementById" tabindex="1">Council</a><span id="x" aria-labelledby="x">!</span></header>\n<title>Evil</title><!-- plan -->\n<footer><textarea><img src=x onerror=alert(5)></textarea></footer>',
    );
    const html = toHtml({ type: 'root', children: frame!.wrap([h('main#main', 'The plan')]) });
    expect(html).toBe(
      '<header id="site-main"><a href="#site-introduction" id="site-introduction">Council</a><span id="site-x" aria-labelledby="site-x">!</span></header>\n<main id="main">The plan</main>\n<footer></footer>',
    );
    expect(diagnostics.map((d) => `${d.place?.line}:${d.place?.column} ${d.ruleId}`)).toContain('1:1 site:removed');
    expect(parseFrame('<header><h1>Council</h1></header><!-- plan -->').diagnostics.map((d) => `${d.place?.line}:${d.place?.column} ${d.ruleId} ${d.severity}`)).toEqual(['1:9 site:own-heading warning']);
  });

  it('is an error where <!-- plan --> would make the plan part of a link, a table or a disclosure', () => {
    for (const [frameText, tag] of [
      ['<details><summary>Menu</summary><!-- plan --></details>', 'details'],
      ['<a href="https://evil.example/"><!-- plan --></a>', 'a'],
      ['<table><tr><td><!-- plan --></td></tr></table>', 'table'],
    ] as const) {
      const { frame, diagnostics } = parseFrame(frameText);
      expect(frame).toBeUndefined();
      expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId)).toEqual(['site:slot-inside']);
      expect(diagnostics.find((d) => d.ruleId === 'site:slot-inside')!.message).toContain(`\`<${tag}>\``);
    }
    expect(parseFrame('<div class="page"><div><!-- plan --></div></div>').frame).toBeDefined();
  });

  it('refuses a direction override, written or as a reference, at its place', () => {
    const { frame, diagnostics } = parseFrame('<p>Text with &#x202E;override&#x202C;</p>\n<!-- plan -->');
    expect(frame).toBeUndefined();
    expect(diagnostics.map((d) => `${d.place?.line}:${d.place?.column} ${d.ruleId} ${d.severity}`)).toEqual(['1:14 text:bidi-override error', '1:30 text:bidi-control warning']);
  });

  it('is an error without <!-- plan -->, or with two', () => {
    expect(parseFrame('<header>Council</header>').diagnostics).toMatchObject([{ ruleId: 'site:no-slot', severity: 'error', file: 'templates/site.html' }]);
    expect(parseFrame('<!-- plan --><!-- plan -->').diagnostics).toMatchObject([{ ruleId: 'site:two-slots', severity: 'error' }]);
  });

  it('escapes the council’s text as text', () => {
    const { frame } = parseFrame('<p>Fish &amp; chips &lt;script&gt;</p><!-- plan -->');
    expect(toHtml({ type: 'root', children: frame!.wrap([]) })).toBe('<p>Fish &#x26; chips &#x3C;script></p>');
  });

  it('refuses a frame nested past the sections’ limit, at the first element too deep', () => {
    const text = '<div>'.repeat(50_000) + '<!-- plan -->' + '</div>'.repeat(50_000);
    // The 101st <div>, which begins at character 501.
    expect(parseFrame(text).diagnostics).toMatchObject([{ ruleId: 'html:too-deep', file: 'templates/site.html', place: { line: 1, column: 501 } }]);
    const shallower = '<header>Council</header>\n' + '<section>\n'.repeat(150) + '<!-- plan -->' + '</section>'.repeat(150);
    expect(parseFrame(shallower).diagnostics).toMatchObject([{ ruleId: 'html:too-deep', place: { line: 102, column: 1 } }]);
    expect(parseFrame('<div>'.repeat(99) + '<!-- plan -->').diagnostics).toEqual([]);
  });
});

describe('reading a council’s frame', () => {
  const planDir = async (): Promise<string> => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-frame-'));
    await mkdir(path.join(dir, 'templates'));
    return dir;
  };

  it('does not read a frame that links outside the plan, and says so', async () => {
    const dir = await planDir();
    const secret = path.join(await mkdtemp(path.join(os.tmpdir(), 'yjplan-secret-')), 'secret.html');
    await writeFile(secret, '<p>secret</p><!-- plan -->');
    await symlink(secret, path.join(dir, 'templates', 'site.html'));
    const { frame, diagnostics } = await loadFrame(dir);
    expect(frame).toBeUndefined();
    expect(diagnostics).toMatchObject([{ ruleId: 'file:outside-plan', file: 'templates/site.html', severity: 'error' }]);
  });

  it('does not wait on a frame that is a pipe', async () => {
    const dir = await planDir();
    execFileSync('mkfifo', [path.join(dir, 'templates', 'site.html')]);
    const { frame, diagnostics } = await loadFrame(dir);
    expect(frame).toBeUndefined();
    expect(diagnostics[0]!.message).toContain('a pipe');
  });

  it('has nothing to say of a plan without a frame', async () => {
    expect(await loadFrame(await planDir())).toEqual({ diagnostics: [] });
  });
});
