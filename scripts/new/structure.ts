/**
 * A structure: the outline a new plan starts from (structures/<name>/structure.yaml), with the
 * data files its tables need beside it. It is data, not code, because the guidance it follows
 * changes from year to year.
 */
import { newMessages } from '../messages/new.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { diagnostic, PlanError, type Diagnostic } from '../diagnostics/index.ts';
import { readText, unreadableText } from '../load/source-text.ts';
import { listInside } from '../safety/read.ts';
import { validate } from '../load/validate.ts';
import { parseYaml } from '../load/yaml-source.ts';
import { slug, text } from '../schema/common.ts';

/** The structure `new` uses unless told otherwise. */
export const defaultStructure = fileURLToPath(new URL('../../structures/yjb-2024/', import.meta.url));

// Ids and data names may hold {period-id} or {previous-id}, filled in when the plan is made.
const name = z.string().regex(/^[a-z0-9{}]+(?:[-_][a-z0-9{}]+)*$/, { message: 'use lower-case letters, digits, hyphens and {period-id}' });

export interface StructureSection {
  id: string;
  title: string;
  prompt?: string | undefined;
  directive?: string | undefined;
  tables: string[];
  guidance: boolean;
  sections: StructureSection[];
}

const section: z.ZodType<StructureSection, unknown> = z.lazy(() =>
  z.strictObject({
    id: slug,
    title: text,
    prompt: text.optional(),
    directive: text.optional(),
    tables: z.array(name).default([]),
    guidance: z.boolean().default(true),
    sections: z.array(section).default([]),
  }),
);

export const structureSchema = z.strictObject({
  name: text,
  source: text,
  plan: z.strictObject({ title: text, numbering: z.enum(['number-letter', 'decimal', 'none']).default('decimal') }),
  sections: z.array(section).min(1),
});

export interface Structure extends z.infer<typeof structureSchema> {
  /** Data files by file name (which may hold {period-id}), as text. */
  data: Map<string, string>;
}

/**
 * The structure in `dir`, read as a plan's files are (safety/read.ts through load/source-text.ts):
 * only regular files inside `dir`, of a bounded size, so a structure folder from elsewhere cannot
 * make `new` copy a file from outside it, wait on a pipe or read /dev/zero.
 */
export async function readStructure(dir: string): Promise<Structure> {
  const file = path.join(dir, 'structure.yaml');
  const shown = path.relative(process.cwd(), file) || file;
  const read = await readText(file, dir);
  if (!read.ok) {
    const text = read.reason === 'missing' ? newMessages.noStructure(shown) : unreadableText(shown, read);
    throw new PlanError([diagnostic(shown, { line: 1, column: 1 }, text)]);
  }
  const parsed = parseYaml('structure.yaml', read.text);
  const checked = parsed.diagnostics.length === 0 ? validate(structureSchema, parsed.source, parsed.value) : { diagnostics: parsed.diagnostics };
  if (!checked.value) throw new PlanError(checked.diagnostics.map((d): Diagnostic => ({ ...d, file: shown })));
  const dataDir = path.join(dir, 'data');
  const names = (await listInside(dir, dataDir)).filter((n) => n.endsWith('.yaml')).sort();
  const data = new Map<string, string>();
  for (const name of names) {
    const one = await readText(path.join(dataDir, name), dir);
    // A link out of the folder, a pipe or a device is not a data file of the structure's.
    if (one.ok) data.set(name, one.text);
    else if (one.reason !== 'missing') throw new PlanError([diagnostic(path.relative(process.cwd(), path.join(dataDir, name)), { line: 1, column: 1 }, unreadableText(name, one))]);
  }
  return { ...checked.value, data };
}
