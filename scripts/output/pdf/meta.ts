/** What the PDF needs to know about the plan, and the values derived from it. */
import type { PlanMeta } from '../../schema/index.ts';
import { fullTitle } from '../title.ts';

export type PdfMeta = Pick<
  PlanMeta,
  'title' | 'authority' | 'service' | 'period' | 'status' | 'published' | 'language' | 'description'
> &
  Partial<Pick<PlanMeta, 'title-pattern' | 'version'>>;

/** The document title: the running header, the PDF's Title and the window title. */
export const documentTitle = (meta: PdfMeta): string => fullTitle(meta);

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

/** The latest moment a PDF date can hold: the end of the year 9999, in seconds since 1970. */
export const MAX_EPOCH_SECONDS = 253_402_300_799;

function fromEpoch(value: string | undefined): Date | undefined {
  if (!value || epochProblem(value) !== undefined) return undefined;
  return new Date(Number(value.trim()) * 1000);
}

/**
 * What is wrong with a SOURCE_DATE_EPOCH, if anything: it must be whole seconds since 1970, up to
 * the year 9999. Milliseconds or microseconds (a common slip) give dates no PDF can hold.
 */
export function epochProblem(value: string | undefined): 'not-a-number' | 'too-large' | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^\d{1,20}$/.test(value.trim())) return 'not-a-number';
  return Number(value.trim()) > MAX_EPOCH_SECONDS ? 'too-large' : undefined;
}
