/**
 * The output directory: a build replaces only a directory a build made. Every other `--out`
 * is refused with exit 2 before anything is read, and nothing anywhere changes.
 */
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, pdfName } from '../../scripts/build/index.ts';
import { main } from '../../scripts/cli/index.ts';
import { checkOutDir, LEGACY_MARKER_TEXT, MARKER, markerState, markerTextFor } from '../../scripts/output/out-dir.ts';
import type { PlanMeta } from '../../scripts/schema/index.ts';
import { copyFixture } from '../helpers/plan-dir.ts';
import { tree } from '../helpers/tree.ts';

/** A plan in a folder of its own, inside a scratch folder that also holds other people's files. */
async function scratch() {
  const top = await mkdtemp(path.join(os.tmpdir(), 'yjplan-outdir-'));
  const plan = path.join(top, 'plan');
  await copyFixture('small', plan);
  await mkdir(path.join(top, 'theirs'));
  await writeFile(path.join(top, 'theirs', 'letter.txt'), 'keep me');
  await writeFile(path.join(top, 'notes.txt'), 'a file');
  return { top, plan };
}

async function cli(args: string[]) {
  const lines: string[] = [];
  const code = await main(args, { out: (s) => lines.push(s), err: (s) => lines.push(s) });
  return { code, output: lines.join('\n') };
}

describe('an --out that a build must not replace is refused with exit 2, and nothing changes', () => {
  const cases: Array<[string, (s: { top: string; plan: string }) => Promise<string> | string, string]> = [
    ['an empty name (an unset variable)', () => '', 'out:empty'],
    ['only spaces', () => '   ', 'out:empty'],
    ['the plan itself', ({ plan }) => plan, 'out:holds-plan'],
    ['the plan, spelt with a trailing slash and a dot', ({ plan }) => `${plan}/./`, 'out:holds-plan'],
    ['the folder that holds the plan', ({ top }) => top, 'out:holds-plan'],
    ['the plan reached through ..', ({ plan }) => path.join(plan, 'content', '..'), 'out:holds-plan'],
    ['the root of the file system', () => '/', 'out:holds-plan'],
    ['content/', ({ plan }) => path.join(plan, 'content'), 'out:inside-plan'],
    ['a new folder inside content/', ({ plan }) => path.join(plan, 'content', 'site'), 'out:inside-plan'],
    ['data/', ({ plan }) => path.join(plan, 'data'), 'out:inside-plan'],
    ['a folder under templates/', ({ plan }) => path.join(plan, 'templates', 'site', 'deeper'), 'out:inside-plan'],
    ['the cache', ({ plan }) => path.join(plan, '.yjplan-cache'), 'out:inside-plan'],
    ['a folder inside .git', ({ plan }) => path.join(plan, '.git', 'x'), 'out:inside-plan'],
    ['a new folder two levels down in the plan', ({ plan }) => path.join(plan, 'site', 'www'), 'out:inside-plan'],
    ['plan.yaml, a file', ({ plan }) => path.join(plan, 'plan.yaml'), 'out:not-a-folder'],
    ['a file outside the plan', ({ top }) => path.join(top, 'notes.txt'), 'out:not-a-folder'],
    ['a folder under a file', ({ top }) => path.join(top, 'notes.txt', 'site'), 'out:not-a-folder'],
    ['someone else\'s folder that holds files', ({ top }) => path.join(top, 'theirs'), 'out:not-made-by-yjplan'],
    [
      'a link to the plan',
      async ({ top, plan }) => {
        await symlink(plan, path.join(top, 'site'));
        return path.join(top, 'site');
      },
      'out:holds-plan',
    ],
    [
      'a link to content/',
      async ({ top, plan }) => {
        await symlink(path.join(plan, 'content'), path.join(top, 'site'));
        return path.join(top, 'site');
      },
      'out:inside-plan',
    ],
    [
      'a folder under a link to someone else\'s folder',
      async ({ top }) => {
        await symlink(path.join(top, 'theirs'), path.join(top, 'site'));
        return path.join(top, 'site');
      },
      'out:not-made-by-yjplan',
    ],
    [
      "the plan's out/ that is a link to another build's output elsewhere",
      async ({ top, plan }) => {
        await mkdir(path.join(top, 'other-site'));
        await writeFile(path.join(top, 'other-site', MARKER), await markerTextFor(path.join(top, 'other-site')));
        await symlink(path.join(top, 'other-site'), path.join(plan, 'out'));
        return path.join(plan, 'out');
      },
      'out:link-out-of-plan',
    ],
    [
      "a folder in the plan under the plan's link to an empty folder elsewhere",
      async ({ top, plan }) => {
        await mkdir(path.join(top, 'empty'));
        await symlink('../empty', path.join(plan, 'published'));
        return path.join(plan, 'published');
      },
      'out:link-out-of-plan',
    ],
    [
      'a link to nothing',
      async ({ top }) => {
        await symlink(path.join(top, 'nowhere'), path.join(top, 'site'));
        return path.join(top, 'site');
      },
      'out:broken-link',
    ],
    [
      'a folder with a copied marker inside content/',
      async ({ plan }) => {
        await mkdir(path.join(plan, 'content', 'old-out'));
        await writeFile(path.join(plan, 'content', 'old-out', MARKER), await markerTextFor(path.join(plan, 'content', 'old-out')));
        return path.join(plan, 'content', 'old-out');
      },
      'out:inside-plan',
    ],
    [
      "the plan's out/ holding a file no build writes",
      async ({ plan }) => {
        await mkdir(path.join(plan, 'out'));
        await writeFile(path.join(plan, 'out', 'index.html'), 'old');
        await writeFile(path.join(plan, 'out', 'minutes.docx'), 'the board minutes');
        return path.join(plan, 'out');
      },
      'out:not-made-by-yjplan',
    ],
    [
      "the plan's out/ holding a PDF that is a link",
      async ({ top, plan }) => {
        await mkdir(path.join(plan, 'out'));
        await symlink(path.join(top, 'notes.txt'), path.join(plan, 'out', 'plan.pdf'));
        return path.join(plan, 'out');
      },
      'out:not-made-by-yjplan',
    ],
    [
      'a marker that is a link, not a file',
      async ({ top }) => {
        await symlink(path.join(top, 'notes.txt'), path.join(top, 'theirs', MARKER));
        return path.join(top, 'theirs');
      },
      'out:copied-marker',
    ],
    [
      "a marker copied from a build's output into someone else's folder",
      async ({ top }) => {
        await mkdir(path.join(top, 'built'));
        await writeFile(path.join(top, 'built', MARKER), await markerTextFor(path.join(top, 'built')));
        await cp(path.join(top, 'built', MARKER), path.join(top, 'theirs', MARKER));
        return path.join(top, 'theirs');
      },
      'out:copied-marker',
    ],
    [
      'a marker whose check was edited by hand',
      async ({ top }) => {
        const text = (await markerTextFor(path.join(top, 'theirs'))).replace(/[0-9a-f](?=\n$)/, (d) => (d === '0' ? '1' : '0'));
        await writeFile(path.join(top, 'theirs', MARKER), text);
        return path.join(top, 'theirs');
      },
      'out:copied-marker',
    ],
    [
      "an earlier yjplan's fixed-text marker in a folder other than the plan's out/",
      async ({ top }) => {
        await writeFile(path.join(top, 'theirs', MARKER), LEGACY_MARKER_TEXT);
        return path.join(top, 'theirs');
      },
      'out:old-marker',
    ],
    [
      "an earlier yjplan's marker in the plan's out/ beside files no build writes",
      async ({ plan }) => {
        await mkdir(path.join(plan, 'out'));
        await writeFile(path.join(plan, 'out', MARKER), LEGACY_MARKER_TEXT);
        await writeFile(path.join(plan, 'out', 'minutes.docx'), 'the board minutes');
        return path.join(plan, 'out');
      },
      'out:old-marker',
    ],
  ];

  it.each(cases)('%s', async (_name, makeOut, ruleId) => {
    const s = await scratch();
    const out = await makeOut(s);
    const before = await tree(s.top);
    const { code, output } = await cli(['build', s.plan, `--out=${out}`, '--no-pdf']);
    expect(code, output).toBe(2);
    expect(output).toContain(ruleId);
    expect(output).not.toMatch(/^\s+at /m);
    expect(await tree(s.top)).toEqual(before);
  });

  it('the working directory, or a folder holding it, is refused too', async () => {
    const s = await scratch();
    const cwd = path.join(s.top, 'theirs');
    for (const out of [cwd, s.top, path.join(cwd, '.')]) {
      const checked = await checkOutDir(out, { root: s.plan, cwd });
      expect(checked.ok).toBe(false);
    }
    expect(await checkOutDir('', { root: s.plan, cwd })).toMatchObject({ ok: false, text: { ruleId: 'out:empty' } });
    expect(await checkOutDir('.', { root: s.plan, cwd })).toMatchObject({ ok: false, text: { ruleId: 'out:holds-working-dir' } });
  });

  it('build() itself refuses, whoever calls it, and leaves the folder as it was', async () => {
    const s = await scratch();
    const before = await tree(s.top);
    await expect(build({ root: s.plan, outDir: path.join(s.top, 'theirs'), pdf: false })).rejects.toMatchObject({ diagnostics: [{ ruleId: 'out:not-made-by-yjplan' }] });
    await expect(build({ root: s.plan, outDir: s.top, pdf: false })).rejects.toMatchObject({ diagnostics: [{ ruleId: 'out:holds-plan' }] });
    expect(await tree(s.top)).toEqual(before);
  });
});

describe('an --out a build may replace', () => {
  it('a new folder is made, with the marker, and built into again', async () => {
    const s = await scratch();
    const out = path.join(s.top, 'site', 'www');
    expect((await cli(['build', s.plan, '--out', out, '--no-pdf'])).code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([MARKER, 'embed', 'index.html', 'pages'].sort());
    expect((await cli(['build', s.plan, '--out', out, '--no-pdf'])).code).toBe(0);
    expect(await readFile(path.join(s.top, 'theirs', 'letter.txt'), 'utf8')).toBe('keep me');
  });

  it('an empty folder, and a link to a folder a build made (the link stays a link)', async () => {
    const s = await scratch();
    await mkdir(path.join(s.top, 'empty'));
    expect((await cli(['build', s.plan, '--out', path.join(s.top, 'empty'), '--no-pdf'])).code).toBe(0);
    await symlink(path.join(s.top, 'empty'), path.join(s.top, 'link'));
    const { code, output } = await cli(['build', s.plan, '--out', path.join(s.top, 'link'), '--no-pdf']);
    expect(code, output).toBe(0);
    expect((await lstat(path.join(s.top, 'link'))).isSymbolicLink()).toBe(true);
    expect(output).toContain(`${path.join(s.top, 'empty')}/index.html`);
  });

  it("the plan's out/ from before the marker, holding only what a build writes, is taken over and marked", async () => {
    const s = await scratch();
    await mkdir(path.join(s.plan, 'out'));
    await writeFile(path.join(s.plan, 'out', 'index.html'), 'old');
    await writeFile(path.join(s.plan, 'out', 'old-title-2023-24.pdf'), 'old PDF');
    const { code, output } = await cli(['build', s.plan, '--no-pdf']);
    expect(code, output).toBe(0);
    expect((await readdir(path.join(s.plan, 'out'))).sort()).toEqual([MARKER, 'embed', 'index.html', 'old-title-2023-24.pdf', 'pages'].sort());
    // The same files elsewhere are not enough: only the plan's own out/ was written that way.
    await mkdir(path.join(s.top, 'site'));
    await writeFile(path.join(s.top, 'site', 'index.html'), 'our website');
    expect((await cli(['build', s.plan, '--out', path.join(s.top, 'site'), '--no-pdf'])).code).toBe(2);
    expect(await readFile(path.join(s.top, 'site', 'index.html'), 'utf8')).toBe('our website');
  });

  it("the plan's out/ from before the marker is refused when its pages/ or embed/ hold anything a build does not write, naming it, and nothing is deleted", async () => {
    for (const [file, named] of [
      ['pages/my-notes.docx', 'pages/my-notes.docx'],
      ['embed/notes.txt', 'embed/notes.txt'],
      ['pages/drafts/old.html', 'pages/drafts'],
    ] as const) {
      const s = await scratch();
      const out = path.join(s.plan, 'out');
      await mkdir(path.join(out, 'embed'), { recursive: true });
      await mkdir(path.join(out, path.dirname(file)), { recursive: true });
      await writeFile(path.join(out, 'index.html'), 'old');
      await writeFile(path.join(out, 'signed-contract.pdf'), 'a PDF of the council’s');
      await writeFile(path.join(out, file), 'my own');
      const before = await tree(out);
      const { code, output } = await cli(['build', s.plan, '--no-pdf']);
      expect(code, output).toBe(2);
      expect(output).toContain('out:not-made-by-yjplan');
      expect(output).toContain(named);
      expect(await tree(out)).toEqual(before);
    }
  });

  it('a marker ties the folder it was written in: built into again, and again once moved, but never once copied', async () => {
    const s = await scratch();
    const out = path.join(s.top, 'site');
    expect((await cli(['build', s.plan, '--out', out, '--no-pdf'])).code).toBe(0);
    expect(await markerState(out)).toBe('ours');
    expect((await cli(['build', s.plan, '--out', out, '--no-pdf'])).code).toBe(0);
    // A move keeps the folder (its inode): it is still the build's.
    const { rename } = await import('node:fs/promises');
    await rename(out, path.join(s.top, 'moved'));
    const moved = await cli(['build', s.plan, '--out', path.join(s.top, 'moved'), '--no-pdf']);
    expect(moved.code, moved.output).toBe(0);
    // A copy of the whole output is another folder: its marker proves nothing there.
    await cp(path.join(s.top, 'moved'), path.join(s.top, 'copy'), { recursive: true });
    expect(await markerState(path.join(s.top, 'copy'))).toBe('foreign');
    const before = await tree(path.join(s.top, 'copy'));
    const copied = await cli(['build', s.plan, '--out', path.join(s.top, 'copy'), '--no-pdf']);
    expect(copied.code).toBe(2);
    expect(copied.output).toContain('out:copied-marker');
    expect(copied.output).toContain('was not written in this folder');
    expect(await tree(path.join(s.top, 'copy'))).toEqual(before);
  });

  it("the plan's out/ from an earlier yjplan, with its fixed-text marker, is built into and given the new marker", async () => {
    const s = await scratch();
    const out = path.join(s.plan, 'out');
    await mkdir(path.join(out, 'pages'), { recursive: true });
    await mkdir(path.join(out, 'embed'));
    await writeFile(path.join(out, MARKER), LEGACY_MARKER_TEXT);
    await writeFile(path.join(out, 'index.html'), 'old');
    await writeFile(path.join(out, 'pages', 'index.html'), 'old');
    await writeFile(path.join(out, 'old-title-2023-24.pdf'), 'old PDF');
    expect(await markerState(out)).toBe('legacy');
    const { code, output } = await cli(['build', s.plan, '--no-pdf']);
    expect(code, output).toBe(0);
    expect(await markerState(out)).toBe('ours');
    expect(await readFile(path.join(out, 'old-title-2023-24.pdf'), 'utf8')).toBe('old PDF');
  });

  it('a new folder directly in the plan folder', async () => {
    const s = await scratch();
    const { code, output } = await cli(['build', s.plan, '--out', path.join(s.plan, 'site'), '--no-pdf']);
    expect(code, output).toBe(0);
    expect((await readdir(path.join(s.plan, 'site'))).sort()).toEqual([MARKER, 'embed', 'index.html', 'pages'].sort());
  });
});

describe('when writing fails, the message says where and why, truly', () => {
  it('an output path too long for the file system is a located write failure with a hint about the path, not the disk', async () => {
    const s = await scratch();
    const out = path.join(s.top, 'x'.repeat(300));
    const { code, output } = await cli(['build', s.plan, '--out', out, '--no-pdf']);
    expect(code).toBe(1);
    expect(output).toMatch(/build:write-failed/);
    expect(output).toContain('ENAMETOOLONG');
    expect(output).toContain('too long');
    expect(output).not.toMatch(/disk (has|is full)|space/);
    expect(output).toContain(`There was no earlier build in ${out}/`);
  });
});

describe('the PDF file name', () => {
  const meta = (title: string, period = '2025/26') => ({ title, period }) as PlanMeta;
  it('is the title and period, as before', () => {
    expect(pdfName(meta('Rotherham Youth Justice Plan', '2019/21'))).toBe('rotherham-youth-justice-plan-2019-21.pdf');
    expect(pdfName(meta('Cynllun Cyfiawnder Ieuenctid Môn'))).toBe('cynllun-cyfiawnder-ieuenctid-mon-2025-26.pdf');
  });
  it('from a 300-character title is cut at a word, keeps the period, and fits any file system', () => {
    const long = 'The Youth Justice Partnership Plan of the Borough Council '.repeat(6).slice(0, 300);
    const name = pdfName(meta(long));
    expect(long.length).toBe(300);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(100);
    expect(name).toMatch(/^the-youth-justice-partnership-plan-of-the-borough-council-the-[a-z-]*[a-z]-2025-26\.pdf$/);
    expect(pdfName(meta('x'.repeat(300)))).toMatch(/^x{60,}-2025-26\.pdf$/);
    expect(pdfName(meta('🙂'.repeat(200)))).toBe('2025-26.pdf');
  });
});
