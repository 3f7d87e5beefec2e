/**
 * Messages of the preview server (`npm run dev`): what it prints in the terminal and what its
 * overlay says in the page. Plain text: the overlay turns them into hast text nodes.
 */
import type { Diagnostic } from '../diagnostics/index.ts';
import { summary } from '../diagnostics/reporter.ts';

const ms = (value: number): string => `${Math.round(value)} ms`;

export const devMessages = {
  // The terminal
  previewing: (title: string, url: string): string => `Previewing ${title} at ${url} — edit content/ or data/ and the page reloads`,
  firstBuild: (elapsed: number, diagnostics: readonly Diagnostic[]): string => `Built in ${ms(elapsed)}: ${summary(diagnostics)}`,
  rebuilt: (elapsed: number, changed: readonly string[], diagnostics: readonly Diagnostic[]): string =>
    `Rebuilt in ${ms(elapsed)}${changed.length ? ` (${describeChanges(changed)})` : ''}: ${summary(diagnostics)}`,
  keptLastGood: (): string => 'The page shows the last good build, with the problems over it, until they are fixed.',
  stopping: (): string => 'Stopping the preview…',
  stopped: (): string => 'Preview stopped.',
  portInUse: (port: number): string =>
    `Port ${port} is in use: stop the other program or run npm run dev -- --port ${port < 65535 ? port + 1 : 4174}`,
  cannotListen: (port: number, reason: string): string =>
    `The preview could not listen on 127.0.0.1:${port} (${reason}): try another port with npm run dev -- --port <number>`,
  watchFailed: (reason: string): string => `Watching the plan's files failed (${reason}): save again, or stop the preview with Ctrl-C and start it again`,
  badPort: (value: string): string => `--port takes a whole number from 0 to 65535, not \`${value}\``,
  noPlanDir: (dir: string): string => `The plan directory ${dir} does not exist.`,
  internalError: (stack: string): string =>
    `Internal error: ${stack}\nThis is a bug in yjplan, not in your plan. The preview keeps running; please report it with the text above.`,

  pdfPrinted: (elapsed: number, pages: number): string => `PDF printed in ${ms(elapsed)}: ${pages} ${pages === 1 ? 'page' : 'pages'}`,
  pdfFailed: (problems: number): string => `The PDF could not be printed (${problems} ${problems === 1 ? 'problem' : 'problems'}): see the PDF tab`,
  pdfBrowserFailed: (reason: string): string => `The browser for the PDF preview could not start: ${reason}`,

  // The PDF viewer
  pdfTitle: (title: string): string => `PDF preview: ${title}`,
  pdfLink: (): string => 'PDF',
  pdfLinkLabel: (): string => 'The plan as a PDF, opened beside this page; it follows your edits',
  pdfNotYet: (): string => 'The plan has not built yet: fix the problems the page lists, and the PDF follows.',
  pdfProblems: (): string => 'The PDF could not be printed:',
  pdfDisabled: (): string => 'The PDF preview is off: start npm run dev without --no-pdf to have it.',

  // Answers to requests the preview does not serve
  forbidden: (): string => 'Forbidden: open the preview at its http://127.0.0.1 address.',
  methodNotAllowed: (): string => 'Method not allowed: the preview only serves pages.',
  notFound: (): string => 'Not found: the preview serves the plan at /.',

  // The overlay in the page
  overlayHeading: (errors: number): string => (errors === 1 ? 'The plan has a problem' : `The plan has ${errors} problems`),
  overlayLead: (hasPage: boolean): string =>
    hasPage
      ? 'Underneath is the last version that built. Fix what is listed and save: the page reloads by itself.'
      : 'The plan has not built yet. Fix what is listed and save: the page reloads by itself.',
  overlayWarnings: (warnings: number): string => `${warnings} ${warnings === 1 ? 'warning is' : 'warnings are'} listed in the terminal.`,
  overlayInternalHeading: (): string => 'The preview could not build the plan',
  overlayInternal: (): string => 'yjplan itself failed (this is a bug, not a problem in your plan); the terminal has the details.',
  overlayClose: (): string => 'Close',
  notBuiltTitle: (): string => 'Plan preview: not built yet',
};

function describeChanges(changed: readonly string[]): string {
  const [first, ...rest] = changed;
  return rest.length ? `${first} and ${rest.length} more` : (first ?? '');
}
