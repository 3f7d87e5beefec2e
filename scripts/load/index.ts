/**
 * Stage 1, load: read plan.yaml, the section files its outline names and every
 * data file, each parsed and validated at the edge. Nothing is read from outside
 * the plan directory.
 */
import { isInside } from '../safety/paths.ts';
import { readdir } from 'node:fs/promises';
import { folderOutside, listInside, within } from '../safety/read.ts';
import path from 'node:path';
import { checkData } from '../check/data.ts';
import { diagnostic, type Diagnostic, type Place } from '../diagnostics/index.ts';
import { schemaMessages, yamlMessages } from '../messages/data.ts';
import { planMessages } from '../messages/plan.ts';
import { dataKinds, dataSchemas, planSchema, type DataFile, type OutlineEntryInput, type PlanMeta } from '../schema/index.ts';
import { noCache, type Memo } from '../build/cache.ts';
import { readText, unreadableText, type TextResult } from './source-text.ts';
import { validate } from './validate.ts';
import { createFigures, type Figures } from '../figures/quote.ts';
import { fullTitle, periodRepeated } from '../output/title.ts';
import { parseYaml, placeOf, type YamlPath, type YamlSource } from './yaml-source.ts';
import { protectPlan, type Disclosure } from '../small-numbers/index.ts';
import { guardFigures } from '../small-numbers/figures.ts';
import { invisibleProblems } from '../safety/invisible.ts';

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
  /** What the small-numbers setting withholds, when plan.yaml has one. */
  disclosure?: Disclosure | undefined;
}

export interface LoadResult {
  plan?: LoadedPlan | undefined;
  diagnostics: Diagnostic[];
}

const MAX_DEPTH = 3;

export async function loadPlan(root: string, cache: Memo = noCache): Promise<LoadResult> {
  const diagnostics: Diagnostic[] = [];
  // plan.yml or plan.YAML beside plan.yaml would be silently unread: an error naming both.
  const others = (await listInside(root, root)).filter((n) => /^plan\.ya?ml$/i.test(n) && n !== 'plan.yaml').sort();
  const planText = await readText(path.join(root, 'plan.yaml'), root);
  if (others.length > 0) {
    return {
      diagnostics: others.map((other) =>
        diagnostic(other, { line: 1, column: 1 }, planText.ok ? planMessages.twoExtensions('plan.yaml', other, 'plan') : planMessages.planMisnamed(other)),
      ),
    };
  }
  if (!planText.ok) {
    if (planText.reason === 'outside') return { diagnostics: [diagnostic('plan.yaml', { line: 1, column: 1 }, planMessages.linkOutsidePlan('plan.yaml'))] };
    diagnostics.push(textProblem('plan.yaml', planText, planText.reason === 'missing' ? planMessages.missingPlanFile() : unreadableText('plan.yaml', planText)));
    return { diagnostics };
  }
  const meta = cache.memo(`plan.yaml\0${planText.text}`, () => parseAndValidate('plan.yaml', planText.text, (source, value) => validate(planSchema, source, value)));
  diagnostics.push(...meta.diagnostics);
  diagnostics.push(...invisibleProblems('plan.yaml', planText.text, meta.source?.doc));

  const [sections, data] = await Promise.all([
    meta.value ? loadOutline(root, meta.value.outline, meta.source!, diagnostics) : Promise.resolve([]),
    loadData(root, diagnostics, cache),
  ]);
  if (!meta.value || !meta.source) return { diagnostics };
  diagnostics.push(...(await unlistedSections(root, meta.value.outline)));
  if (periodRepeated(meta.value)) {
    diagnostics.push(diagnostic('plan.yaml', placeOf(meta.source, ['title']), planMessages.periodInTitle(meta.value.title, meta.value.period, fullTitle(meta.value))));
  }
  const allFigures = createFigures(data, { meta: meta.value, source: meta.source });
  diagnostics.push(...allFigures.check());
  const setting = meta.value['small-numbers'];
  const disclosure = setting ? protectPlan(data, setting) : undefined;
  if (disclosure) diagnostics.push(...disclosure.diagnostics);
  const figures = disclosure ? guardFigures(allFigures, data, disclosure) : allFigures;
  return { plan: { root, meta: meta.value, metaSource: meta.source, sections, data, figures, disclosure }, diagnostics };
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
  // A content/ that is a link to elsewhere is not listed: a listing is a read too.
  const contentDir = path.join(root, 'content');
  const found = (await within(root, contentDir)) ? await markdownFiles(contentDir) : [];
  return found
    .map((f) => `content/${f}`)
    .filter((f) => !listed.has(f))
    .sort()
    .map((f) => diagnostic(f, { line: 1, column: 1 }, planMessages.notInOutline(f, f.slice('content/'.length).replace(/\.md$/i, ''))));
}

/** Folders deep and files many enough for any plan; a listing stops there rather than walk a disk. */
const LISTING = { depth: 8, entries: 5000 };

/**
 * The Markdown files under `dir`, as `a/b.md`: its own folders only. A link (to a folder anywhere,
 * `/` included) is neither followed nor listed, and hidden files and folders are editors' and
 * tools' own (.#draft.md, .git). Node's recursive readdir follows links, so this walks itself.
 */
async function markdownFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  let seen = 0;
  const walk = async (at: string, depth: number): Promise<void> => {
    const entries = await readdir(path.join(dir, at), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (++seen > LISTING.entries || entry.name.startsWith('.')) continue;
      const name = at ? `${at}/${entry.name}` : entry.name;
      if (entry.isDirectory() && depth < LISTING.depth) await walk(name, depth + 1);
      else if (entry.isFile() && /\.md$/i.test(entry.name)) out.push(name);
    }
  };
  await walk('', 0);
  return out;
}

async function loadOutline(root: string, outline: Array<string | OutlineEntryInput>, source: YamlSource, diagnostics: Diagnostic[]): Promise<SectionSource[]> {
  const contentDir = path.join(root, 'content');
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
        const text = await readSection(root, contentDir, fileName, filePlace, diagnostics);
        const children = typeof entry !== 'string' && entry.sections ? await walk(entry.sections, level + 1, [...entryPath, 'sections']) : [];
        if (text === undefined) return undefined;
        return { id, level, file: `content/${fileName.split(path.sep).join('/')}`, text, children };
      }),
    );
    return out.filter((s): s is SectionSource => s !== undefined);
  };
  return walk(outline, 1, ['outline']);
}

async function readSection(root: string, contentDir: string, fileName: string, place: Place, diagnostics: Diagnostic[]): Promise<string | undefined> {
  const absolute = path.resolve(contentDir, fileName);
  if (!isInside(contentDir, absolute)) {
    diagnostics.push(diagnostic('plan.yaml', place, planMessages.outsidePlan(fileName)));
    return undefined;
  }
  const rel = path.relative(root, absolute).split(path.sep).join('/');
  // Links are followed and checked against the plan's own real path (content/ itself may be a link).
  const result = await readText(absolute, root);
  if (!result.ok) {
    // A file that is missing, a directory or cannot be opened is the outline's mistake: point at
    // the entry. A file that opens but is not text is the file's own.
    diagnostics.push(
      result.reason === 'encoding'
        ? textProblem(rel, result, planMessages.unreadable(rel, result.reason))
        : diagnostic(
            'plan.yaml',
            place,
            result.reason === 'missing' ? planMessages.missingSection(rel) : unreadableText(rel, result),
          ),
    );
    return undefined;
  }
  diagnostics.push(...invisibleProblems(rel, result.text));
  return result.text;
}

async function loadData(root: string, diagnostics: Diagnostic[], cache: Memo): Promise<Map<string, DataEntry>> {
  const dir = path.join(root, 'data');
  if (await folderOutside(root, dir)) diagnostics.push(diagnostic('data/', { line: 1, column: 1 }, planMessages.folderOutsidePlan('data/')));
  const listed = (await listInside(root, dir)).filter((n) => /\.ya?ml$/i.test(n)).sort();
  // One name, one file: `figures.yaml` beside `figures.yml` (or `figures.YAML`) would otherwise
  // leave one silently unread. The first is read; each other is an error naming both.
  const byName = new Map<string, string>();
  const names = listed.filter((name) => {
    const base = name.replace(/\.ya?ml$/i, '');
    const first = byName.get(base);
    if (first === undefined) {
      byName.set(base, name);
      return true;
    }
    diagnostics.push(diagnostic(`data/${name}`, { line: 1, column: 1 }, planMessages.twoExtensions(`data/${first}`, `data/${name}`, base)));
    return false;
  });
  const entries = await Promise.all(
    names.map(async (name) => {
      const file = `data/${name}`;
      // A link in data/ may point anywhere: only what lies inside the plan is read.
      const text = await readText(path.join(dir, name), root);
      if (!text.ok) {
        diagnostics.push(
          text.reason === 'encoding' ? textProblem(file, text, planMessages.unreadable(file, text.reason)) : diagnostic(file, { line: 1, column: 1 }, unreadableText(file, text)),
        );
        return undefined;
      }
      const result = cache.memo(`${file}\0${text.text}`, () => parseAndValidate(file, text.text, validateDataFile));
      diagnostics.push(...result.diagnostics, ...invisibleProblems(file, text.text, result.source?.doc));
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
