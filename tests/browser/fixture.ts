/**
 * The PDF fixture: tests/fixtures/pdf/plan.html (written by hand in the markup the
 * layout produces), dressed as scripts/render.ts dresses a built plan — fonts as
 * data: URIs, screen.css, print.css, draft.css (drafts only), then pageRules(meta) —
 * for a draft or a final plan.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pageRules, type PdfMeta } from '../../scripts/output/pdf/index.ts';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixtureDir = path.join(root, 'tests/fixtures/pdf');

export type Status = PdfMeta['status'];

/**
 * A page that takes minutes to load, for stopping a build midway: fifty thousand tables to lay out.
 * (A script that loops for ever no longer does: the PDF step runs no script in the page.)
 */
export const HANGING_HTML = `<!doctype html><html lang="en-GB"><body><p>Before</p>${'<table><tr><td><p>x <b>y</b></p></td></tr></table>'.repeat(50_000)}</body></html>`;

export const fixtureMeta = (status: Status): PdfMeta => ({
  title: 'Rotherham Youth Justice Plan',
  authority: 'Rotherham Metropolitan Borough Council',
  service: 'Rotherham Youth Offending Team',
  period: '2019/21',
  status,
  published: status === 'final' ? '2019-06-30' : undefined,
  language: 'en-GB',
  description: 'The youth justice plan of Rotherham Youth Offending Team for 2019/21.',
});

const FONTS = [
  ['400', 'normal'],
  ['400', 'italic'],
  ['600', 'normal'],
  ['700', 'normal'],
] as const;

async function fontFaces(): Promise<string> {
  const dir = path.join(root, 'node_modules/@fontsource/source-sans-3/files');
  const faces = await Promise.all(
    FONTS.map(async ([weight, style]) => {
      const data = await readFile(path.join(dir, `source-sans-3-latin-${weight}-${style}.woff2`));
      return `@font-face { font-family: 'Source Sans 3'; font-style: ${style}; font-weight: ${weight}; font-display: block; src: url(data:font/woff2;base64,${data.toString('base64')}) format('woff2'); }`;
    }),
  );
  return faces.join('\n');
}

export async function fixtureHtml(status: Status, options: { extraBody?: string } = {}): Promise<string> {
  const meta = fixtureMeta(status);
  const read = (file: string) => readFile(file, 'utf8');
  const [template, fonts, screen, print, draft] = await Promise.all([
    read(path.join(fixtureDir, 'plan.html')),
    fontFaces(),
    read(path.join(root, 'templates/styles/screen.css')),
    read(path.join(root, 'templates/styles/print.css')),
    read(path.join(root, 'templates/styles/draft.css')),
  ]);
  const styles = [fonts, screen, print, status === 'draft' ? draft : '', pageRules(meta)].join('\n');
  let html = template.replace('/*STYLES*/', () => styles);
  if (status === 'final') {
    html = html
      .replace('class="status-draft"', 'class="status-final"')
      .replace(
        '<dd class="cover-status">Draft for approval</dd></div><div><dt>Version</dt><dd class="cover-version">0.3</dd>',
        '<dd class="cover-status">Final</dd></div><div><dt>Published</dt><dd class="cover-date">30 June 2019</dd>',
      )
      .replace(' Draft for approval.</p></footer>', '</p></footer>');
  }
  if (options.extraBody) html = html.replace('</main>', () => `${options.extraBody}</main>`);
  return html;
}
