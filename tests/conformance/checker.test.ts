/**
 * The PDF/UA-1 checker: a small tagged PDF that conforms gives no findings, and the same PDF
 * broken on each point gives a finding under that point's rule.
 */
import { describe, expect, test } from 'vitest';
import { checkPdfUa, summarise } from '../../scripts/output/pdf/conformance/index.ts';
import { tinyPdf, type Breaks } from './tiny-pdf.ts';

const rulesOf = async (breaks: Breaks) => Object.keys(summarise(await checkPdfUa(await tinyPdf(breaks)))).sort();

test('a conforming tagged PDF gives no findings', async () => {
  expect(summarise(await checkPdfUa(await tinyPdf()))).toEqual({});
});

describe('a PDF that breaks one point is caught on that point', () => {
  const cases: Array<[string, Breaks, string[]]> = [
    ['no pdfuaid:part in the XMP', { identification: true }, ['pdfua:identification']],
    ['no title', { title: true }, ['pdfua:title']],
    ['a title in the Info dictionary other than dc:title', { titleMismatch: true }, ['pdfua:title']],
    ['no DisplayDocTitle', { displayTitle: true }, ['pdfua:display-title']],
    ['no /Lang', { language: true }, ['pdfua:language']],
    ['no MarkInfo /Marked', { marked: true }, ['pdfua:marked']],
    ['a footer painted outside marked content', { untagged: true }, ['pdfua:untagged-content']],
    ['an Artifact inside tagged content', { nestedArtifact: true }, ['pdfua:artifact-nesting']],
    ['marked content no element claims', { orphan: true }, ['pdfua:orphan-content']],
    ['Strong without a RoleMap', { roleMap: true }, ['pdfua:role-map']],
    ['a standard type remapped', { remapStandard: true }, ['pdfua:role-map']],
    ['a Figure without /Alt', { alt: true }, ['pdfua:figure-alt']],
    ['TH without /Scope', { scope: true }, ['pdfua:th-scope']],
    ['a first heading that is not H1', { firstHeading: true }, ['pdfua:heading-order']],
    ['a skipped heading level', { skippedHeading: true }, ['pdfua:heading-order']],
    ['a list item without LBody', { listBody: true }, ['pdfua:list-structure']],
    ['a table row a cell short', { shortRow: true }, ['pdfua:table-regular']],
    ['a link annotation without /Contents', { linkContents: true }, ['pdfua:link-contents']],
    ['a link annotation missing from the structure tree', { linkTagged: true }, ['pdfua:annotation-tagged']],
    ['a link annotation held by a Span', { linkParent: true }, ['pdfua:annotation-tagged']],
    ['a font that is not embedded', { embedded: true }, ['pdfua:font-embedded']],
    ['a page without /Tabs /S', { tabs: true }, ['pdfua:tab-order']],
  ];
  test.each(cases)('%s', async (_, breaks, rules) => {
    expect(await rulesOf(breaks)).toEqual(rules);
  });
});

test('a finding names the page and counts the operations', async () => {
  const found = await checkPdfUa(await tinyPdf({ untagged: true }));
  expect(found).toEqual([
    expect.objectContaining({ ruleId: 'pdfua:untagged-content', message: expect.stringMatching(/^2 painting operations are neither tagged content nor an Artifact on page 1 \(the first: showText\)$/) }),
  ]);
});
