/**
 * `new --from` copies last year's plan as a plan: its own regular files and folders. A link is
 * never followed nor copied (the new plan could otherwise reach outside itself); a pipe is never
 * opened. Each is skipped with a warning at its path and listed in the checklist. The new plan's
 * YAML is read as every plan file is: YAML 1.2, whatever a `%YAML` line asks for.
 */
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CliIo } from '../../scripts/cli/io.ts';
import { main } from '../../scripts/new/cli.ts';
import { planWith, repoRoot } from '../helpers/plan-dir.ts';

const capture = (): CliIo & { text: () => string } => {
  const lines: string[] = [];
  return { out: (l) => void lines.push(l), err: (l) => void lines.push(l), text: () => lines.join('\n') };
};

/** Every entry under `dir` that is not a regular file or folder, and every file's text. */
async function walk(dir: string, prefix = ''): Promise<{ odd: string[]; files: Map<string, string> }> {
  const odd: string[] = [];
  const files = new Map<string, string>();
  for (const name of await readdir(dir)) {
    const info = await lstat(path.join(dir, name));
    if (info.isDirectory()) {
      const inner = await walk(path.join(dir, name), `${prefix}${name}/`);
      odd.push(...inner.odd);
      for (const [k, v] of inner.files) files.set(k, v);
    } else if (info.isFile()) files.set(`${prefix}${name}`, await readFile(path.join(dir, name), 'utf8'));
    else odd.push(`${prefix}${name}`);
  }
  return { odd, files };
}

describe('new --from copies only the plan’s own regular files and folders', () => {
  it('links (to files and folders, inside and outside the plan) and a pipe are skipped, each reported at its path and listed in the checklist', async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), 'yjplan-elsewhere-'));
    await writeFile(path.join(outside, 'secret.txt'), 'SECRET FROM OUTSIDE');
    await mkdir(path.join(outside, 'folder'));
    await writeFile(path.join(outside, 'folder', 'inner.md'), 'SECRET FOLDER');
    const from = await planWith('small');
    await mkdir(path.join(from, 'templates'), { recursive: true });
    await symlink(path.join(outside, 'secret.txt'), path.join(from, 'templates', 'logo.png'));
    await symlink(path.join(outside, 'folder'), path.join(from, 'content', 'shared'));
    await symlink('introduction.md', path.join(from, 'content', 'alias.md'));
    await symlink(path.join(outside, 'secret.txt'), path.join(from, 'data', 'notes.txt'));
    execFileSync('mkfifo', [path.join(from, 'content', 'pipe.md')]);

    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'yjplan-new-')), 'next');
    const io = capture();
    expect(await main([dir, '--from', from], io)).toBe(0);

    const made = await walk(dir);
    expect(made.odd).toEqual([]);
    for (const text of made.files.values()) expect(text).not.toMatch(/SECRET/);
    expect([...made.files.keys()]).not.toEqual(expect.arrayContaining(['templates/logo.png']));
    expect(made.files.has('content/introduction.md')).toBe(true);

    const shown = path.relative(process.cwd(), from);
    const skipped = ['content/alias.md', 'content/pipe.md', 'content/shared', 'data/notes.txt', 'templates/logo.png'];
    for (const file of skipped) {
      expect(io.text()).toContain(`${shown}/${file}:1:1  warning  \`${file}\``);
    }
    expect(io.text()).toContain('is a link, which is not copied into the new plan');
    expect(io.text()).toContain('`content/pipe.md` is not a file (a pipe)');
    expect(io.text()).toContain('new:not-copied');
    const checklist = await readFile(path.join(dir, 'CHECKLIST.md'), 'utf8');
    expect(checklist).toContain('### Not copied from last year’s plan');
    for (const file of skipped) expect(checklist).toContain(`- [ ] ${shown}/${file}  \`${file}\``);
  });

  it('a plan.yaml that asks for `%YAML 1.1` is carried over as the build reads it, as YAML 1.2: `no` stays the text it was', async () => {
    const from = await planWith('small');
    const planText = await readFile(path.join(from, 'plan.yaml'), 'utf8');
    await writeFile(path.join(from, 'plan.yaml'), `%YAML 1.1\n---\n${planText.replace('service: Example Youth Justice Service', 'service: no')}`);
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'yjplan-new-')), 'next');
    const io = capture();
    expect(await main([dir, '--from', from], io), io.text()).toBe(0);
    const written = await readFile(path.join(dir, 'plan.yaml'), 'utf8');
    // Read back as YAML 1.2, as the build reads it: still the text "no", not false.
    const meta = parse(written.replace(/^%YAML.*\n---\n/m, ''), { version: '1.2' });
    expect(meta.service).toBe('no');
    expect(meta).toMatchObject({ period: '2025/26', status: 'draft' });
  });
});

describe('new --from keeps the two plans apart', () => {
  it.each([
    ['inside last year’s plan', (old: string) => path.join(old, 'next')],
    ['inside a new folder inside it', (old: string) => path.join(old, 'drafts', 'next')],
    ['the plan itself', (old: string) => old],
  ])('a new folder %s is refused with exit 2, and last year’s plan is left as it was', async (_where, target) => {
    const old = await planWith('small');
    const before = await walk(old);
    const io = capture();
    const code = await main([target(old), '--from', old], io);
    expect(code, io.text()).toBe(2);
    expect(io.text()).toMatch(/next year's plan goes in a folder of its own|is not empty|holds files/);
    expect(await walk(old)).toEqual(before);
  });
});

describe('new --structure reads its folder as a plan’s files are read', () => {
  it.each([
    ['a pipe', (file: string) => execFileSync('mkfifo', [file]), /is a pipe/],
    ['a link to a file outside the folder', (file: string, outside: string) => void symlinkSync(outside, file), /outside|link/],
  ])('a data file that is %s is refused at once, and nothing of it is copied', async (_what, make, message) => {
    const top = await mkdtemp(path.join(os.tmpdir(), 'yjplan-structure-'));
    const structure = path.join(top, 'structure');
    await cp(path.join(repoRoot, 'structures', 'yjb-2024'), structure, { recursive: true });
    const outside = path.join(top, 'secret.yaml');
    await writeFile(outside, 'kind: values\nvalues:\n  secret: 9911\n');
    make(path.join(structure, 'data', 'zz-extra.yaml'), outside);
    const io = capture();
    const started = Date.now();
    const code = await main([path.join(top, 'new-plan'), '--structure', structure], io);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(code, io.text()).not.toBe(0);
    expect(io.text()).toMatch(message);
    const copied = await readdir(path.join(top, 'new-plan', 'data')).catch(() => [] as string[]);
    expect(copied).not.toContain('zz-extra.yaml');
  });
});
