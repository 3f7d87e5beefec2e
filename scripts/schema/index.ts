import { z } from 'zod';
import { accessibilitySchema } from './accessibility.ts';
import { budgetSchema } from './budget.ts';
import { glossarySchema } from './glossary.ts';
import { prioritiesSchema } from './priorities.ts';
import { reviewSchema } from './review.ts';
import { signoffSchema } from './signoff.ts';
import { tableSchema } from './table.ts';
import { valuesSchema } from './values.ts';

/** Every kind of data file, keyed by its `kind`: the one list to extend. */
export const dataSchemas = {
  table: tableSchema,
  values: valuesSchema,
  budget: budgetSchema,
  priorities: prioritiesSchema,
  review: reviewSchema,
  glossary: glossarySchema,
  signoff: signoffSchema,
  accessibility: accessibilitySchema,
} as const;

export type DataKind = keyof typeof dataSchemas;
export const dataKinds = Object.keys(dataSchemas) as DataKind[];

export const dataFileSchema = z.discriminatedUnion('kind', [
  tableSchema,
  valuesSchema,
  budgetSchema,
  prioritiesSchema,
  reviewSchema,
  glossarySchema,
  signoffSchema,
  accessibilitySchema,
]);
export type DataFile = z.infer<typeof dataFileSchema>;

export type { AccessibilityData } from './accessibility.ts';
export type { BudgetData } from './budget.ts';
export type { GlossaryData } from './glossary.ts';
export type { PrioritiesData } from './priorities.ts';
export type { ReviewData } from './review.ts';
export type { SignoffData } from './signoff.ts';
export type { Cell, Column, TableData } from './table.ts';
export type { NamedValue, ValuesData } from './values.ts';
export { planSchema, frontMatterSchema, smallNumbersSchema, pageBreak } from './plan.ts';
export type { PlanMeta, FrontMatter, OutlineEntryInput, SmallNumbers, PageBreak } from './plan.ts';
