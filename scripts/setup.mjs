#!/usr/bin/env node
// `npm run setup`: make a fresh machine ready to build plans.
//
//   1. install the dependencies: `npm ci` (or `npm install` when there is no lockfile);
//   2. find a Chromium-family browser for the PDF, exactly as the build does
//      (scripts/output/pdf/find-browser.mjs); never download one;
//   3. if there is none, and this is root on a system with apt-get, install Debian's
//      `chromium` package; otherwise say what to do.
//   The browser tests also read PDFs with poppler (pdftotext, pdfinfo): installed alongside
//   when apt-get is used, otherwise mentioned.
//
// Plain Node with no dependencies: it runs before node_modules exists.
// Options: --no-install  skip step 1 (the dependencies are already installed);
//          --no-browser  skip steps 2 and 3 (for building the HTML only).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findBrowser, isExecutableFile } from './output/pdf/find-browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const say = (line) => console.log(`setup: ${line}`);
const isWindows = process.platform === 'win32';

function run(command, commandArgs, options = {}) {
  say(`$ ${[command, ...commandArgs].join(' ')}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', shell: isWindows, ...options });
  if (result.error) say(`could not run ${command}: ${result.error.message}`);
  return result.status === 0;
}

function onPath(command) {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  return dirs.some((dir) => isExecutableFile(path.join(dir, command)));
}

function browserVersion(executablePath) {
  const result = spawnSync(executablePath, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return (result.stdout ?? '').trim() || 'version unknown';
}

function installAdvice() {
  const lines = ['no Chromium-family browser was found, so the build cannot print the PDF (the HTML still builds).', 'To fix it, do one of:'];
  if (process.platform === 'linux') {
    lines.push('  sudo apt-get update && sudo apt-get install -y chromium      # Debian, and Ubuntu via apt or snap');
    lines.push('  sudo dnf install -y chromium                                   # Fedora');
  } else if (process.platform === 'darwin') {
    lines.push('  install Google Chrome from google.com/chrome, or: brew install --cask chromium');
  } else if (isWindows) {
    lines.push('  install Google Chrome; Microsoft Edge is found too, where it is in its usual place');
  }
  lines.push('  or set PUPPETEER_EXECUTABLE_PATH to the full path of a Chrome, Chromium or Edge executable');
  lines.push('Then run `npm run setup` again.');
  return lines;
}

// --- 1. Dependencies -------------------------------------------------------------------------
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 11)) {
  say(`Node.js ${process.versions.node} is too old: yjplan needs 20.11 or later.`);
  process.exit(1);
}
say(`Node.js ${process.versions.node}`);

if (args.has('--no-install')) {
  say('skipping the dependencies (--no-install)');
} else {
  const lockfile = existsSync(path.join(root, 'package-lock.json'));
  say(lockfile ? 'installing the dependencies from package-lock.json (npm ci)' : 'installing the dependencies (npm install: there is no lockfile)');
  // puppeteer-core never downloads a browser; the variable also covers any puppeteer that a plan adds.
  const npmEnv = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1' };
  if (!run('npm', [lockfile ? 'ci' : 'install', '--no-audit', '--no-fund'], { env: npmEnv })) {
    say('installing the dependencies failed: see npm\'s messages above.');
    process.exit(1);
  }
  say('dependencies installed');
}

if (args.has('--no-browser')) {
  say('skipping the browser check (--no-browser): the build can make the HTML, not the PDF (use --no-pdf).');
  process.exit(0);
}

// --- 2. Browser ------------------------------------------------------------------------------
say('looking for a browser to print the PDF with');
let search = findBrowser();
if (!search.found && search.badVariable) {
  const { variable, value } = search.badVariable;
  say(`${variable} is set to ${value}, which is not an executable file.`);
  say(`Point ${variable} at a browser (for example /usr/bin/chromium), or unset it to use the system's.`);
  process.exit(1);
}

// --- 3. Install one where we can -------------------------------------------------------------
const canApt = process.platform === 'linux' && process.getuid?.() === 0 && onPath('apt-get');
const wantPoppler = !onPath('pdftotext') || !onPath('pdfinfo');
if (!search.found && canApt) {
  say('none found; installing Debian\'s chromium package with apt-get (this takes a minute)');
  const packages = ['chromium', ...(wantPoppler ? ['poppler-utils'] : [])];
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const installed = run('apt-get', ['update'], { env: aptEnv }) && run('apt-get', ['install', '-y', ...packages], { env: aptEnv });
  if (!installed) say('apt-get could not install chromium: see its messages above.');
  search = findBrowser();
} else if (search.found && wantPoppler && canApt) {
  say('installing poppler-utils, which the browser tests use to read PDFs');
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!(run('apt-get', ['update'], { env: aptEnv }) && run('apt-get', ['install', '-y', 'poppler-utils'], { env: aptEnv }))) {
    say('poppler-utils could not be installed: `npm test` needs pdftotext and pdfinfo for its browser tests.');
  }
}

if (!search.found) {
  for (const line of installAdvice()) say(line);
  process.exit(1);
}
say(`browser: ${search.executablePath} (${browserVersion(search.executablePath)}), found ${search.from === 'system' ? 'in its usual place' : `through ${search.from}`}`);
if (!onPath('pdftotext') || !onPath('pdfinfo')) {
  say('note: `npm test` reads PDFs with poppler; install it with `sudo apt-get install -y poppler-utils` (or `brew install poppler`).');
}
say('ready: `npm run build` builds the plan into out/, `npm test` runs the tests.');
