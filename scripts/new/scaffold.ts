/**
 * `new <dir>`: a plan made from a structure, ready to fill in. Every heading becomes a section
 * whose prompt sits in a :::to-be-supplied block, so the build lists it until it is written;
 * the tables the structure names come with their data files, every figure left empty.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document } from 'yaml';
import { fill, placeholders, type Placeholders } from './fill.ts';
import { findSchemaDir, withModeline } from './modeline.ts';
import type { Period } from './period.ts';
import type { Structure, StructureSection } from './structure.ts';

export interface ScaffoldOptions {
  dir: string;
  structure: Structure;
  period: Period;
  authority: string;
  service: string;
}

/** Files the plan keeps out of version control: the build's output and cache. */
export const GITIGNORE = 'out/\n.yjplan-cache/\nnode_modules/\n';

export async function scaffold(options: ScaffoldOptions): Promise<string[]> {
  const { structure } = options;
  const values = placeholders(options.period, { authority: options.authority, service: options.service, title: structure.plan.title });
  const schemas = await findSchemaDir(options.dir);
  const files = new Map<string, string>();

  files.set('plan.yaml', withModeline(planYaml(options, values), options.dir, schemas, 'plan'));
  const addSections = (list: readonly StructureSection[]): void => {
    for (const s of list) {
      files.set(`content/${s.id}.md`, sectionMarkdown(s, values));
      addSections(s.sections);
    }
  };
  addSections(structure.sections);
  const dataDir = path.join(options.dir, 'data');
  for (const [name, text] of structure.data) {
    const kind = /^kind:\s*([a-z]+)/m.exec(text)?.[1] ?? 'table';
    files.set(`data/${fill(name, values)}`, withModeline(fill(text, values, 'yaml'), dataDir, schemas, kind));
  }
  files.set('.gitignore', GITIGNORE);

  for (const [file, text] of files) {
    await mkdir(path.dirname(path.join(options.dir, file)), { recursive: true });
    await writeFile(path.join(options.dir, file), text, { flag: 'wx' });
  }
  return [...files.keys()];
}

function planYaml(options: ScaffoldOptions, values: Placeholders): string {
  const outline = (list: readonly StructureSection[]): unknown[] => list.map((s) => (s.sections.length ? { id: s.id, sections: outline(s.sections) } : s.id));
  const doc = new Document({
    authority: options.authority,
    service: options.service,
    title: options.structure.plan.title,
    period: values.period,
    status: 'draft',
    version: '0.1',
    language: 'en-GB',
    numbering: options.structure.plan.numbering,
    outline: outline(options.structure.sections),
  });
  doc.commentBefore = ` Made by \`yjplan new\` from the structure "${options.structure.name}".\n published: the ISO date on which the management board approves the plan`;
  // A period such as 2025 must stay text, not become a number.
  const text = doc.toString({ lineWidth: 0 });
  return text.replace(/^period: (.*)$/m, (_, p: string) => `period: ${p.startsWith('"') ? p : JSON.stringify(p)}`);
}

/** A table's id leaves out the period, so it stays the same from one year's plan to the next. */
export const tableId = (name: string): string => `tbl-${name.replace(/-?\{(?:period|previous)-id\}/g, '')}`;

export function sectionMarkdown(s: StructureSection, values: Placeholders): string {
  const title = new Document(s.title).toString().trim();
  const parts = [`---\ntitle: ${title}\n---`];
  if (s.directive) parts.push(s.directive);
  if (s.prompt) parts.push(`:::to-be-supplied\n${fill(s.prompt, values).trim()}\n:::`);
  for (const name of s.tables) parts.push(`::table{#${tableId(name)} data=${fill(name, values)}}`);
  return `${parts.join('\n\n')}\n`;
}
