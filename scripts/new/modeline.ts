/**
 * The first line of each YAML file `new` writes tells an editor (VS Code with the YAML
 * extension, or any yaml-language-server client) which JSON schema to check it against.
 * A plan outside this repository finds the schemas where npm installed yjplan.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { schemaDir } from '../schema/json-schemas.ts';

const MODELINE = /^# yaml-language-server: \$schema=.*$/m;

/** The schemas folder to point at from `planDir`: node_modules/yjplan/schemas in the plan or a folder above it, else this package's own. */
export async function findSchemaDir(planDir: string): Promise<string> {
  for (let dir = path.resolve(planDir); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', 'yjplan', 'schemas');
    if (await access(path.join(candidate, 'plan.schema.json')).then(() => true, () => false)) return candidate;
    if (path.dirname(dir) === dir) return schemaDir;
  }
}

/** `text` with its modeline pointing at `schemas/<name>.schema.json`, as seen from `fileDir`. */
export function withModeline(text: string, fileDir: string, schemas: string, name: string): string {
  const relative = path.relative(fileDir, path.join(schemas, `${name}.schema.json`)).split(path.sep).join('/');
  const line = `# yaml-language-server: $schema=${relative}`;
  return MODELINE.test(text) ? text.replace(MODELINE, line) : `${line}\n${text}`;
}
