/**
 * A chart's <figure> holds its caption and the chart's own picture (the SVG, a Figure with
 * /Alt). Chromium tags the <figure> as a Figure too, unless the page says otherwise, and with no
 * /Alt: giving it one would hide the caption and the data table inside it from screen readers.
 * Such a Figure, one that holds another, is a group, and is retyped Div.
 */
import { PDFName } from 'pdf-lib';
import { kidsOf, type Element } from './tree.ts';

export function groupFigures(elements: readonly Element[], standard: (type: string) => string | undefined): number {
  const byRef = new Map(elements.map((e) => [e.ref.toString(), e]));
  const holdsFigure = (e: Element): boolean =>
    kidsOf(e.dict).some((k) => {
      const child = byRef.get(k.toString());
      return child !== undefined && (standard(child.type) === 'Figure' || holdsFigure(child));
    });
  let grouped = 0;
  for (const element of elements) {
    if (standard(element.type) !== 'Figure') continue;
    if (element.dict.has(PDFName.of('Alt')) || element.dict.has(PDFName.of('ActualText'))) continue;
    if (!holdsFigure(element)) continue;
    element.dict.set(PDFName.of('S'), PDFName.of('Div'));
    grouped++;
  }
  return grouped;
}
