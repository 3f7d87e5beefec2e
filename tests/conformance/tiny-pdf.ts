/**
 * A one-page tagged PDF written object by object with pdf-lib, conforming to every point the
 * checker knows, with a switch to break each point. Small enough to read whole: a title (H1),
 * a paragraph with a Strong word, a chart (Figure), a list with a link, a table of two rows and
 * a running footer painted as an Artifact.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFNull, PDFNumber, PDFRef, PDFString, type PDFObject } from 'pdf-lib';

export interface Breaks {
  identification?: boolean;
  title?: boolean;
  titleMismatch?: boolean;
  displayTitle?: boolean;
  language?: boolean;
  marked?: boolean;
  /** The footer painted outside any marked content. */
  untagged?: boolean;
  /** The footer's Artifact put inside the paragraph's tagged content. */
  nestedArtifact?: boolean;
  /** Marked content that no structure element claims. */
  orphan?: boolean;
  roleMap?: boolean;
  remapStandard?: boolean;
  alt?: boolean;
  scope?: boolean;
  /** The title tagged H2 instead of H1. */
  firstHeading?: boolean;
  /** A heading H3 after the H1. */
  skippedHeading?: boolean;
  /** The list item's link straight in the LI, without LBody. */
  listBody?: boolean;
  /** The second table row a cell short. */
  shortRow?: boolean;
  linkContents?: boolean;
  linkTagged?: boolean;
  /** The link's OBJR in a Span, not a Link element. */
  linkParent?: boolean;
  embedded?: boolean;
  tabs?: boolean;
}

const require = createRequire(import.meta.url);
const FONT = readFileSync(require.resolve('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'));
const TITLE = 'A small tagged document';

export async function tinyPdf(breaks: Breaks = {}): Promise<Uint8Array> {
  const document = await PDFDocument.create({ updateMetadata: false });
  const { context } = document;
  const page = document.addPage([300, 300]);
  const pageRef = page.ref;
  const dict = (entries: Record<string, PDFObject | string | number | boolean>): PDFDict => context.obj(entries as never) as unknown as PDFDict;

  // The font: TrueType with its file embedded, or Helvetica left to the reader.
  const font = breaks.embedded
    ? dict({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'WinAnsiEncoding' })
    : dict({
        Type: 'Font', Subtype: 'TrueType', BaseFont: 'LiberationSans', Encoding: 'WinAnsiEncoding', FirstChar: 32, LastChar: 126,
        Widths: context.obj(Array.from({ length: 95 }, () => 556)),
        FontDescriptor: context.register(dict({
          Type: 'FontDescriptor', FontName: 'LiberationSans', Flags: 32, FontBBox: context.obj([-203, -303, 1050, 910]), ItalicAngle: 0,
          Ascent: 905, Descent: -212, CapHeight: 716, StemV: 80, FontFile2: context.register(context.flateStream(FONT)),
        })),
      });
  page.node.newFontDictionary('F1', context.register(font));

  const text = (s: string, y: number) => `BT /F1 10 Tf 20 ${y} Td (${s}) Tj ET`;
  const footer = `${text('Page 1 of 1', 20)} 20 30 m 280 30 l S`;
  const mc = (tag: string, mcid: number, body: string) => `/${tag} <</MCID ${mcid}>> BDC ${body} EMC`;
  const paragraph = mc('P', 1, text('Some words and', 240) + (breaks.nestedArtifact ? ` /Artifact BMC ${footer} EMC` : ''));
  const stream = [
    mc(breaks.firstHeading ? 'H2' : 'H1', 0, text('Title', 270)),
    paragraph,
    mc('Strong', 2, text('strong', 225)),
    mc('Figure', 3, '20 150 100 50 re f'),
    mc('Lbl', 4, text('1.', 130)),
    mc('Link', 5, text('A link', 115)),
    mc('TH', 6, text('Year', 90)),
    mc('TH', 7, text('Cases', 75)),
    mc('TD', 8, text('2019', 60)),
    breaks.shortRow ? '' : mc('TD', 10, text('12', 45)),
    breaks.skippedHeading ? mc('H3', 11, text('Deeper', 100)) : '',
    breaks.orphan ? mc('P', 12, text('Lost', 10)) : '',
    breaks.nestedArtifact ? '' : breaks.untagged ? footer : `/Artifact BMC ${footer} EMC`,
  ].join('\n');
  page.node.set(PDFName.of('Contents'), context.register(context.flateStream(stream)));
  if (!breaks.tabs) page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
  page.node.set(PDFName.of('StructParents'), PDFNumber.of(0));

  // The structure tree.
  const root = context.nextRef();
  const parentTree: PDFRef[] = [];
  const element = (type: string, parent: PDFRef, kids: Array<PDFRef | number | PDFDict>, extra: Record<string, PDFObject> = {}): PDFRef => {
    const ref = context.nextRef();
    const k = kids.map((kid) => (typeof kid === 'number' ? PDFNumber.of(kid) : kid));
    context.assign(ref, dict({ Type: 'StructElem', S: type, P: parent, Pg: pageRef, K: context.obj(k), ...extra }));
    for (const kid of kids) if (typeof kid === 'number') parentTree[kid] = ref;
    return ref;
  };
  const documentRef = context.nextRef();
  const h1 = element(breaks.firstHeading ? 'H2' : 'H1', documentRef, [0]);
  const paragraph1 = context.nextRef();
  const strong = element('Strong', paragraph1, [2]);
  context.assign(paragraph1, dict({ Type: 'StructElem', S: 'P', P: documentRef, Pg: pageRef, K: context.obj([PDFNumber.of(1), strong]) }));
  parentTree[1] = paragraph1;
  const figure = element('Figure', documentRef, [3], breaks.alt ? {} : { Alt: PDFHexString.fromText('A bar chart of cases') });

  // The link annotation, and the list that holds it.
  const annot = context.register(dict({
    Type: 'Annot', Subtype: 'Link', Rect: context.obj([20, 110, 80, 125]), Border: context.obj([0, 0, 0]), StructParent: 1,
    A: dict({ S: 'URI', URI: PDFString.of('https://example.org/') }),
    ...(breaks.linkContents ? {} : { Contents: PDFHexString.fromText('A link') }),
  }));
  page.node.set(PDFName.of('Annots'), context.obj([annot]));
  const list = context.nextRef();
  const item = context.nextRef();
  const label = element('Lbl', item, [4]);
  const body = context.nextRef();
  const linkHolder = breaks.listBody ? item : body;
  const objr = dict({ Type: 'OBJR', Obj: annot, Pg: pageRef });
  const link = element(breaks.linkParent ? 'Span' : 'Link', linkHolder, breaks.linkTagged ? [5] : [5, objr]);
  if (!breaks.listBody) context.assign(body, dict({ Type: 'StructElem', S: 'LBody', P: item, Pg: pageRef, K: context.obj([link]) }));
  context.assign(item, dict({ Type: 'StructElem', S: 'LI', P: list, Pg: pageRef, K: context.obj([label, breaks.listBody ? link : body]) }));
  context.assign(list, dict({ Type: 'StructElem', S: 'L', P: documentRef, Pg: pageRef, K: context.obj([item]) }));

  // The table: a header row, a data row.
  const table = context.nextRef();
  const headRow = context.nextRef();
  const scope: Record<string, PDFObject> = breaks.scope ? {} : { A: dict({ O: 'Table', Scope: 'Column' }) };
  const th1 = element('TH', headRow, [6], scope);
  const th2 = element('TH', headRow, [7], scope);
  context.assign(headRow, dict({ Type: 'StructElem', S: 'TR', P: table, K: context.obj([th1, th2]) }));
  const dataRow = context.nextRef();
  const cells = [element('TD', dataRow, [8]), ...(breaks.shortRow ? [] : [element('TD', dataRow, [10])])];
  context.assign(dataRow, dict({ Type: 'StructElem', S: 'TR', P: table, K: context.obj(cells) }));
  context.assign(table, dict({ Type: 'StructElem', S: 'Table', P: documentRef, K: context.obj([headRow, dataRow]) }));

  const rest = breaks.skippedHeading ? [element('H3', documentRef, [11])] : [];
  context.assign(documentRef, dict({ Type: 'StructElem', S: 'Document', P: root, K: context.obj([h1, paragraph1, figure, list, table, ...rest]) }));

  const roleMap: Record<string, string> = {};
  if (!breaks.roleMap) roleMap.Strong = 'Span';
  if (breaks.remapStandard) roleMap.P = 'Span';
  const nums: PDFObject[] = [PDFNumber.of(0), context.obj(parentTree.map((r) => r ?? PDFNull)), PDFNumber.of(1), link];
  context.assign(root, dict({
    Type: 'StructTreeRoot', K: documentRef, ParentTreeNextKey: 2,
    ParentTree: context.register(dict({ Nums: context.obj(nums) })),
    RoleMap: dict(Object.fromEntries(Object.entries(roleMap).map(([k, v]) => [k, PDFName.of(v)]))),
  }));

  // The catalogue and the metadata.
  const { catalog } = document;
  catalog.set(PDFName.of('StructTreeRoot'), root);
  if (!breaks.marked) catalog.set(PDFName.of('MarkInfo'), dict({ Marked: true }));
  if (!breaks.language) catalog.set(PDFName.of('Lang'), PDFString.of('en-GB'));
  if (!breaks.displayTitle) catalog.set(PDFName.of('ViewerPreferences'), dict({ DisplayDocTitle: true }));
  if (!breaks.title) document.setTitle(breaks.titleMismatch ? 'Another title' : TITLE);
  const xmp = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
${breaks.title ? '' : `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${TITLE}</rdf:li></rdf:Alt></dc:title>`}
${breaks.identification ? '' : '<pdfuaid:part>1</pdfuaid:part>'}
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`;
  catalog.set(PDFName.of('Metadata'), context.register(context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' })));
  return document.save({ useObjectStreams: false });
}
