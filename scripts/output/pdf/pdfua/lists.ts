/**
 * Lists as PDF/UA asks: L > LI > Lbl + LBody. Chromium writes a list item as LI > Lbl + its
 * content (NonStruct, Link, a nested L…) and a contents entry as LI > Link; everything in an LI
 * but its label is moved into one new LBody.
 */
import { PDFDict, PDFName, type PDFDocument } from 'pdf-lib';

import { adoptKids, kidsOf, newElement, setKids, typeOf, type Element } from './tree.ts';

export function addListBodies(document: PDFDocument, elements: readonly Element[], standard: (type: string) => string | undefined): number {
  let added = 0;
  for (const item of elements) {
    if (standard(item.type) !== 'LI') continue;
    const kids = kidsOf(item.dict);
    const isLabel = (kid: unknown) => {
      const dict = kid ? document.context.lookup(kid as never) : undefined;
      return dict instanceof PDFDict && dict.has(PDFName.of('S')) && standard(typeOf(dict)) === 'Lbl';
    };
    const isBody = (kid: unknown) => {
      const dict = kid ? document.context.lookup(kid as never) : undefined;
      return dict instanceof PDFDict && dict.has(PDFName.of('S')) && standard(typeOf(dict)) === 'LBody';
    };
    const rest = kids.filter((kid) => !isLabel(kid) && !isBody(kid));
    if (rest.length === 0) continue;
    const labels = kids.filter(isLabel);
    const bodies = kids.filter(isBody);
    // Content after the label goes into the body; an existing LBody keeps its place and takes it.
    const body = bodies.length > 0 ? { ref: bodies[0] as never, dict: document.context.lookup(bodies[0] as never) as PDFDict, type: 'LBody' } : newElement(document.context, 'LBody', item.ref, item.dict.get(PDFName.of('Pg')));
    setKids(item.dict, [...labels, body.ref]);
    adoptKids(document, item.dict, body, rest);
    if (bodies.length === 0) added++;
  }
  return added;
}

