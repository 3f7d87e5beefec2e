/**
 * Printing fetches nothing, connects to nothing and runs nothing the page holds: every request
 * but the document's own data: URIs is refused, page scripts are off and a Content-Security-Policy
 * forbids every connection. Each attempt is an error at the place in the plan it came from.
 */
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { PlanError } from '../../scripts/diagnostics/index.ts';
import { pdfMessages } from '../../scripts/messages/pdf.ts';
import { printPdf } from '../../scripts/output/pdf/index.ts';
import { locateText } from '../../scripts/safety/locate-text.ts';
import { planWith } from '../helpers/plan-dir.ts';
import { fixtureMeta } from './fixture.ts';
import { normalise, pageLines, pageTexts, pageWords } from './pdf-text.ts';

let dir: string;
const requests: string[] = [];
const server = createServer((request, response) => {
  requests.push(request.url ?? '');
  response.end('');
});
/** A bare TCP listener: a WebSocket, a fetch or anything else that connects is counted here. */
const connections: string[] = [];
const listener = createNetServer((socket) => {
  connections.push(String(socket.remoteAddress));
  socket.destroy();
});
let local: string;
let wsPort: number;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-hermetic-'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  wsPort = (listener.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => listener.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function planError(promise: Promise<unknown>): Promise<PlanError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PlanError);
  return error as PlanError;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

test('refuses every request but data: URIs, names each URL in an error, and prints nothing', async () => {
  const html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Requests</title>
<link rel="stylesheet" href="${local}/style.css"></head><body>
<p>An image from a server: <img src="${local}/logo.png" alt="logo"></p>
<p>A file: <img src="file:///etc/hostname" alt="file"></p>
<p>Embedded: <img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" alt="dot"></p>
<p style="background-image: url(${local}/background.png)">With a background.</p>
<svg><image href="${local}/svg-image.png" width="5" height="5"/></svg>
<video poster="${local}/poster.png"></video>
</body></html>`;
  const outFile = path.join(dir, 'requests.pdf');
  const error = await planError(printPdf(html, { meta: fixtureMeta('final'), outFile }));
  await settle();
  expect(requests).toEqual([]); // nothing reached the server
  const urls = [`${local}/style.css`, `${local}/logo.png`, 'file:///etc/hostname', `${local}/background.png`, `${local}/svg-image.png`, `${local}/poster.png`];
  const refused = error.diagnostics.filter((d) => d.ruleId === 'pdf:blocked-request');
  expect(refused.every((d) => d.severity === 'error')).toBe(true);
  // What the page never got as far as asking for (a poster nobody shows) may be missing; the rest are named.
  expect(refused.map((d) => d.message)).toEqual(expect.arrayContaining(urls.slice(0, 5).map((url) => pdfMessages.blockedRequest(url, false).message)));
  expect(await readdir(dir)).not.toContain('requests.pdf');
});

test('a page whose scripts rewrite a heading and open WebSockets runs none of them: no connection, an error for each script', async () => {
  const ws = `ws://127.0.0.1:${wsPort}`;
  const html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Scripts</title>
<meta http-equiv="Content-Security-Policy" content="default-src *; script-src * 'unsafe-inline'; connect-src *">
<script>new WebSocket('${ws}/head')</script></head><body>
<h1 id="h">The heading as written</h1>
<script>document.getElementById('h').textContent = 'Rewritten'; new WebSocket('${ws}/body'); fetch('${local}/fetch')</script>
<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" alt="" onload="new WebSocket('${ws}/onload')">
<svg onload="new WebSocket('${ws}/svg')"><a href="javascript:new WebSocket('${ws}/link')"><text y="10">x</text></a></svg>
<iframe srcdoc="<script>new WebSocket('${ws}/frame')</script>"></iframe>
</body></html>`;
  const error = await planError(printPdf(html, { meta: fixtureMeta('final'), outFile: path.join(dir, 'scripts.pdf') }));
  await settle();
  expect(connections).toEqual([]);
  expect(requests).toEqual([]);
  const scripts = error.diagnostics.filter((d) => d.ruleId === 'pdf:script');
  expect(scripts.map((d) => d.message)).toEqual(
    expect.arrayContaining([
      expect.stringContaining("<script> `new WebSocket('ws://127.0.0.1"),
      expect.stringContaining("<script> `document.getElementById('h').textContent = 'Rewritten'"),
      expect.stringContaining('onload='),
      expect.stringContaining('href= `javascript:'),
      expect.stringContaining('<iframe>'),
    ]),
  );
  expect(scripts.every((d) => d.severity === 'error')).toBe(true);
});

test('each refused URL and script is reported at the file and line of the plan it came from', async () => {
  const sources = [
    { file: 'plan.yaml', text: 'title: A plan\nperiod: 2024/25\n' },
    { file: 'content/intro.md', text: `---\ntitle: Intro\n---\n\nText.\n\n![logo](${local.toUpperCase()}/logo.png)\n` },
    { file: 'templates/styles/extra.css', text: `p {\n  color: red;\n}\n.x { background: url("/background.png") }\n` },
    { file: 'content/other.md', text: `---\ntitle: Other\n---\n<img onerror="steal()">\n` },
  ];
  const html = `<!doctype html><html lang="en-GB"><head><title>Located</title></head><body>
<img src="${local}/logo.png" alt="logo"><p style="background: url(${local}/background.png)">p</p>
<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" alt="" onerror="steal()">
<img src="http://192.0.2.1/nowhere-in-the-plan.png" alt="">
</body></html>`;
  const error = await planError(printPdf(html, { meta: fixtureMeta('final'), outFile: path.join(dir, 'located.pdf'), locate: (needles) => locateText(sources, needles) }));
  const at = (message: string) => error.diagnostics.find((d) => d.message.includes(message));
  expect(at('/logo.png')).toMatchObject({ file: 'content/intro.md', place: { line: 7, column: 9 }, ruleId: 'pdf:blocked-request' });
  expect(at('/background.png')).toMatchObject({ file: 'templates/styles/extra.css', place: { line: 4 }, ruleId: 'pdf:blocked-request' });
  expect(at('steal()')).toMatchObject({ file: 'content/other.md', place: { line: 4 }, ruleId: 'pdf:script' });
  // Nowhere to be found: said so, at the plan file given.
  expect(at('nowhere-in-the-plan')).toMatchObject({ file: 'plan.yaml', place: undefined, message: pdfMessages.blockedRequest("http://192.0.2.1/nowhere-in-the-plan.png", false).message });
});

test('a hostile plan whose content tries a script and a WebSocket builds a PDF whose text is as written, and nothing connects', async () => {
  const ws = `ws://127.0.0.1:${wsPort}`;
  const plan = await planWith('small', {
    'content/introduction.md': `---
title: Introduction
---

This small plan has a heading a script would like to change.

<script>document.querySelector('h1,h2').textContent = 'Owned'; new WebSocket('${ws}/md')</script>

<img alt="" onerror="new WebSocket('${ws}/img')">

<svg onload="new WebSocket('${ws}/svg')"><circle r="2"/></svg>

<a href="javascript:new WebSocket('${ws}/a')">a link</a>

<iframe srcdoc="<script>new WebSocket('${ws}/frame')</script>"></iframe>

<meta http-equiv="refresh" content="0;url=${local}/refresh">

## What we did
`,
  });
  const out = path.join(dir, 'hostile-out');
  const result = await build({ root: plan, outDir: out, pdf: true });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  await settle();
  expect(connections).toEqual([]);
  expect(requests).toEqual([]);
  const pdf = (await readdir(out)).find((f) => f.endsWith('.pdf'));
  expect(pdf).toBeDefined();
  const text = normalise(pageTexts(pageLines(pageWords(path.join(out, pdf!)))).join(' '));
  expect(text).toContain('Introduction');
  expect(text).toContain('What we did');
  expect(text).not.toContain('Owned');
  expect(result.diagnostics.filter((d) => d.ruleId.startsWith('pdf:'))).toEqual([]);
  await rm(plan, { recursive: true, force: true });
});
