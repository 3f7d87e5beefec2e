/**
 * Nothing outside the plan is read, and only regular files are read: every path is followed to
 * its real place and checked against the plan's own real path. `check` writes nothing at all.
 */
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, open, readdir, readFile, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { main } from '../../scripts/cli/index.ts';
import { ChartCache } from '../../scripts/charts/cache.ts';
import { readCacheFile, writeCacheFile } from '../../scripts/safety/cache-dir.ts';
import { openedInside, readInside } from '../../scripts/safety/read.ts';
import { copyFixture, repoRoot } from '../helpers/plan-dir.ts';
import { tree } from '../helpers/tree.ts';

async function scratch() {
  const top = await mkdtemp(path.join(os.tmpdir(), 'yjplan-files-'));
  const plan = path.join(top, 'plan');
  await copyFixture('small', plan);
  const elsewhere = path.join(top, 'elsewhere');
  await mkdir(elsewhere);
  return { top, plan, elsewhere };
}

async function cli(args: string[]) {
  const lines: string[] = [];
  const code = await main(args, { out: (s) => lines.push(s), err: (s) => lines.push(s) });
  return { code, output: lines.join('\n') };
}

describe('a folder of the plan that is a link to elsewhere', () => {
  it('content/ as a link to a copy outside the plan: every section is refused as outside the plan', async () => {
    const s = await scratch();
    await cp(path.join(s.plan, 'content'), path.join(s.elsewhere, 'content'), { recursive: true });
    await rm(path.join(s.plan, 'content'), { recursive: true });
    await symlink(path.join(s.elsewhere, 'content'), path.join(s.plan, 'content'));
    const { code, output } = await cli(['check', s.plan]);
    expect(code).toBe(1);
    expect(output).toMatch(/plan\.yaml:\d+:\d+ {2}error {2}`content\/introduction\.md` is a link to a file outside the plan directory/);
    expect(output).not.toContain('outline:unlisted-file');
  });

  it('templates/charts/ as a link to a folder outside the plan: the spec there is not read', async () => {
    const s = await scratch();
    await mkdir(path.join(s.elsewhere, 'charts'));
    await writeFile(path.join(s.elsewhere, 'charts', 'secret.vl.json'), '{"mark": "bar"}');
    await mkdir(path.join(s.plan, 'templates'), { recursive: true });
    await symlink(path.join(s.elsewhere, 'charts'), path.join(s.plan, 'templates', 'charts'));
    const section = path.join(s.plan, 'content', 'money.md');
    await writeFile(section, `${await readFile(section, 'utf8')}\n:::chart{#fig-secret data=budget spec=secret}\nA chart\n:::\n`);
    const { code, output } = await cli(['check', s.plan]);
    expect(code).toBe(1);
    expect(output).toMatch(/templates\/charts\/secret\.vl\.json:1:1 {2}error {2}`secret\.vl\.json` is a link to a file outside the plan directory, which is not read {2}file:outside-plan/);
  });

  it('data/ as a link to elsewhere, and a data file linked from outside: neither is read', async () => {
    const s = await scratch();
    await writeFile(path.join(s.elsewhere, 'stolen.yaml'), 'kind: values\nvalues:\n  x: 1\n');
    await symlink(path.join(s.elsewhere, 'stolen.yaml'), path.join(s.plan, 'data', 'stolen.yaml'));
    const { output } = await cli(['check', s.plan]);
    expect(output).toMatch(/data\/stolen\.yaml:1:1 {2}error {2}`data\/stolen\.yaml` is a link to a file outside the plan directory, which is not read {2}file:outside-plan/);
  });

  it('templates/styles/ or data/ as a link to a folder outside the plan: nothing there is read, and the build says so', async () => {
    const s = await scratch();
    await mkdir(path.join(s.elsewhere, 'styles'));
    await writeFile(path.join(s.elsewhere, 'styles', 'council.css'), 'p { color: #123456 }');
    await mkdir(path.join(s.plan, 'templates'), { recursive: true });
    await symlink(path.join(s.elsewhere, 'styles'), path.join(s.plan, 'templates', 'styles'));
    const styles = await cli(['check', s.plan]);
    expect(styles.code).toBe(1);
    expect(styles.output).toMatch(/templates\/styles\/:1:1 {2}error {2}`templates\/styles\/` is a link to a folder outside the plan directory, so nothing in it is read {2}file:outside-plan/);

    const t = await scratch();
    await cp(path.join(t.plan, 'data'), path.join(t.elsewhere, 'data'), { recursive: true });
    await rm(path.join(t.plan, 'data'), { recursive: true });
    await symlink(path.join(t.elsewhere, 'data'), path.join(t.plan, 'data'));
    const data = await cli(['check', t.plan]);
    expect(data.code).toBe(1);
    expect(data.output).toMatch(/data\/:1:1 {2}error {2}`data\/` is a link to a folder outside the plan directory, so nothing in it is read {2}file:outside-plan/);
  });

  it('a link inside the plan to another file of the plan is still read', async () => {
    const s = await scratch();
    const original = await readFile(path.join(s.plan, 'content', 'introduction.md'), 'utf8');
    await writeFile(path.join(s.plan, 'intro-source.md'), `${original}\nLinked from inside the plan.\n`);
    await rm(path.join(s.plan, 'content', 'introduction.md'));
    await symlink(path.join(s.plan, 'intro-source.md'), path.join(s.plan, 'content', 'introduction.md'));
    const out = path.join(s.top, 'site');
    const result = await build({ root: s.plan, outDir: out, pdf: false });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain('Linked from inside the plan.');
  });

  it('a folder in content/ that is a link, to a folder outside or to /, is not listed: no name from there is printed, and check ends at once', async () => {
    const s = await scratch();
    await mkdir(path.join(s.elsewhere, 'private'));
    await writeFile(path.join(s.elsewhere, 'private', 'board-minutes-confidential.md'), '# Minutes\n');
    await symlink(s.elsewhere, path.join(s.plan, 'content', 'peek'));
    await symlink('/', path.join(s.plan, 'content', 'rootlink'));
    await mkdir(path.join(s.plan, 'content', 'drafts'));
    await writeFile(path.join(s.plan, 'content', 'drafts', 'idea.md'), '# Idea\n');
    const started = Date.now();
    const { output } = await cli(['check', s.plan]);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(output).not.toContain('board-minutes');
    expect(output).not.toContain('rootlink/');
    // The plan's own folder is still listed.
    expect(output).toContain('content/drafts/idea.md');
  });
});

describe('what is read is what was opened', () => {
  it('a file opened outside the plan is known by the path the kernel holds for it, however it was reached', async () => {
    const s = await scratch();
    await writeFile(path.join(s.elsewhere, 'secret.md'), 'secret');
    const realPlan = await realpath(s.plan);
    const outside = await open(path.join(s.elsewhere, 'secret.md'), 'r');
    const inside = await open(path.join(s.plan, 'plan.yaml'), 'r');
    try {
      expect(await openedInside(outside.fd, realPlan)).toBe(false);
      expect(await openedInside(inside.fd, realPlan)).toBe(true);
    } finally {
      await outside.close();
      await inside.close();
    }
  });
});

describe('only regular files are read, and a pipe never blocks', () => {
  it.each([
    ['a section', 'content/introduction.md', /plan\.yaml:\d+:\d+ {2}error {2}`content\/introduction\.md` is a pipe, not an ordinary file/],
    ['a data file', 'data/figures.yaml', /data\/figures\.yaml:1:1 {2}error {2}`data\/figures\.yaml` is a pipe/],
    ['plan.yaml', 'plan.yaml', /plan\.yaml:1:1 {2}error {2}`plan\.yaml` is a pipe/],
    ['a stylesheet', 'templates/styles/site.css', /templates\/styles\/site\.css:1:1 {2}error {2}`templates\/styles\/site\.css` is a pipe/],
  ])('%s that is a pipe is a located error, at once', async (_name, file, message) => {
    const s = await scratch();
    await mkdir(path.dirname(path.join(s.plan, file)), { recursive: true });
    await rm(path.join(s.plan, file), { force: true });
    execFileSync('mkfifo', [path.join(s.plan, file)]);
    const { code, output } = await cli(['check', s.plan]);
    expect(code).toBe(1);
    expect(output).toMatch(message);
  });

  it('readInside refuses a folder, a device and a pipe, and what lies outside, without opening them for long', async () => {
    const s = await scratch();
    execFileSync('mkfifo', [path.join(s.plan, 'pipe')]);
    expect(await readInside(s.plan, path.join(s.plan, 'pipe'))).toMatchObject({ ok: false, reason: 'not-a-file', detail: 'a pipe' });
    expect(await readInside(s.plan, path.join(s.plan, 'content'))).toMatchObject({ ok: false, reason: 'not-a-file', detail: 'a folder' });
    expect(await readInside('/dev', '/dev/zero')).toMatchObject({ ok: false, reason: 'not-a-file', detail: 'a device' });
    expect(await readInside(s.plan, '/etc/hostname')).toMatchObject({ ok: false, reason: 'outside' });
    expect(await readInside(s.plan, path.join(s.plan, 'content', '..', '..', 'plan', 'plan.yaml'))).toMatchObject({ ok: true });
    expect(await readInside(s.plan, path.join(s.plan, 'nothing.md'))).toMatchObject({ ok: false, reason: 'missing' });
  });
});

describe('the cache', () => {
  it('is not used through a link: nothing is written or read where it points', async () => {
    const s = await scratch();
    await symlink(s.elsewhere, path.join(s.plan, '.yjplan-cache'));
    expect(await writeCacheFile(path.join(s.plan, '.yjplan-cache'), 'x.json', '{}')).toBe(false);
    await writeFile(path.join(s.elsewhere, 'y.json'), '{"planted": true}');
    expect(await readCacheFile(path.join(s.plan, '.yjplan-cache'), 'y.json')).toBeUndefined();
    const before = await tree(s.elsewhere);
    const { code, output } = await cli(['build', s.plan, '--out', path.join(s.top, 'site'), '--no-pdf']);
    expect(code, output).toBe(0);
    expect(await tree(s.elsewhere)).toEqual(before);
  });

  it('a cached chart that is a link to a file elsewhere is not read, and is drawn again', async () => {
    const s = await scratch();
    const dir = path.join(s.plan, '.yjplan-cache');
    await mkdir(dir);
    await writeFile(path.join(s.elsewhere, 'k.json'), JSON.stringify({ svg: '<svg planted="yes"></svg>', width: 1, warnings: [] }));
    await symlink(path.join(s.elsewhere, 'k.json'), path.join(dir, 'k.json'));
    const cache = new ChartCache(dir);
    const drawn = await cache.get('k', async () => ({ svg: '<svg></svg>', width: 2, warnings: [] }));
    expect(drawn?.width).toBe(2);
    expect(cache.stats.renders).toBe(1);
  });
});

describe('the cache is signed', () => {
  it('a file signed for one name is not read under another: one chart’s picture is not given another’s key', async () => {
    const s = await scratch();
    const dir = path.join(s.plan, '.yjplan-cache');
    expect(await writeCacheFile(dir, 'a.json', '{"which":"a"}')).toBe(true);
    expect(await writeCacheFile(dir, 'b.json', '{"which":"b"}')).toBe(true);
    expect((await readCacheFile(dir, 'a.json'))?.toString()).toBe('{"which":"a"}');
    await rename(path.join(dir, 'a.json'), path.join(dir, 'swap'));
    await rename(path.join(dir, 'b.json'), path.join(dir, 'a.json'));
    await rename(path.join(dir, 'swap'), path.join(dir, 'b.json'));
    expect(await readCacheFile(dir, 'a.json')).toBeUndefined();
    expect(await readCacheFile(dir, 'b.json')).toBeUndefined();
  });

  /** A build in a process of its own, whose signing key is `key` (made by `make`) in its own cache home. */
  async function buildWithKey(make: (file: string) => void) {
    return buildWithCacheHome(async (top) => {
      const home = path.join(top, 'cache-home');
      await mkdir(path.join(home, 'yjplan'), { recursive: true });
      make(path.join(home, 'yjplan', 'cache-key'));
      return home;
    });
  }

  /** A build in a process of its own, with XDG_CACHE_HOME set to what `home` gives. */
  async function buildWithCacheHome(home: (top: string) => Promise<string>) {
    const s = await scratch();
    const xdg = await home(s.top);
    const started = Date.now();
    let output = '';
    let code = 0;
    try {
      output = execFileSync(process.execPath, [path.join(repoRoot, 'bin/yjplan.mjs'), 'build', s.plan, '--out', path.join(s.top, 'site'), '--no-pdf'], {
        env: { ...process.env, XDG_CACHE_HOME: xdg },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
        killSignal: 'SIGKILL',
      });
    } catch (error) {
      code = (error as { status?: number }).status ?? -1;
      output = String((error as { stderr?: string }).stderr ?? error);
    }
    const cached = await readdir(path.join(s.plan, '.yjplan-cache')).catch(() => [] as string[]);
    return { code, output, seconds: (Date.now() - started) / 1000, cached };
  }

  it.each([
    ['a pipe', (file: string) => execFileSync('mkfifo', [file])],
    ['a link to /dev/zero', (file: string) => symlinkSync('/dev/zero', file)],
    ['a link to a readable file of the system', (file: string) => symlinkSync('/etc/passwd', file)],
    ['too short', (file: string) => writeFileSync(file, 'short')],
  ])('a signing key that is %s is not used: the build neither waits nor fills memory, and keeps no cache', { timeout: 120_000 }, async (_what, make) => {
    const result = await buildWithKey(make);
    expect(result.code, result.output).toBe(0);
    expect(result.seconds).toBeLessThan(60);
    expect(result.cached).toEqual([]);
  });

  it.each([
    ['a folder of the kernel’s (/proc/self)', async () => '/proc/self'],
    ['a file', async (top: string) => (await writeFile(path.join(top, 'a-file'), 'x'), path.join(top, 'a-file'))],
    ['two folders that do not exist', async (top: string) => path.join(top, 'missing', 'deeper')],
  ])('a cache home that is %s: the build finishes in time and keeps no cache', { timeout: 120_000 }, async (_what, home) => {
    const result = await buildWithCacheHome(home);
    expect(result.code, result.output).toBe(0);
    expect(result.seconds).toBeLessThan(60);
    expect(result.cached).toEqual([]);
  });

  it('a cache home not yet made is made, with the key in it, and the cache is kept', { timeout: 120_000 }, async () => {
    let made = '';
    const result = await buildWithCacheHome(async (top) => (made = path.join(top, 'new-home')));
    expect(result.code, result.output).toBe(0);
    expect((await readFile(path.join(made, 'yjplan', 'cache-key'))).length).toBe(32);
    expect(result.cached.length).toBeGreaterThan(0);
  });
});

describe('check writes nothing at all', () => {
  it.each([['the small plan', 'small'], ['the sample plan', 'sample']])('%s: the plan folder is byte for byte the same after check, with no cache and no out/', { timeout: 120_000 }, async (_name, which) => {
    const top = await mkdtemp(path.join(os.tmpdir(), 'yjplan-check-'));
    const plan = path.join(top, 'plan');
    if (which === 'sample') for (const part of ['plan.yaml', 'content', 'data']) await cp(path.join(repoRoot, part), path.join(plan, part), { recursive: true });
    else await copyFixture(which, plan);
    const before = await tree(top);
    const { code, output } = await cli(['check', plan]);
    expect(code === 0 || code === 1, output).toBe(true);
    expect(await tree(top)).toEqual(before);
  });
});
