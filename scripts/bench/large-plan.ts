/**
 * A plan N times the size of another, for measuring: `tsx scripts/bench/large-plan.ts [N] [dir]`.
 *
 *   source plan ──read──▶ outline, sections, data files
 *               ──copy k = 2…N──▶ every section under `<id>-x<k>`, every data file under
 *                                 `<name>-x<k>` with its figures scaled (so each copy's charts are
 *                                 new pictures that must really be drawn), every figure and table
 *                                 id, :value, :ref and #link renamed to match
 *               ──write──▶ plan.yaml with the copies before the closing sections, content/, data/
 *
 * Deterministic: the same source and N give the same files. N = 1 is a plain copy of the plan.
 * Kept as one plan, not N: the contents, the glossary and the accessibility statement (and the
 * data only they show) stay single, as they would in a real, longer plan.
 */
import { escapeRegExp } from '../util/regexp.ts';
import { isEntryPoint } from '../cli/io.ts';
import { cp, mkdir, mkdtemp, readdir, readFile, realpath, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse, parseDocument, stringify } from 'yaml';
import { budgetTotals } from '../figures/budget.ts';
import type { BudgetData } from '../schema/index.ts';
import { builtInTemplates } from '../output/styles.ts';

export interface LargePlan {
  dir: string;
  times: number;
  sections: number;
  charts: number;
  dataFiles: number;
}

/** Kinds of data file that describe the whole document, so are not repeated. */
const SINGLE_KINDS = new Set(['glossary', 'accessibility']);

type OutlineEntry = string | { id: string; file?: string; sections?: OutlineEntry[] };

const idOf = (entry: OutlineEntry): string => (typeof entry === 'string' ? entry : entry.id);
const fileOf = (entry: OutlineEntry): string => (typeof entry === 'string' || !entry.file ? `${idOf(entry)}.md` : entry.file);
const childrenOf = (entry: OutlineEntry): OutlineEntry[] => (typeof entry === 'string' ? [] : (entry.sections ?? []));

/** Writes a plan `times` the size of `source` into `dir` (default: a new temporary directory). */
export async function writeLargePlan(source: string, times: number, dir?: string): Promise<LargePlan> {
  if (!Number.isInteger(times) || times < 1) throw new Error(`Internal error: times must be a whole number from 1, not ${times}`);
  const target = dir ?? (await mkdtemp(path.join(os.tmpdir(), `yjplan-large-${times}x-`)));
  await mkdir(path.join(target, 'content'), { recursive: true });
  await mkdir(path.join(target, 'data'), { recursive: true });

  const planDoc = parseDocument(await readFile(path.join(source, 'plan.yaml'), 'utf8'));
  const outline = (planDoc.toJS() as { outline: OutlineEntry[] }).outline;

  // Sections, by id, with their Markdown.
  const markdown = new Map<string, string>();
  const readAll = async (entries: OutlineEntry[]): Promise<void> => {
    for (const entry of entries) {
      markdown.set(idOf(entry), await readFile(path.join(source, 'content', fileOf(entry)), 'utf8'));
      await readAll(childrenOf(entry));
    }
  };
  await readAll(outline);

  // Data files, by name, with their parsed value.
  const dataNames = (await readdir(path.join(source, 'data'))).filter((n) => /\.ya?ml$/i.test(n)).sort();
  const data = new Map<string, { file: string; text: string; value: Record<string, unknown> }>();
  for (const file of dataNames) {
    const text = await readFile(path.join(source, 'data', file), 'utf8');
    data.set(file.replace(/\.ya?ml$/i, ''), { file, text, value: parse(text) as Record<string, unknown> });
  }

  // What stays single: the data about the document as a whole (its glossary, its accessibility
  // statement), and the sections that show it or the contents.
  const single = new Set([...data].filter(([, d]) => SINGLE_KINDS.has(String(d.value.kind))).map(([name]) => name));
  const copiedData = new Set([...data.keys()].filter((name) => !single.has(name)));
  const isCopied = (id: string): boolean => {
    const text = markdown.get(id) ?? '';
    return !/^::contents\b/m.test(text) && ![...single].some((name) => new RegExp(`\\bdata=("?)${escapeRegExp(name)}\\1\\b`).test(text));
  };

  // Originals first, verbatim: the whole of content/ (images a section shows live there too).
  await cp(path.join(source, 'content'), path.join(target, 'content'), { recursive: true });
  for (const [, d] of data) await writeFile(path.join(target, 'data', d.file), d.text);

  const anchors = new Set<string>([...markdown.keys()]);
  for (const text of markdown.values()) for (const m of text.matchAll(/\{#([a-z0-9-]+)/g)) anchors.add(m[1]!);

  const copies: OutlineEntry[] = [];
  for (let k = 2; k <= times; k++) {
    const suffix = `-x${k}`;
    const dataName = (name: string) => (copiedData.has(name) ? `${name}${suffix}` : name);
    const anchor = (id: string) => (anchors.has(id) && (!markdown.has(id) || isCopied(id)) ? `${id}${suffix}` : id);

    const copyEntries = (entries: OutlineEntry[]): OutlineEntry[] =>
      entries.filter((e) => isCopied(idOf(e))).map((e) => {
        const children = copyEntries(childrenOf(e));
        return children.length > 0 ? { id: `${idOf(e)}${suffix}`, sections: children } : `${idOf(e)}${suffix}`;
      });
    copies.push(...copyEntries(outline));

    for (const [id, text] of markdown) {
      if (!isCopied(id)) continue;
      await writeFile(path.join(target, 'content', `${id}${suffix}.md`), copySection(text, k, { dataName, anchor }));
    }
    for (const name of copiedData) {
      const d = data.get(name)!;
      await writeFile(path.join(target, 'data', `${name}${suffix}.yaml`), stringify(scaleData(d.value, k)));
    }
  }

  // The copies go before the closing sections that are not copied (the glossary).
  let tail = outline.length;
  while (tail > 0 && !isCopied(idOf(outline[tail - 1]!))) tail--;
  if (copies.length > 0) planDoc.set('outline', [...outline.slice(0, tail), ...copies, ...outline.slice(tail)]);
  await writeFile(path.join(target, 'plan.yaml'), copies.length > 0 ? planDoc.toString() : await readFile(path.join(source, 'plan.yaml'), 'utf8'));

  // A plan's own templates come along; the repository's are the built-in ones and need no copy.
  const templates = path.join(source, 'templates');
  const own = await realpath(templates).catch(() => undefined);
  if (own && own !== (await realpath(builtInTemplates).catch(() => builtInTemplates)).replace(/\/$/, '')) {
    await cp(templates, path.join(target, 'templates'), { recursive: true });
  }

  const countSections = (entries: OutlineEntry[]): number => entries.reduce((n, e) => n + 1 + countSections(childrenOf(e)), 0);
  const chartsIn = (ids: Iterable<string>) => [...ids].reduce((n, id) => n + (markdown.get(id)!.match(/^:::chart\{/gm)?.length ?? 0), 0);
  const copiedIds = [...markdown.keys()].filter(isCopied);
  return {
    dir: target,
    times,
    sections: countSections(outline) + (times - 1) * copiedIds.length,
    charts: chartsIn(markdown.keys()) + (times - 1) * chartsIn(copiedIds),
    dataFiles: data.size + (times - 1) * copiedData.size,
  };
}

function fileFor(outline: OutlineEntry[], id: string): string | undefined {
  for (const entry of outline) {
    if (idOf(entry) === id) return fileOf(entry);
    const inner = fileFor(childrenOf(entry), id);
    if (inner) return inner;
  }
  return undefined;
}

/** A section's Markdown for copy k: its data, ids and links renamed, its titles marked with the copy. */
export function copySection(text: string, k: number, names: { dataName: (n: string) => string; anchor: (id: string) => string }): string {
  const front = /^---\n([\s\S]*?)\n---\n/.exec(text);
  let body = front ? text.slice(front[0].length) : text;
  body = body
    .replace(/\bdata=("?)([a-z0-9-]+)\1/g, (_, q: string, name: string) => `data=${q}${names.dataName(name)}${q}`)
    .replace(/:value\[([a-z0-9-]+)\./g, (_, name: string) => `:value[${names.dataName(name)}.`)
    .replace(/\{#([a-z0-9-]+)/g, (_, id: string) => `{#${names.anchor(id)}`)
    .replace(/:ref\[([a-z0-9-]+)\]/g, (_, id: string) => `:ref[${names.anchor(id)}]`)
    .replace(/\]\(#([a-z0-9-]+)\)/g, (_, id: string) => `](#${names.anchor(id)})`);
  if (!front) return body;
  const meta = parse(front[1]!) as Record<string, unknown>;
  for (const key of ['title', 'short']) if (typeof meta[key] === 'string') meta[key] = `${meta[key] as string} (part ${k})`;
  return `---\n${stringify(meta)}---\n${body}`;
}

/**
 * A data file for copy k: every figure of a table or budget scaled by 1 + 4%·(k − 1), to as
 * many decimals as it had. A budget's stated totals move with their computed totals, so a
 * stated total that agreed still agrees (and one that did not, still does not).
 */
export function scaleData(value: Record<string, unknown>, k: number): Record<string, unknown> {
  const factor = 1 + 0.04 * (k - 1);
  const copy = structuredClone(value);
  if (copy.kind === 'table') {
    const numeric = new Set(
      (copy.columns as Array<{ key: string; type?: string }>).filter((c) => c.type === 'number' || c.type === 'currency' || c.type === 'percent').map((c) => c.key),
    );
    for (const row of copy.rows as Array<Record<string, unknown>>) {
      for (const key of numeric) if (typeof row[key] === 'number') row[key] = scale(row[key] as number, factor);
    }
  } else if (copy.kind === 'budget') {
    const before = budgetTotals(value as unknown as BudgetData);
    const keys = (copy.columns as Array<{ key: string }>).map((c) => c.key);
    for (const row of copy.rows as Array<Record<string, unknown>>) {
      for (const key of keys) if (typeof row[key] === 'number') row[key] = scale(row[key] as number, factor);
    }
    const after = budgetTotals(copy as unknown as BudgetData);
    const moved = (stated: unknown, was: number, now: number): unknown => (typeof stated === 'number' ? Math.round((stated + now - was) * 100) / 100 : stated);
    (copy.rows as Array<Record<string, unknown>>).forEach((row, i) => {
      if ('stated-total' in row) row['stated-total'] = moved(row['stated-total'], before.rows[i]!, after.rows[i]!);
    });
    const stated = copy.stated as Record<string, unknown> | undefined;
    if (stated) {
      for (const key of Object.keys(stated)) {
        stated[key] = key === 'total' ? moved(stated[key], before.grand, after.grand) : moved(stated[key], before.columns[key] ?? 0, after.columns[key] ?? 0);
      }
    }
  }
  return copy;
}

function scale(n: number, factor: number): number {
  const decimals = (String(n).split('.')[1] ?? '').length;
  const p = 10 ** decimals;
  return Math.round(n * factor * p) / p;
}


if (isEntryPoint(import.meta.url)) {
  const times = Number(process.argv[2] ?? 10);
  const plan = await writeLargePlan(path.resolve('.'), times, process.argv[3] ? path.resolve(process.argv[3]) : undefined);
  process.stdout.write(`${plan.dir}\n${plan.times}× the plan: ${plan.sections} sections, ${plan.charts} charts, ${plan.dataFiles} data files\n`);
}
