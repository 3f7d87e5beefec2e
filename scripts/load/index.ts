/**
 * Stage 1, load: read plan.yaml, the section files its outline names and every
 * data file, each parsed and validated at the edge. Nothing is read from outside
 * the plan directory.
 */
import { isInside } from '../safety/paths.ts';
import { readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { checkData } from '../check/data.ts';
import { diagnostic, type Diagnostic, type Place } from '../diagnostics/index.ts';
import { schemaMessages, yamlMessages } from '../messages/data.ts';
import { planMessages } from '../messages/plan.ts';
import { dataKinds, dataSchemas, planSchema, type DataFile, type OutlineEntryInput, type PlanMeta } from '../schema/index.ts';
import { noCache, type Memo } from '../build/cache.ts';
import { readText, type TextResult } from './source-text.ts';
import { validate } from './validate.ts';
import { createFigures, type Figures } from '../figures/quote.ts';
import { parseYaml, placeOf, type YamlPath, type YamlSource } from './yaml-source.ts';

export interface SectionSource {
  id: string;
  /** Depth in the outline: 1 for a top-level section. */
  level: number;
  /** Plan-relative path of its Markdown file. */
  file: string;
  text: string;
  children: SectionSource[];
}

export interface DataEntry {
  name: string;
  file: string;
  value: DataFile;
  source: YamlSource;
}

export interface LoadedPlan {
  root: string;
  meta: PlanMeta;
  metaSource: YamlSource;
  sections: SectionSource[];
  data: Map<string, DataEntry>;
  /** Every figure in the plan, quotable by name (`:value[…]`). */
  figures: Figures;
}

export interface LoadResult {
  plan?: LoadedPlan | undefined;
  diagnostics: Diagnostic[];
}

const MAX_DEPTH = 3;

export async function loadPlan(root: string, cache: Memo = noCache): Promise<LoadResult> {
  const diagnostics: Diagnostic[] = [];
  const realRoot = await realpath(root).catch(() => root);
  const realPlan = await realpath(path.join(root, 'plan.yaml')).catch(() => undefined);
  if (realPlan && !isInside(realRoot, realPlan)) {
    return { diagnostics: [diagnostic('plan.yaml', { line: 1, column: 1 }, planMessages.linkOutsidePlan('plan.yaml'))] };
  }
  const planText = await readText(path.join(root, 'plan.yaml'));
  if (!planText.ok) {
    diagnostics.push(textProblem('plan.yaml', planText, planMessages.missingPlanFile()));
    return { diagnostics };
  }
  const meta = cache.memo(`plan.yaml\0${planText.text}`, () => parseAndValidate('plan.yaml', planText.text, (source, value) => validate(planSchema, source, value)));
  diagnostics.push(...meta.diagnostics);

  const [sections, data] = await Promise.all([
    meta.value ? loadOutline(root, meta.value.outline, meta.source!, diagnostics) : Promise.resolve([]),
    loadData(root, diagnostics, cache),
  ]);
  if (!meta.value || !meta.source) return { diagnostics };
  diagnostics.push(...(await unlistedSections(root, meta.value.outline)));
  const figures = createFigures(data, { meta: meta.value, source: meta.source });
  diagnostics.push(...figures.check());
  return { plan: { root, meta: meta.value, metaSource: meta.source, sections, data, figures }, diagnostics };
}

function parseAndValidate<T>(
  file: string,
  text: string,
  check: (source: YamlSource, value: unknown) => { value?: T | undefined; diagnostics: Diagnostic[] },
): { value?: T | undefined; source?: YamlSource; diagnostics: Diagnostic[] } {
  const parsed = parseYaml(file, text);
  if (parsed.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: parsed.diagnostics, source: parsed.source };
  if (parsed.value === null || parsed.value === undefined) {
    return { diagnostics: [diagnostic(file, { line: 1, column: 1 }, yamlMessages.empty())], source: parsed.source };
  }
  const checked = check(parsed.source, parsed.value);
  return { value: checked.value, source: parsed.source, diagnostics: [...parsed.diagnostics, ...checked.diagnostics] };
}

/** The files the outline names, as `content/…` paths. */
function outlineFiles(outline: ReadonlyArray<string | OutlineEntryInput>): string[] {
  return outline.flatMap((entry) => {
    const file = typeof entry === 'string' || !entry.file ? `${typeof entry === 'string' ? entry : entry.id}.md` : entry.file;
    const own = path.posix.normalize(`content/${file.split(path.sep).join('/')}`);
    return [own, ...(typeof entry !== 'string' && entry.sections ? outlineFiles(entry.sections) : [])];
  });
}

/** Markdown files in content/ that the outline leaves out: written, and never published. */
async function unlistedSections(root: string, outline: ReadonlyArray<string | OutlineEntryInput>): Promise<Diagnostic[]> {
  const listed = new Set(outlineFiles(outline));
  const found = await readdir(path.join(root, 'content'), { recursive: true }).catch(() => [] as string[]);
  return found
    .map((f) => `content/${f.split(path.sep).join('/')}`)
    // Hidden files and folders are editors' and tools' own (.#draft.md, .git).
    .filter((f) => /\.md$/i.test(f) && !f.split('/').some((part) => part.startsWith('.')) && !listed.has(f))
    .sort()
    .map((f) => diagnostic(f, { line: 1, column: 1 }, planMessages.notInOutline(f, f.slice('content/'.length).replace(/\.md$/i, ''))));
}

async function loadOutline(root: string, outline: Array<string | OutlineEntryInput>, source: YamlSource, diagnostics: Diagnostic[]): Promise<SectionSource[]> {
  const contentDir = path.join(root, 'content');
  const realContent = await realpath(contentDir).catch(() => contentDir);
  const ids = new Set<string>();

  const walk = async (entries: Array<string | OutlineEntryInput>, level: number, at: YamlPath): Promise<SectionSource[]> => {
    const out = await Promise.all(
      entries.map(async (entry, index): Promise<SectionSource | undefined> => {
        const entryPath = [...at, index];
        const id = typeof entry === 'string' ? entry : entry.id;
        const place = placeOf(source, typeof entry === 'string' ? entryPath : [...entryPath, 'id']);
        if (ids.has(id)) {
          diagnostics.push(diagnostic('plan.yaml', place, planMessages.duplicateId(id)));
          return undefined;
        }
        ids.add(id);
        if (level > MAX_DEPTH) {
          diagnostics.push(diagnostic('plan.yaml', place, planMessages.tooDeep()));
          return undefined;
        }
        const fileName = typeof entry === 'string' || !entry.file ? `${id}.md` : entry.file;
        const filePlace = typeof entry !== 'string' && entry.file ? placeOf(source, [...entryPath, 'file']) : place;
        const text = await readSection(root, contentDir, realContent, fileName, filePlace, diagnostics);
        const children = typeof entry !== 'string' && entry.sections ? await walk(entry.sections, level + 1, [...entryPath, 'sections']) : [];
        if (text === undefined) return undefined;
        return { id, level, file: `content/${fileName.split(path.sep).join('/')}`, text, children };
      }),
    );
    return out.filter((s): s is SectionSource => s !== undefined);
  };
  return walk(outline, 1, ['outline']);
}

async function readSection(root: string, contentDir: string, realContent: string, fileName: string, place: Place, diagnostics: Diagnostic[]): Promise<string | undefined> {
  const absolute = path.resolve(contentDir, fileName);
    if (!isInside(contentDir, absolute)) {
    diagnostics.push(diagnostic('plan.yaml', place, planMessages.outsidePlan(fileName)));
    return undefined;
  }
  // A link inside content/ may still point elsewhere: follow it before trusting it.
  const real = await realpath(absolute).catch(() => absolute);
  if (!isInside(realContent, real)) {
    const rel = path.relative(root, absolute).split(path.sep).join('/');
    diagnostics.push(diagnostic('plan.yaml', place, planMessages.linkOutsidePlan(rel)));
    return undefined;
  }
  const result = await readText(absolute);
  if (!result.ok) {
    const rel = path.relative(root, absolute).split(path.sep).join('/');
    // A file that is missing, a directory or cannot be opened is the outline's mistake: point at
    // the entry. A file that opens but is not text is the file's own.
    diagnostics.push(
      result.reason === 'encoding'
        ? textProblem(rel, result, planMessages.unreadable(rel, result.reason))
        : diagnostic('plan.yaml', place, result.reason === 'missing' ? planMessages.missingSection(rel) : planMessages.unreadable(rel, result.detail ?? result.reason)),
    );
    return undefined;
  }
  return result.text;
}

async function loadData(root: string, diagnostics: Diagnostic[], cache: Memo): Promise<Map<string, DataEntry>> {
  const dir = path.join(root, 'data');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/i.test(n)).sort();
  const realRoot = await realpath(root).catch(() => root);
  const entries = await Promise.all(
    names.map(async (name) => {
      const file = `data/${name}`;
      // A link in data/ may point anywhere: only what lies inside the plan is read.
      const real = await realpath(path.join(dir, name)).catch(() => path.join(dir, name));
      if (!isInside(realRoot, real)) {
        diagnostics.push(diagnostic(file, { line: 1, column: 1 }, planMessages.linkOutsidePlan(file)));
        return undefined;
      }
      const text = await readText(path.join(dir, name));
      if (!text.ok) {
        diagnostics.push(textProblem(file, text, planMessages.unreadable(file, text.detail ?? text.reason)));
        return undefined;
      }
      const result = cache.memo(`${file}\0${text.text}`, () => parseAndValidate(file, text.text, validateDataFile));
      diagnostics.push(...result.diagnostics);
      if (!result.value || !result.source) return undefined;
      return { name: name.replace(/\.ya?ml$/i, ''), file, value: result.value, source: result.source } satisfies DataEntry;
    }),
  );
  return new Map(entries.filter((e): e is DataEntry => e !== undefined).map((e) => [e.name, e]));
}

function validateDataFile(source: YamlSource, value: unknown): { value?: DataFile | undefined; diagnostics: Diagnostic[] } {
  const kind = value && typeof value === 'object' && !Array.isArray(value) ? (value as { kind?: unknown }).kind : undefined;
  // Own keys only: `kind: toString` must not find Object.prototype.toString.
  if (typeof kind !== 'string' || !Object.hasOwn(dataSchemas, kind)) {
    return { diagnostics: [diagnostic(source.file, placeOf(source, ['kind']), schemaMessages.unknownKind(kind, dataKinds))] };
  }
  const checked = validate(dataSchemas[kind as keyof typeof dataSchemas], source, value);
  if (!checked.value) return checked;
  const data = checked.value as DataFile;
  const problems = checkData(data, source);
  return { value: problems.some((d) => d.severity === 'error') ? undefined : data, diagnostics: problems };
}

function textProblem(file: string, result: Extract<TextResult, { ok: false }>, otherwise: ReturnType<typeof planMessages.unreadable>): Diagnostic {
  return diagnostic(file, { line: 1, column: 1 }, result.reason === 'encoding' ? yamlMessages.notUtf8() : otherwise);
}
