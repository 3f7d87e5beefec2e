/**
 * Finding and reading chart specs and the theme. A spec is a Vega-Lite JSON file,
 * templates/charts/<name>.vl.json, looked for in each directory in turn (the plan's first,
 * then the built-in ones): the first found wins, so a plan can override a built-in spec.
 * Reading only: whether the spec makes sense is checked in check-spec.ts.
 */
import { listInside } from '../safety/read.ts';
import { planMessages } from '../messages/plan.ts';
import path from 'node:path';
import type { MessageText, Place } from '../diagnostics/index.ts';
import { chartMessages } from '../messages/chart.ts';
import { readText, unreadableText } from '../load/source-text.ts';
import { suggest } from '../diagnostics/suggest.ts';
import { findNodeAtLocation, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { jsonTooDeep, MAX_JSON_DEPTH, MAX_SPEC_BYTES } from '../safety/limits.ts';

export type JsonObject = { [key: string]: unknown };

export interface SpecFile {
  name: string;
  /** Absolute path of the file that was read. */
  file: string;
  /** The file's text, to place problems found later at their line. */
  text: string;
  json: JsonObject;
  /** The same JSON as jsonc-parser's tree, which keeps each value's offset in `text`. */
  tree: JsonNode;
}

/** The line and column of the value at `path` in a spec (of its key, when it has one), or undefined. */
export function placeAt(spec: Pick<SpecFile, 'text' | 'tree'>, path: ReadonlyArray<string | number>, part: 'key' | 'value' = 'key'): Place | undefined {
  const node = findNodeAtLocation(spec.tree, [...path]);
  if (!node) return undefined;
  const at = part === 'key' && node.parent?.type === 'property' ? node.parent.offset : node.offset;
  return offsetPlace(spec.text, at);
}

/**
 * The place of the text `needle` finds inside the string value at `path`, when the file writes
 * that part of the string without escapes; otherwise the string's own place.
 */
export function placeInString(spec: Pick<SpecFile, 'text' | 'tree'>, path: ReadonlyArray<string | number>, needle: RegExp | undefined): Place | undefined {
  const node = findNodeAtLocation(spec.tree, [...path]);
  if (!node || node.type !== 'string') return placeAt(spec, path, 'value');
  const raw = spec.text.slice(node.offset, node.offset + node.length);
  const match = needle?.exec(raw);
  return offsetPlace(spec.text, node.offset + (match && !raw.slice(0, match.index).includes('\\') ? match.index : 0));
}

function offsetPlace(text: string, offset: number): Place {
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** A problem in a spec or theme file, located in that file. */
export interface FileProblem {
  file: string;
  place?: Place | undefined;
  text: MessageText;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; problem: FileProblem };

const specSuffix = '.vl.json';
// Names come from Markdown: they must not climb out of the template directories.
const specName = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;

/** The folder a spec folder belongs to (`<plan>/templates/charts` → `<plan>`): nothing outside it is read. */
const rootOf = (dir: string): string => path.dirname(path.dirname(path.resolve(dir)));

/** The spec names available in `dirs`, sorted. */
export async function specNames(dirs: readonly string[]): Promise<string[]> {
  const names = new Set<string>();
  for (const dir of dirs) {
    const entries = await listInside(rootOf(dir), dir);
    for (const entry of entries) if (entry.endsWith(specSuffix)) names.add(entry.slice(0, -specSuffix.length));
  }
  return [...names].sort();
}

/**
 * Reads the spec called `name`. When there is none, the problem is the directive's
 * (`file` is left empty for the caller to fill in with the Markdown file and place).
 */
export async function loadSpec(name: string, dirs: readonly string[]): Promise<Loaded<SpecFile>> {
  if (specName.test(name)) {
    for (const dir of dirs) {
      const file = path.join(dir, `${name}${specSuffix}`);
      const read = await readJsonObject(file);
      if (read === 'missing') continue;
      return read.ok ? { ok: true, value: { name, file, ...read.value } } : read;
    }
  }
  const available = await specNames(dirs);
  return { ok: false, problem: { file: '', text: chartMessages.unknownSpec(name, suggest(name, available), available) } };
}

/** Reads the first theme.json in `dirs`: a Vega-Lite config object. */
export async function loadTheme(dirs: readonly string[]): Promise<Loaded<SpecFile>> {
  for (const dir of dirs) {
    const file = path.join(dir, 'theme.json');
    const read = await readJsonObject(file);
    if (read === 'missing') continue;
    return read.ok ? { ok: true, value: { name: 'theme', file, ...read.value } } : read;
  }
  return { ok: false, problem: { file: dirs[dirs.length - 1] ?? '', text: chartMessages.missingTheme(dirs) } };
}

async function readJsonObject(file: string): Promise<Loaded<{ text: string; json: JsonObject; tree: JsonNode }> | 'missing'> {
  // A link in templates/charts/ (or templates/charts/ itself) may point anywhere: only what lies
  // inside the folder that holds templates/ is read (the plan's, or yjplan's own).
  const read = await readText(file, rootOf(path.dirname(file)));
  if (!read.ok) {
    if (read.reason === 'missing') return 'missing';
    if (read.reason === 'outside') return { ok: false, problem: { file, place: { line: 1, column: 1 }, text: planMessages.linkOutsidePlan(path.basename(file)) } };
    return { ok: false, problem: { file, text: chartMessages.specSyntax(read.reason === 'encoding' ? 'the file is not UTF-8 text' : `the file could not be read (${unreadableText(path.basename(file), read).message})`) } };
  }
  if (read.text.length > MAX_SPEC_BYTES) {
    return { ok: false, problem: { file, place: { line: 1, column: 1 }, text: chartMessages.specTooLarge(read.text.length, MAX_SPEC_BYTES) } };
  }
  // Before any parser: jsonc-parser recurses once per level.
  const deep = jsonTooDeep(read.text);
  if (deep) return { ok: false, problem: { file, place: deep, text: chartMessages.specTooDeep(MAX_JSON_DEPTH) } };
  let json: unknown;
  try {
    json = JSON.parse(read.text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: { file, place: jsonErrorPlace(read.text, detail), text: chartMessages.specSyntax(cleanJsonError(detail)) } };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, problem: { file, place: { line: 1, column: 1 }, text: chartMessages.specNotObject() } };
  }
  // JSON.parse said whether it is JSON; jsonc-parser says where each value is, escapes and all.
  const tree = parseTree(read.text, [], { disallowComments: true, allowTrailingComma: false });
  if (!tree) throw new Error(`Internal error: jsonc-parser could not read ${file}, which JSON.parse could`);
  return { ok: true, value: { text: read.text, json: json as JsonObject, tree } };
}

/** V8 reports a character offset ("… in JSON at position 120"); readers want a line and column. */
export function jsonErrorPlace(text: string, detail: string): Place | undefined {
  const position = /position (\d+)/.exec(detail)?.[1];
  const lineColumn = /line (\d+) column (\d+)/.exec(detail);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  // Newer V8 says only "Unexpected token '@', "…" is not valid JSON": a parser that keeps
  // positions finds the place instead (the file's start if even it finds nothing wrong).
  const offset = position !== undefined ? Number(position) : firstJsonError(text);
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

function firstJsonError(text: string): number {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  return errors[0]?.offset ?? 0;
}

const cleanJsonError = (detail: string): string =>
  detail
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/^JSON\.parse: /, '');
