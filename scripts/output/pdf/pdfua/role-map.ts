/**
 * A RoleMap entry for every structure type that is not one of PDF 1.7's standard types.
 * Chromium writes some PDF 2.0 types (Strong, Em…); PDF/UA-1 readers know PDF 1.7's.
 */
import { PDFDict, PDFName, type PDFDocument } from 'pdf-lib';
import { STANDARD_TYPES, standardType } from '../conformance/structure.ts';
import { structRoot, type Element } from './tree.ts';
import { own } from '../../../util/own.ts';

/** The PDF 1.7 type nearest to each PDF 2.0 type; anything else becomes a neutral NonStruct. */
const NEAREST: Record<string, string> = {
  Strong: 'Span', Em: 'Span', Sub: 'Span', Aside: 'Div', Title: 'P', FENote: 'Note', DocumentFragment: 'Part', Artifact: 'NonStruct',
};

export function completeRoleMap(document: PDFDocument, elements: readonly Element[]): string[] {
  const root = structRoot(document);
  if (!root) return [];
  const existing = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  const map = new Map<string, string>();
  for (const [key, value] of existing?.entries() ?? []) {
    const to = document.context.lookup(value);
    if (to instanceof PDFName && !STANDARD_TYPES.has(key.decodeText())) map.set(key.decodeText(), to.decodeText());
  }
  const added: string[] = [];
  for (const { type } of elements) {
    if (standardType(type, map) !== undefined) continue;
    map.set(type, own(NEAREST, type) ?? 'NonStruct');
    added.push(type);
  }
  if (map.size > 0) {
    const entries = Object.fromEntries([...map].sort(([a], [b]) => a.localeCompare(b)).map(([from, to]) => [from, PDFName.of(to)]));
    root.set(PDFName.of('RoleMap'), document.context.obj(entries));
  }
  return added;
}
