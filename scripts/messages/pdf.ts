/** Messages about printing the PDF. */
import type { MessageText } from '../diagnostics/index.ts';
import { writeHint } from './plan.ts';

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

export const pdfMessages = {
  noBrowser: (tried: readonly string[]): MessageText => ({
    ruleId: 'pdf:no-browser',
    message: `No Chromium or Chrome was found to print the PDF (looked in ${tried.join(', ')})`,
    hint: 'install one (`sudo apt-get install -y chromium` on Debian or Ubuntu, or `npm run setup`), or set PUPPETEER_EXECUTABLE_PATH to the browser\'s executable; the HTML was still built',
  }),
  notExecutable: (variable: string, file: string): MessageText => ({
    ruleId: 'pdf:no-browser',
    message: `${variable} is set to \`${file}\`, which is not an executable file`,
    hint: `point ${variable} at the browser's executable (for example /usr/bin/chromium), or unset it to use a system browser`,
  }),
  badSourceDateEpoch: (value: string, problem: 'not-a-number' | 'too-large'): MessageText => ({
    ruleId: 'pdf:source-date-epoch',
    message:
      problem === 'too-large'
        ? `The environment variable SOURCE_DATE_EPOCH is \`${value}\`, a date after the year 9999: it must count seconds since 1970 (this looks like ${value.trim().length >= 15 ? 'microseconds' : 'milliseconds'})`
        : `The environment variable SOURCE_DATE_EPOCH is \`${value.slice(0, 40)}\`, which is not a whole number of seconds since 1970`,
    hint: 'set it to whole seconds (for example `export SOURCE_DATE_EPOCH=$(date +%s)`), or unset it to date the PDF by the plan\'s `published` date or the time of printing',
  }),
  launchFailed: (file: string, reason: string): MessageText => ({
    ruleId: 'pdf:launch-failed',
    message: `The browser at \`${file}\` could not be started: ${reason}`,
    hint: 'check that it runs (`' + file + ' --headless --version`); set PUPPETEER_EXECUTABLE_PATH to use another',
  }),
  timeout: (limitMs: number, stage: string): MessageText => ({
    ruleId: 'pdf:timeout',
    message: `Printing the PDF took longer than ${seconds(limitMs)} and was stopped while ${stage}`,
    hint: 'the previous PDF, if any, was kept; a very long page (tens of thousands of table rows, for example) can cause this, otherwise try again on a less busy machine',
  }),
  aborted: (reason: string, stage: string): MessageText => ({
    ruleId: 'pdf:aborted',
    message: `Printing the PDF was stopped (${reason}) while ${stage}`,
    hint: 'the previous PDF, if any, was kept',
  }),
  browserFailed: (stage: string, reason: string): MessageText => ({
    ruleId: 'pdf:browser-failed',
    message: `The browser failed while ${stage}: ${reason}`,
    hint: 'try again; if it keeps failing, check that the machine has free memory and disk space in /tmp',
  }),
  blockedRequest: (url: string, found: boolean): MessageText => ({
    ruleId: 'pdf:blocked-request',
    message: `The page asked for \`${url}\`, which was refused: the PDF is printed without fetching or connecting to anything${found ? '' : ' (where in the plan it comes from could not be told)'}`,
    hint: 'embed the resource (images as files in the plan, charts from data) or remove the reference; the PDF was not printed',
  }),
  scriptInPage: (what: string, text: string, found: boolean): MessageText => ({
    ruleId: 'pdf:script',
    message: `The page holds a script (${what}${text ? ` \`${text}\`` : ''}), which was not run: a plan's files cannot run code${found ? '' : ' (where in the plan it comes from could not be told)'}`,
    hint: 'remove it; write the text, tables and charts as Markdown and data instead; the PDF was not printed',
  }),
  contentsTargetMissing: (target: string): MessageText => ({
    ruleId: 'pdf:contents-target-missing',
    severity: 'warning',
    message: `The contents entry for \`#${target}\` has no page number: no heading with that id was printed`,
    hint: 'check that the section exists and is not hidden in print',
  }),
  contentsUnstable: (passes: number): MessageText => ({
    ruleId: 'pdf:contents-unstable',
    severity: 'warning',
    message: `The contents page numbers still moved after ${passes} printings; some may be wrong`,
    hint: 'a contents entry whose number changes the length of the contents can cause this: shorten the longest entries',
  }),
  writeFailed: (file: string, reason: string, code?: string): MessageText => ({
    ruleId: 'pdf:write-failed',
    message: `The PDF could not be written to \`${file}\`: ${reason}`,
    hint: writeHint(code) ?? 'check that the directory exists and is writable, and that the PDF is not open in a program that locks it',
  }),
};
