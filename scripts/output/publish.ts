/**
 * What the build publishes beside the PDF, each part switched on or off in plan.yaml's `publish:`:
 *
 *   index.html          the whole plan on one page (the page that is printed, plus the PDF link)
 *   pages/*.html        a page per top-level section (pages/index.ts)
 *   embed/plan.html     a fragment for a content management system, and
 *   embed/plan.css      its styles scoped under .yjplan (embed/index.ts)
 *
 * Run after the PDF is printed, so the link can give its pages and size; an HTML-only build,
 * or one whose printing failed, links no PDF.
 */
import type { Download } from './download.ts';
import { renderEmbed } from './embed/index.ts';
import type { SiteFrame } from './pages/frame.ts';
import { renderPages } from './pages/index.ts';
import type { RenderedPlan } from './render.ts';
import { collectCss } from './styles.ts';

/** Each file to write, by its path under out/, in order. */
export async function publishFiles(plan: RenderedPlan, options: { download?: Download | undefined; frame?: SiteFrame | undefined }): Promise<Map<string, string>> {
  const { publish } = plan.meta;
  const files = new Map<string, string>();
  if (publish.page) files.set('index.html', plan.page(options.download));
  if (publish.pages) {
    const css = await collectCss({ planRoot: plan.root, draft: plan.meta.status === 'draft', generated: plan.generatedCss, extra: ['pages.css'] });
    for (const [name, html] of renderPages({ plan, css, download: options.download, frame: options.frame })) files.set(`pages/${name}`, html);
  }
  if (publish.embed) {
    const embed = await renderEmbed({ plan, download: options.download });
    files.set('embed/plan.html', embed.html);
    files.set('embed/plan.css', embed.css);
  }
  return files;
}
