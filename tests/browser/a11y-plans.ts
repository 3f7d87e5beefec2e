/** What the accessibility audits need to know of a plan beyond its page. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

/** A plan's glossary terms: each form that is marked up, and what it stands for. */
export async function glossaryForms(root: string): Promise<Array<{ form: string; title: string }>> {
  const glossary = parse(await readFile(path.join(root, 'data', 'glossary.yaml'), 'utf8')) as {
    terms: Array<{ term: string; definition: string; match?: string[] }>;
  };
  return glossary.terms.flatMap((t) => (t.match ?? [t.term]).map((form) => ({ form, title: t.definition })));
}
