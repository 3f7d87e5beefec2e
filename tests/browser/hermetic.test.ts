/** Printing fetches nothing: every request but the document's own data: URIs is refused and reported. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pdfMessages } from '../../scripts/messages/pdf.ts';
import { printPdf } from '../../scripts/output/pdf/index.ts';
import { fixtureMeta } from './fixture.ts';

let dir: string;
const requests: string[] = [];
const server = createServer((request, response) => {
  requests.push(request.url ?? '');
  response.end('');
});

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-hermetic-'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

test('blocks every request but data: URIs, and names each blocked URL in a warning', async () => {
  const local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>Requests</title>
<link rel="stylesheet" href="${local}/style.css"></head><body>
<p>An image from a server: <img src="${local}/logo.png" alt="logo"></p>
<p>A file: <img src="file:///etc/hostname" alt="file"></p>
<p>Embedded: <img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" alt="dot"></p>
<p style="background-image: url(${local}/background.png)">With a background.</p>
</body></html>`;
  const result = await printPdf(html, { meta: fixtureMeta('final'), outFile: path.join(dir, 'requests.pdf') });
  expect(result.pages).toBe(1);
  expect(requests).toEqual([]); // nothing reached the server
  const blocked = result.diagnostics.map((d) => ({ ruleId: d.ruleId, severity: d.severity, message: d.message }));
  expect(blocked).toEqual(
    expect.arrayContaining(
      [`${local}/style.css`, `${local}/logo.png`, 'file:///etc/hostname', `${local}/background.png`].map((url) => ({
        ruleId: 'pdf:blocked-request',
        severity: 'warning',
        message: pdfMessages.blockedRequest(url).message,
      })),
    ),
  );
  expect(blocked).toHaveLength(4);
  expect(new Set(result.blocked)).toEqual(new Set([`${local}/style.css`, `${local}/logo.png`, 'file:///etc/hostname', `${local}/background.png`]));
});
