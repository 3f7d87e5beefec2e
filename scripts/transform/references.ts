/**
 * Numbers every chart and data table in document order before any tree is
 * converted, so that a `:ref` anywhere (even before its target) reads "Figure 3".
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { diagnostic, type Diagnostic } from '../diagnostics/index.ts';
import type { ParsedSection } from '../parse/markdown.ts';
import { markdownMessages } from '../messages/markdown.ts';

export interface Reference {
  id: string;
  kind: 'figure' | 'table';
  number: number;
  label: string;
}

export interface References {
  byId: Map<string, Reference>;
  /** The reference made by each directive, keyed by `file:line:column`. */
  byPlace: Map<string, Reference>;
  /** The first numbered table showing each data file, by the data file's name. */
  tableOf: Map<string, Reference>;
}

export const placeKey = (file: string, node: { position?: { start: { line: number; column: number } } | undefined }): string =>
  `${file}:${node.position?.start.line ?? 0}:${node.position?.start.column ?? 0}`;

export function collectReferences(sections: readonly ParsedSection[]): { references: References; diagnostics: Diagnostic[] } {
  const byId = new Map<string, Reference>();
  const byPlace = new Map<string, Reference>();
  const tableOf = new Map<string, Reference>();
  const diagnostics: Diagnostic[] = [];
  const sectionIds = new Set<string>();
  const counts = { figure: 0, table: 0 };
  const each = (list: readonly ParsedSection[], fn: (s: ParsedSection) => void): void =>
    list.forEach((s) => {
      fn(s);
      each(s.children, fn);
    });
  each(sections, (s) => sectionIds.add(s.id));
  each(sections, (section) => {
    visit(section.tree as Root, (node) => {
      if (node.type !== 'containerDirective' && node.type !== 'leafDirective') return;
      const kind = node.type === 'containerDirective' && node.name === 'chart' ? 'figure' : node.type === 'leafDirective' && node.name === 'table' ? 'table' : undefined;
      if (!kind) return;
      const number = ++counts[kind];
      const given = node.attributes?.id ?? undefined;
      const id = given || `${kind}-${number}`;
      const ref: Reference = { id, kind, number, label: `${kind === 'figure' ? 'Figure' : 'Table'} ${number}` };
      if (byId.has(id) || sectionIds.has(id)) {
        diagnostics.push(diagnostic(section.file, place(node), markdownMessages.duplicateId(id)));
      } else {
        byId.set(id, ref);
      }
      byPlace.set(placeKey(section.file, node), ref);
      const data = node.attributes?.data;
      if (kind === 'table' && data && !tableOf.has(data)) tableOf.set(data, ref);
    });
  });
  return { references: { byId, byPlace, tableOf }, diagnostics };
}

export function place(node: { position?: { start: { line: number; column: number }; end?: { line: number; column: number } } | undefined }) {
  const p = node.position;
  return p ? { line: p.start.line, column: p.start.column, endLine: p.end?.line, endColumn: p.end?.column } : undefined;
}
