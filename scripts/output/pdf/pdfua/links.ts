/**
 * /Contents on every link annotation: the text of the Link element that holds it, which is what
 * a screen reader announces for the link. The text is the link's as the page rendered it, when
 * the Link elements and the page's links go to the same places one for one; otherwise it is read
 * from the PDF with pdf.js (about half a second to load), marked content by MCID, from the pages
 * that have links.
 */
import { PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';
import { kidsOf, type Element } from './tree.ts';
import type { PrintedLink } from '../printed-links.ts';

interface LinkElement {
  annotations: PDFDict[];
  /** Where it goes (pdfua/links.ts's reading of its first annotation), to match it with the page's link. */
  target?: string | undefined;
  /** Its marked content, in order: [page number, MCID]. */
  content: Array<[number, number]>;
}

export async function describeLinks(
  document: PDFDocument,
  bytes: Uint8Array,
  elements: readonly Element[],
  standard: (type: string) => string | undefined,
  printed?: readonly PrintedLink[],
): Promise<{ described: number; readFrom?: 'page' | 'pdf' }> {
  const pageNumber = new Map(document.getPages().map((page, i) => [page.ref.toString(), i + 1]));
  const all: LinkElement[] = [];
  for (const element of elements) {
    if (standard(element.type) !== 'Link') continue;
    const link: LinkElement = { annotations: [], content: [] };
    collect(document, element.dict, undefined, link, pageNumber);
    link.target = link.annotations[0] ? targetOf(link.annotations[0]) : undefined;
    all.push(link);
  }
  const links = all.filter((link) => link.annotations.some((a) => !hasText(a.lookup(PDFName.of('Contents')))));
  if (links.length === 0) return { described: 0 };
  const fromPage = printed && matches(all, printed) ? new Map(all.map((link, i) => [link, printed[i]!.text])) : undefined;
  const texts = fromPage ? undefined : await markedText(bytes, new Set(links.flatMap((l) => l.content.map(([page]) => page))));
  let described = 0;
  for (const link of links) {
    const text = fromPage?.get(link) ?? link.content.map(([page, mcid]) => texts?.get(`${page}:${mcid}`) ?? '').join('').replace(/\s+/g, ' ').trim();
    for (const annotation of link.annotations) {
      if (hasText(annotation.lookup(PDFName.of('Contents')))) continue;
      const words = text || fallback(annotation);
      if (!words) continue;
      annotation.set(PDFName.of('Contents'), PDFHexString.fromText(words));
      described++;
    }
  }
  return { described, readFrom: fromPage ? 'page' : 'pdf' };
}

function collect(document: PDFDocument, dict: PDFDict, inheritedPage: number | undefined, link: LinkElement, pageNumber: Map<string, number>): void {
  const pg = dict.get(PDFName.of('Pg'));
  const page = pg instanceof PDFRef ? pageNumber.get(pg.toString()) : inheritedPage;
  for (const kid of kidsOf(dict)) {
    const value: PDFObject | undefined = kid instanceof PDFRef ? document.context.lookup(kid) : kid;
    if (value instanceof PDFNumber) {
      if (page !== undefined) link.content.push([page, value.asNumber()]);
    } else if (value instanceof PDFDict) {
      const type = value.get(PDFName.of('Type'));
      if (type === PDFName.of('OBJR')) {
        const annotation = value.lookup(PDFName.of('Obj'));
        if (annotation instanceof PDFDict) link.annotations.push(annotation);
      } else if (type === PDFName.of('MCR')) {
        const mcrPage = value.get(PDFName.of('Pg'));
        const mcid = value.lookup(PDFName.of('MCID'));
        const at = mcrPage instanceof PDFRef ? pageNumber.get(mcrPage.toString()) : page;
        if (at !== undefined && mcid instanceof PDFNumber) link.content.push([at, mcid.asNumber()]);
      } else {
        collect(document, value, page, link, pageNumber);
      }
    }
  }
}

/** `page:mcid` → the text of that marked content, for the pages asked for. */
async function markedText(bytes: Uint8Array, pages: ReadonlySet<number>): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const { openPdf } = await import('../read-pdf.ts');
  const pdf = await openPdf(bytes);
  try {
    for (const n of [...pages].sort((a, b) => a - b)) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const open: Array<string | undefined> = [];
      for (const item of content.items) {
        if ('type' in item) {
          if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
            const mcid = /_mc(\d+)$/.exec(item.id ?? '')?.[1];
            open.push(mcid === undefined ? undefined : `${n}:${mcid}`);
          } else if (item.type === 'endMarkedContent') open.pop();
          continue;
        }
        const key = [...open].reverse().find((k) => k !== undefined);
        if (key) texts.set(key, (texts.get(key) ?? '') + item.str + (item.hasEOL ? ' ' : ''));
      }
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
  return texts;
}

/** Whether every Link element goes where the page's link in the same place goes: then its text is that link's. */
function matches(links: readonly LinkElement[], printed: readonly PrintedLink[]): boolean {
  return links.length === printed.length && links.every((link, i) => link.target !== undefined && link.target === printed[i]!.target);
}

/** Where an annotation goes: `#name` for a named destination in the document, else its URI. */
function targetOf(annotation: PDFDict): string | undefined {
  const dest = annotation.lookup(PDFName.of('Dest'));
  if (dest instanceof PDFName) return `#${dest.decodeText()}`;
  if (dest instanceof PDFString || dest instanceof PDFHexString) return `#${dest.decodeText()}`;
  const action = annotation.lookupMaybe(PDFName.of('A'), PDFDict);
  const uri = action?.lookup(PDFName.of('URI'));
  if (uri instanceof PDFString || uri instanceof PDFHexString) return uri.decodeText();
  return undefined;
}

const hasText = (value: PDFObject | undefined): boolean =>
  (value instanceof PDFString || value instanceof PDFHexString) && value.decodeText().trim() !== '';

/** A link with no text of its own (a picture, say) is described by where it goes. */
function fallback(annotation: PDFDict): string | undefined {
  const action = annotation.lookupMaybe(PDFName.of('A'), PDFDict);
  const uri = action?.lookup(PDFName.of('URI'));
  if (uri instanceof PDFString || uri instanceof PDFHexString) return uri.decodeText();
  return undefined;
}
