/**
 * The checklist `new --from` prints and writes as CHECKLIST.md: what it did, then what a person
 * must bring up to date: tables and figures labelled with past periods, text that names the
 * last plan's period, the review's outcomes, and every block still to be supplied.
 */
import type { Diagnostic } from '../diagnostics/index.ts';
import { rowLabelKey } from '../figures/budget.ts';
import type { LoadedPlan } from '../load/index.ts';
import { placeOf, type YamlPath } from '../load/yaml-source.ts';
import { parsePeriod } from './period.ts';

export interface CarriedOver {
  from: string;
  to: string;
  renamed: Array<[string, string]>;
  references: number;
  signatures: number;
  review: { file: string; actions: number; from: string[]; shown: boolean } | undefined;
}

interface Item {
  at: string;
  text: string;
}

const YEAR = /(?<!\d)(?:19|20)\d\d(?!\d)/g;

/** Captions, column labels, row labels, notes and value labels that name a year before the new plan began. */
export function pastLabels(plan: LoadedPlan): Item[] {
  const start = parsePeriod(plan.meta.period)?.start;
  if (start === undefined) return [];
  const names = (text: unknown): boolean => typeof text === 'string' && [...text.matchAll(YEAR)].some((m) => Number(m[0]) <= start);
  const out: Item[] = [];
  for (const entry of plan.data.values()) {
    const at = (path: YamlPath, text: string): void => {
      const place = placeOf(entry.source, path);
      out.push({ at: `${entry.file}:${place.line}`, text });
    };
    const v = entry.value;
    // A review is about the past by nature.
    if (v.kind === 'review') continue;
    if ('caption' in v && names(v.caption)) at(['caption'], `caption “${v.caption}”`);
    if (v.kind === 'table' || v.kind === 'budget') {
      v.columns.forEach((c, i) => names(c.label) && at(['columns', i, 'label'], `column “${c.label}”`));
      const headers = v.kind === 'table' ? v.columns.filter((c) => c.header).map((c) => c.key) : [rowLabelKey(v)];
      v.rows.forEach((row, r) => {
        for (const key of headers) if (names(row[key])) at(['rows', r, key], `row “${String(row[key])}”`);
      });
      (v.notes ?? []).forEach((n, i) => names(n) && at(['notes', i], `note “${n.length > 70 ? `${n.slice(0, 67)}…` : n}”`));
      if (names(v.source)) at(['source'], `source “${v.source}”`);
    }
    if (v.kind === 'values') {
      for (const [key, value] of Object.entries(v.values)) {
        if ('label' in value && names(value.label)) at(['values', key], `value \`${key}\` “${value.label}”`);
      }
    }
  }
  return out;
}

const where = (d: Diagnostic): string => `${d.file}${d.place ? `:${d.place.line}:${d.place.column}` : ''}`;

export function writeChecklist(done: CarriedOver, diagnostics: readonly Diagnostic[], plan: LoadedPlan | undefined, notCopied: readonly Diagnostic[] = []): string {
  const lines: string[] = [`# From the ${done.from} plan to ${done.to}: checklist`, ''];
  lines.push('Made by `yjplan new --from`. Tick each item as it is done; `yjplan check` lists what is left.', '');
  lines.push('## Done for you', '');
  lines.push(`- The period is ${done.to}; the plan is a draft again, at version 0.1, with no published date.`);
  lines.push(done.signatures > 0 ? `- ${done.signatures} signing dates cleared in the sign-off.` : '- The sign-off holds no signing date.');
  for (const [from, to] of done.renamed) lines.push(`- Renamed ${from} to ${to}.`);
  if (done.references > 0) lines.push(`- ${done.references} references to renamed ids updated (outline, directives, links).`);
  if (done.review) lines.push(`- ${done.review.file} holds the ${done.review.actions} actions of ${done.review.from.join(', ')}, each with its area and owner, for the review of last year's priorities.`);
  lines.push('', '## To bring up to date', '');

  const section = (title: string, items: Item[]): void => {
    if (items.length === 0) return;
    lines.push(`### ${title}`, '', ...items.map((i) => `- [ ] ${i.at}  ${i.text}`), '');
  };
  if (done.review && !done.review.shown) {
    const name = done.review.file.replace(/^data\/|\.ya?ml$/g, '');
    section('The review of last year’s priorities', [{ at: done.review.file, text: `is shown nowhere yet: add \`::table{data=${name}}\` to a section` }]);
  }
  const outcomes = diagnostics.filter((d) => d.ruleId === 'review:outcome-to-be-supplied');
  if (outcomes.length > 0) {
    section('How last year’s actions went', [{ at: outcomes[0]!.file, text: `say how each of the ${outcomes.length} actions went (outcome) and set its status` }]);
  }
  section('Not copied from last year’s plan', notCopied.map((d) => ({ at: d.file, text: `${d.message}; ${d.hint ?? ''}`.replace(/; $/, '') })));
  section('Tables and figures labelled with past periods', plan ? pastLabels(plan) : []);
  section(`Text that still names ${done.from}`, diagnostics.filter((d) => d.ruleId === 'period:stale').map((d) => ({ at: where(d), text: d.message })));
  section('Still to be supplied', diagnostics.filter((d) => d.ruleId === 'section:to-be-supplied' || d.ruleId === 'statement:to-be-supplied').map((d) => ({ at: where(d), text: d.message })));
  section(
    'Other problems the check found',
    diagnostics.filter((d) => d.severity === 'error').map((d) => ({ at: where(d), text: d.message })),
  );
  lines.push('### Before the plan is final', '');
  lines.push('- [ ] the priorities for the new period, with their owners');
  lines.push('- [ ] the sign-off: who signs, and the date each signed');
  lines.push('- [ ] plan.yaml: `status: final`, `published:` the date of approval, and the version');
  return `${lines.join('\n')}\n`;
}
