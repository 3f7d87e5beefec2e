/**
 * The stale-period check (`check`): text that still names the last plan's period, or a year of
 * it, as if it were this plan's, as when a plan is started from last year's. A mention is taken
 * as past, and left alone, when the words just before it in its sentence say so (last, previous,
 * earlier, prior, review…) or when it is in a review of last year's priorities, whose business is the past.
 */
import type { Root, Text } from 'mdast';
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { SKIP, visit } from 'unist-util-visit';
import { diagnostic, type Diagnostic, type MessageText, type Place } from '../diagnostics/index.ts';
import type { LoadedPlan } from '../load/index.ts';
import type { YamlSource } from '../load/yaml-source.ts';
import { periodMessages } from '../messages/period.ts';
import { formatPeriod, parsePeriod, previousPeriod, spanPattern, yearsOf, type Period } from '../new/period.ts';
import type { ParsedSection } from '../parse/markdown.ts';

/** Words that, earlier in the same sentence, say the period named is a past one. */
const PAST = /\b(?:last|previous|prior|earlier|former|review(?:ed|ing)?|looking back)\b/i;

interface Finder {
  pattern: RegExp;
  describe: (found: string) => MessageText;
}

export function stalePeriodFinder(period: Period): Finder | undefined {
  // A plan for a single year (`period: 2025`) would flag every mention of last year: not checked.
  if (period.style === 'year') return undefined;
  const previous = previousPeriod(period);
  const spans = [previous, ...(previous.end - previous.start > 1 ? yearsOf(previous) : [])];
  const pattern = new RegExp(spans.map((s) => spanPattern(s.start, s.end)).join('|'), 'g');
  return { pattern, describe: (found) => periodMessages.stale(found, formatPeriod(previous), formatPeriod(period)) };
}

/** Where `text` names a stale period as if current: offsets into `text`. */
export function staleMentions(text: string, finder: Finder): Array<{ index: number; found: string }> {
  const out: Array<{ index: number; found: string }> = [];
  for (const m of text.matchAll(finder.pattern)) {
    const before = text.slice(0, m.index);
    // Only the words just before it count: "review" far back in a long action is no sign.
    const sentence = before.slice(Math.max(before.search(/[^.!?]*$/), before.lastIndexOf('\n\n') + 1, before.length - 40));
    if (PAST.test(sentence)) continue;
    out.push({ index: m.index, found: m[0] });
  }
  return out;
}

function placeAt(text: string, index: number, start: { line: number; column: number }): Place {
  const lines = text.slice(0, index).split('\n');
  return { line: start.line + lines.length - 1, column: lines.length > 1 ? lines.at(-1)!.length + 1 : start.column + index };
}

export function checkStalePeriods(plan: LoadedPlan, sections: readonly ParsedSection[]): Diagnostic[] {
  const period = parsePeriod(plan.meta.period);
  const finder = period && stalePeriodFinder(period);
  if (!finder) return [];
  const out: Diagnostic[] = [];
  const report = (file: string, text: string, start: { line: number; column: number }) => {
    for (const m of staleMentions(text, finder)) out.push(diagnostic(file, placeAt(text, m.index, start), finder.describe(m.found)));
  };

  // Section titles, from the front matter's own lines.
  const walkSources = (list: LoadedPlan['sections']): void => {
    for (const s of list) {
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(s.text);
      if (front) report(s.file, front[1]!, { line: 2, column: 1 });
      walkSources(s.children);
    }
  };
  walkSources(plan.sections);

  // The prose. Directive labels (`:value[…]`, `:ref[…]`) are names, not text.
  const walkParsed = (list: readonly ParsedSection[]): void => {
    for (const s of list) {
      visit(s.tree as Root, (node) => {
        if (node.type === 'textDirective' || node.type === 'leafDirective') return SKIP;
        if (node.type === 'text' && node.position) report(s.file, (node as Text).value, node.position.start);
        return undefined;
      });
      walkParsed(s.children);
    }
  };
  walkParsed(sections);

  // plan.yaml's words a reader sees: the title, and the colophon at the foot of the cover.
  scanYaml(plan.metaSource, ['title', 'colophon'], report);
  for (const entry of plan.data.values()) {
    if (entry.value.kind !== 'review') scanYaml(entry.source, undefined, report);
  }
  return out;
}

type Report = (file: string, text: string, start: { line: number; column: number }) => void;

/**
 * Every string value of a YAML file (or only those under `keys` at the top), read from the
 * file's own text, so that a place is exact even inside a block scalar.
 */
function scanYaml(source: YamlSource, keys: readonly string[] | undefined, report: Report): void {
  const text = source.text;
  const visitNode = (node: unknown, key: string | undefined): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const name = String(pair.key.value);
        if (keys && node === source.doc.contents && !keys.includes(name)) continue;
        if (name === 'kind') continue;
        visitNode(pair.value, name);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visitNode(item, key);
    } else if (isScalar(node) && typeof node.value === 'string' && (node as Node).range) {
      const [from, to] = (node as Node).range!;
      const start = source.lineCounter.linePos(from);
      report(source.file, text.slice(from, to), { line: start.line + source.lineOffset, column: start.col });
    }
  };
  visitNode(source.doc.contents, undefined);
}

