// The floor the build is measured against: what the browser itself needs to print the
// finished HTML, with nothing of ours around it. Launch Chromium, load the HTML, one
// page.pdf() with the build's options, close. Plain JavaScript run by plain Node (no tsx),
// so the floor carries no start-up cost of ours either.
// Usage: node scripts/bench/floor.mjs <index.html> <out.pdf> <chromium>; prints one line of JSON.
import { readFile, writeFile } from 'node:fs/promises';

const [htmlFile, outFile, executablePath] = process.argv.slice(2);
if (!htmlFile || !outFile || !executablePath) throw new Error('usage: floor.mjs <index.html> <out.pdf> <chromium>');

const times = {};
let mark = performance.now();
const lap = (name) => {
  const now = performance.now();
  times[name] = now - mark;
  mark = now;
};

const { default: puppeteer } = await import('puppeteer-core');
const html = await readFile(htmlFile, 'utf8');
lap('import');
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  pipe: true,
  // The least Chromium needs here: no sandbox as root, and a /dev/shm that containers keep small.
  args: ['--disable-gpu', '--disable-dev-shm-usage', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
});
lap('launch');
const page = await browser.newPage();
await page.setContent(html, { waitUntil: 'load' });
lap('load');
const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, waitForFonts: true });
lap('print');
await writeFile(outFile, pdf);
lap('write');
await browser.close();
lap('close');
times.total = times.launch + times.load + times.print + times.write + times.close;
process.stdout.write(`${JSON.stringify({ times, bytes: pdf.length, maxRss: process.resourceUsage().maxRSS / 1024 })}\n`);
