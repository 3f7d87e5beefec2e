/** The document's own entries: PDF/UA identification, title, language, tagging, viewer preferences. */
import { decodePDFRawStream, PDFBool, PDFDict, PDFName, PDFRawStream, PDFStream, type PDFDocument } from 'pdf-lib';
import type { MessageText } from '../../../diagnostics/index.ts';
import { pdfuaMessages as m } from '../../../messages/pdfua.ts';
import { textOf } from './structure.ts';

export function checkDocument(document: PDFDocument): MessageText[] {
  const found: MessageText[] = [];
  const catalog = document.catalog;
  const xmp = metadataOf(document);

  if (!xmp || !declaresPdfUa1(xmp)) found.push(m.noIdentification());

  const infoTitle = document.getTitle()?.trim();
  const xmpTitle = xmp ? dcTitle(xmp) : undefined;
  if (!infoTitle) found.push(m.noTitle('the Info dictionary'));
  if (!xmpTitle) found.push(m.noTitle('the XMP metadata (dc:title)'));
  if (infoTitle && xmpTitle && infoTitle !== xmpTitle) found.push(m.titleMismatch(infoTitle, xmpTitle));

  const preferences = catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  if (preferences?.lookup(PDFName.of('DisplayDocTitle')) !== PDFBool.True) found.push(m.noDisplayTitle());

  if (!textOf(catalog.lookup(PDFName.of('Lang')))?.trim()) found.push(m.noLanguage());

  const markInfo = catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  if (markInfo?.lookup(PDFName.of('Marked')) !== PDFBool.True) found.push(m.notMarked());
  if (!catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)) found.push(m.noStructure());
  return found;
}

/** The catalogue's XMP packet as text. */
export function metadataOf(document: PDFDocument): string | undefined {
  const stream = document.catalog.lookup(PDFName.of('Metadata'));
  if (!(stream instanceof PDFStream)) return undefined;
  const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
  return new TextDecoder().decode(bytes);
}

const PDFUAID = 'http://www.aiim.org/pdfua/ns/id/';

/** pdfuaid:part is 1, as an element or an attribute, with the prefix bound to the PDF/UA namespace. */
function declaresPdfUa1(xmp: string): boolean {
  const binding = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)=["']${PDFUAID.replace(/[./]/g, '\\$&')}["']`).exec(xmp);
  if (!binding) return false;
  const prefix = binding[1]!;
  return new RegExp(`<${prefix}:part>\\s*1\\s*</${prefix}:part>|\\s${prefix}:part=["']1["']`).test(xmp);
}

function dcTitle(xmp: string): string | undefined {
  const title = /<dc:title>([\s\S]*?)<\/dc:title>/.exec(xmp)?.[1];
  if (title === undefined) return undefined;
  const item = /<rdf:li[^>]*xml:lang=["']x-default["'][^>]*>([\s\S]*?)<\/rdf:li>/.exec(title) ?? /<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/.exec(title);
  const text = item?.[1];
  return text === undefined ? undefined : unescapeXml(text).trim();
}

const unescapeXml = (text: string): string =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
