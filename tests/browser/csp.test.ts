/**
 * The published page under the strictest Content-Security-Policy a council's web team could
 * set: no scripts, no requests, styles, images and fonts inline only. Served over HTTP from
 * 127.0.0.1 and loaded in Chromium, it must make no request but its own and break no rule.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { launchBrowser, locateBrowser, type LaunchedBrowser } from '../../scripts/output/pdf/browser.ts';
import { brokenCases } from '../helpers/broken-case.ts';
import { planWith, repoRoot } from '../helpers/plan-dir.ts';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

let browser: LaunchedBrowser;
let server: Server;
let origin: string;
/** The page served at each path. */
const pages = new Map<string, string>();

beforeAll(async () => {
  const located = locateBrowser();
  if (!('executablePath' in located)) throw new Error(located.problem.message);
  browser = await launchBrowser({ executablePath: located.executablePath });
  server = createServer((request, response) => {
    const html = pages.get(request.url ?? '');
    if (html === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': CSP }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function builtPage(root: string): Promise<string> {
  const out = await mkdtemp(path.join(os.tmpdir(), 'yjplan-csp-'));
  const result = await build({ root, outDir: out, pdf: false });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return readFile(path.join(out, 'index.html'), 'utf8');
}

/** Loads the page and reports what it asked for besides itself, what failed, and every CSP violation. */
async function load(pathname: string, html: string) {
  pages.set(pathname, html);
  const page = await browser.browser.newPage();
  const requests: string[] = [];
  const failed: string[] = [];
  page.on('request', (r) => void (r.url() === origin + pathname || r.url().startsWith('data:') || requests.push(r.url())));
  page.on('requestfailed', (r) => void failed.push(`${r.url()}: ${r.failure()?.errorText}`));
  await page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const response = await page.goto(origin + pathname, { waitUntil: 'load' });
  // Violations are reported asynchronously: give them a moment to arrive.
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((resolve) => setTimeout(resolve, 200))));
  const violations = await page.evaluate(() => (window as unknown as { violations: string[] }).violations);
  const fontsLoaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').length);
  await page.close();
  return { status: response?.status(), requests, failed, violations, fontsLoaded };
}

test('the built sample plan loads under a strict Content-Security-Policy with no violation and no request', async () => {
  const result = await load('/sample/', await builtPage(repoRoot));
  expect(result.status).toBe(200);
  expect(result.violations).toEqual([]);
  expect(result.failed).toEqual([]);
  expect(result.requests).toEqual([]);
  expect(result.fontsLoaded).toBeGreaterThan(0); // the embedded fonts were allowed, not silently dropped
});

test('a plan full of hostile HTML, once built, breaks no rule of the policy either', async () => {
  // Every hostile case the build lets through (with warnings), in one plan.
  const hostile = brokenCases().filter((c) => c.base === 'small' && c.exit === 0 && /raw-html|javascript|svg|style-element|local-image/.test(c.name));
  expect(hostile.length).toBeGreaterThanOrEqual(6);
  const body = hostile.map((c) => new TextDecoder().decode(c.files['content/introduction.md']!).replace(/^---\n[\s\S]*?\n---\n/, '')).join('\n\n');
  const gif = hostile.find((c) => c.files['content/img/dot.gif'])!.files['content/img/dot.gif']!;
  const plan = await planWith('small', { 'content/introduction.md': `---\ntitle: Introduction\n---\n\n${body}\n`, 'content/img/dot.gif': gif });
  const result = await load('/hostile/', await builtPage(plan));
  expect(result.violations).toEqual([]);
  expect(result.failed).toEqual([]);
  expect(result.requests).toEqual([]);
});

test('the policy and the listeners do catch what they are for (a page with a script, an inline handler and a remote image)', async () => {
  const result = await load(
    '/control/',
    `<!doctype html><html lang="en-GB"><head><title>Control</title></head><body><script>1</script><p onclick="1">p</p><img src="${'http'}://127.0.0.1:9/x.png" alt=""></body></html>`,
  );
  expect(result.violations.map((v) => v.split(' ')[0])).toEqual(expect.arrayContaining(['script-src-elem', 'img-src']));
  expect(result.requests.length + result.failed.length).toBeGreaterThan(0);
});
