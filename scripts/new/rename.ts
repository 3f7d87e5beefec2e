/**
 * Renaming ids that name the old period (`priorities-2019-21` → `priorities-2021-23`) and the
 * old review (`review-2018` → `review-2019-21`), and the references that follow them: in
 * directives (`::table{data=…}`, `:value[file.key]`, `:ref[id]`, `#id`), links to `#id`, and a
 * values file's derived figures (`share: [file.key, file.row.column]`), whether in Markdown or in
 * the text of a data file. Prose is never touched: the stale-period check lists it for a person
 * to rewrite.
 *
 * A quoted figure names a file and then a key in it. The file follows its rename, and so does a
 * values file's key (`new --from` renames those keys); a table's row and column are headings of
 * its figures, which keep the period they were counted for, so they stay as they are.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import { parseYaml } from '../load/yaml-source.ts';
import { derivedOperations } from '../schema/values.ts';
import { escapeRegExp } from '../util/regexp.ts';

export type Renames = ReadonlyMap<string, string>;

/** A renamer for every token of `renames`, found as a whole part of an id (between hyphens, dots or edges). */
export function renamer(renames: Renames): (id: string) => string {
  if (renames.size === 0) return (id) => id;
  // Longest first, and in one pass, so that a name made by one rename is never renamed again.
  const tokens = [...renames.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  const pattern = new RegExp(`(?<![A-Za-z0-9])(?:${tokens.join('|')})(?![A-Za-z0-9])`, 'g');
  return (id) => id.replace(pattern, (token) => renames.get(token) ?? token);
}

/**
 * A renamer for quoted figures (`file.key`, `file.row.column`, or a bare `file` as `count:` names
 * it): the file is renamed, and the key too when `valuesFiles` holds the file's old name.
 */
export function figureRenamer(rename: (id: string) => string, valuesFiles: ReadonlySet<string>): (ref: string) => string {
  return (ref) => {
    const dot = ref.indexOf('.');
    if (dot < 0) return rename(ref);
    const file = ref.slice(0, dot);
    const rest = ref.slice(dot + 1);
    return `${rename(file)}.${valuesFiles.has(file) ? rename(rest) : rest}`;
  };
}

// `:name[label]{attributes}` with one to three colons; labels and attributes on one line.
const DIRECTIVE = /(?<![A-Za-z0-9])(:{1,3})([a-z][a-z-]*)(\[[^\]\n]*\])?(\{[^}\n]*\})?/g;
const LINK = /\]\(#([^)\s]+)\)/g;

/**
 * `text` with the ids in its directives and links renamed; `count` says how many changed.
 * `figure` renames the figure a `:value[…]` quotes (by default as any other id).
 */
export function renameReferences(text: string, rename: (id: string) => string, figure: (ref: string) => string = rename): { text: string; count: number } {
  let count = 0;
  const swapWith = (s: string, by: (id: string) => string): string => {
    const out = by(s);
    if (out !== s) count++;
    return out;
  };
  const swap = (s: string): string => swapWith(s, rename);
  const renamed = text
    .replace(DIRECTIVE, (whole, colons: string, name: string, label: string | undefined, attributes: string | undefined) => {
      if (!label && !attributes) return whole;
      const newLabel = label && name === 'value' ? `[${swapWith(label.slice(1, -1), figure)}]` : label && name === 'ref' ? swap(label) : (label ?? '');
      return `${colons}${name}${newLabel}${attributes ? swap(attributes) : ''}`;
    })
    .replace(LINK, (_, id: string) => `](#${swap(id)})`);
  return { text: renamed, count };
}

/**
 * A values file's text with the figures its derived figures quote renamed, each in place, so
 * the file keeps its comments and layout; `count` says how many changed.
 */
export function renameDerivedReferences(text: string, figure: (ref: string) => string): { text: string; count: number } {
  // Read as every YAML file of a plan is (YAML 1.2, no merge keys, the same alias limit).
  const doc = parseYaml('', text).source.doc;
  const derived = isMap(doc.contents) ? doc.contents.get('derived', true) : undefined;
  if (!isMap(derived)) return { text, count: 0 };
  const edits: Array<{ from: number; to: number; text: string }> = [];
  const rename = (node: unknown): void => {
    if (isSeq(node)) return node.items.forEach(rename);
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
    const renamed = figure(node.value.trim());
    if (renamed === node.value.trim()) return;
    const [from, to] = node.range;
    edits.push({ from, to, text: text.slice(from, to).replace(node.value.trim(), renamed) });
  };
  for (const pair of derived.items) {
    const def = pair.value;
    if (!isMap(def)) continue;
    for (const op of derivedOperations) rename(def.get(op, true));
  }
  let out = text;
  for (const edit of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, edit.from) + edit.text + out.slice(edit.to);
  return { text: out, count: edits.length };
}
