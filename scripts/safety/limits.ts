/**
 * Limits on the shape of input, so that no plan can hang the build or overflow the stack.
 * The Markdown parser slows down sharply on very deep indentation and long runs of `*` or
 * `_`, and the tree utilities recurse once per level of nesting. No real plan comes near
 * these limits; a damaged or hostile file can, and is then reported instead of built.
 */
import type { Root as HastRoot } from 'hast';
import { raw } from 'hast-util-raw';
import type { Place } from '../diagnostics/index.ts';

/** Columns of indentation (a list nested about 60 deep). */
export const MAX_INDENT = 128;
/** Blockquote or list markers at the start of one line. */
export const MAX_QUOTE_MARKERS = 32;
/** `*`, `_` or `[` in a row. */
export const MAX_DELIMITER_RUN = 100;
/** Levels of nesting in a Markdown or HTML tree. */
export const MAX_TREE_DEPTH = 100;

const DELIMITER_RUN = new RegExp(`\\*{${MAX_DELIMITER_RUN + 1}}|_{${MAX_DELIMITER_RUN + 1}}|\\[{${MAX_DELIMITER_RUN + 1}}`);

export type TextProblem = { place: Place; kind: 'indent' | 'quotes' | 'delimiters' };

/** The first place in `text` past one of the limits above, if any. */
export function tooComplex(text: string): TextProblem | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const indent = /^[ \t]*/.exec(line)![0];
    const columns = [...indent].reduce((n, c) => (c === '\t' ? n + 4 - (n % 4) : n + 1), 0);
    if (columns > MAX_INDENT) return { place: { line: i + 1, column: 1 }, kind: 'indent' };
    // Blockquote and list markers opening containers one inside another on one line: `> - > 1. …`
    const containers = /^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*/.exec(line)![0].match(/>|[-+*]|\d{1,9}[.)]/g)?.length ?? 0;
    if (containers > MAX_QUOTE_MARKERS) return { place: { line: i + 1, column: 1 }, kind: 'quotes' };
    if (/^\s*([*_])(\s*\1)*\s*$/.test(line)) continue; // a thematic break, however long
    const run = DELIMITER_RUN.exec(line);
    if (run) return { place: { line: i + 1, column: run.index + 1 }, kind: 'delimiters' };
  }
  return undefined;
}

interface TreeNode {
  children?: TreeNode[];
  position?: { start: { line: number; column: number } } | undefined;
}

/** The first node nested deeper than `limit`, found without recursing (so it cannot overflow itself). */
export function tooDeep(tree: TreeNode, limit = MAX_TREE_DEPTH): TreeNode | undefined {
  const stack: Array<[TreeNode, number]> = [[tree, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return node;
    for (const child of node.children ?? []) stack.push([child, depth + 1]);
  }
  return undefined;
}

/**
 * hast-util-raw, which recurses once per level of the HTML it parses: returns undefined
 * (instead of overflowing the stack) when the HTML is nested too deeply to handle.
 */
export function parseRaw(tree: HastRoot): HastRoot | undefined {
  try {
    const parsed = raw(tree) as HastRoot;
    return tooDeep(parsed as TreeNode) ? undefined : parsed;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Levels of arrays and objects in a chart spec or theme (Vega-Lite's own specs go about 10 deep). */
export const MAX_JSON_DEPTH = 64;
/** Bytes in one chart spec or theme file. */
export const MAX_SPEC_BYTES = 256 * 1024;

/**
 * Where JSON text first opens more than `limit` arrays or objects one inside another, found by
 * a scan that neither parses nor recurses, so a spec nested thousands deep is reported before
 * any parser that recurses could overflow on it.
 */
export function jsonTooDeep(text: string, limit = MAX_JSON_DEPTH): Place | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      lineStart = i + 1;
    }
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      if (++depth > limit) return { line, column: i - lineStart + 1 };
    } else if (c === ']' || c === '}') depth--;
  }
  return undefined;
}
