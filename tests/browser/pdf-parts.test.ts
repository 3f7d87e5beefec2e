/** The parts of the PDF stage that need no browser: page rules, dates, finding the browser. */
import { expect, test } from 'vitest';
import { findBrowser, systemBrowserPaths } from '../../scripts/output/pdf/browser.ts';
import { cssString, pageRules } from '../../scripts/output/pdf/page-rules.ts';
import { documentDate } from '../../scripts/output/pdf/meta.ts';
import { fixtureMeta } from './fixture.ts';

test('cssString escapes whatever could end the string or the style element', () => {
  expect(cssString('Plan 2019/21')).toBe('"Plan 2019/21"');
  expect(cssString('Say "hi" \\ </style><script>')).toBe('"Say \\22 hi\\22  \\5c  \\3c /style\\3e \\3c script\\3e "');
  expect(cssString('two\nlines')).toBe('"two\\a lines"');
  expect(cssString('Ynys Môn – Cyngor')).toBe('"Ynys Môn – Cyngor"');
});

test('pageRules puts the escaped title and period in the running header', () => {
  const rules = pageRules({ ...fixtureMeta('final'), title: 'The "Best" Plan' });
  expect(rules).toContain('@top-left { content: "The \\22 Best\\22  Plan 2019/21"; }');
  expect(rules).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages); }');
});

test('pageRules marks a draft DRAFT on every page, the cover included, and a final plan not at all', () => {
  const draft = pageRules(fixtureMeta('draft'));
  expect(draft.match(/@top-right \{ content: "DRAFT"; \}/g)).toHaveLength(2);
  expect(pageRules(fixtureMeta('final'))).not.toContain('DRAFT');
});

test('the PDF is dated by the publication date, else SOURCE_DATE_EPOCH, else now', () => {
  const now = () => new Date('2030-01-01T00:00:00Z');
  const meta = fixtureMeta('draft');
  expect(documentDate({ ...meta, published: '2019-06-30' }, { SOURCE_DATE_EPOCH: '1' }, now).toISOString()).toBe('2019-06-30T00:00:00.000Z');
  expect(documentDate(meta, { SOURCE_DATE_EPOCH: '1561852800' }, now).toISOString()).toBe('2019-06-30T00:00:00.000Z');
  expect(documentDate(meta, {}, now)).toEqual(now());
});

test('the browser is looked for in PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH, then the usual places', () => {
  const all = () => true;
  expect(findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: '/a', CHROME_PATH: '/b' }, isExecutable: all })).toEqual({ found: true, executablePath: '/a', from: 'PUPPETEER_EXECUTABLE_PATH' });
  expect(findBrowser({ env: { CHROME_PATH: '/b' }, isExecutable: all })).toEqual({ found: true, executablePath: '/b', from: 'CHROME_PATH' });
  expect(findBrowser({ env: {}, platform: 'linux', isExecutable: (f) => f === '/usr/bin/google-chrome' })).toEqual({ found: true, executablePath: '/usr/bin/google-chrome', from: 'system' });
  expect(systemBrowserPaths('linux', {})).toEqual(['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/snap/bin/chromium']);
  expect(systemBrowserPaths('darwin', { HOME: '/Users/me' })[0]).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
  expect(systemBrowserPaths('win32', { PROGRAMFILES: 'C:\\Program Files' })[0]).toBe('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
});

test('a browser variable that names no browser is reported, not skipped', () => {
  expect(findBrowser({ env: { PUPPETEER_EXECUTABLE_PATH: '/nope' }, isExecutable: (f) => f !== '/nope' })).toEqual({
    found: false,
    badVariable: { variable: 'PUPPETEER_EXECUTABLE_PATH', value: '/nope' },
    tried: ['/nope'],
  });
});
