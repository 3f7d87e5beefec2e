import { z } from 'zod';
import { isoDate, slug, text } from './common.ts';

export interface OutlineEntryInput {
  id: string;
  file?: string | undefined;
  sections?: Array<string | OutlineEntryInput> | undefined;
}

const outlineEntry: z.ZodType<string | OutlineEntryInput> = z.lazy(() =>
  z.union([
    slug,
    z.strictObject({
      id: slug,
      file: z.string().optional(),
      sections: z.array(outlineEntry).optional(),
    }),
  ]),
);

/**
 * Small numbers: counts of people below `below` may identify a child. `warn` lists them and the
 * figures that give them away; `suppress` withholds them. Off unless given.
 */
export const smallNumbersSchema = z.strictObject({
  below: z.number().int().min(2).max(100).default(5),
  action: z.enum(['warn', 'suppress']),
});
export type SmallNumbers = z.infer<typeof smallNumbersSchema>;

/** How a top-level section starts in print: see `page-breaks` below. */
export const pageBreak = z.enum(['auto', 'always', 'never']);
export type PageBreak = z.infer<typeof pageBreak>;

export const planSchema = z.strictObject({
  authority: text,
  service: text,
  title: text,
  /** A line under the title, on the cover. */
  subtitle: text.optional(),
  period: text,
  /**
   * How the title and the period make the plan's full title (the running header, the PDF's title
   * and file name, the cover): `{title}` and `{period}` stand for them. `"{title}"` alone leaves
   * the period out, for a title that already says it.
   */
  'title-pattern': z
    .string()
    .refine((p) => p.includes('{title}'), { message: 'must contain {title}' })
    .default('{title} {period}'),
  /** An image file in the plan directory (PNG, JPEG, GIF, WebP or SVG), shown on the cover. */
  logo: text.optional(),
  status: z.enum(['draft', 'final']),
  published: isoDate.optional(),
  version: z.union([z.string(), z.number()]).transform(String).optional(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/).default('en-GB'),
  numbering: z.enum(['number-letter', 'decimal', 'none']).default('number-letter'),
  /**
   * Where a top-level section starts in print: `auto` (the default) on a new page only when
   * little of the current one is left, `always` on a new page, `never` running on. A section's
   * front matter may say otherwise for itself (`page-break:`).
   */
  'page-breaks': pageBreak.default('auto'),
  description: z.string().optional(),
  /** A short note on the cover about the plan itself: who made it, from what, for what purpose. */
  colophon: text.optional(),
  'small-numbers': smallNumbersSchema.optional(),
  outline: z.array(outlineEntry).min(1),
  /** Which outputs the build writes beside the PDF, and what the web pages need to know. */
  publish: z
    .strictObject({
      /** out/index.html: the whole plan on one page. */
      page: z.boolean().default(true),
      /** out/pages/: a page per top-level section, with the contents as navigation. */
      pages: z.boolean().default(true),
      /** out/embed/: a fragment and a scoped stylesheet to paste into a content management system. */
      embed: z.boolean().default(true),
      /** The PDF; `--no-pdf` on the command line leaves it out too. */
      pdf: z.boolean().default(true),
      /** Embed the plan's font in out/embed/plan.css; by default the fragment takes the host page's fonts. */
      'embed-font': z.boolean().default(false),
      /** Where out/ is published (https://…/), for each page's canonical URL. */
      'base-url': z.url({ protocol: /^https?$/, message: 'write the full web address the plan is published at, starting https://' }).optional(),
      /** When the web pages were last updated (ISO date); the published date when not given. */
      updated: isoDate.optional(),
    })
    .prefault({}),
});

export type PlanMeta = z.infer<typeof planSchema>;

export const frontMatterSchema = z.strictObject({
  title: text,
  short: text.optional(),
  /** Where this section starts in print, over the plan's `page-breaks` (top-level sections only). */
  'page-break': pageBreak.optional(),
});

export type FrontMatter = z.infer<typeof frontMatterSchema>;
