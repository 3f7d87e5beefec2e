/**
 * Artifacts. Chromium tags what the DOM's accessibility tree holds and paints the rest outside
 * any marked content: the running header and footer (@page margin boxes), "Page N of M", the
 * draft mark, the contents page's dot leaders and page numbers (generated content and an
 * aria-hidden span), and borders drawn for layout. PDF/UA needs every such painting marked as an
 * Artifact. Each run of operations that lies outside all marked content and paints something is
 * wrapped in /Artifact BMC … EMC; the marked content Chromium wrote, with its MCIDs, is left
 * byte for byte, so the structure tree still points at the same content.
 *
 *   page stream(s) ─decode─▶ operations with byte ranges ─▶ top-level runs that paint
 *        ─▶ each run wrapped whole (or, where a run starts or ends inside a text object, each
 *           painting operation wrapped on its own) ─▶ one new stream
 */
import { decodePDFRawStream, PDFArray, PDFName, PDFRawStream, PDFStream, type PDFDocument, type PDFPage } from 'pdf-lib';
import { operations, type Operation } from './content-stream.ts';

const PAINT_TEXT = new Set(['Tj', 'TJ', "'", '"']);
const PAINT_PATH = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const PAINT_OTHER = new Set(['sh', 'Do', 'BI']);
const PATH_START = new Set(['m', 're']);
const paints = (op: string) => PAINT_TEXT.has(op) || PAINT_PATH.has(op) || PAINT_OTHER.has(op);

const OPEN = new TextEncoder().encode('\n/Artifact BMC\n');
const CLOSE = new TextEncoder().encode('\nEMC\n');

/** Marks every page's untagged painting as Artifacts. Returns how many runs were wrapped. */
export function markArtifacts(document: PDFDocument): number {
  let wrapped = 0;
  for (const page of document.getPages()) {
    const content = pageContent(page);
    if (!content) continue;
    const ranges = artifactRanges(operations(content));
    if (ranges.length === 0) continue;
    wrapped += ranges.length;
    const stream = document.context.flateStream(splice(content, ranges));
    page.node.set(PDFName.of('Contents'), document.context.register(stream));
  }
  return wrapped;
}

/** The byte ranges to wrap, in order: [start, end) of operations painted outside marked content. */
export function artifactRanges(ops: readonly Operation[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let marked = 0;
  let text = 0;
  let run: Array<{ op: Operation; textBefore: number; textAfter: number }> = [];
  const flush = () => {
    if (run.some((r) => paints(r.op.operator))) ranges.push(...wrapRun(run));
    run = [];
  };
  for (const op of ops) {
    const textBefore = text;
    if (op.operator === 'BT') text++;
    else if (op.operator === 'ET') text = Math.max(0, text - 1);
    if (op.operator === 'BMC' || op.operator === 'BDC') {
      if (marked === 0) flush();
      marked++;
    } else if (op.operator === 'EMC') {
      if (marked === 0) flush(); // unbalanced: never wrap across it
      marked = Math.max(0, marked - 1);
    } else if (marked === 0) {
      run.push({ op, textBefore, textAfter: text });
    }
  }
  flush();
  return ranges;
}

/**
 * A run is wrapped whole when it is balanced in text objects (a marked-content sequence may not
 * cross BT or ET); otherwise each painting operation, with the path it paints, on its own.
 */
function wrapRun(run: ReadonlyArray<{ op: Operation; textBefore: number; textAfter: number }>): Array<[number, number]> {
  const base = run[0]!.textBefore;
  const balanced = run.at(-1)!.textAfter === base && run.every((r) => r.textAfter >= base);
  if (balanced) return [[run[0]!.op.start, run.at(-1)!.op.end]];
  const ranges: Array<[number, number]> = [];
  let pathStart: number | undefined;
  for (const { op } of run) {
    if (PATH_START.has(op.operator) && pathStart === undefined) pathStart = op.start;
    if (PAINT_PATH.has(op.operator)) ranges.push([pathStart ?? op.start, op.end]);
    else if (paints(op.operator)) ranges.push([op.start, op.end]);
    if (PAINT_PATH.has(op.operator) || op.operator === 'n') pathStart = undefined;
  }
  return ranges;
}

function splice(bytes: Uint8Array, ranges: ReadonlyArray<[number, number]>): Uint8Array {
  const out = new Uint8Array(bytes.length + ranges.length * (OPEN.length + CLOSE.length));
  let from = 0;
  let at = 0;
  const copy = (part: Uint8Array) => {
    out.set(part, at);
    at += part.length;
  };
  for (const [start, end] of ranges) {
    copy(bytes.subarray(from, start));
    copy(OPEN);
    copy(bytes.subarray(start, end));
    copy(CLOSE);
    from = end;
  }
  copy(bytes.subarray(from));
  return out;
}

/** A page's content, its streams joined (marked content may run from one into the next). */
function pageContent(page: PDFPage): Uint8Array | undefined {
  const contents = page.node.get(PDFName.of('Contents'));
  const value = contents ? page.node.context.lookup(contents) : undefined;
  const streams = value instanceof PDFArray ? value.asArray().map((s) => page.node.context.lookup(s)) : [value];
  const parts: Uint8Array[] = [];
  for (const stream of streams) {
    if (stream instanceof PDFRawStream) parts.push(decodePDFRawStream(stream).decode());
    else if (stream instanceof PDFStream) parts.push(stream.getContents());
  }
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    joined[at + part.length] = 0x0a;
    at += part.length + 1;
  }
  return joined;
}
