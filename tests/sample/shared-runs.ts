/**
 * Runs of words the sample plan shares with the published plan it is built from.
 *
 * The sample's text (its Markdown and the text fields of its data) is cut into
 * blocks of words as a reader sees them: directives' syntax goes, their visible
 * words stay (a figure reads as one number, `:ref` as "Figure n"). Both texts are
 * normalised the same way, so a run is not hidden by case, hyphens, "&" for
 * "and", a different figure or the source's run-together table cells.
 */
import type { Nodes, Root } from 'mdast';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { parseMarkdown } from '../../scripts/parse/markdown.ts';

export interface Word {
  word: string;
  file: string;
  line: number;
  column: number;
}

/** Words that a reader reads as one block: a paragraph, a heading, a list item, a cell. */
export type Block = Word[];

export interface Run {
  words: Word[];
  text: string;
}

/** Every figure is the same word: a run must not hide behind a changed number. */
export const NUMBER = '#';

const WORD = /\d+(?:[.,]\d+)*|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/**
 * The words of a piece of text, with where each starts. Words the source's
 * extraction glued together ("EntrantsMonitor", "Chart1a") are split the same
 * way in both texts.
 */
export function words(text: string, at: { file: string; line: number; column: number } = { file: '', line: 1, column: 1 }): Word[] {
  const out: Word[] = [];
  const spaced = text
    .normalize('NFKC')
    .replace(/&/g, ' and ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .replace(/(\d)(\p{L})/gu, '$1 $2');
  // Positions are counted in the spaced text; the inserted spaces only shift
  // columns within a line, which is close enough to find the words by eye.
  const lineStarts = [0];
  for (let i = 0; i < spaced.length; i++) if (spaced[i] === '\n') lineStarts.push(i + 1);
  for (const match of spaced.matchAll(WORD)) {
    const raw = match[0];
    const word = /^\d/.test(raw) ? NUMBER : raw.toLowerCase().replace(/['’-]/g, '');
    const index = match.index ?? 0;
    let l = lineStarts.length - 1;
    while ((lineStarts[l] ?? 0) > index) l--;
    const column = index - (lineStarts[l] ?? 0) + (l === 0 ? at.column : 1);
    out.push({ word, file: at.file, line: at.line + l, column });
  }
  return out;
}

/** The blocks of words in a Markdown text, as the page shows them. */
export function markdownBlocks(file: string, markdown: string, at: (line: number, column: number) => { line: number; column: number } = (line, column) => ({ line, column })): Block[] {
  const tree = parseMarkdown(markdown);
  const blocks: Block[] = [];
  const place = (node: Nodes) => {
    const start = node.position?.start ?? { line: 1, column: 1 };
    return { file, ...at(start.line, start.column) };
  };
  // The visible words of phrasing content.
  const inline = (node: Nodes, into: Word[]): void => {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        into.push(...words(node.value, place(node)));
        return;
      case 'textDirective':
        if (node.name === 'value') into.push({ word: NUMBER, ...place(node) });
        else if (node.name === 'ref') {
          const target = node.children.map((c) => ('value' in c ? c.value : '')).join('');
          const kind = target.startsWith('tbl-') ? 'table' : target.startsWith('fig-') ? 'figure' : 'section';
          into.push({ word: kind, ...place(node) }, { word: NUMBER, ...place(node) });
        } else for (const child of node.children) inline(child, into);
        return;
      default:
        if ('children' in node) for (const child of node.children as Nodes[]) inline(child, into);
    }
  };
  const block = (node: Nodes | Root): void => {
    switch (node.type) {
      case 'yaml':
      case 'code':
      case 'html':
        return;
      case 'paragraph':
      case 'heading':
      case 'tableCell': {
        const block: Word[] = [];
        inline(node, block);
        if (block.length > 0) blocks.push(block);
        return;
      }
      default:
        if ('children' in node) for (const child of node.children as Nodes[]) block(child);
    }
  };
  block(tree);
  return blocks;
}

/** Keys in data files whose strings are names for the machine, not words for a reader. */
const NOT_TEXT = new Set(['kind', 'key', 'type', 'header', 'spec', 'data', 'id', 'format']);

/** The blocks of words in the text fields of a YAML data file (each field is Markdown); `skip` names more keys that hold no text. */
export function dataBlocks(file: string, yamlText: string, skip: readonly string[] = []): Block[] {
  const lines = yamlText.split('\n');
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter });
  const blocks: Block[] = [];
  const visit = (node: YamlNode | null | undefined, key: string | undefined): void => {
    if (!node) return;
    if (isMap(node)) {
      for (const pair of node.items) visit(pair.value as YamlNode | null, isScalar(pair.key) ? String(pair.key.value) : undefined);
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item as YamlNode, key);
    } else if (isScalar(node) && typeof node.value === 'string' && !(key && (NOT_TEXT.has(key) || skip.includes(key)))) {
      const start = lineCounter.linePos(node.range?.[0] ?? 0);
      // A block scalar's text starts on the line after its indicator, indented.
      const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
      const at = (line: number, column: number) => {
        const yamlLine = start.line + line - 1 + (block ? 1 : 0);
        const indent = block ? (/^ */.exec(lines[yamlLine - 1] ?? '')?.[0].length ?? 0) : line === 1 ? start.col - 1 : 0;
        return { line: yamlLine, column: column + indent };
      };
      blocks.push(...markdownBlocks(file, node.value, at));
    }
  };
  visit(doc.contents as YamlNode, undefined);
  return blocks;
}

/**
 * Replaces each occurrence of a name or title with one word of its own, so a
 * name counts as a single word wherever it is, in both texts.
 */
export function collapseNames(block: Word[], names: readonly Word[][]): Word[] {
  const longestFirst = [...names].filter((n) => n.length > 0).sort((a, b) => b.length - a.length);
  const out: Word[] = [];
  for (let i = 0; i < block.length; ) {
    const name = longestFirst.find((n) => n.every((w, k) => block[i + k]?.word === w.word));
    const here = block[i] as Word;
    if (name) {
      out.push({ ...here, word: `«${name.map((w) => w.word).join(' ')}»` });
      i += name.length;
    } else {
      out.push(here);
      i += 1;
    }
  }
  return out;
}

/** Every maximal run of at least `length` words in a block that also occur, in order, in the source. */
export function sharedRuns(blocks: readonly Block[], source: readonly Word[], length: number): Run[] {
  const grams = new Set<string>();
  for (let i = 0; i + length <= source.length; i++) grams.add(source.slice(i, i + length).map((w) => w.word).join(' '));
  const runs: Run[] = [];
  for (const block of blocks) {
    const shared = new Array<boolean>(block.length).fill(false);
    for (let i = 0; i + length <= block.length; i++) {
      if (grams.has(block.slice(i, i + length).map((w) => w.word).join(' '))) shared.fill(true, i, i + length);
    }
    for (let i = 0; i < block.length; ) {
      if (!shared[i]) {
        i++;
        continue;
      }
      let end = i;
      while (end < block.length && shared[end]) end++;
      const run = block.slice(i, end);
      runs.push({ words: run, text: run.map((w) => w.word).join(' ') });
      i = end;
    }
  }
  return runs;
}

/** How many words a run holds, a collapsed name counting as the words it stands for. */
export const wordCount = (run: Run): number => run.words.reduce((n, w) => n + (w.word.startsWith('«') ? w.word.split(' ').length : 1), 0);
