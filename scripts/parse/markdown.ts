/**
 * Stage 2, parse: each section's Markdown into an mdast tree, with its front
 * matter validated and its number given from the outline.
 */
import { noCache, type Memo } from '../build/cache.ts';
import type { Root, Yaml } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { diagnostic, type Diagnostic } from '../diagnostics/index.ts';
import { MAX_SECTION_CHARS, MAX_SECTIONS_CHARS, tooComplex, tooDeep } from '../safety/limits.ts';
import { markdownMessages } from '../messages/markdown.ts';
import type { SectionSource } from '../load/index.ts';
import { sectionNumber, type NumberingStyle } from '../transform/numbering.ts';
import { frontMatterSchema, type PageBreak } from '../schema/index.ts';
import { validate } from '../load/validate.ts';
import { parseYaml } from '../load/yaml-source.ts';
import { invisibleProblems } from '../safety/invisible.ts';

export interface ParsedSection {
  id: string;
  level: number;
  number: string;
  file: string;
  title: string;
  short?: string | undefined;
  /** The front matter's `page-break`, if any. */
  pageBreak?: PageBreak | undefined;
  tree: Root;
  /** The Markdown as written, for what the tree keeps only in part (an image's alt text). */
  text?: string | undefined;
  children: ParsedSection[];
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective);

export function parseMarkdown(text: string): Root {
  return processor.runSync(processor.parse(text)) as Root;
}

/**
 * `cache` keeps trees for the next build in this process (the preview); `parse` is the parser to
 * use, which may keep them for the next process (stored-trees.ts).
 */
export function parseSections(
  sources: readonly SectionSource[],
  style: NumberingStyle,
  cache: Memo = noCache,
  parse: (text: string) => Root = parseMarkdown,
): { sections: ParsedSection[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let total = 0;
  const walk = (list: readonly SectionSource[], prefix: number[]): ParsedSection[] =>
    list.map((source, index) => {
      const positions = [...prefix, index + 1];
      total += source.text.length;
      const parsed = total > MAX_SECTIONS_CHARS ? tooMuch(source, total, diagnostics) : parseWithinLimits(source, diagnostics, cache, parse);
      const tree = parsed ?? { type: 'root', children: [] };
      const front = parsed ? readFrontMatter(source, tree, diagnostics) : undefined;
      return {
        id: source.id,
        level: source.level,
        number: sectionNumber(style, positions),
        file: source.file,
        title: front?.title ?? source.id,
        short: front?.short,
        pageBreak: front?.['page-break'],
        tree: { ...tree, children: tree.children.filter((n) => n.type !== 'yaml') },
        text: source.text,
        children: walk(source.children, positions),
      };
    });
  return { sections: walk(sources, []), diagnostics };
}

/** The section's tree, or nothing (with the reason reported) when the text is past the limits. */
function parseWithinLimits(source: SectionSource, diagnostics: Diagnostic[], cache: Memo, parse: (text: string) => Root): Root | undefined {
  if (source.text.length > MAX_SECTION_CHARS) {
    diagnostics.push(diagnostic(source.file, { line: 1, column: 1 }, markdownMessages.sectionTooLong(source.text.length, MAX_SECTION_CHARS)));
    return undefined;
  }
  const complex = tooComplex(source.text);
  if (complex) {
    diagnostics.push(diagnostic(source.file, complex.place, markdownMessages.tooComplex(complex.kind)));
    return undefined;
  }
  const tree = cache.memo(`md\0${source.text}`, () => parse(source.text));
  const deep = tooDeep(tree);
  if (deep) {
    diagnostics.push(diagnostic(source.file, deep.position ? { line: deep.position.start.line, column: deep.position.start.column } : { line: 1, column: 1 }, markdownMessages.tooDeep('Markdown')));
    return undefined;
  }
  return tree;
}

/** Past the plan's total: this section and those after it are not parsed. */
function tooMuch(source: SectionSource, total: number, diagnostics: Diagnostic[]): undefined {
  if (total - source.text.length <= MAX_SECTIONS_CHARS) diagnostics.push(diagnostic(source.file, { line: 1, column: 1 }, markdownMessages.sectionsTooLong(total, MAX_SECTIONS_CHARS)));
  return undefined;
}

function readFrontMatter(source: SectionSource, tree: Root, diagnostics: Diagnostic[]) {
  const yaml = tree.children.find((n): n is Yaml => n.type === 'yaml');
  if (!yaml) {
    diagnostics.push(diagnostic(source.file, { line: 1, column: 1 }, markdownMessages.noFrontMatter()));
    return undefined;
  }
  // The YAML starts on the line after the opening `---`.
  const parsed = parseYaml(source.file, yaml.value, yaml.position?.start.line ?? 1);
  // Characters as written were reported with the file's text (load); those an escape makes are not seen there.
  diagnostics.push(...parsed.diagnostics, ...invisibleProblems(source.file, yaml.value, parsed.source.doc, (yaml.position?.start.line ?? 1), true));
  if (parsed.value === undefined) return undefined;
  const checked = validate(frontMatterSchema, parsed.source, parsed.value ?? {});
  diagnostics.push(...checked.diagnostics);
  return checked.value;
}
