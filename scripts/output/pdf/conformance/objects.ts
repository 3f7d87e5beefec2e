/** Points of the pages' objects: link annotations, the tab order, embedded fonts. */
import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, type PDFDocument } from 'pdf-lib';
import type { MessageText } from '../../../diagnostics/index.ts';
import { pdfuaMessages as m } from '../../../messages/pdfua.ts';
import { textOf } from './structure.ts';

/** `tagged` maps an annotation's reference (as text) to the standard type of the element that holds it. */
export function checkPages(document: PDFDocument, tagged: ReadonlyMap<string, string | undefined>): MessageText[] {
  const found: MessageText[] = [];
  document.getPages().forEach((page, i) => {
    const n = i + 1;
    const node = page.node;
    if (node.lookup(PDFName.of('Tabs')) !== PDFName.of('S')) found.push(m.tabOrder(n));
    const annots = node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (const entry of annots?.asArray() ?? []) {
      const annot = document.context.lookup(entry);
      if (!(annot instanceof PDFDict)) continue;
      const subtype = annot.lookup(PDFName.of('Subtype'));
      const kind = subtype instanceof PDFName ? subtype.decodeText() : 'unknown';
      if (kind === 'Popup') continue;
      const holder = entry instanceof PDFRef ? tagged.get(entry.toString()) : undefined;
      const inTree = entry instanceof PDFRef && tagged.has(entry.toString());
      if (!inTree) found.push(m.annotationUntagged(n, kind));
      if (kind === 'Link') {
        if (!textOf(annot.lookup(PDFName.of('Contents')))?.trim()) found.push(m.linkWithoutContents(n));
        if (inTree && holder !== 'Link') found.push(m.linkAnnotationParent(n, holder ?? 'non-standard'));
      }
    }
    const seen = new Set<PDFDict>();
    for (const font of fontsOf(node.Resources(), seen)) {
      if (!isEmbedded(font)) {
        const base = font.lookup(PDFName.of('BaseFont'));
        found.push(m.fontNotEmbedded(base instanceof PDFName ? base.decodeText() : 'without a name', n));
      }
    }
  });
  return found;
}

/** The fonts of a resource dictionary and of the form XObjects and patterns in it, each once. */
function* fontsOf(resources: PDFDict | undefined, seen: Set<PDFDict>): Generator<PDFDict> {
  if (!resources || seen.has(resources)) return;
  seen.add(resources);
  const fonts = resources.lookupMaybe(PDFName.of('Font'), PDFDict);
  for (const [, ref] of fonts?.entries() ?? []) {
    const font = resources.context.lookup(ref);
    if (font instanceof PDFDict && !seen.has(font)) {
      seen.add(font);
      yield font;
    }
  }
  for (const key of ['XObject', 'Pattern']) {
    const dict = resources.lookupMaybe(PDFName.of(key), PDFDict);
    for (const [, ref] of dict?.entries() ?? []) {
      const object = resources.context.lookup(ref);
      const inner = object instanceof PDFStream ? object.dict : object instanceof PDFDict ? object : undefined;
      yield* fontsOf(inner?.lookupMaybe(PDFName.of('Resources'), PDFDict), seen);
    }
  }
}

function isEmbedded(font: PDFDict): boolean {
  const subtype = font.lookup(PDFName.of('Subtype'));
  if (subtype === PDFName.of('Type3')) return true; // its glyphs are content streams in the file
  let descriptorOwner = font;
  if (subtype === PDFName.of('Type0')) {
    const descendant = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0);
    if (!(descendant instanceof PDFDict)) return false;
    descriptorOwner = descendant;
  }
  const descriptor = descriptorOwner.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
  return ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.has(PDFName.of(key)));
}
