import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas, schemaDir } from '../scripts/schema/json-schemas.ts';

describe('editor schemas', () => {
  it('are the ones the build validates with: regenerating them changes nothing', async () => {
    for (const [name, text] of jsonSchemas()) {
      expect(await readFile(path.join(schemaDir, name), 'utf8'), `${name} is out of date: run npm run schemas`).toBe(text);
    }
  });

  it('forbid unknown keys, so an editor underlines a misspelt one', () => {
    const budget = JSON.parse(jsonSchemas().get('budget.schema.json')!);
    expect(budget.additionalProperties).toBe(false);
    expect(budget.required).toEqual(expect.arrayContaining(['kind', 'caption', 'columns', 'rows']));
  });
});
