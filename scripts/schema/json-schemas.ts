/**
 * JSON Schemas for editors, generated from the same zod schemas the build
 * validates with, so that an editor (VS Code with the YAML extension) completes
 * keys and underlines mistakes as the plan is typed. `npm run schemas` writes them;
 * a test fails if the files in the repository have drifted.
 */
import { isEntryPoint } from '../cli/io.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { dataSchemas, frontMatterSchema, planSchema } from './index.ts';

export const schemaDir = fileURLToPath(new URL('../../schemas/', import.meta.url));

const titles: Record<string, string> = {
  plan: 'yjplan plan.yaml: the plan’s details and outline',
  'front-matter': 'yjplan section front matter',
  table: 'yjplan data file: a table',
  values: 'yjplan data file: figures used in prose',
  budget: 'yjplan data file: partner contributions to the budget',
  priorities: 'yjplan data file: priorities, actions and owners',
  review: 'yjplan data file: review of last year’s priorities',
  glossary: 'yjplan data file: glossary',
  signoff: 'yjplan data file: approval and sign-off',
  accessibility: 'yjplan data file: accessibility statement',
};

/** Every schema file, by name, as the text written to disk. */
export function jsonSchemas(): Map<string, string> {
  const all: Record<string, z.ZodType> = { plan: planSchema, 'front-matter': frontMatterSchema, ...dataSchemas };
  return new Map(
    Object.entries(all).map(([name, schema]) => {
      const json = { ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), title: titles[name] ?? name };
      return [`${name}.schema.json`, `${JSON.stringify(json, null, 2)}\n`];
    }),
  );
}

export async function writeJsonSchemas(dir = schemaDir): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const schemas = jsonSchemas();
  await Promise.all([...schemas].map(([name, text]) => writeFile(path.join(dir, name), text)));
  return [...schemas.keys()];
}

if (isEntryPoint(import.meta.url)) {
  const names = await writeJsonSchemas();
  process.stderr.write(`Wrote ${names.length} schemas to schemas/: ${names.join(', ')}\n`);
}
