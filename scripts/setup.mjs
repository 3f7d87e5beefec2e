#!/usr/bin/env node
// `npm run setup`: make a fresh machine ready to build plans.
//
//   1. install the dependencies: `npm ci` (or `npm install` when there is no lockfile);
//   2. find a Chromium-family browser for the PDF, exactly as the build does
//      (scripts/output/pdf/find-browser.mjs); never download one;
//   3. if there is none, and this is root on a system with apt-get, install Debian's
//      `chromium` package; otherwise say what to do.
//   Between 1 and 2, the command line is compiled ahead of time into dist/ (compile/compile.mjs),
//   which `npm run build`, `check` and `yjplan` then run instead of the TypeScript sources.
//   The browser tests also read PDFs with poppler (pdftotext, pdfinfo, and pdftoppm, which draws
//   the pages compared with the golden images): installed alongside when apt-get is used,
//   otherwise mentioned.
//   The tests check every built page with the Nu Html Checker (`vnu-jar`), which needs Java:
//   when there is none, root with apt-get installs Debian's `default-jre-headless` first, before
//   the dependencies, so that vnu-jar's install script finds it and never downloads a Java of
//   its own; otherwise setup says that those tests will be skipped.
//
// Plain Node with no dependencies: it runs before node_modules exists.
// Options: --no-install  skip step 1 (the dependencies are already installed), and Java;
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

const canApt = process.platform === 'linux' && process.getuid?.() === 0 && onPath('apt-get');
const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
let aptUpdated = false;
function aptInstall(packages) {
  if (!aptUpdated) aptUpdated = run('apt-get', ['update'], { env: aptEnv });
  return aptUpdated && run('apt-get', ['install', '-y', ...packages], { env: aptEnv });
}
const hasJava = () => onPath('java') || (!!process.env.JAVA_HOME && isExecutableFile(path.join(process.env.JAVA_HOME, 'bin', isWindows ? 'java.exe' : 'java')));

if (args.has('--no-install')) {
  say('skipping the dependencies (--no-install)');
} else {
  if (hasJava()) {
    say('Java found: the tests can run the Nu Html Checker');
  } else if (canApt) {
    say('no Java found; installing Debian\'s default-jre-headless with apt-get, for the Nu Html Checker in the tests');
    if (!aptInstall(['default-jre-headless'])) say('apt-get could not install Java: see its messages above. The Nu Html Checker tests will be skipped.');
  } else {
    say('note: no Java found, so `npm test` skips the Nu Html Checker; install Java 11 or later (`sudo apt-get install -y default-jre-headless`) to run it.');
  }
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

// --- Compile the command line ----------------------------------------------------------------
// Imported only now: it needs esbuild, which step 1 installs.
try {
  const { compile } = await import('./compile/compile.mjs');
  const compiled = await compile({ quiet: true });
  say(`command line compiled: ${compiled.inputs} source files into ${path.relative(root, compiled.dir)}/ (npm run build runs it while it is newer than the sources)`);
} catch (error) {
  // Not fatal: the build runs from the TypeScript sources, only slower to start.
  say(`could not compile the command line (${error instanceof Error ? error.message.split('\n')[0] : error}); the build runs from the sources instead.`);
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
const POPPLER = ['pdftotext', 'pdfinfo', 'pdftoppm'];
const wantPoppler = POPPLER.some((tool) => !onPath(tool));
if (!search.found && canApt) {
  say('none found; installing Debian\'s chromium package with apt-get (this takes a minute)');
  const packages = ['chromium', ...(wantPoppler ? ['poppler-utils'] : [])];
  const installed = aptInstall(packages);
  if (!installed) say('apt-get could not install chromium: see its messages above.');
  search = findBrowser();
} else if (search.found && wantPoppler && canApt) {
  say('installing poppler-utils, which the browser tests use to read PDFs and draw their pages');
  if (!aptInstall(['poppler-utils'])) {
    say('poppler-utils could not be installed: `npm test` needs pdftotext, pdfinfo and pdftoppm for its browser tests.');
  }
}

if (!search.found) {
  for (const line of installAdvice()) say(line);
  process.exit(1);
}
say(`browser: ${search.executablePath} (${browserVersion(search.executablePath)}), found ${search.from === 'system' ? 'in its usual place' : `through ${search.from}`}`);
if (POPPLER.some((tool) => !onPath(tool))) {
  say('note: `npm test` reads PDFs and draws their pages with poppler; install it with `sudo apt-get install -y poppler-utils` (or `brew install poppler`).');
}
if (!hasJava()) say('note: `npm test` skips the Nu Html Checker without Java; install it with `sudo apt-get install -y default-jre-headless`.');
say('ready: `npm run build` builds the plan into out/, `npm test` runs the tests.');
