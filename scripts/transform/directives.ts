/**
 * The directives a section may use, one handler each, in a map keyed by name.
 * A handler turns its directive into hast. Blocks built from our templates go
 * into a slot element, filled after the user's HTML has been sanitised, so that
 * sanitising never strips the structure we build ourselves.
 */
import type { Element, ElementContent } from 'hast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import type { State } from 'mdast-util-to-hast';
import { h } from 'hastscript';
import { toString as mdastToString } from 'mdast-util-to-string';
import { diagnostic, type Diagnostic, type Place } from '../diagnostics/index.ts';
import { figureText, type Figures } from '../figures/quote.ts';
import { statedNote } from '../figures/stated.ts';
import type { DataEntry } from '../load/index.ts';
import type { YamlPath } from '../load/yaml-source.ts';
import { figureMessages, statementMessages } from '../messages/data.ts';
import { markdownMessages } from '../messages/markdown.ts';
import { place, placeKey, type References } from './references.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { accessibilityStatement } from '../../templates/accessibility-statement.ts';
import { statementGaps } from '../check/statement.ts';
import { placeOf } from '../load/yaml-source.ts';
import { dataTable, hasTable } from '../../templates/table.ts';
import type { Disclosure } from '../small-numbers/index.ts';
import { own } from '../util/own.ts';

export type Directive = ContainerDirective | LeafDirective | TextDirective;

/** What a slot will hold once the tree is safe. */
export type Slot =
  | { kind: 'element'; element: Element }
  | {
      kind: 'chart';
      id: string;
      number: number;
      attributes: Record<string, string>;
      spec: string;
      data: string;
      /** The numbered table that already shows every figure the chart draws, if there is one. */
      inTable?: { id: string; label: string } | undefined;
      file: string;
      place: ReturnType<typeof place>;
    }
  | { kind: 'contents' }
  | { kind: 'to-be-supplied' };

/** Where a text field of a data file is: its file and YAML path, so its directives are placed at their line. */
export interface FieldOrigin {
  entry: DataEntry;
  path: YamlPath;
}

export interface DirectiveContext {
  file: string;
  data: ReadonlyMap<string, DataEntry>;
  figures: Figures;
  references: References;
  slots: Map<string, Slot>;
  diagnostics: Diagnostic[];
  /** Safe hast for a text field of a data file that may hold Markdown (and quote figures). */
  markdown: (text: string, origin?: FieldOrigin) => ElementContent[];
  /** Where a node is, when it is not where its position says (a directive inside a data file's text). */
  locate?: ((node: Directive) => Place | undefined) | undefined;
  /** Inside a data file's text: only the inline directives are allowed. */
  inData?: boolean | undefined;
  /** Mark each quoted figure with where it comes from (the preview shows it). */
  annotate?: boolean | undefined;
  /** What the small-numbers setting withholds: tables show marks in place of those cells. */
  disclosure?: Disclosure | undefined;
  /** Called for each to-be-supplied block, so the build can list them. */
  onToBeSupplied: (directive: Directive) => void;
  /** Called for content still to be supplied that is not a block in a section (a statement's gaps). */
  onUnfinished: (problem: Diagnostic) => void;
  /** The plan is final: nothing may still be to be supplied. */
  final?: boolean | undefined;
}

type Handler = (state: State, node: Directive, context: DirectiveContext) => Element | ElementContent[] | undefined;

const attrs = (node: Directive): Record<string, string> =>
  Object.fromEntries(Object.entries(node.attributes ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));

// All the label's text, even what Markdown read as emphasis (`:value[a.__b__]`).
const labelText = (node: Directive): string => mdastToString(node).trim();

function slot(context: DirectiveContext, node: Directive, value: Slot, children: ElementContent[] = []): Element {
  const key = `s${context.slots.size}`;
  context.slots.set(key, value);
  return { type: 'element', tagName: 'yjplan-slot', properties: { dataSlot: key }, children, position: node.position };
}

function report(context: DirectiveContext, node: Directive, text: Parameters<typeof diagnostic>[2]): void {
  context.diagnostics.push(diagnostic(context.file, context.locate ? context.locate(node) : place(node), text));
}

function findData(context: DirectiveContext, node: Directive, name: string | undefined, example: string): DataEntry | undefined {
  if (!name) {
    report(context, node, markdownMessages.missingAttribute(`${node.type === 'containerDirective' ? ':::' : '::'}${node.name}`, 'data', example));
    return undefined;
  }
  const entry = context.data.get(name);
  if (!entry) report(context, node, markdownMessages.unknownData(name, suggest(name, context.data.keys())));
  return entry;
}

const table: Handler = (_state, node, context) => {
  const entry = findData(context, node, attrs(node).data, '::table{data=budget}');
  const ref = context.references.byPlace.get(placeKey(context.file, node));
  if (!entry || !ref) return [];
  if (!hasTable(entry.value.kind)) {
    report(context, node, markdownMessages.notATable(entry.name, entry.value.kind));
    return [];
  }
  const markdown = (text: string, path?: YamlPath): ElementContent[] => context.markdown(text, path ? { entry, path } : undefined);
  const element = dataTable(entry.value, { id: ref.id, number: ref.number, markdown, withheld: context.disclosure?.table(entry.name) });
  return slot(context, node, { kind: 'element', element: { ...element, properties: { ...element.properties, id: ref.id } } });
};

const chart: Handler = (state, node, context) => {
  const { data, spec, id: _id, class: _class, ...rest } = attrs(node);
  const entry = findData(context, node, data, ':::chart{data=custody-rate spec=line}');
  const ref = context.references.byPlace.get(placeKey(context.file, node));
  if (!spec) report(context, node, markdownMessages.missingAttribute(':::chart', 'spec', ':::chart{data=custody-rate spec=line}'));
  if (!entry || !ref || !spec) return [];
  return slot(
    context,
    node,
    { kind: 'chart', id: ref.id, number: ref.number, attributes: rest, spec, data: entry.name, inTable: tableHolding(context, entry.name, rest), file: context.file, place: place(node) },
    state.all(node),
  );
};

/**
 * A chart draws cells of its data file (some rows or columns of it, in any arrangement), so a
 * numbered table of the whole file holds every figure it shows, unless the chart adds figures of
 * its own: `others` sums the rows it leaves out.
 */
function tableHolding(context: DirectiveContext, data: string, attributes: Record<string, string>): { id: string; label: string } | undefined {
  if (attributes.others?.trim()) return undefined;
  const table = context.references.tableOf.get(data);
  return table ? { id: table.id, label: table.label } : undefined;
}

const value: Handler = (_state, node, context) => {
  const ref = labelText(node) || attrs(node).ref || '';
  const quoted = context.figures.quote(ref);
  if (!quoted.ok) {
    // A derived figure that cannot be worked out is reported once, at its own line.
    if (!quoted.reported) report(context, node, quoted.problem);
    return [{ type: 'text', value: `[${ref}]` }];
  }
  const figure = quoted.figure;
  if (figure.value === null) report(context, node, figureMessages.noFigure(ref));
  if (figure.withheld) report(context, node, figure.withheld.message);
  const from = context.annotate ? { dataFrom: `${figure.from.file}:${figure.from.place.line}:${figure.from.place.column}`, dataRef: ref } : {};
  const withheld = figure.withheld?.action === 'suppress' ? { className: ['data-value', 'withheld'] } : {};
  const span = h('span.data-value', { ...from, ...withheld }, figureText(figure));
  // The source states another figure: the page shows the one worked out, and says so.
  const element = figure.stated ? h('span.data-value-stated', [span, h('span.stated-note', statedNote(figure.stated.text))]) : span;
  return slot(context, node, { kind: 'element', element });
};

const refHandler: Handler = (_state, node, context) => {
  const id = labelText(node) || attrs(node).id || '';
  const target = context.references.byId.get(id);
  if (!target) {
    report(context, node, markdownMessages.unknownRef(id, suggest(id, context.references.byId.keys())));
    return [{ type: 'text', value: id }];
  }
  // "Table 1" is one name: a no-break space keeps it on one line, in the page and in the PDF.
  return slot(context, node, { kind: 'element', element: h('a.xref', { href: `#${target.id}` }, target.label.replace(' ', '\u00a0')) });
};

const contents: Handler = (_state, node, context) => slot(context, node, { kind: 'contents' });

const toBeSupplied: Handler = (state, node, context) => {
  context.onToBeSupplied(node);
  return slot(context, node, { kind: 'to-be-supplied' }, state.all(node));
};

const statement: Handler = (_state, node, context) => {
  const entry = findData(context, node, attrs(node).data, '::accessibility-statement{data=accessibility}');
  if (!entry) return [];
  if (entry.value.kind !== 'accessibility') {
    report(context, node, markdownMessages.notAStatement(entry.name, entry.value.kind));
    return [];
  }
  // Each part the data leaves out is shown as to be supplied, and listed at the data file (where
  // it is added); a final plan is refused.
  const gaps = statementGaps(entry.value);
  if (gaps.length > 0) {
    const needs = gaps.map((g) => g.text);
    const keys = gaps.flatMap((g) => g.keys);
    const at = placeOf(entry.source, ['organisation'], 'key');
    if (context.final) context.diagnostics.push(diagnostic(entry.file, at, statementMessages.incomplete(needs, keys)));
    else context.onUnfinished(diagnostic(entry.file, at, statementMessages.toBeSupplied(needs, keys)));
  }
  return slot(context, node, { kind: 'element', element: accessibilityStatement(entry.value, { markdown: context.markdown, gaps }) });
};

export const directiveHandlers: Record<string, { types: ReadonlyArray<Directive['type']>; handle: Handler }> = {
  table: { types: ['leafDirective'], handle: table },
  chart: { types: ['containerDirective'], handle: chart },
  value: { types: ['textDirective'], handle: value },
  ref: { types: ['textDirective'], handle: refHandler },
  contents: { types: ['leafDirective'], handle: contents },
  'to-be-supplied': { types: ['containerDirective'], handle: toBeSupplied },
  'accessibility-statement': { types: ['leafDirective'], handle: statement },
};

/** Dispatches a directive to its handler, or reports it. */
export function handleDirective(state: State, node: Directive, context: DirectiveContext): Element | ElementContent[] | undefined {
  // Own names only: `:constructor` or `:toString` in running text are words, not Object.prototype's members.
  const handler = own(directiveHandlers, node.name);
  if (context.inData && handler && !handler.types.includes('textDirective')) {
    report(context, node, figureMessages.directiveInData(`${node.type === 'containerDirective' ? ':::' : '::'}${node.name}`));
    return [];
  }
  if (handler && handler.types.includes(node.type)) return handler.handle(state, node, context);
  // `:word` in running text (as in "ratio 1:many") parses as a text directive: give it back as text.
  if (node.type === 'textDirective' && !handler && node.children.length === 0 && Object.keys(node.attributes ?? {}).length === 0) {
    return [{ type: 'text', value: `:${node.name}` }];
  }
  // A known name with the wrong number of colons (`:::table`, `::chart`) says which it takes, not "did you mean" itself.
  if (handler) report(context, node, markdownMessages.wrongColons(node.name, node.type, handler.types[0]!));
  else report(context, node, markdownMessages.unknownDirective(node.name, suggest(node.name, Object.keys(directiveHandlers))));
  return [];
}
