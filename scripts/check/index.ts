/**
 * Checks across the whole plan, made after the sections are transformed: links
 * that lead nowhere (always), and the checks a careful editor makes, which
 * `check` runs (abbreviations missing from the glossary, terms never used).
 */
import { isFileLink } from '../transform/file-links.ts';
import { escapeRegExp } from '../util/regexp.ts';
import { placeAt } from '../safety/invisible.ts';
import type { Element, ElementContent } from 'hast';
import type { Html, Link, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { abbreviationsOf, createMatcher } from '../transform/abbreviations.ts';
import { diagnostic, type Diagnostic } from '../diagnostics/index.ts';
import type { DataEntry } from '../load/index.ts';
import type { ParsedSection } from '../parse/markdown.ts';
import { editorialMessages, markdownMessages } from '../messages/markdown.ts';
import { place } from '../transform/references.ts';
import type { GlossaryData } from '../schema/index.ts';
import { suggest } from '../diagnostics/suggest.ts';
import type { SectionHast } from '../transform/index.ts';
import { placeOf } from '../load/yaml-source.ts';

function eachSection<T extends { children: T[] }>(list: readonly T[], fn: (s: T) => void): void {
  for (const s of list) {
    fn(s);
    eachSection(s.children, fn);
  }
}

/** Every id the page will have: sections, headings, figures and tables. */
export function pageIds(sections: readonly SectionHast[]): Set<string> {
  const ids = new Set<string>(['main']);
  const walk = (nodes: readonly ElementContent[]): void => {
    for (const n of nodes) {
      if (n.type !== 'element') continue;
      if (n.properties.id) ids.add(String(n.properties.id));
      if (n.tagName === 'yjplan-chart') ids.add(String(n.properties.dataId));
      walk((n as Element).children);
    }
  };
  eachSection(sections, (s) => {
    ids.add(s.id);
    walk(s.body);
  });
  return ids;
}

/**
 * An id written twice on the page: a link to it, the contents' page number and a region's name
 * all go to the first, so `<span id="money">` in a section could take over the Money section's.
 * Section ids and the ids the build gives come first; each one written again is an error there.
 * `directiveIds` (charts' and tables') are left to references.ts, which says where each was given.
 */
export function duplicateIds(sections: readonly SectionHast[], directiveIds: ReadonlySet<string>, parsed: readonly ParsedSection[] = []): Diagnostic[] {
  // Each section's Markdown as written, by its file, to find an id where it is written.
  const texts = new Map<string, string>();
  eachSection(parsed, (s) => void (s.text !== undefined && texts.set(s.file, s.text)));
  const seen = new Set<string>(['main']);
  eachSection(sections, (s) => seen.add(s.id));
  const out: Diagnostic[] = [];
  eachSection(sections, (s) => {
    const walk = (nodes: readonly ElementContent[]): void => {
      for (const n of nodes) {
        if (n.type !== 'element') continue;
        const id = n.properties.id === undefined || n.properties.id === null ? undefined : String(n.properties.id);
        if (id !== undefined) {
          if (seen.has(id) && !directiveIds.has(id)) {
            // The sanitiser keeps no positions: the id is found where it is written in the section.
            const start = n.position?.start;
            const written = texts.get(s.file)?.search(new RegExp(`\\bid\\s*=\\s*(["']?)${escapeRegExp(id)}\\1(?![\\w-])`));
            const at = start ? { line: start.line, column: start.column } : written !== undefined && written >= 0 ? placeAt(texts.get(s.file)!, written) : { line: 1, column: 1 };
            out.push(diagnostic(s.file, at, markdownMessages.htmlDuplicateId(id)));
          }
          seen.add(id);
        }
        walk(n.children);
      }
    };
    walk(s.body);
  });
  return out;
}

export function checkLinks(sections: readonly ParsedSection[], ids: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  eachSection(sections, (s) =>
    visit(s.tree as Root, (node) => {
      // A link written as HTML (`<a href="budget.xlsx">`) loses its target as a Markdown one does.
      const urls = node.type === 'link' ? [(node as Link).url] : node.type === 'html' ? [...(node as Html).value.matchAll(HTML_HREF)].map((m) => m[1] ?? m[2] ?? m[3] ?? '') : [];
      for (const url of urls) {
        if (isFileLink(url)) out.push(diagnostic(s.file, place(node), markdownMessages.fileLink(url)));
        else if (node.type === 'link' && url.startsWith('#')) {
          const target = decodeURIComponent(url.slice(1));
          if (ids.has(target)) continue;
          const near = suggest(target, ids);
          const text = markdownMessages.brokenLink(target);
          out.push(diagnostic(s.file, place(node), near ? { ...text, hint: `did you mean #${near}?` } : text));
        }
      }
    }),
  );
  return out;
}

/** The target of each `<a href>` in raw HTML, however quoted. */
const HTML_HREF = /<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

// Two or more capitals, perhaps with a lower-case letter inside (OoCD): how abbreviations look.
const ABBREVIATION = /(?<![\p{L}\p{N}])(\p{Lu}[\p{Lu}\p{Ll}]*\p{Lu}[\p{Lu}]*s?)(?![\p{L}\p{N}])/gu;
const NOT_ABBREVIATIONS = new Set(['I', 'II', 'III', 'IV', 'UK', 'TV', 'OK']);

export function checkGlossary(sections: readonly ParsedSection[], data: ReadonlyMap<string, DataEntry>): Diagnostic[] {
  const entry = [...data.values()].find((e) => e.value.kind === 'glossary');
  if (!entry) return [];
  const glossary = entry.value as GlossaryData;
  const abbreviations = abbreviationsOf(glossary);
  const matcher = createMatcher(abbreviations)!;
  const known = new Set(abbreviations.map((a) => a.form));
  const used = new Set<string>();
  const reported = new Set<string>();
  const out: Diagnostic[] = [];
  eachSection(sections, (s) =>
    visit(s.tree as Root, 'text', (node: Text) => {
      for (const m of node.value.matchAll(matcher)) used.add(m[1]!);
      for (const m of node.value.matchAll(ABBREVIATION)) {
        const word = m[1]!.replace(/s$/, '');
        if (known.has(word) || known.has(m[1]!) || NOT_ABBREVIATIONS.has(word) || reported.has(word) || word.length < 2) continue;
        if (!/\p{Lu}.*\p{Lu}/u.test(word)) continue;
        reported.add(word);
        // "Safer Rotherham Partnership (SRP)" spells the abbreviation out where it is introduced.
        if (node.value[m.index - 1] === '(' && node.value[m.index + m[1]!.length] === ')') continue;
        const start = node.position?.start;
        const before = node.value.slice(0, m.index);
        const lines = before.split('\n');
        const line = (start?.line ?? 1) + lines.length - 1;
        const column = lines.length > 1 ? lines.at(-1)!.length + 1 : (start?.column ?? 1) + before.length;
        out.push(diagnostic(s.file, { line, column }, editorialMessages.termNotInGlossary(word)));
      }
    }),
  );
  // Terms also count as used in other data files' text (priorities, review tables).
  for (const other of data.values()) {
    if (other === entry) continue;
    for (const m of JSON.stringify(other.value).matchAll(matcher)) used.add(m[1]!);
  }
  glossary.terms.forEach((t, i) => {
    const forms = t.match ?? [t.term];
    if (!forms.some((f) => used.has(f))) out.push(diagnostic(entry.file, placeOf(entry.source, ['terms', i, 'term']), editorialMessages.termNeverUsed(t.term)));
  });
  return out;
}
