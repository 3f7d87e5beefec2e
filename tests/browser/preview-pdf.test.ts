/**
 * The PDF beside the preview (`npm run dev`): printed by a browser kept warm, offered by a link
 * in the page, and following an edit, both when asked for and by itself once the edits pause.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { pdfLinkId, pdfPath, pdfViewerPath } from '../../scripts/dev/pdf-page.ts';
import { startPreview, type Preview, type RebuildOutcome } from '../../scripts/dev/server.ts';
import { get, openEvents } from '../dev/helpers.ts';
import { planWith } from '../helpers/plan-dir.ts';
import { normalise, pageLines, pageTexts, pageWords } from './pdf-text.ts';

let dir: string;
let scratch: string;
let preview: Preview;

beforeAll(async () => {
  dir = await planWith('small');
  scratch = await mkdtemp(path.join(os.tmpdir(), 'yjplan-preview-pdf-'));
  preview = await startPreview({ root: dir, port: 0, pdf: true, pdfQuietMs: 300 });
});

afterAll(async () => {
  await preview?.close();
  await rm(dir, { recursive: true, force: true });
  await rm(scratch, { recursive: true, force: true });
});

/** The PDF the preview serves now, as text, and the version it was printed from. */
async function fetchPdf(name: string): Promise<{ text: string; version: string }> {
  const { status, headers, body } = await getBytes(new URL(pdfPath, preview.url).href);
  expect(status, body.toString('utf8').slice(0, 500)).toBe(200);
  expect(headers['content-type']).toBe('application/pdf');
  expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const file = path.join(scratch, `${name}.pdf`);
  await writeFile(file, body);
  return { text: normalise(pageTexts(pageLines(pageWords(file))).join(' ')), version: String(headers['x-yjplan-version']) };
}

function getBytes(url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

function nextRebuild(): Promise<RebuildOutcome> {
  return new Promise((resolve) => {
    const off = preview.on('rebuild', (outcome) => {
      off();
      resolve(outcome);
    });
  });
}

test('the page offers its PDF beside it, in a viewer that follows each new printing', async () => {
  const page = await get(preview.url);
  expect(page.body).toContain(pdfLinkId);
  expect(page.body).toContain(pdfViewerPath);
  const viewer = await get(new URL(pdfViewerPath, preview.url).href);
  expect(viewer.status).toBe(200);
  expect(viewer.body).toMatch(/<iframe id="pdf" src="\/__yjplan\/plan\.pdf/);
  expect(viewer.body).toContain("addEventListener('pdf'");
});

test('an edited section is in the PDF asked for next, and in the one printed by itself once the edits pause', async () => {
  const before = await fetchPdf('before');
  expect(before.text).toContain('This small plan has other sections');
  expect(before.text).not.toContain('Reviewed by the board in the spring');

  // Asked for straight after the save: printed then, from the rebuilt page.
  const file = path.join(dir, 'content', 'introduction.md');
  const original = await readFile(file, 'utf8');
  let rebuilt = nextRebuild();
  await writeFile(file, original.replace('This small plan has other sections', 'Reviewed by the board in the spring. This small plan has other sections'));
  expect((await rebuilt).ok).toBe(true);
  const after = await fetchPdf('after');
  expect(after.version).not.toBe(before.version);
  expect(after.text).toContain('Reviewed by the board in the spring');

  // Not asked for: printed after the pause, and the viewer told.
  const events = await openEvents(preview.url);
  try {
    rebuilt = nextRebuild();
    await writeFile(file, original.replace('This small plan has other sections', 'Agreed in the autumn. This small plan has other sections'));
    const outcome = await rebuilt;
    expect(outcome.ok).toBe(true);
    const printed = await events.next('pdf', 60_000);
    expect(printed.data).toBe(outcome.version);
    const later = await fetchPdf('later');
    expect(later.version).toBe(outcome.version);
    expect(later.text).toContain('Agreed in the autumn');
    expect(later.text).not.toContain('Reviewed by the board in the spring');
  } finally {
    events.close();
  }
});
