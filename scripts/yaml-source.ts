/**
 * YAML parsed with its source positions kept, so that any later problem
 * (a schema mismatch, a stated total that disagrees) can point at the exact node.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { diagnostic, type Diagnostic, type Place } from './diagnostics.ts';
import { yamlMessages } from './messages/data.ts';

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** Lines before the YAML in its file (front matter sits below a `---` line). */
  lineOffset: number;
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
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, strict: true });
  const source: YamlSource = { file, doc, lineCounter, lineOffset };
  const diagnostics: Diagnostic[] = [];
  for (const error of doc.errors) {
    const pos = lineCounter.linePos(error.pos[0]);
    diagnostics.push(
      diagnostic(file, { line: pos.line + lineOffset, column: pos.col }, yamlMessages.syntax(error.code, firstLine(error.message))),
    );
  }
  for (const warning of doc.warnings) {
    const pos = lineCounter.linePos(warning.pos[0]);
    diagnostics.push(
      diagnostic(file, { line: pos.line + lineOffset, column: pos.col }, yamlMessages.syntax(warning.code, firstLine(warning.message)), 'warning'),
    );
  }
  const value = diagnostics.some((d) => d.severity === 'error') ? undefined : doc.toJS({ maxAliasCount: 100 });
  return { source, value, diagnostics };
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
      break;
    }
  }
  return rangePlace(source, (on === 'key' && key ? key : node) as Node | undefined);
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
