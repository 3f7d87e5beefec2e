/**
 * `new <dir> --from <plan-dir>`: next year's plan from this one.
 *
 *   copy ──► plan.yaml ──► rename ids ──► review from ──► clear ──► modelines ──► checklist
 *   (all but   (period on,   and their      priorities     signatures            (a check of
 *   out/)      draft, v0.1)  references                                           the new plan)
 *
 * Figures and text are kept as they were: what needs bringing up to date is listed, not guessed.
 */
import { readdir, realpath, rename as move, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document, isMap, isSeq, visit, type Scalar } from 'yaml';
import { build } from '../build/index.ts';
import { diagnostic, PlanError, type Diagnostic } from '../diagnostics/index.ts';
import { loadPlan } from '../load/index.ts';
import { readText, unreadableText } from '../load/source-text.ts';
import { parseYaml } from '../load/yaml-source.ts';
import { readInside } from '../safety/read.ts';
import { copyPlan } from './copy-plan.ts';
import type { PrioritiesData, ReviewData } from '../schema/index.ts';
import { writeChecklist, type CarriedOver } from './checklist.ts';
import { findSchemaDir, withModeline } from './modeline.ts';
import { formatPeriod, nextPeriod, parsePeriod, periodSlug, type Period } from './period.ts';
import { figureRenamer, renamer, renameDerivedReferences, renameReferences } from './rename.ts';
import { newMessages } from '../messages/new.ts';

export interface NextYearOptions {
  from: string;
  dir: string;
  /** The new plan's period; by default the old one moved on by its own length. */
  period?: Period | undefined;
}

/** What is never carried into next year's plan: the build's output and cache, tooling. */
const LEFT_BEHIND = new Set(['out', '.yjplan-cache', 'node_modules', '.git', 'CHECKLIST.md']);

export async function nextYear(options: NextYearOptions): Promise<{ summary: string; checklist: string; diagnostics: Diagnostic[] }> {
  const loaded = await loadPlan(options.from);
  if (!loaded.plan || loaded.diagnostics.some((d) => d.severity === 'error')) throw new PlanError(loaded.diagnostics.filter((d) => d.severity === 'error'));
  const old = loaded.plan;
  const oldPeriod = parsePeriod(old.meta.period);
  if (!oldPeriod) throw new PlanError([{ file: 'plan.yaml', severity: 'error', ruleId: 'plan:period', message: newMessages.badPeriod(old.meta.period) }]);
  const period = options.period ?? nextPeriod(oldPeriod);

  // The tool's own checkout holds the sample plan beside the code: only the plan is copied from it.
  const from = await realpath(options.from);
  const own = await isYjplanPackage(from);
  const skipped = await copyPlan(from, options.dir, (relative) => {
    const top = relative.split(path.sep)[0]!;
    if (own) return top === 'plan.yaml' || top === 'content' || top === 'data';
    return !LEFT_BEHIND.has(top) && !/^out\./.test(top);
  });
  // Each at its path in last year's plan, as the person who typed --from would find it.
  const shownFrom = path.relative(process.cwd(), options.from) || '.';
  const notCopied = skipped.map((s) => diagnostic(path.posix.join(shownFrom.split(path.sep).join('/'), s.file), { line: 1, column: 1 }, newMessages.notCopied(s.file, s.what, s.detail)));
  // The new plan's files, read as any plan's are: regular files inside it, YAML 1.2 within the same limits.
  const read = async (file: string): Promise<string> => {
    const result = await readText(file, options.dir);
    const rel = path.relative(options.dir, file).split(path.sep).join('/');
    if (!result.ok) throw new PlanError([diagnostic(rel, { line: 1, column: 1 }, unreadableText(rel, result))]);
    return result.text;
  };
  const readYaml = async (file: string) => {
    const rel = path.relative(options.dir, file).split(path.sep).join('/');
    const parsed = parseYaml(rel, await read(file));
    if (parsed.diagnostics.some((d) => d.severity === 'error')) throw new PlanError(parsed.diagnostics.filter((d) => d.severity === 'error'));
    return parsed.source.doc;
  };

  // The review of the old plan's priorities is named for the old period; the old review goes.
  const reviewName = `review-${periodSlug(oldPeriod)}`;
  const entries = [...old.data.values()];
  const oldReviews = entries.filter((e) => e.value.kind === 'review');
  const renames = new Map<string, string>([[periodSlug(oldPeriod), periodSlug(period)]]);
  for (const r of oldReviews) if (r.name !== reviewName) renames.set(r.name, reviewName);
  const rename = renamer(renames);
  const figure = figureRenamer(rename, new Set(entries.filter((e) => e.value.kind === 'values').map((e) => e.name)));
  const done: CarriedOver = { from: formatPeriod(oldPeriod), to: formatPeriod(period), renamed: [], references: 0, signatures: 0, review: undefined };

  // plan.yaml: the period moves on, the plan is a draft again, and its outline ids follow.
  const planFile = path.join(options.dir, 'plan.yaml');
  const plan = await readYaml(planFile);
  plan.set('period', formatPeriod(period));
  plan.set('status', 'draft');
  if (plan.has('version')) plan.set('version', '0.1');
  plan.delete('published');
  const outlineFiles: Array<[string, string]> = [];
  visit(plan.get('outline', true) as never, {
    // Ids, `sections` and `file` values alike: a key such as `id` never holds a period.
    Scalar(_key, node: Scalar) {
      if (typeof node.value !== 'string') return;
      const renamed = rename(node.value);
      if (renamed !== node.value) {
        node.value = renamed;
        done.references++;
      }
    },
  });
  await writeFile(planFile, plan.toString({ lineWidth: 0 }));

  // Section files named for an id that was renamed follow it.
  const contentDir = path.join(options.dir, 'content');
  for (const name of await readdir(contentDir).catch(() => [] as string[])) {
    const renamed = rename(name.replace(/\.md$/, '')) + (name.endsWith('.md') ? '.md' : '');
    if (renamed !== name) outlineFiles.push([`content/${name}`, `content/${renamed}`]);
  }
  for (const [from, to] of outlineFiles) {
    await move(path.join(options.dir, from), path.join(options.dir, to));
    done.renamed.push([from, to]);
  }

  // Data files: old reviews go, others named for the old period are renamed.
  for (const entry of entries) {
    if (entry.value.kind === 'review') {
      await rm(path.join(options.dir, entry.file));
      continue;
    }
    const renamed = rename(entry.name);
    if (renamed !== entry.name) {
      const to = `data/${renamed}${path.extname(entry.file)}`;
      await move(path.join(options.dir, entry.file), path.join(options.dir, to));
      done.renamed.push([entry.file, to]);
    }
  }

  // References follow, in every section and every data file's text.
  for (const dir of ['content', 'data']) {
    for (const name of await readdir(path.join(options.dir, dir)).catch(() => [] as string[])) {
      if (!/\.(md|ya?ml)$/i.test(name)) continue;
      const file = path.join(options.dir, dir, name);
      const text = await read(file);
      let result = renameReferences(text, rename, figure);
      // The keys of a values file are names too (`:value[file.key]` points at them), and its
      // derived figures quote others.
      if (/^kind:\s*values\b/m.test(result.text)) {
        result = renameValueKeys(result.text, rename, result.count);
        const derived = renameDerivedReferences(result.text, figure);
        result = { text: derived.text, count: result.count + derived.count };
      }
      if (result.count > 0) {
        await writeFile(file, result.text);
        done.references += result.count;
      }
    }
  }

  // This plan's priorities become next year's review of them.
  const priorities = entries.filter((e) => e.value.kind === 'priorities');
  if (priorities.length > 0) {
    const items = priorities.flatMap((p) =>
      (p.value as PrioritiesData).priorities.flatMap((priority) =>
        priority.actions.map((a) => ({ area: priority.area, action: a.action, owner: a.owner, ...(a.status ? { status: a.status } : {}) })),
      ),
    );
    const review = new Document({ kind: 'review', caption: `Progress on the priorities for ${formatPeriod(oldPeriod)}`, items } satisfies ReviewData);
    review.commentBefore = ` Carried over by \`yjplan new --from\` from ${priorities.map((p) => p.file).join(', ')} of the ${formatPeriod(oldPeriod)} plan.\n For each action, say how it went (outcome) and set its status: done, in-progress,\n carried-forward or not-started.`;
    await writeFile(path.join(options.dir, 'data', `${reviewName}.yaml`), review.toString({ lineWidth: 100 }));
    done.review = { file: `data/${reviewName}.yaml`, actions: items.length, from: priorities.map((p) => p.file), shown: oldReviews.length > 0 };
  }

  // Every signature and signing date is cleared: last year's approval is not this year's.
  for (const entry of entries.filter((e) => e.value.kind === 'signoff')) {
    const file = path.join(options.dir, 'data', `${rename(entry.name)}${path.extname(entry.file)}`);
    const doc = await readYaml(file);
    const approvers = doc.get('approvers', true);
    if (isSeq(approvers)) {
      for (const a of approvers.items) {
        if (isMap(a) && a.has('signed')) {
          if (a.get('signed') !== null) done.signatures++;
          a.set('signed', null);
        }
      }
    }
    await writeFile(file, doc.toString({ lineWidth: 0 }));
  }

  // Modelines point at the schemas from where the new plan is.
  const schemas = await findSchemaDir(options.dir);
  await writeFile(planFile, withModeline(await read(planFile), options.dir, schemas, 'plan'));
  const dataDir = path.join(options.dir, 'data');
  for (const name of await readdir(dataDir).catch(() => [] as string[])) {
    if (!/\.ya?ml$/i.test(name)) continue;
    const text = await read(path.join(dataDir, name));
    const kind = /^kind:\s*([a-z]+)/m.exec(text)?.[1];
    if (kind) await writeFile(path.join(dataDir, name), withModeline(text, dataDir, schemas, kind));
  }

  const checked = await build({ root: options.dir, outDir: path.join(options.dir, 'out'), pdf: false, checkOnly: true });
  const loadedNew = await loadPlan(options.dir);
  const checklist = writeChecklist(done, checked.diagnostics, loadedNew.plan, notCopied);
  await writeFile(path.join(options.dir, 'CHECKLIST.md'), checklist);
  const summary = `Made the ${formatPeriod(period)} plan in ${path.relative(process.cwd(), options.dir) || '.'} from the ${formatPeriod(oldPeriod)} plan.`;
  return { summary, checklist, diagnostics: notCopied };
}

async function isYjplanPackage(dir: string): Promise<boolean> {
  const read = await readInside(dir, path.join(dir, 'package.json'), 1024 * 1024);
  try {
    return read.ok && (JSON.parse(read.bytes.toString('utf8')) as { name?: unknown }).name === 'yjplan';
  } catch {
    return false;
  }
}

function renameValueKeys(text: string, rename: (id: string) => string, count: number): { text: string; count: number } {
  let n = count;
  const out = text.replace(/^(\s+)([a-z0-9][a-z0-9_-]*)(\s*:)/gm, (whole, indent: string, key: string, colon: string) => {
    const renamed = rename(key);
    if (renamed === key) return whole;
    n++;
    return `${indent}${renamed}${colon}`;
  });
  return { text: out, count: n };
}
