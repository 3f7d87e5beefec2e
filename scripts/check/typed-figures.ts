/**
 * The typed-figure check (`check`): numbers typed into the prose or into the text of data files,
 * where they cannot follow the data when it changes. Years, periods (2019/21), dates, times,
 * durations ("within 12 months"), ages and the numbers inside names (Section 39, Phases 2 and 3,
 * Q1, Year 11) are not figures; `:value[…]` and `:ref[…]` are quoted, not typed.
 */
import type { Root, Text } from 'mdast';
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { SKIP, visit } from 'unist-util-visit';
import { diagnostic, type Diagnostic, type Place } from '../diagnostics/index.ts';
import type { LoadedPlan } from '../load/index.ts';
import type { YamlSource } from '../load/yaml-source.ts';
import { editorialMessages } from '../messages/markdown.ts';
import type { ParsedSection } from '../parse/markdown.ts';

const NUMBER = /[£$]?\d+(?:[.,]\d+)*%?/g;
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** Words that a number names something after: Section 39, Phases 2 and 3, Key Stage 4. */
const NAMING =
  /\b(?:sections?|s\.|phases?|parts?|stages?|tiers?|levels?|appendix|appendices|chapters?|articles?|schedules?|rules?|standards?|tables?|figures?|charts?|pages?|p\.|years?|acts?|no\.|numbers?|steps?|options?|annex(?:es)?|paragraphs?|clauses?|items?|versions?|rooms?|wards?|objectives?|priorit(?:y|ies)|recommendations?|grades?|units?|blocks?|floors?|routes?)\s+(?:\d+[a-z]?(?:\(\d+\))?\s*(?:,|and|or|to|–|-|&)\s*)*$/i;
/** An age: aged 10 to 16, the age of 16. */
const AGE = /\b(?:aged?|ages|age of)\s+(?:\d+\s*(?:,|and|or|to|–|-)\s*)*$/i;
const MONTH_BEFORE = new RegExp(`\\b${MONTH}\\.?\\s+$`, 'i');
const MONTH_AFTER = new RegExp(`^\\s+${MONTH}\\b`, 'i');
const DURATION = /^\s*(?:-|–)?\s*(?:months?|weeks?|days?|hours?|minutes?|years?|year-olds?)\b/i;
/** Where a directive sits in text: its label and attributes are names, not prose. */
const DIRECTIVE = /:{1,3}[a-z][\w-]*(?:\[[^\]\n]*\])?(?:\{[^}\n]*\})?/gi;

/** Where `text` holds a typed figure: offsets into `text`. */
export function typedFigures(text: string): Array<{ index: number; found: string }> {
  const quoted: Array<[number, number]> = [...text.matchAll(DIRECTIVE)].map((m) => [m.index, m.index + m[0].length]);
  const out: Array<{ index: number; found: string }> = [];
  for (const m of text.matchAll(NUMBER)) {
    const found = m[0];
    const start = m.index;
    const end = start + found.length;
    if (quoted.some(([from, to]) => start >= from && start < to)) continue;
    const before = text.slice(0, start);
    const after = text.slice(end);
    // Part of a word, a code or a time: Q1, 11am, 2nd, 10:30, 1:many, 39(5), 90-92.
    if (/[\p{L}\p{N}_:(]$/u.test(before) || /^[\p{L}_:(]/u.test(after)) continue;
    if (/\d[-–/]$/.test(before) && /^\d+$/.test(found)) continue;
    const plain = found.replace(/[£$%]/g, '');
    // A year, or a span of years: 1998, 2019/21, 2016-2019.
    if (/^(?:19|20)\d\d$/.test(plain) || (/^(?:19|20)\d\d$/.test(plain.slice(0, 4)) && /^[/–-]\d/.test(after))) continue;
    if (/^\d{1,2}$/.test(plain) && /^[/–-](?:19|20)?\d\d\b/.test(after) && /^\d{4}/.test(text.slice(start - 5, start))) continue;
    if (MONTH_BEFORE.test(before) || MONTH_AFTER.test(after)) continue;
    if (NAMING.test(before) || AGE.test(before)) continue;
    if (DURATION.test(after) && !/[£$%]/.test(found)) continue;
    out.push({ index: start, found });
  }
  return out;
}

function placeAt(text: string, index: number, start: { line: number; column: number }): Place {
  const lines = text.slice(0, index).split('\n');
  return { line: start.line + lines.length - 1, column: lines.length > 1 ? lines.at(-1)!.length + 1 : start.column + index };
}

/** The text fields of data files that the page shows as prose. */
const PROSE_KEYS = new Set(['area', 'action', 'outcome', 'owner', 'description', 'caption', 'notes', 'source', 'definition']);

export function checkTypedFigures(plan: LoadedPlan, sections: readonly ParsedSection[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (file: string, text: string, start: { line: number; column: number }) => {
    for (const m of typedFigures(text)) out.push(diagnostic(file, placeAt(text, m.index, start), editorialMessages.typedFigure(m.found)));
  };
  const walk = (list: readonly ParsedSection[]): void => {
    for (const s of list) {
      visit(s.tree as Root, (node) => {
        if (node.type === 'textDirective' || node.type === 'leafDirective') return SKIP;
        if (node.type === 'text' && node.position) report(s.file, (node as Text).value, node.position.start);
        // An image's alt text, which starts after its `![`.
        if (node.type === 'image' && node.alt && node.position) report(s.file, node.alt, { line: node.position.start.line, column: node.position.start.column + 2 });
        return undefined;
      });
      walk(s.children);
    }
  };
  walk(sections);
  for (const entry of plan.data.values()) {
    if (entry.value.kind === 'values' || entry.value.kind === 'accessibility' || entry.value.kind === 'signoff') continue;
    scanProse(entry.source, report);
  }
  return out;
}

/** The prose fields of a data file, read from the file's own text so that a place is exact. */
function scanProse(source: YamlSource, report: (file: string, text: string, start: { line: number; column: number }) => void): void {
  const visitNode = (node: unknown, key: string | undefined): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isPair(pair) && isScalar(pair.key)) visitNode(pair.value, String(pair.key.value));
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visitNode(item, key);
    } else if (key && PROSE_KEYS.has(key) && isScalar(node) && typeof node.value === 'string' && (node as Node).range) {
      const [from, to] = (node as Node).range!;
      const start = source.lineCounter.linePos(from);
      report(source.file, source.text.slice(from, to), { line: start.line + source.lineOffset, column: start.col });
    }
  };
  visitNode(source.doc.contents, undefined);
}
