/**
 * Editing the structure tree in place: walking its elements, making new ones, and moving kids
 * from one element to another with everything that points back at them (a child's /P, and the
 * ParentTree entries through which a reader finds the element that owns marked content or an
 * annotation).
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFContext, type PDFDocument, type PDFObject } from 'pdf-lib';

export interface Element {
  ref: PDFRef;
  dict: PDFDict;
  type: string;
}

export function structRoot(document: PDFDocument): PDFDict | undefined {
  return document.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
}

/** A dictionary's /K as a list (absent, one kid, or an array). */
export function kidsOf(dict: PDFDict): PDFObject[] {
  const k = dict.get(PDFName.of('K'));
  if (k === undefined) return [];
  const value = k instanceof PDFRef ? dict.context.lookup(k) : k;
  return value instanceof PDFArray ? value.asArray() : [k];
}

export function setKids(dict: PDFDict, kids: readonly PDFObject[]): void {
  dict.set(PDFName.of('K'), dict.context.obj([...kids]));
}

export const typeOf = (dict: PDFDict): string => {
  const s = dict.get(PDFName.of('S'));
  return s instanceof PDFName ? s.decodeText() : '';
};

/**
 * Every structure element, depth first in reading order. Elements written inline (not as
 * indirect objects) are given references first, so that the edits can point at them.
 */
export function allElements(document: PDFDocument): Element[] {
  const root = structRoot(document);
  if (!root) return [];
  const out: Element[] = [];
  const visit = (holder: PDFDict) => {
    const kids = kidsOf(holder);
    let changed = false;
    const refs = kids.map((kid) => {
      if (kid instanceof PDFDict && isElement(kid)) {
        changed = true;
        return document.context.register(kid);
      }
      return kid;
    });
    if (changed) setKids(holder, refs);
    for (const kid of refs) {
      if (!(kid instanceof PDFRef)) continue;
      const dict = document.context.lookup(kid);
      if (dict instanceof PDFDict && isElement(dict)) {
        out.push({ ref: kid, dict, type: typeOf(dict) });
        visit(dict);
      }
    }
  };
  visit(root);
  return out;
}

const isElement = (dict: PDFDict): boolean => {
  const type = dict.get(PDFName.of('Type'));
  return dict.has(PDFName.of('S')) && (type === undefined || type === PDFName.of('StructElem'));
};

export function newElement(context: PDFContext, type: string, parent: PDFRef, page: PDFObject | undefined, extra: Record<string, PDFObject> = {}): Element {
  const dict = context.obj({ Type: 'StructElem', S: type, P: parent, ...(page ? { Pg: page } : {}), ...extra }) as PDFDict;
  return { ref: context.register(dict), dict, type };
}

/**
 * Moves `kids` (taken from `from`) into `to`, re-pointing each: a child element's /P, and the
 * ParentTree entries of marked content (by page and MCID) and of annotations (by /StructParent).
 */
export function adoptKids(document: PDFDocument, from: PDFDict, to: Element, kids: readonly PDFObject[]): void {
  const parentTree = new ParentTree(document);
  for (const kid of kids) {
    const value = kid instanceof PDFRef ? document.context.lookup(kid) : kid;
    if (value instanceof PDFNumber) {
      parentTree.setContentParent(from.get(PDFName.of('Pg')), value.asNumber(), to.ref);
    } else if (value instanceof PDFDict) {
      const type = value.get(PDFName.of('Type'));
      if (type === PDFName.of('MCR')) {
        const mcid = value.lookup(PDFName.of('MCID'));
        if (mcid instanceof PDFNumber) parentTree.setContentParent(value.get(PDFName.of('Pg')) ?? from.get(PDFName.of('Pg')), mcid.asNumber(), to.ref);
      } else if (type === PDFName.of('OBJR')) {
        const annot = value.lookup(PDFName.of('Obj'));
        const key = annot instanceof PDFDict ? annot.lookup(PDFName.of('StructParent')) : undefined;
        if (key instanceof PDFNumber) parentTree.set(key.asNumber(), to.ref);
      } else {
        value.set(PDFName.of('P'), to.ref);
      }
    }
  }
  setKids(to.dict, [...kidsOf(to.dict), ...kids]);
}

/** The ParentTree, a number tree from StructParents keys to an element or an array of them by MCID. */
class ParentTree {
  private readonly root: PDFDict | undefined;
  constructor(private readonly document: PDFDocument) {
    this.root = structRoot(document)?.lookupMaybe(PDFName.of('ParentTree'), PDFDict);
  }

  setContentParent(page: PDFObject | undefined, mcid: number, parent: PDFRef): void {
    const pageDict = page ? this.document.context.lookup(page) : undefined;
    const key = pageDict instanceof PDFDict ? pageDict.lookup(PDFName.of('StructParents')) : undefined;
    if (!(key instanceof PDFNumber)) return;
    const entry = this.get(key.asNumber());
    const array = entry ? this.document.context.lookup(entry) : undefined;
    if (array instanceof PDFArray && mcid < array.size()) array.set(mcid, parent);
  }

  set(key: number, value: PDFObject): void {
    const leaf = this.leafOf(key);
    if (!leaf) return;
    for (let i = 0; i + 1 < leaf.size(); i += 2) {
      const k = leaf.lookup(i);
      if (k instanceof PDFNumber && k.asNumber() === key) leaf.set(i + 1, value);
    }
  }

  private get(key: number): PDFObject | undefined {
    const leaf = this.leafOf(key);
    if (!leaf) return undefined;
    for (let i = 0; i + 1 < leaf.size(); i += 2) {
      const k = leaf.lookup(i);
      if (k instanceof PDFNumber && k.asNumber() === key) return leaf.get(i + 1);
    }
    return undefined;
  }

  /** The /Nums array that holds `key`, walking /Kids by their /Limits. */
  private leafOf(key: number): PDFArray | undefined {
    let node = this.root;
    while (node) {
      const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
      if (nums) return nums;
      const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
      node = kids?.asArray().map((k) => this.document.context.lookup(k)).find((kid): kid is PDFDict => {
        if (!(kid instanceof PDFDict)) return false;
        const limits = kid.lookupMaybe(PDFName.of('Limits'), PDFArray);
        const [low, high] = [limits?.lookup(0), limits?.lookup(1)];
        return !(low instanceof PDFNumber && high instanceof PDFNumber) || (key >= low.asNumber() && key <= high.asNumber());
      });
    }
    return undefined;
  }
}
