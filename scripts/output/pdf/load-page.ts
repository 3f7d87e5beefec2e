/**
 * Loading the HTML hermetically, whatever it holds. Three walls, each enough on its own for
 * what it covers:
 *
 *   page JavaScript off     no script in the page runs: nothing rewrites the text, opens a
 *                           WebSocket or times a request (Emulation.setScriptExecutionDisabled;
 *                           the build's own measuring still runs, through the DevTools protocol)
 *   Content-Security-Policy the document is served, by request interception, under a policy sent
 *                           as a response header, which no <meta> in the HTML can loosen: nothing
 *                           loads or connects but data: images, fonts and inline styles
 *   request interception    any request that still reaches the network layer (a navigation, a
 *                           redirect) is refused
 *
 * Every refusal is recorded, and so is every script the page holds (which did not run), so that
 * printing can report each at the place in the plan it came from.
 */
import type { HTTPRequest, Page } from 'puppeteer-core';

const ALLOWED = /^(?:data|about):/i;

export const isAllowedUrl = (url: string): boolean => ALLOWED.test(url);

/** The address the document is served at. `.invalid` never resolves (RFC 6761); nothing is fetched from it. */
export const DOCUMENT_URL = 'https://print.yjplan.invalid/';

/**
 * No scripts, no connections, no frames, no plugins, no forms, no base URL: only what a printed page
 * needs, inline. `default-src 'none'` covers connect-src, so WebSockets and fetches are refused too.
 */
export const PRINT_CSP = [
  "default-src 'none'",
  "script-src 'none'",
  "connect-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  'font-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** What the page tried, for the caller to report: a URL it asked for, or a script it holds. */
export type Attempt = { kind: 'request'; url: string } | { kind: 'script'; what: string; text: string };

/** Loads `html` into `page`; `onAttempt` hears each refused request and each script, once. */
export async function loadHermetic(page: Page, html: string, onAttempt: (attempt: Attempt) => void): Promise<void> {
  const seen = new Set<string>();
  const report = (attempt: Attempt) => {
    const key = attempt.kind === 'request' ? `r ${attempt.url}` : `s ${attempt.what} ${attempt.text}`;
    if (seen.has(key)) return;
    seen.add(key);
    onAttempt(attempt);
  };
  await page.setJavaScriptEnabled(false);
  await page.setRequestInterception(true);
  let served = false;
  page.on('request', (request: HTTPRequest) => {
    const url = request.url();
    if (!served && url === DOCUMENT_URL && request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      served = true;
      void request.respond({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        headers: { 'Content-Security-Policy': PRINT_CSP, 'X-DNS-Prefetch-Control': 'off', 'Referrer-Policy': 'no-referrer' },
        body: html,
      });
      return;
    }
    if (isAllowedUrl(url)) {
      void request.continue();
      return;
    }
    report({ kind: 'request', url });
    void request.abort('blockedbyclient');
  });
  // What the policy refuses never becomes a request: Chromium says so on the console, as it does
  // for file: URLs, which it refuses itself.
  page.on('console', (message) => {
    const url = refusedUrl(message.text());
    if (url !== undefined) report({ kind: 'request', url });
  });
  await page.goto(DOCUMENT_URL, { waitUntil: 'load', timeout: 0 });
  for (const script of await scriptsIn(page)) report({ kind: 'script', ...script });
  // Force every <details> open, for browsers without ::details-content.
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
  });
}

/** The URL a console message says was refused, if it says so. */
export function refusedUrl(text: string): string | undefined {
  const local = /^Not allowed to load local resource: (\S+)/.exec(text);
  if (local) return local[1]!;
  if (!/Content Security Policy/i.test(text)) return undefined;
  // "Loading the image 'https://…' violates …", "Refused to connect to 'wss://…' because it violates …"
  const quoted = /'([^']+)'/.exec(text);
  return quoted ? quoted[1]! : text.split('.')[0]!;
}

/**
 * Every script the page holds, though none runs: <script> elements, on… handler attributes,
 * javascript: URLs, and frames or plugins that could hold their own. Read through the DevTools
 * protocol, which runs with page JavaScript off.
 */
async function scriptsIn(page: Page): Promise<Array<{ what: string; text: string }>> {
  // No named functions inside: the evaluated code is sent as text, without the build's helpers.
  const found = await page.evaluate(() => {
    const found: Array<{ what: string; text: string }> = [];
    for (const element of document.querySelectorAll('*')) {
      const name = element.localName;
      if (name === 'script' || name === 'iframe' || name === 'frame' || name === 'object' || name === 'embed') {
        found.push({ what: `<${name}>`, text: (element.textContent ?? '').trim() || (element.getAttribute('src') ?? element.getAttribute('srcdoc') ?? element.getAttribute('data') ?? '') });
      }
      if (name === 'meta' && /refresh/i.test(element.getAttribute('http-equiv') ?? '')) found.push({ what: '<meta http-equiv="refresh">', text: element.getAttribute('content') ?? '' });
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name) || /^\s*(?:java|vb)script:/i.test(attribute.value.replace(/[\u0000-\u001f]/g, ''))) found.push({ what: `${attribute.name}=`, text: attribute.value });
      }
    }
    return found;
  });
  return found.map(({ what, text }) => ({ what, text: text.replace(/\s+/g, ' ').trim().slice(0, 80) }));
}
