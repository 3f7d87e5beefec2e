/**
 * yjplan as a council installs it: the package `npm pack` makes, installed in a folder outside
 * this repository with its dependencies from the npm cache (offline, as `npm ci` installs them
 * from the lockfile), and run through its real `bin` with `npx`. A new plan made there builds
 * into an HTML page and a PDF with every heading of the YJB's structure, each marked to be
 * supplied, and the KPI tables with their measures named; `check` lists what is left.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultStructure, readStructure, type StructureSection } from '../../scripts/new/structure.ts';
import { repoRoot } from '../helpers/plan-dir.ts';

// Never ask the registry: npx must find the installed bin, and npm ci the cached tarballs.
const env = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

const ok = (result: SpawnSyncReturns<string>): string => {
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  return `${result.stdout}\n${result.stderr}`;
};

/** Text as a reader sees it, with either apostrophe as one. */
const text = (html: string): string => plain(html.replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'"));
const plain = (s: string): string => s.replace(/’/g, "'").replace(/\s+/g, ' ');

describe('the packed package, installed in a council’s own folder', () => {
  let scratch: string;
  let plan: string;
  let sections: StructureSection[];
  let kpiMeasures: Map<string, string[]>;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'yjplan-packed-'));
    const tarball = ok(run('npm', ['pack', '--silent', '--pack-destination', scratch], repoRoot)).trim().split('\n')[0]!;
    // What `npm install <tarball>` would place, with the same dependencies from the lockfile.
    const installed = path.join(scratch, 'council', 'node_modules', 'yjplan');
    await mkdir(installed, { recursive: true });
    ok(run('tar', ['xzf', path.join(scratch, tarball), '-C', installed, '--strip-components=1'], scratch));
    await copyFile(path.join(repoRoot, 'package-lock.json'), path.join(installed, 'package-lock.json'));
    ok(run('npm', ['ci', '--omit=dev', '--offline', '--ignore-scripts'], installed));
    await mkdir(path.join(scratch, 'council', 'node_modules', '.bin'));
    await symlink('../yjplan/bin/yjplan.mjs', path.join(scratch, 'council', 'node_modules', '.bin', 'yjplan'));

    const structure = await readStructure(defaultStructure);
    sections = [];
    const walk = (list: StructureSection[]): void => list.forEach((s) => (sections.push(s), walk(s.sections)));
    walk(structure.sections);
    kpiMeasures = new Map(
      [...structure.data]
        .filter(([name]) => name.startsWith('kpi-'))
        .map(([, yaml]) => {
          // The measures are the row headings (the management board's table names its partners).
          const table = parse(yaml) as { caption: string; columns: Array<{ key: string; header?: boolean }>; rows: Array<Record<string, unknown>> };
          const heading = table.columns.find((c) => c.header)!.key;
          return [table.caption, table.rows.map((r) => String(r[heading]))];
        }),
    );

    plan = path.join(scratch, 'council', 'plan');
    ok(run('npx', ['yjplan', 'new', 'plan'], path.join(scratch, 'council')));
  }, 600_000);

  it('holds only the plan’s tool files: no tests, no sample plan', async () => {
    const files = await readdir(path.join(scratch, 'council', 'node_modules', 'yjplan'));
    expect(files).toEqual(expect.arrayContaining(['bin', 'dist', 'scripts', 'templates', 'schemas', 'structures', 'package.json']));
    expect(files).not.toContain('tests');
    expect(files).not.toContain('content');
  });

  it('npx yjplan build gives the HTML page and the PDF, with every heading of the structure to be supplied and the KPI tables’ measures named', async () => {
    const output = ok(run('npx', ['yjplan', 'build'], plan));
    expect(output).toMatch(/Built out\/index\.html, out\/pages\/ \(\d+ pages\), out\/embed\/, out\/[\w.-]+-draft-[\d.]+\.pdf/);
    const pdfs = (await readdir(path.join(plan, 'out'))).filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(1);

    const html = await readFile(path.join(plan, 'out', 'index.html'), 'utf8');
    const page = text(html);
    const pdf = plain(ok(run('pdftotext', ['-layout', path.join(plan, 'out', pdfs[0]!), '-'], plan)));
    expect(sections.length).toBeGreaterThanOrEqual(20);
    for (const s of sections) {
      const id = s.id;
      const section = new RegExp(`<section[^>]*aria-labelledby="${id}"[\\s\\S]*?</h[2-6]>`).exec(html)?.[0];
      expect(section, id).toBeDefined();
      expect(text(section!)).toContain(s.title);
      expect(pdf).toContain(plain(s.title).split(' ').slice(0, 3).join(' '));
      // Every heading the guidance asks for says what belongs there, marked to be supplied.
      if (s.prompt) expect(new RegExp(`aria-labelledby="${id}"[^>]*>(?:(?!<section)[\\s\\S])*?class="to-be-supplied`).test(html), id).toBe(true);
    }
    expect(kpiMeasures.size).toBe(10);
    for (const [caption, measures] of kpiMeasures) {
      expect(page).toContain(caption);
      expect(pdf).toContain(caption);
      for (const measure of measures) expect(page).toContain(plain(measure));
    }
  });

  it('npx yjplan check lists every section still to be supplied, at its file and line', () => {
    const result = run('npx', ['yjplan', 'check'], plan);
    expect(result.status).toBe(0);
    const listed = new Set([...result.stderr.matchAll(/^content\/([\w-]+)\.md:\d+:\d+ {2}warning {2}Content still to be supplied/gm)].map((m) => m[1]));
    expect([...listed].sort()).toEqual(sections.filter((s) => s.prompt).map((s) => s.id).sort());
    expect(result.stderr).toMatch(/^data\/review-[\d-]+\.yaml:\d+:\d+ {2}warning {2}How the action .* is still to be supplied/m);
  });

  it('points each YAML file’s editor schema at the installed package', async () => {
    const first = (await readFile(path.join(plan, 'plan.yaml'), 'utf8')).split('\n')[0]!;
    expect(first).toBe('# yaml-language-server: $schema=../node_modules/yjplan/schemas/plan.schema.json');
    const kpi = (await readFile(path.join(plan, 'data', 'kpi-ete.yaml'), 'utf8')).split('\n')[0]!;
    const schema = path.resolve(plan, 'data', kpi.replace('# yaml-language-server: $schema=', ''));
    expect(existsSync(schema)).toBe(true);
    expect(JSON.parse(await readFile(schema, 'utf8'))).toHaveProperty('$schema');
  });
});
