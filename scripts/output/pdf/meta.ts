/** What the PDF needs to know about the plan, and the values derived from it. */
import type { PlanMeta } from '../../schema/index.ts';

export type PdfMeta = Pick<
  PlanMeta,
  'title' | 'authority' | 'service' | 'period' | 'status' | 'published' | 'language' | 'description'
>;

/** The document title: the running header, the PDF's Title and the window title. */
export const documentTitle = (meta: PdfMeta): string => `${meta.title} ${meta.period}`;

export const documentSubject = (meta: PdfMeta): string =>
  meta.description ?? `The youth justice plan of ${meta.authority} for ${meta.period}`;

export const documentKeywords = (meta: PdfMeta): string[] => [
  'youth justice plan',
  meta.authority,
  meta.service,
  meta.period,
];

/**
 * The date written into the PDF: the plan's publication date, else the build's
 * SOURCE_DATE_EPOCH (reproducible builds), else now. Only `now` varies between builds.
 */
export function documentDate(
  meta: PdfMeta,
  env: Record<string, string | undefined> = process.env,
  now: () => Date = () => new Date(),
): Date {
  return fromIsoDate(meta.published) ?? fromEpoch(env.SOURCE_DATE_EPOCH) ?? now();
}

function fromIsoDate(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function fromEpoch(value: string | undefined): Date | undefined {
  if (!value || !/^\d+$/.test(value.trim())) return undefined;
  return new Date(Number(value.trim()) * 1000);
}
