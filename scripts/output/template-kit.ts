/**
 * Everything a template may use from the build, in one place: the types of what it is given and
 * the formatting helpers that keep the page and the checks in agreement. Templates import from
 * here alone, so the build's internals can move without touching the layout.
 */
export type { AccessibilityData, BudgetData, Column, DataFile, GlossaryData, PageBreak, PlanMeta, PrioritiesData, ReviewData, SignoffData, TableData } from '../schema/index.ts';
export type { SectionHast } from '../transform/index.ts';
export { formatDate, formatValue } from '../figures/format.ts';
export { budgetTotals, rowLabelKey, statedMismatches } from '../figures/budget.ts';
export { statusLabels } from '../schema/progress.ts';
export { formatFileSize, type Download } from './download.ts';
export { fullTitle, titleParts } from './title.ts';
export { type StatementGap } from '../check/statement.ts';
