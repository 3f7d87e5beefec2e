/**
 * Every painting operation on a page must be tagged content (inside a marked-content sequence
 * with an MCID that a structure element claims) or an Artifact, never both. The content streams
 * are read by pdf.js, not by the library that finishes the PDF, so that a mistake in the one is
 * not hidden by the same mistake in the other. pdf.js expands form XObjects in place, so their
 * content counts where they are painted.
 */
import { AnnotationMode, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { MessageText } from '../../../diagnostics/index.ts';
import { pdfuaMessages as m } from '../../../messages/pdfua.ts';
import { openPdf } from '../read-pdf.ts';

const TEXT = new Set<number>([OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]);
const PAINT = new Set<number>([
  ...TEXT,
  OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke,
  OPS.shadingFill, OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintInlineImageXObjectGroup, OPS.paintImageMaskXObject,
  OPS.paintImageMaskXObjectGroup, OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObjectRepeat, OPS.paintSolidColorImageMask,
]);
const NAMES = new Map<number, string>(Object.entries(OPS).map(([name, code]) => [code as number, name]));

/** `claimed` holds `page:mcid` for every marked content a structure element holds. */
export async function checkContent(bytes: Uint8Array, claimed: ReadonlySet<string>): Promise<MessageText[]> {
  const found: MessageText[] = [];
  const pdf = await openPdf(bytes);
  try {
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const list = await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
      found.push(...checkOperators(n, list.fnArray, list.argsArray, claimed));
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
  return found;
}

type Mark = 'artifact' | 'tagged' | 'other';

function checkOperators(page: number, fns: readonly number[], args: readonly unknown[], claimed: ReadonlySet<string>): MessageText[] {
  const found: MessageText[] = [];
  const stack: Mark[] = [];
  let untagged = 0;
  let example = '';
  let nested = false;
  for (let i = 0; i < fns.length; i++) {
    const fn = fns[i]!;
    const a = (args[i] ?? []) as unknown[];
    if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) {
      const tag = nameOf(a[0]);
      const mcid = fn === OPS.beginMarkedContentProps && typeof a[1] === 'number' ? a[1] : undefined;
      const mark: Mark = tag === 'Artifact' ? 'artifact' : mcid !== undefined ? 'tagged' : 'other';
      if ((mark === 'artifact' && stack.includes('tagged')) || (mark === 'tagged' && stack.includes('artifact'))) nested = true;
      if (mcid !== undefined && !claimed.has(`${page}:${mcid}`)) found.push(m.orphanContent(page, mcid));
      stack.push(mark);
    } else if (fn === OPS.endMarkedContent) {
      stack.pop();
    } else if (paints(fn, a) && !stack.some((mark) => mark !== 'other')) {
      untagged += 1;
      example ||= NAMES.get(fn === OPS.constructPath ? (a[0] as number) : fn) ?? String(fn);
    }
  }
  if (untagged > 0) found.push(m.untagged(page, untagged, example));
  if (nested) found.push(m.artifactInTagged(page));
  return found;
}

/** pdf.js folds a path's construction and its painting into one constructPath, the painting first. */
function paints(fn: number, args: unknown[]): boolean {
  if (fn === OPS.constructPath) return typeof args[0] === 'number' && PAINT.has(args[0]);
  return PAINT.has(fn);
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string') return value.name;
  return undefined;
}
