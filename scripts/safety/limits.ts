/**
 * Limits on the shape of input, so that no plan can hang the build or overflow the stack.
 * The Markdown parser slows down sharply on very deep indentation and long runs of `*` or
 * `_`, and the tree utilities recurse once per level of nesting. No real plan comes near
 * these limits; a damaged or hostile file can, and is then reported instead of built.
 */
import type { Root as HastRoot } from 'hast';
import { fromHtml } from 'hast-util-from-html';
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

/** Bytes in any text file of a plan (plan.yaml, a data file, a section), checked on disk before it is read. */
export const MAX_TEXT_FILE_BYTES = 4 * 1024 * 1024;
/** Characters in one section's Markdown (the sample's longest is 5 000; 1 MB of plain prose builds in seconds). */
export const MAX_SECTION_CHARS = 1536 * 1024;
/** Characters of Markdown in the whole plan (the sample has 38 000). */
export const MAX_SECTIONS_CHARS = 4 * 1024 * 1024;
/**
 * The cost of one file's markers: the square of each paragraph's (or table row's) count of each
 * kind, summed, as the parser's time grows. About twenty paragraphs at the limit above; a table of
 * ten thousand rows with a few markers in each is well within it.
 */
export const MAX_MARKER_COST = 2_000_000;
/** Lines read inside open `:::` blocks, counted once for each block they are inside. */
export const MAX_FENCED_LINES = 20_000;
/**
 * Inline markers of one kind (emphasis `*` `_` `~`, brackets `[`, angle brackets `<`, backticks)
 * in one paragraph, or in one row of a table. The Markdown parser pairs these up in time that
 * grows with the square of their number, or worse: 2 000 emphasis markers in a paragraph take
 * seconds, 1 000 nested `![` tens of seconds. A paragraph of prose has a few dozen. Brackets: a third of this.
 */
export const MAX_INLINE_MARKERS = 300;
/** `:::` directive fences (opening or closing) in one file: each nested one makes every later line slower. */
export const MAX_FENCES = 400;
/** `:::` containers open one inside another. */
export const MAX_FENCE_DEPTH = 8;
/**
 * Blocks in one file: paragraphs, headings, list items, quotes, footnote definitions, each
 * counted where it starts. The parser keeps a dozen events for each, so a file of tens of
 * thousands of tiny paragraphs takes a minute and gigabytes while still far under the size
 * limit. The sample's longest section has under a hundred; a long section a few hundred.
 */
export const MAX_BLOCKS = 5_000;

export type TextProblem = { place: Place; kind: 'indent' | 'quotes' | 'delimiters' | 'markers' | 'file-markers' | 'fences' | 'fence-depth' | 'fenced-lines' | 'blocks' };

/** Each kind of marker, and how many of it one paragraph may hold: brackets nest worst (`![` inside `![`). */
const MARKERS: ReadonlyArray<[RegExp, number]> = [
  [/[*_~]+/g, MAX_INLINE_MARKERS],
  [/\[/g, MAX_INLINE_MARKERS / 3],
  [/</g, MAX_INLINE_MARKERS],
  [/`+/g, MAX_INLINE_MARKERS],
];
const TABLE_DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
const FENCE = /^(?:[ \t]*>)*[ \t]*(:{3,})[ \t]*(\S?)/;
const CODE_FENCE = /^(?:[ \t]*>)*[ \t]{0,3}(`{3,}|~{3,})/;
/** A line that starts a block even straight after another line: a heading, quote, list item, rule or definition. */
const BLOCK_START = /^[ \t]*(?:#|>|[-+*][ \t]|\d{1,9}[.)][ \t]|[-*_](?:[ \t]*[-*_]){2,}[ \t]*$|\[[^\]]*\]:)/;

/** The first place in `text` past one of the limits above, if any. Linear in the text: it parses nothing. */
export function tooComplex(text: string): TextProblem | undefined {
  return tooComplexLines(text) ?? tooMarked(text);
}

/** Counts markers per paragraph (per row in a table), and `:::` fences and blocks per file, outside code blocks. */
function tooMarked(text: string): TextProblem | undefined {
  const lines = text.split('\n');
  let fences = 0;
  const open: number[] = [];
  let code: string | undefined;
  let block: number[] = [];
  let cost = 0;
  let fenced = 0;
  let blocks = 0;
  let afterBlank = true;
  // Front matter is YAML, not blocks.
  const frontEnd = lines[0]?.trimEnd() === '---' ? lines.findIndex((l, i) => i > 0 && l.trimEnd() === '---') : -1;
  const checkBlock = (): TextProblem | undefined => {
    const table = block.some((i) => TABLE_DELIMITER_ROW.test(lines[i]!) && lines[i]!.includes('-'));
    const groups = table ? block.map((i) => [i]) : [block];
    // An HTML block (a line that starts with a tag) is read as HTML, where `<` costs nothing extra;
    // its nesting is limited once parsed (html:too-deep).
    const html = block.length > 0 && /^ {0,3}</.test(lines[block[0]!]!);
    for (const group of groups) {
      for (const [pattern, limit] of MARKERS) {
        if (html && pattern.source === '<') continue;
        let count = 0;
        const last = group.at(-1)!;
        for (const i of group) {
          for (const m of lines[i]!.matchAll(pattern)) {
            count += m[0].length;
            if (count > limit) return { place: { line: i + 1, column: m.index + 1 }, kind: 'markers' };
          }
        }
        cost += count * count;
        if (cost > MAX_MARKER_COST) return { place: { line: last + 1, column: 1 }, kind: 'file-markers' };
      }
    }
    return undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const codeFence = CODE_FENCE.exec(line);
    if (code !== undefined) {
      if (codeFence && codeFence[1]![0] === code[0] && codeFence[1]!.length >= code.length) code = undefined;
      continue;
    }
    const blank = line.trim() === '';
    if (!blank && i > frontEnd && (afterBlank || BLOCK_START.test(line)) && ++blocks > MAX_BLOCKS) return { place: { line: i + 1, column: 1 }, kind: 'blocks' };
    afterBlank = blank;
    if (codeFence) {
      code = codeFence[1]!;
      continue;
    }
    fenced += open.length;
    if (fenced > MAX_FENCED_LINES) return { place: { line: i + 1, column: 1 }, kind: 'fenced-lines' };
    const fence = FENCE.exec(line);
    if (fence) {
      if (++fences > MAX_FENCES) return { place: { line: i + 1, column: 1 }, kind: 'fences' };
      if (fence[2]) {
        open.push(fence[1]!.length);
        if (open.length > MAX_FENCE_DEPTH) return { place: { line: i + 1, column: 1 }, kind: 'fence-depth' };
      } else {
        // A closing fence closes the innermost block it is long enough for, and those inside it.
        let at = open.length - 1;
        while (at >= 0 && fence[1]!.length < open[at]!) at--;
        if (at >= 0) open.length = at;
      }
    }
    if (blank) {
      const problem = checkBlock();
      if (problem) return problem;
      block = [];
    } else block.push(i);
  }
  return checkBlock();
}

function tooComplexLines(text: string): TextProblem | undefined {
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

/**
 * HTML text as a fragment's tree, or undefined when it is nested too deeply for hast's
 * converter, which recurses once per level (for an SVG picture or the site frame).
 */
export function parseHtmlText(text: string): HastRoot | undefined {
  try {
    return fromHtml(text, { fragment: true });
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * Where HTML text first opens more than `limit` tags that are still open, by counting tags (not
 * parsing): for placing the message when the parser itself overflows. Linear in the text.
 */
export function htmlTooDeepAt(text: string, limit = MAX_TREE_DEPTH): Place | undefined {
  const tag = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g;
  let depth = 0;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (!m[2] || VOID_ELEMENTS.has(m[2].toLowerCase()) || m[3]) continue;
    depth = m[1] ? Math.max(0, depth - 1) : depth + 1;
    if (depth > limit) {
      const before = text.slice(0, m.index);
      const line = before.split('\n').length;
      return { line, column: m.index - before.lastIndexOf('\n') };
    }
  }
  return undefined;
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

/** Bytes in one picture file, checked on disk before it is read (a full-page photograph is 2–5 MB). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Bytes in one SVG picture, which is parsed and sanitised, not only copied. */
export const MAX_SVG_BYTES = 2 * 1024 * 1024;
/**
 * Shapes an SVG picture may draw, counting each `<use>` as the copy it draws: ten `<use>` of ten
 * `<use>`, nine deep, is a file of 2 KB that draws a thousand million shapes.
 */
export const MAX_SVG_DRAWN = 100_000;
/** Bytes of pictures in the whole plan, each counted every time it is shown: the page holds them all. */
export const MAX_IMAGES_BYTES = 40 * 1024 * 1024;

// Chart limits live apart, so the chart renderer's thread loads them without the HTML parser above.
export * from './chart-limits.ts';
