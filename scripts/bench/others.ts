/**
 * Other paginators, for comparison only: Vivliostyle CLI and pagedjs-cli printing the same HTML,
 * their contents numbered by CSS `target-counter()` (which both implement and Chromium does not).
 * Never a dependency of the project, and the bench installs neither: each is used when found on
 * PATH (`vivliostyle`, `pagedjs-cli`) or installed in a folder the bench is told of (`--others
 * <dir>`, or YJPLAN_BENCH_OTHERS, default /tmp/cmp), and skipped with a note otherwise. To add
 * them outside the project: `PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix /tmp/cmp
 * @vivliostyle/cli pagedjs-cli` (or `npm install -g` the same, which puts them on PATH).
 * Both drive the same system Chromium as the build; neither downloads a browser.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface OtherTool {
  name: string;
  version: string;
  /** The command and its arguments to print `html` to `pdf`. */
  command: (html: string, pdf: string) => { file: string; args: string[]; env: NodeJS.ProcessEnv };
}

export interface FoundTools {
  tools: OtherTool[];
  notes: string[];
}

export function findOtherTools(prefix: string, chromium: string): FoundTools {
  const inPrefix = (name: string) => path.join(prefix, 'node_modules', '.bin', name);
  const bin = (name: string) => (executable(inPrefix(name)) ? inPrefix(name) : onPath(name) ?? inPrefix(name));
  const version = (pkg: string, name: string) => {
    if (!executable(inPrefix(name))) {
      const asked = spawnSync(bin(name), ['--version'], { encoding: 'utf8', timeout: 20_000 });
      return /\d+\.\d+\.\d+\S*/.exec(asked.stdout ?? '')?.[0] ?? '?';
    }
    try {
      return String((JSON.parse(readFileSync(path.join(prefix, 'node_modules', pkg, 'package.json'), 'utf8')) as { version?: unknown }).version);
    } catch {
      return '?';
    }
  };
  const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const env = { ...process.env, PUPPETEER_SKIP_DOWNLOAD: '1', PUPPETEER_EXECUTABLE_PATH: chromium };
  const tools: OtherTool[] = [];
  const notes: string[] = [];
  if (executable(bin('vivliostyle'))) {
    tools.push({
      name: 'Vivliostyle CLI',
      version: version('@vivliostyle/cli', 'vivliostyle'),
      command: (html, pdf) => ({
        file: bin('vivliostyle'),
        args: ['build', html, '-o', pdf, '-s', 'A4', '--executable-browser', chromium, '--log-level', 'silent'],
        env,
      }),
    });
  } else {
    notes.push(`Vivliostyle CLI not found on PATH or in ${prefix} (PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix ${prefix} @vivliostyle/cli): skipped`);
  }
  if (executable(bin('pagedjs-cli'))) {
    tools.push({
      name: 'pagedjs-cli',
      version: version('pagedjs-cli', 'pagedjs-cli'),
      command: (html, pdf) => ({
        file: bin('pagedjs-cli'),
        args: [html, '-o', pdf, '--browserArgs', [...sandbox, '--disable-gpu', '--disable-dev-shm-usage'].join(',')],
        env,
      }),
    });
  } else {
    notes.push(`pagedjs-cli not found on PATH or in ${prefix} (PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix ${prefix} pagedjs-cli): skipped`);
  }
  return { tools, notes };
}

/**
 * The built HTML with its contents numbered the CSS way: each `.toc-page` gets the fragment it
 * points to, and a rule asks for the target's page number.
 */
export async function writeTargetCounterHtml(html: string, file: string): Promise<number> {
  let entries = 0;
  const numbered = html
    .replace(/<span class="toc-page" data-target="([^"]+)"/g, (_, id: string) => {
      entries++;
      return `<span class="toc-page" data-target="${id}" data-href="#${id}"`;
    })
    .replace('</head>', () => '<style>.toc-page::after { content: target-counter(attr(data-href url), page); }</style></head>');
  await writeFile(file, numbered);
  return entries;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    if (executable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
