// Where to look for a Chromium-based browser. Plain JavaScript with no dependencies,
// because scripts/setup.mjs runs it before node_modules exists; scripts/pdf/browser.ts
// uses the same function, so setup and build always agree on which browser is used.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** Variables that name the browser, most specific first. */
export const browserVariables = ['PUPPETEER_EXECUTABLE_PATH', 'CHROME_PATH'];

/**
 * The usual install locations, in the order they are tried.
 * @param {NodeJS.Platform} platform
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function systemBrowserPaths(platform, env) {
  if (platform === 'darwin') {
    const apps = ['/Applications', path.join(env.HOME ?? '~', 'Applications')];
    return apps.flatMap((dir) => [
      `${dir}/Google Chrome.app/Contents/MacOS/Google Chrome`,
      `${dir}/Chromium.app/Contents/MacOS/Chromium`,
      `${dir}/Microsoft Edge.app/Contents/MacOS/Microsoft Edge`,
    ]);
  }
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter((r) => r !== undefined);
    return [
      ...roots.map((r) => path.win32.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe')),
      ...roots.map((r) => path.win32.join(r, 'Chromium', 'Application', 'chrome.exe')),
      // Every Windows 10/11 machine has Edge, which prints PDFs as Chrome does.
      ...roots.map((r) => path.win32.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe')),
    ];
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
  ];
}

/** @param {string} file */
export function isExecutableFile(file) {
  try {
    if (!statSync(file).isFile()) return false;
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the browser to print with. A variable that is set must point at a browser:
 * it is never silently skipped, so a typo in it is reported rather than hidden.
 * @param {{ env?: Record<string, string | undefined>, platform?: NodeJS.Platform, isExecutable?: (file: string) => boolean }} [options]
 * @returns {import('./find-browser.mjs').BrowserSearch}
 */
export function findBrowser(options = {}) {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const isExecutable = options.isExecutable ?? isExecutableFile;
  for (const variable of browserVariables) {
    const value = env[variable]?.trim();
    if (!value) continue;
    return isExecutable(value)
      ? { found: true, executablePath: value, from: variable }
      : { found: false, badVariable: { variable, value }, tried: [value] };
  }
  const tried = systemBrowserPaths(platform, env);
  const executablePath = tried.find((file) => isExecutable(file));
  return executablePath
    ? { found: true, executablePath, from: 'system' }
    : { found: false, tried };
}
