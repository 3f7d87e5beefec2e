/** Reading PDFs with pdf.js, in Node: the legacy build, its worker run in this thread, quiet. */
import { getDocument, VerbosityLevel, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export type { PDFDocumentProxy };

// A variable, so TypeScript does not look for the worker's types (it ships none).
const WORKER = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
let worker: Promise<void> | undefined;

/**
 * pdf.js loads its worker (2 MB of JavaScript) on first use, which takes most of a
 * second; printPdf starts that while the browser launches. pdf.js uses the worker
 * it finds on globalThis.pdfjsWorker instead of importing its own.
 */
export function preloadPdfjs(): Promise<void> {
  worker ??= import(WORKER).then((module: unknown) => {
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = module;
  });
  return worker;
}

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  await preloadPdfjs();
  return getDocument({
    // pdf.js may take ownership of the buffer it is given: give it a copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: VerbosityLevel.ERRORS,
  }).promise;
}
