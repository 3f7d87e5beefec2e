/**
 * The structure tree as plain data: every element with its type, the standard type it is
 * role-mapped to, the attributes the checks need, and its kids (elements, marked content by
 * page and MCID, and object references to annotations). Read with pdf-lib's object model.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';

export interface StructElement {
  /** The type as written: H2, Strong, LI… */
  type: string;
  /** The type after following the RoleMap; undefined when the chain never reaches a standard type. */
  standard: string | undefined;
  alt: string | undefined;
  actualText: string | undefined;
  /** /Scope from a Table attribute object, on TH. */
  scope: string | undefined;
  rowSpan: number;
  colSpan: number;
  kids: StructKid[];
}

export type StructKid =
  | { kind: 'element'; element: StructElement }
  | { kind: 'content'; page: number | undefined; mcid: number }
  | { kind: 'object'; ref: PDFRef | undefined };

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4). */
export const STANDARD_TYPES: ReadonlySet<string> = new Set([
  'Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private',
  'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody',
  'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot',
  'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP',
  'Figure', 'Formula', 'Form',
]);

export interface Structure {
  roots: StructElement[];
  roleMap: Map<string, string>;
}

/** Undefined when the document has no structure tree. */
export function readStructure(document: PDFDocument): Structure | undefined {
  const root = document.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return undefined;
  const roleMap = new Map<string, string>();
  const map = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  for (const [key, value] of map?.entries() ?? []) {
    const to = root.context.lookup(value);
    if (to instanceof PDFName) roleMap.set(key.decodeText(), to.decodeText());
  }
  const pageIndex = new Map<string, number>();
  document.getPages().forEach((page, i) => pageIndex.set(page.ref.toString(), i + 1));
  const seen = new Set<PDFDict>();

  const element = (dict: PDFDict, inheritedPage: number | undefined): StructElement => {
    seen.add(dict);
    const type = nameOf(dict.get(PDFName.of('S'))) ?? '';
    const pageRef = dict.get(PDFName.of('Pg'));
    const page = pageRef instanceof PDFRef ? pageIndex.get(pageRef.toString()) : inheritedPage;
    const attributes = attributesOf(dict);
    const result: StructElement = {
      type,
      standard: standardType(type, roleMap),
      alt: textOf(dict.lookup(PDFName.of('Alt'))),
      actualText: textOf(dict.lookup(PDFName.of('ActualText'))),
      scope: nameOf(attributes.get('Scope')),
      rowSpan: numberOf(attributes.get('RowSpan')) ?? 1,
      colSpan: numberOf(attributes.get('ColSpan')) ?? 1,
      kids: [],
    };
    for (const kid of kidsOf(dict)) {
      const value = dict.context.lookup(kid);
      if (value instanceof PDFNumber) {
        result.kids.push({ kind: 'content', page, mcid: value.asNumber() });
      } else if (value instanceof PDFDict) {
        const kidType = nameOf(value.get(PDFName.of('Type')));
        if (kidType === 'MCR') {
          const pg = value.get(PDFName.of('Pg'));
          const mcid = value.lookup(PDFName.of('MCID'));
          result.kids.push({ kind: 'content', page: pg instanceof PDFRef ? pageIndex.get(pg.toString()) : page, mcid: mcid instanceof PDFNumber ? mcid.asNumber() : -1 });
        } else if (kidType === 'OBJR') {
          const obj = value.get(PDFName.of('Obj'));
          result.kids.push({ kind: 'object', ref: obj instanceof PDFRef ? obj : undefined });
        } else if (!seen.has(value)) {
          result.kids.push({ kind: 'element', element: element(value, page) });
        }
      }
    }
    return result;
  };

  const roots: StructElement[] = [];
  for (const kid of kidsOf(root)) {
    const value = root.context.lookup(kid);
    if (value instanceof PDFDict) roots.push(element(value, undefined));
  }
  return { roots, roleMap };
}

/** The standard type a type stands for: itself, or where its RoleMap chain ends. */
export function standardType(type: string, roleMap: ReadonlyMap<string, string>): string | undefined {
  const visited = new Set<string>();
  let current = type;
  while (!STANDARD_TYPES.has(current)) {
    if (visited.has(current)) return undefined;
    visited.add(current);
    const next = roleMap.get(current);
    if (next === undefined) return undefined;
    current = next;
  }
  return current;
}

/** Every element, depth first, in reading order. */
export function* elements(roots: readonly StructElement[]): Generator<StructElement> {
  for (const root of roots) {
    yield root;
    yield* elements(root.kids.flatMap((k) => (k.kind === 'element' ? [k.element] : [])));
  }
}

export const childElements = (element: StructElement): StructElement[] =>
  element.kids.flatMap((k) => (k.kind === 'element' ? [k.element] : []));

function kidsOf(dict: PDFDict): PDFObject[] {
  const k = dict.get(PDFName.of('K'));
  if (k === undefined) return [];
  const value = dict.context.lookup(k);
  return value instanceof PDFArray ? value.asArray() : [k];
}

/** The attributes of an element's attribute objects (/A, a dictionary or an array), merged. */
function attributesOf(dict: PDFDict): Map<string, PDFObject> {
  const result = new Map<string, PDFObject>();
  const a = dict.lookup(PDFName.of('A'));
  const objects = a instanceof PDFArray ? a.asArray() : a ? [a] : [];
  for (const object of objects) {
    const value = dict.context.lookup(object);
    if (!(value instanceof PDFDict)) continue; // a revision number
    for (const [key, v] of value.entries()) result.set(key.decodeText(), dict.context.lookup(v) ?? v);
  }
  return result;
}

const nameOf = (value: PDFObject | undefined): string | undefined => (value instanceof PDFName ? value.decodeText() : undefined);
const numberOf = (value: PDFObject | undefined): number | undefined => (value instanceof PDFNumber ? value.asNumber() : undefined);
export const textOf = (value: PDFObject | undefined): string | undefined =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
