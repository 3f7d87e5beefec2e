/** Runs the stages up to transform on a plan directory, for tests of the early stages. */
import { toHtml } from 'hast-util-to-html';
import { loadPlan } from '../../scripts/load/index.ts';
import { parseSections } from '../../scripts/parse/markdown.ts';
import { collectReferences } from '../../scripts/transform/references.ts';
import { transformSections } from '../../scripts/transform/index.ts';

export async function transformPlan(dir: string) {
  const loaded = await loadPlan(dir);
  if (!loaded.plan) throw new Error(`fixture did not load: ${JSON.stringify(loaded.diagnostics)}`);
  const parsed = parseSections(loaded.plan.sections, loaded.plan.meta.numbering);
  const refs = collectReferences(parsed.sections);
  const result = transformSections(parsed.sections, loaded.plan.data, refs.references, undefined, undefined, { figures: loaded.plan.figures, disclosure: loaded.plan.disclosure });
  const html = (id: string): string => {
    const find = (list: typeof result.sections): (typeof result.sections)[number] | undefined =>
      list.find((s) => s.id === id) ?? list.map((s) => find(s.children)).find(Boolean);
    const section = find(result.sections);
    return section ? toHtml({ type: 'root', children: section.body }) : '';
  };
  return { ...result, diagnostics: [...loaded.diagnostics, ...parsed.diagnostics, ...refs.diagnostics, ...result.diagnostics], html };
}
