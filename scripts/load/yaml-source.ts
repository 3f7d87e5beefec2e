/**
 * YAML parsed with its source positions kept, so that any later problem
 * (a schema mismatch, a stated total that disagrees) can point at the exact node.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { diagnostic, type Diagnostic, type Place } from '../diagnostics/index.ts';
import { yamlMessages } from '../messages/data.ts';

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** Lines before the YAML in its file (front matter sits below a `---` line). */
  lineOffset: number;
  /** The YAML's own text, for checks that read a scalar as it is written. */
  text: string;
}

export type YamlPath = ReadonlyArray<string | number>;

export interface ParsedYaml {
  source: YamlSource;
  value: unknown;
  diagnostics: Diagnostic[];
}

export function parseYaml(file: string, text: string, lineOffset = 0): ParsedYaml {
  const lineCounter = new LineCounter();
  // uniqueKeys (the default) makes a duplicate key an error, as an editor would expect.
  // logLevel 'error': the library's own warnings (a map used as a key) would go to stderr;
  // whatever matters among them the schemas report at their node.
  // Always YAML 1.2's core schema, whatever a `%YAML 1.1` line asks for: no merge keys (`<<`), no
  // !!binary, !!timestamp, !!set or !!omap, whose values (or whose failures: `<<: 5` throws)
  // reach no schema as plain data. A tag the schema does not know is a located warning instead.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, strict: true, logLevel: 'error', schema: 'core', merge: false, resolveKnownTags: false });
  const source: YamlSource = { file, doc, lineCounter, lineOffset, text };
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    // The parser notices an unclosed bracket or quote where the file ends; the author needs the opening.
    const unclosed = /end with a [}\]]|Missing closing .?quote/.test(error.message) ? openedAt(text, error.pos[0]) : undefined;
    const pos = lineCounter.linePos(unclosed ?? error.pos[0]);
    diagnostics.push(
      diagnostic(file, { line: pos.line + lineOffset, column: pos.col }, yamlMessages.syntax(error.code, firstLine(error.message), unclosed === undefined ? undefined : text[unclosed])),
    );
  }
  for (const warning of doc.warnings) {
    const pos = lineCounter.linePos(warning.pos[0]);
    diagnostics.push(
      diagnostic(file, { line: pos.line + lineOffset, column: pos.col }, yamlMessages.syntax(warning.code, firstLine(warning.message)), 'warning'),
    );
  }
  const directive = /^%YAML[ \t]+(\S+)/m.exec(text);
  if (directive && directive[1] !== '1.2') {
    const pos = lineCounter.linePos(directive.index);
    diagnostics.push(diagnostic(file, { line: pos.line + lineOffset, column: pos.col }, yamlMessages.versionIgnored(directive[1]!)));
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { source, value: undefined, diagnostics };
  try {
    return { source, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), diagnostics };
  } catch (error) {
    // Aliases that expand past the limit (a "billion laughs"), or any other value the YAML library
    // cannot turn into data: the file's doing, so a located message, never a crash.
    if (!(error instanceof Error)) throw error;
    const aliases = error instanceof ReferenceError && /alias/i.test(error.message);
    const text = aliases ? yamlMessages.tooManyAliases(MAX_ALIAS_COUNT) : yamlMessages.unreadableValue(firstLine(error.message));
    diagnostics.push(diagnostic(file, aliases ? firstAliasPlace(source) : { line: 1 + lineOffset, column: 1 }, text));
    return { source, value: undefined, diagnostics };
  }
}

/** How many nodes one alias may stand for; far more than a plan needs, far fewer than a bomb makes. */
const MAX_ALIAS_COUNT = 100;

function firstAliasPlace(source: YamlSource): Place {
  let found: Node | undefined;
  visit(source.doc, {
    Alias(_key, node) {
      found = node as unknown as Node;
      return visit.BREAK;
    },
  });
  return rangePlace(source, found);
}

/**
 * The offset of the bracket or quote still open at `end`, if any: a small scanner that knows
 * just enough YAML (quoted scalars, comments, flow brackets) to find it.
 */
export function openedAt(text: string, end: number): number | undefined {
  const open: number[] = [];
  let quote: { char: string; at: number } | undefined;
  for (let i = 0; i < end && i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (quote.char === '"' && c === '\\') i++;
      else if (c === quote.char && quote.char === "'" && text[i + 1] === "'") i++;
      else if (c === quote.char) quote = undefined;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const newline = text.indexOf('\n', i);
      i = newline < 0 ? text.length : newline;
    } else if (c === '"' || c === "'") {
      // A quote opens a scalar only where a value starts, not inside plain text (Rotherham's).
      const before = text.slice(text.lastIndexOf('\n', i - 1) + 1, i).trimEnd();
      if (before === '' || /[:\-[{,?]$/.test(before)) quote = { char: c, at: i };
    } else if (c === '[' || c === '{') open.push(i);
    else if ((c === ']' || c === '}') && open.length > 0) open.pop();
  }
  return quote?.at ?? open.at(-1);
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/**
 * The place of the node at `path`: the key when `on` is 'key' (for unknown keys),
 * otherwise the value. Walks up to the nearest existing node when the path is missing
 * (a required key that is absent is reported at its parent).
 */
export function placeOf(source: YamlSource, path: YamlPath, on: 'key' | 'value' = 'value'): Place {
  const { node, key } = nodeAt(source, path);
  return rangePlace(source, (on === 'key' && key ? key : node) as Node | undefined);
}

/** The node at `path`, or the nearest existing one above it, and its key. */
function nodeAt(source: YamlSource, path: YamlPath): { node: unknown; key: unknown; found: boolean } {
  let node: unknown = source.doc.contents;
  let key: unknown;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (!pair) break;
      key = pair.key;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      key = undefined;
      node = node.items[segment];
    } else {
      return { node, key, found: false };
    }
  }
  return { node, key, found: true };
}

/**
 * The place, in the file, of `snippet` found at `offset` in the text value at `path`: a directive
 * inside a review's outcome is reported at its own line and column, whatever the scalar's style
 * (plain, quoted, `|` or `>`). Falls back to the value's start when the snippet cannot be found
 * as written (a line folded inside it).
 */
export function placeInText(source: YamlSource, path: YamlPath, value: string, offset: number, snippet: string): Place {
  const { node, found } = nodeAt(source, path);
  const range = found && isScalar(node) ? node.range : undefined;
  if (!range || !snippet) return placeOf(source, path);
  let nth = 0;
  for (let at = value.indexOf(snippet); at >= 0 && at < offset; at = value.indexOf(snippet, at + 1)) nth++;
  const raw = source.text.slice(range[0], range[1]);
  let at = raw.indexOf(snippet);
  for (let i = 0; i < nth && at >= 0; i++) at = raw.indexOf(snippet, at + 1);
  if (at < 0) return placeOf(source, path);
  const start = source.lineCounter.linePos(range[0] + at);
  const end = source.lineCounter.linePos(range[0] + at + snippet.length);
  return { line: start.line + source.lineOffset, column: start.col, endLine: end.line + source.lineOffset, endColumn: end.col };
}

/** The place of a node of `source`'s document. */
export function nodePlace(source: YamlSource, node: Node | undefined): Place {
  return rangePlace(source, node);
}

function rangePlace(source: YamlSource, node: Node | undefined): Place {
  const range = node && 'range' in node ? node.range : undefined;
  if (!range) return { line: 1 + source.lineOffset, column: 1 };
  const start = source.lineCounter.linePos(range[0]);
  const end = source.lineCounter.linePos(range[1]);
  return {
    line: start.line + source.lineOffset,
    column: start.col,
    endLine: end.line + source.lineOffset,
    endColumn: end.col,
  };
}
