/**
 * A PDF/UA-1 conformance checker for the points of the Matterhorn Protocol that a machine can
 * check and that apply to what the build prints (veraPDF, the reference validator, cannot be
 * installed from the registries the project reaches):
 *
 *   bytes ─▶ pdf-lib: catalogue, XMP ─────────────▶ identification, title, display title, language, marked
 *         ─▶ pdf-lib: structure tree (plain data) ─▶ types standard or role-mapped, Figure /Alt, TH /Scope,
 *         │                                          heading order, L > LI > Lbl + LBody, whole table rows
 *         ├─▶ pdf-lib: pages ──────────────────────▶ link /Contents, annotations in the tree, /Tabs /S, fonts embedded
 *         └─▶ pdf.js: operator lists ──────────────▶ every painting operation tagged or an Artifact, every MCID claimed
 *
 * Returns the findings, none for a conforming file. Not checked: what needs a reader's judgement
 * (whether alt text is apt, whether something marked as an Artifact really is decoration), colour
 * contrast, and the points about forms, multimedia, JavaScript and encryption, which the build
 * never produces.
 */
import { ParseSpeeds, PDFDocument } from 'pdf-lib';
import type { MessageText } from '../../../diagnostics/index.ts';
import { checkContent } from './content.ts';
import { checkDocument } from './document.ts';
import { checkPages } from './objects.ts';
import { elements, readStructure } from './structure.ts';
import { checkTree } from './tree-rules.ts';

export async function checkPdfUa(bytes: Uint8Array): Promise<MessageText[]> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const found = checkDocument(document);
  const structure = readStructure(document);
  const claimed = new Set<string>();
  const annotations = new Map<string, string | undefined>();
  if (structure) {
    found.push(...checkTree(structure));
    for (const element of elements(structure.roots)) {
      for (const kid of element.kids) {
        if (kid.kind === 'content' && kid.page !== undefined) claimed.add(`${kid.page}:${kid.mcid}`);
        if (kid.kind === 'object' && kid.ref) annotations.set(kid.ref.toString(), element.standard);
      }
    }
  }
  found.push(...checkPages(document, annotations));
  found.push(...(await checkContent(bytes, claimed)));
  return found;
}

/** The findings grouped by rule, for a test's failure message or a report. */
export function summarise(found: readonly MessageText[]): Record<string, string[]> {
  const byRule: Record<string, string[]> = {};
  for (const f of found) (byRule[f.ruleId] ??= []).push(f.message);
  return byRule;
}
