/**
 * The preview server: builds the plan in memory, serves it on 127.0.0.1, and when a file of the
 * plan changes, builds it again and tells every open page to reload.
 *
 *   watcher ──change──► debounce (20 ms) ──► build (checkOnly, charts cached) ──► state
 *                                                                                  │
 *   browser ◄── GET /                 page + overlay + reload script ◄─────────────┤
 *   browser ◄── GET /__yjplan/events  "reload" (Server-Sent Events) ◄──────────────┤
 *                                                                                  │
 *   PDF tab ◄── GET /__yjplan/pdf, /__yjplan/plan.pdf ◄── print (pdf.ts: a warm ◄──┘
 *               and "pdf" events                          browser, after a quiet second)
 *
 * Nothing is written but the chart cache: out/ is left as the last `npm run build` made it.
 * Builds never overlap; changes that arrive during one are built next, together.
 */
import { BuildCache } from '../build/cache.ts';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import { readText } from '../load/source-text.ts';
import { build, type BuildOptions, type BuildResult } from '../build/index.ts';
import { hasErrors, PlanError, type Diagnostic } from '../diagnostics/index.ts';
import { devMessages } from '../messages/dev.ts';
import { formatDiagnostic, sortDiagnostics } from '../diagnostics/reporter.ts';
import { overlayHtml } from './overlay.ts';
import { previewPage } from './page.ts';
import { pdfPreview, type PdfPreview } from './pdf.ts';
import { pdfPath, pdfProblemsText, pdfViewer, pdfViewerPath } from './pdf-page.ts';
import { eventsPath } from './reload-client.ts';
import { watchPlan } from './watch.ts';

export const defaultPort = 4173;
const host = '127.0.0.1';

export interface PreviewOptions {
  /** The plan directory. */
  root: string;
  /** Default 4173; 0 takes any free port (tests). */
  port?: number | undefined;
  /** Where progress lines go (default: nowhere). */
  log?: ((line: string) => void) | undefined;
  /** The clock (default performance.now). */
  now?: (() => number) | undefined;
  /** How long to wait for a burst of file events to end, in ms (default 20). */
  debounce?: number | undefined;
  /** The build to run (default the real one); passed in so tests can replace it. */
  build?: ((options: BuildOptions) => Promise<BuildResult>) | undefined;
  /**
   * Keep a browser warm and offer the PDF beside the page, printed after each pause in the edits
   * and on request (pdf.ts). Default false; `npm run dev` turns it on.
   */
  pdf?: boolean | undefined;
  /** How long the edits must pause before the PDF is printed unasked, in ms (default 1000). */
  pdfQuietMs?: number | undefined;
}

export interface RebuildOutcome {
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Per-stage times from the build, in ms. */
  timings: Record<string, number>;
  /** The whole rebuild, in ms. */
  elapsed: number;
  /** Plan-relative files whose change caused it (empty when asked for directly). */
  changed: string[];
  /** Whether the served page changed, so open pages were told to reload. */
  reloaded: boolean;
  /** The version now served. */
  version: string;
}

export interface Preview {
  url: string;
  port: number;
  /** The plan's title, for the terminal. */
  title: string;
  /** Builds now (after any build under way) and reloads open pages. */
  rebuild(): Promise<RebuildOutcome>;
  /** Called after every build; returns a function that stops the calls. */
  on(event: 'rebuild', listener: (outcome: RebuildOutcome) => void): () => void;
  /** Stops watching, ends every connection and the server, and waits for a build under way. */
  close(): Promise<void>;
}

/** The port could not be listened on: EADDRINUSE, EACCES… */
export class ListenError extends Error {
  constructor(
    readonly port: number,
    readonly code: string,
    options: { cause: unknown },
  ) {
    super(code === 'EADDRINUSE' ? devMessages.portInUse(port) : devMessages.cannotListen(port, code), options);
    this.name = 'ListenError';
  }
}

interface Served {
  /** The last HTML that built. */
  built: string | undefined;
  /** The overlay over it, when the latest build failed. */
  overlay: string;
  version: string;
  page: string;
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const root = path.resolve(options.root);
  const log = options.log ?? (() => {});
  const now = options.now ?? (() => performance.now());
  const runBuild = options.build ?? build;
  // Versions name this run too, so a page left open across a restart reloads.
  const run = randomBytes(4).toString('hex');
  let builds = 0;
  // Parsed Markdown and YAML, kept between rebuilds so an edit re-parses only its own file.
  const buildCache = new BuildCache();

  let served: Served = { built: undefined, overlay: '', version: `${run}.0`, page: '' };
  let lastProblems = '';
  const clients = new Set<http.ServerResponse>();
  const listeners = new Set<(outcome: RebuildOutcome) => void>();
  let closed = false;
  /** The plan's title, once read (for the terminal and the PDF tab). */
  let title: string | undefined;
  const cacheDir = path.join(root, '.yjplan-cache');
  // Started once the port is ours, so a preview that cannot listen leaves no browser behind.
  let pdf: PdfPreview | undefined;

  // Builds, one at a time.
  let running: Promise<RebuildOutcome> | undefined;
  let queued: Promise<RebuildOutcome> | undefined;
  let queuedChanges = new Set<string>();

  function rebuild(changed: Iterable<string> = []): Promise<RebuildOutcome> {
    if (closed) return Promise.reject(new Error('Internal error: the preview is closed'));
    for (const file of changed) queuedChanges.add(file);
    if (!running) {
      const files = [...queuedChanges];
      queuedChanges = new Set();
      running = buildOnce(files).finally(() => {
        running = undefined;
      });
      return running;
    }
    queued ??= running.then((last) => {
      queued = undefined;
      return closed ? last : rebuild();
    });
    return queued;
  }

  async function buildOnce(changed: string[]): Promise<RebuildOutcome> {
    const first = builds++ === 0;
    const start = now();
    let result: BuildResult;
    let internal = false;
    try {
      buildCache.nextBuild();
      result = await runBuild({ root, outDir: path.join(root, 'out'), pdf: false, checkOnly: true, cacheDir, cache: buildCache, now, annotate: true });
    } catch (error) {
      if (error instanceof PlanError) {
        result = { ok: false, diagnostics: error.diagnostics, timings: {}, files: [] };
      } else {
        internal = true;
        log(devMessages.internalError(error instanceof Error ? (error.stack ?? error.message) : String(error)));
        result = { ok: false, diagnostics: [], timings: {}, files: [] };
      }
    }
    const ok = result.ok && !hasErrors(result.diagnostics) && result.html !== undefined;
    const built = ok ? result.html : served.built;
    const overlay = ok
      ? ''
      : overlayHtml({
          errors: result.diagnostics.filter((d) => d.severity === 'error'),
          warnings: result.diagnostics.filter((d) => d.severity === 'warning').length,
          hasPage: built !== undefined,
          internal,
        });
    const reloaded = built !== served.built || overlay !== served.overlay;
    if (reloaded) {
      const version = `${run}.${builds}`;
      served = { built, overlay, version, page: previewPage({ built, overlay, version, pdf: pdf !== undefined }) };
      broadcast('reload', version);
    }
    // The page as printed (the charts' tables at the end, no PDF link), as `npm run build` prints it.
    if (ok && result.meta) pdf?.update({ html: result.printed ?? result.html!, meta: result.meta, version: served.version });
    const elapsed = now() - start;

    log(first ? devMessages.firstBuild(elapsed, result.diagnostics) : devMessages.rebuilt(elapsed, changed, result.diagnostics));
    // The full list only when it changed, so a plan with standing warnings stays quiet.
    const problems = sortDiagnostics(result.diagnostics).map(formatDiagnostic).join('\n');
    if (problems && problems !== lastProblems) log(problems);
    if (!ok && served.built !== undefined && problems !== lastProblems) log(devMessages.keptLastGood());
    lastProblems = problems;

    const outcome: RebuildOutcome = { ok, diagnostics: result.diagnostics, timings: result.timings, elapsed, changed, reloaded, version: served.version };
    for (const listener of listeners) listener(outcome);
    return outcome;
  }

  function broadcast(event: string, data: string): void {
    for (const client of clients) client.write(`event: ${event}\ndata: ${data}\n\n`);
  }

  // The server. Requests that arrive before the first build wait for it.
  let firstBuild: Promise<unknown> = Promise.resolve();
  let allowedHosts = new Set<string>();
  const server = http.createServer((request, response) => {
    void respond(request, response).catch((error: unknown) => {
      log(devMessages.internalError(error instanceof Error ? (error.stack ?? error.message) : String(error)));
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end();
    });
  });

  async function respond(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    // Only pages opened on this machine by its own address: a page on another site cannot reach
    // the preview through a DNS name that points here.
    if (!allowedHosts.has(request.headers.host ?? '')) return text(response, 403, devMessages.forbidden());
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return text(response, 405, devMessages.methodNotAllowed());
    }
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname === eventsPath) return subscribe(request, response);
    if (pathname === '/favicon.ico') return void response.writeHead(204).end();
    if (pathname === pdfViewerPath || pathname === pdfPath) {
      if (!pdf) return text(response, 404, devMessages.pdfDisabled());
      await firstBuild;
      if (pathname === pdfViewerPath) return html(response, pdfViewer(title ?? path.basename(root), undefined), request.method === 'HEAD');
      const printed = await pdf.current();
      if (!printed?.bytes) return text(response, 503, pdfProblemsText(printed?.problems));
      response.writeHead(200, {
        'content-type': 'application/pdf',
        'content-length': printed.bytes.byteLength,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-yjplan-version': printed.version,
      });
      return void response.end(request.method === 'HEAD' ? undefined : printed.bytes);
    }
    if (pathname !== '/' && pathname !== '/index.html') return text(response, 404, devMessages.notFound());
    await firstBuild;
    html(response, served.page, request.method === 'HEAD');
  }

  function subscribe(request: http.IncomingMessage, response: http.ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    if (request.method === 'HEAD') return void response.end();
    request.socket.setTimeout(0);
    // `retry`: reconnect quickly after a restart of the preview.
    response.write(`retry: 500\nevent: hello\ndata: ${served.version}\n\n`);
    clients.add(response);
    response.on('close', () => clients.delete(response));
  }

  const port = await listen(server, options.port ?? defaultPort);
  allowedHosts = new Set([`${host}:${port}`, `localhost:${port}`]);
  if (options.pdf) pdf = pdfPreview({ cacheDir, quietMs: options.pdfQuietMs, log, onPrinted: (printed) => broadcast('pdf', printed.version) });

  // The watcher, and the first build while it starts.
  const watcher = watchPlan(root, {
    debounce: options.debounce ?? 20,
    onChange: (files) => {
      if (!closed) void rebuild(files);
    },
    onError: (error) => log(devMessages.watchFailed(error instanceof Error ? error.message : String(error))),
  });
  firstBuild = rebuild();
  try {
    [title] = await Promise.all([planTitle(root), watcher.ready, firstBuild]);
  } catch (error) {
    // Our bug: leave nothing running behind the error.
    closed = true;
    await watcher.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await pdf?.close();
    throw error;
  }

  const url = `http://${host}:${port}/`;
  const shownTitle = title ?? path.basename(root);
  log(devMessages.previewing(shownTitle, url));

  return {
    url,
    port,
    title: shownTitle,
    rebuild: () => rebuild(),
    on(_event, listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      await watcher.close();
      for (const client of clients) client.end();
      clients.clear();
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await stopped;
      // A build under way still reads files: let it finish, so nothing is left open.
      await Promise.allSettled([running, queued]);
      await pdf?.close();
    },
  };
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(new ListenError(port, error.code ?? 'unknown', { cause: error }));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function html(response: http.ServerResponse, body: string, head: boolean): void {
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(head ? undefined : body);
}

function text(response: http.ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  response.end(body);
}

/** "Rotherham Youth Justice Plan 2019/21", or the directory's name when plan.yaml cannot say. */
async function planTitle(root: string): Promise<string> {
  try {
    // Read as the build reads it: inside the plan, a regular file, bounded (never a pipe or /dev/zero).
    const read = await readText(path.join(root, 'plan.yaml'), root);
    if (!read.ok) return path.basename(root);
    const plan: unknown = parse(read.text, { version: '1.2', merge: false, maxAliasCount: 100 });
    if (typeof plan === 'object' && plan !== null) {
      const { title, period } = plan as Record<string, unknown>;
      if (typeof title === 'string') return typeof period === 'string' ? `${title} ${period}` : title;
    }
  } catch {
    // The build reports what is wrong with plan.yaml; the title is only for the terminal.
  }
  return path.basename(root);
}
