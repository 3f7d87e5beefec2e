/**
 * The PDF/UA-1 finish: what Chromium's tagged PDF lacks, added in place. The structure Chromium
 * wrote (elements, MCIDs, the ParentTree, links, the outline) is kept; elements are added
 * (LBody, blank table cells) and kids moved into them, never removed.
 *
 *   artifacts ─▶ /Tabs /S ─▶ RoleMap ─▶ list bodies ─▶ figure groups ─▶ whole table rows ─▶ link /Contents
 *   (content                (PDF 2.0    (L > LI >      (a Figure with   (blank cells as      (each link's
 *    streams)                types)      Lbl + LBody)   no /Alt holding   read from the page)  text)
 *                                                       a Figure: Div)
 *
 * The XMP identification (pdfuaid:part) is written with the rest of the metadata in finish.ts.
 */
import { PDFDict, PDFName, type PDFDocument } from 'pdf-lib';
import { standardType } from '../conformance/structure.ts';
import type { TableGrid } from '../table-grids.ts';
import type { PrintedLink } from '../printed-links.ts';
import { markArtifacts } from './artifacts.ts';
import { groupFigures } from './figures.ts';
import { addListBodies } from './lists.ts';
import { describeLinks } from './links.ts';
import { completeRoleMap } from './role-map.ts';
import { completeTableRows } from './tables.ts';
import { allElements, structRoot } from './tree.ts';

export interface UaReport {
  artifacts: number;
  roleMapped: string[];
  listBodies: number;
  /** Figures without /Alt that hold a Figure, retyped Div. */
  figureGroups: number;
  blankCells: number;
  linksDescribed: number;
  /** Where the links' text came from: the page as printed, or (when the two disagreed) the PDF. */
  linkTextFrom?: 'page' | 'pdf' | undefined;
}

/** `printed` is the PDF as Chromium wrote it, read by pdf.js for the links' text unless `links` (the page's) give it. */
export async function finishForUa(
  document: PDFDocument,
  printed: Uint8Array,
  tables: readonly TableGrid[] | undefined,
  links?: readonly PrintedLink[],
): Promise<UaReport> {
  const artifacts = markArtifacts(document);
  for (const page of document.getPages()) page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
  if (!structRoot(document)) return { artifacts, roleMapped: [], listBodies: 0, figureGroups: 0, blankCells: 0, linksDescribed: 0 };

  const elements = allElements(document);
  const roleMapped = completeRoleMap(document, elements);
  const roleMap = readRoleMap(document);
  const standard = (type: string) => standardType(type, roleMap);
  const listBodies = addListBodies(document, elements, standard);
  const figureGroups = groupFigures(elements, standard);
  const blankCells = tables ? completeTableRows(document, allElements(document), tables, standard) : 0;
  const described = await describeLinks(document, printed, allElements(document), standard, links);
  return { artifacts, roleMapped, listBodies, figureGroups, blankCells, linksDescribed: described.described, linkTextFrom: described.readFrom };
}

function readRoleMap(document: PDFDocument): Map<string, string> {
  const map = new Map<string, string>();
  const dict = structRoot(document)?.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  for (const [key, value] of dict?.entries() ?? []) {
    if (value instanceof PDFName) map.set(key.decodeText(), value.decodeText());
  }
  return map;
}
