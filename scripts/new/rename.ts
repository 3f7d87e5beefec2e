/**
 * Renaming ids that name the old period (`priorities-2019-21` → `priorities-2021-23`) and the
 * old review (`review-2018` → `review-2019-21`), and the references that follow them: in
 * directives (`::table{data=…}`, `:value[file.key]`, `:ref[id]`, `#id`) and links to `#id`,
 * whether they are in Markdown or in the text of a data file. Prose is never touched: the
 * stale-period check lists it for a person to rewrite.
 */
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

// `:name[label]{attributes}` with one to three colons; labels and attributes on one line.
const DIRECTIVE = /(?<![A-Za-z0-9])(:{1,3})([a-z][a-z-]*)(\[[^\]\n]*\])?(\{[^}\n]*\})?/g;
const LINK = /\]\(#([^)\s]+)\)/g;

/** `text` with the ids in its directives and links renamed; `count` says how many changed. */
export function renameReferences(text: string, rename: (id: string) => string): { text: string; count: number } {
  let count = 0;
  const swap = (s: string): string => {
    const out = rename(s);
    if (out !== s) count++;
    return out;
  };
  const renamed = text
    .replace(DIRECTIVE, (whole, colons: string, name: string, label: string | undefined, attributes: string | undefined) => {
      if (!label && !attributes) return whole;
      const newLabel = label && (name === 'value' || name === 'ref') ? swap(label) : (label ?? '');
      return `${colons}${name}${newLabel}${attributes ? swap(attributes) : ''}`;
    })
    .replace(LINK, (_, id: string) => `](#${swap(id)})`);
  return { text: renamed, count };
}
