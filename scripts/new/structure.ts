/**
 * A structure: the outline a new plan starts from (structures/<name>/structure.yaml), with the
 * data files its tables need beside it. It is data, not code, because the guidance it follows
 * changes from year to year.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PlanError, type Diagnostic } from '../diagnostics/index.ts';
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

export async function readStructure(dir: string): Promise<Structure> {
  const file = path.join(dir, 'structure.yaml');
  const parsed = parseYaml('structure.yaml', await readFile(file, 'utf8'));
  const checked = parsed.diagnostics.length === 0 ? validate(structureSchema, parsed.source, parsed.value) : { diagnostics: parsed.diagnostics };
  if (!checked.value) throw new PlanError(checked.diagnostics.map((d): Diagnostic => ({ ...d, file: path.relative(process.cwd(), file) || file })));
  const dataDir = path.join(dir, 'data');
  const names = (await readdir(dataDir).catch(() => [] as string[])).filter((n) => n.endsWith('.yaml')).sort();
  const data = new Map(await Promise.all(names.map(async (n) => [n, await readFile(path.join(dataDir, n), 'utf8')] as const)));
  return { ...checked.value, data };
}
