/**
 * Finishing the PDF after Chromium has printed it: document metadata, bookmark titles and what
 * PDF/UA-1 asks for beyond Chromium's tagging (pdfua/: Artifacts, RoleMap, list bodies, whole
 * table rows, link descriptions). Chromium already sets
 * /Title (from <title>) and /Lang (from <html lang>), and keeps the structure tree
 * and outline; it does not set author, subject, keywords, DisplayDocTitle or XMP,
 * and it stamps the time of printing. pdf-lib rewrites the Info dictionary, the catalog's
 * /Lang, /ViewerPreferences and /Metadata, the outline items' /Title (see outline.ts), the
 * trailer /ID and what pdfua/index.ts lists; the marked content Chromium wrote keeps its MCIDs
 * byte for byte, and no structure element, outline item, link or destination is removed.
 *
 * pdf-lib 1.17 is kept rather than its maintained fork @cantoo/pdf-lib: only the object model
 * is used here, which has not changed, and the fork adds packages for drawing (SVG parsing,
 * colour spaces) that the finish never needs.
 */
import { createHash } from 'node:crypto';
import { ParseSpeeds, PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import { documentKeywords, documentSubject, documentTitle, type PdfMeta } from './meta.ts';
import { retitleOutline } from './outline.ts';
import { finishForUa, type UaReport } from './pdfua/index.ts';
import type { TableGrid } from './table-grids.ts';
import type { PrintedLink } from './printed-links.ts';

export const CREATOR = 'yjplan';

export interface FinishOptions {
  meta: PdfMeta;
  date: Date;
  /** Something that identifies the content (a hash of the HTML): the file's /ID comes from it. */
  fingerprint: string;
  /** The printed headings' text, in document order, for the bookmark titles. */
  headings: readonly string[];
  /** The printed tables' grids, to put back the blank cells Chromium leaves out (pdfua/tables.ts). */
  tables?: readonly TableGrid[] | undefined;
  /** The printed links' text, in document order, for the link annotations' /Contents (pdfua/links.ts). */
  links?: readonly PrintedLink[] | undefined;
  /** `pdf` already parsed by contents.ts's readPrinted (same options as here): finished in place, not parsed again. */
  parsed?: PDFDocument | undefined;
}

export interface Finished {
  bytes: Uint8Array;
  pages: number;
  /** False when the outline did not have one item per heading, so Chromium's titles were kept. */
  bookmarksRetitled: boolean;
  /** What the PDF/UA finish changed. */
  ua: UaReport;
}

export async function finishPdf(pdf: Uint8Array, options: FinishOptions): Promise<Finished> {
  const { meta, date } = options;
  // updateMetadata: false, or pdf-lib stamps its own producer and the current time.
  // parseSpeed (and objectsPerTick when saving): by default pdf-lib waits for a timer every
  // 50–100 objects, to leave an event loop free that nothing here is using; for a 300-page plan
  // the waits are most of the finish (1.7 of 2.2 s, measured). The bytes are the same.
  const document = options.parsed ?? (await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest }));
  const producer = document.getProducer();
  const title = documentTitle(meta);
  const subject = documentSubject(meta);
  const keywords = documentKeywords(meta);

  document.setTitle(title, { showInWindowTitleBar: true });
  document.setAuthor(meta.authority);
  document.setSubject(subject);
  // pdf-lib joins keywords with spaces, which runs multi-word keywords together.
  document.setKeywords([keywords.join('; ')]);
  document.setCreator(CREATOR);
  document.setLanguage(meta.language);
  document.setCreationDate(date);
  document.setModificationDate(date);

  const xmp = xmpPacket({ title, author: meta.authority, subject, keywords, language: meta.language, date, producer });
  const stream = document.context.stream(new TextEncoder().encode(xmp), { Type: 'Metadata', Subtype: 'XML' });
  document.catalog.set(PDFName.of('Metadata'), document.context.register(stream));

  const bookmarksRetitled = retitleOutline(document, options.headings);
  const ua = await finishForUa(document, pdf, options.tables, options.links);

  // Chromium's /ID depends on the time of printing; one derived from the content keeps builds repeatable.
  const id = PDFHexString.of(createHash('sha256').update(options.fingerprint).digest('hex').slice(0, 32));
  document.context.trailerInfo.ID = document.context.obj([id, id]);

  // No object streams, as Chromium writes none: readers that are strict about them are not troubled.
  return { bytes: await document.save({ useObjectStreams: false, objectsPerTick: Infinity }), pages: document.getPageCount(), bookmarksRetitled, ua };
}

interface XmpFields {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  language: string;
  date: Date;
  producer: string | undefined;
}

/** XMP, which PDF/UA asks for (dc:title and the pdfuaid identification), mirroring the Info dictionary. */
export function xmpPacket(f: XmpFields): string {
  const when = f.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xml(text)}</rdf:li></rdf:Alt>`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title>${alt(f.title)}</dc:title>
   <dc:creator><rdf:Seq><rdf:li>${xml(f.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description>${alt(f.subject)}</dc:description>
   <dc:subject><rdf:Bag>${f.keywords.map((k) => `<rdf:li>${xml(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>
   <dc:language><rdf:Bag><rdf:li>${xml(f.language)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>${xml(f.keywords.join(', '))}</pdf:Keywords>${f.producer ? `\n   <pdf:Producer>${xml(f.producer)}</pdf:Producer>` : ''}
   <xmp:CreatorTool>${CREATOR}</xmp:CreatorTool>
   <xmp:CreateDate>${when}</xmp:CreateDate>
   <xmp:ModifyDate>${when}</xmp:ModifyDate>
   <xmp:MetadataDate>${when}</xmp:MetadataDate>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

const xml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
