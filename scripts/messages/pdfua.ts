/**
 * Findings of the PDF/UA-1 conformance checker (scripts/output/pdf/conformance): each a point of
 * PDF/UA-1 (ISO 14289-1) that a machine can check, as the Matterhorn Protocol lists them.
 */
import type { MessageText } from '../diagnostics/index.ts';

const on = (page: number | undefined) => (page === undefined ? '' : ` on page ${page}`);
const FINISH = 'the PDF stage finishes Chromium\'s output for PDF/UA (scripts/output/pdf/finish.ts): see what changed there';

export const pdfuaMessages = {
  noIdentification: (): MessageText => ({
    ruleId: 'pdfua:identification',
    message: 'The XMP metadata do not say the file conforms to PDF/UA-1 (pdfuaid:part 1)',
    hint: FINISH,
  }),
  noTitle: (where: string): MessageText => ({
    ruleId: 'pdfua:title',
    message: `The document has no title in ${where}`,
    hint: FINISH,
  }),
  titleMismatch: (info: string, xmp: string): MessageText => ({
    ruleId: 'pdfua:title',
    message: `The Info dictionary's title “${info}” is not the XMP dc:title “${xmp}”`,
    hint: FINISH,
  }),
  noDisplayTitle: (): MessageText => ({
    ruleId: 'pdfua:display-title',
    message: 'The viewer is not told to show the title (ViewerPreferences /DisplayDocTitle true)',
    hint: FINISH,
  }),
  noLanguage: (): MessageText => ({
    ruleId: 'pdfua:language',
    message: 'The catalogue has no /Lang, so the document\'s language is unknown',
    hint: FINISH,
  }),
  notMarked: (): MessageText => ({
    ruleId: 'pdfua:marked',
    message: 'The document does not say it is tagged (MarkInfo /Marked true)',
    hint: FINISH,
  }),
  noStructure: (): MessageText => ({
    ruleId: 'pdfua:structure',
    message: 'The document has no structure tree',
    hint: 'print with tagged: true',
  }),
  untagged: (page: number, count: number, example: string): MessageText => ({
    ruleId: 'pdfua:untagged-content',
    message: `${count} painting ${count === 1 ? 'operation is' : 'operations are'} neither tagged content nor an Artifact${on(page)} (the first: ${example})`,
    hint: FINISH,
  }),
  artifactInTagged: (page: number): MessageText => ({
    ruleId: 'pdfua:artifact-nesting',
    message: `An Artifact is nested in tagged content, or tagged content in an Artifact,${on(page)}`,
    hint: FINISH,
  }),
  orphanContent: (page: number, mcid: number): MessageText => ({
    ruleId: 'pdfua:orphan-content',
    message: `Marked content ${mcid}${on(page)} belongs to no structure element`,
    hint: FINISH,
  }),
  nonStandardType: (type: string): MessageText => ({
    ruleId: 'pdfua:role-map',
    message: `The structure type ${type} is not a standard type and the RoleMap does not map it to one`,
    hint: FINISH,
  }),
  standardRemapped: (type: string): MessageText => ({
    ruleId: 'pdfua:role-map',
    message: `The standard structure type ${type} is remapped in the RoleMap`,
    hint: FINISH,
  }),
  figureWithoutAlt: (page: number | undefined): MessageText => ({
    ruleId: 'pdfua:figure-alt',
    message: `A Figure${on(page)} has no alternative text (/Alt)`,
    hint: 'give every chart and picture alt text in the plan',
  }),
  headerWithoutScope: (text: string): MessageText => ({
    ruleId: 'pdfua:th-scope',
    message: `A table header cell (TH) ${text} has no /Scope`,
    hint: FINISH,
  }),
  firstHeading: (type: string): MessageText => ({
    ruleId: 'pdfua:heading-order',
    message: `The first heading is ${type}, not H1`,
    hint: 'the plan\'s title is its one H1; sections start at H2',
  }),
  headingSkipped: (from: string, to: string): MessageText => ({
    ruleId: 'pdfua:heading-order',
    message: `A heading level is skipped: ${to} follows ${from}`,
    hint: 'a section\'s headings go down one level at a time',
  }),
  listStructure: (parent: string, child: string): MessageText => ({
    ruleId: 'pdfua:list-structure',
    message: `A list element ${parent} holds ${child}; a list is L > LI > Lbl and LBody`,
    hint: FINISH,
  }),
  tableIrregular: (caption: string, widths: readonly number[]): MessageText => ({
    ruleId: 'pdfua:table-regular',
    message: `The rows of table ${caption} span different numbers of columns (${widths.join(', ')})`,
    hint: FINISH,
  }),
  tableStructure: (parent: string, child: string): MessageText => ({
    ruleId: 'pdfua:table-structure',
    message: `A table element ${parent} holds ${child}`,
    hint: FINISH,
  }),
  linkWithoutContents: (page: number): MessageText => ({
    ruleId: 'pdfua:link-contents',
    message: `A link annotation${on(page)} has no /Contents (its text for assistive technology)`,
    hint: FINISH,
  }),
  annotationUntagged: (page: number, subtype: string): MessageText => ({
    ruleId: 'pdfua:annotation-tagged',
    message: `A ${subtype} annotation${on(page)} is not in the structure tree`,
    hint: FINISH,
  }),
  linkAnnotationParent: (page: number, parent: string): MessageText => ({
    ruleId: 'pdfua:annotation-tagged',
    message: `A link annotation${on(page)} sits in a ${parent} element, not a Link`,
    hint: FINISH,
  }),
  tabOrder: (page: number): MessageText => ({
    ruleId: 'pdfua:tab-order',
    message: `Page ${page} does not set the tab order to follow the structure (/Tabs /S)`,
    hint: FINISH,
  }),
  fontNotEmbedded: (font: string, page: number): MessageText => ({
    ruleId: 'pdfua:font-embedded',
    message: `The font ${font}${on(page)} is not embedded`,
    hint: 'the templates embed their fonts with @font-face; a plan\'s own stylesheet must name a font it ships',
  }),
};
