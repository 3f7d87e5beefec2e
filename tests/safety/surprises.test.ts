/** Nothing silent: two files for one name, PDFs an HTML-only build would have dropped, footnote ids that clash. */
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { MARKER, writeMarker } from '../../scripts/output/out-dir.ts';
import { planWith } from '../helpers/plan-dir.ts';

const errors = (r: { diagnostics: Array<{ severity: string }> }) => r.diagnostics.filter((d) => d.severity === 'error');
const tmpOut = async () => path.join(await mkdtemp(path.join(os.tmpdir(), 'yjplan-surprise-')), 'site');

describe('one name, two files', () => {
  it.each([
    ['figures.yaml and figures.yml', 'data/figures.yml', 'data/figures.yaml'],
    ['budget.yaml and budget.YAML', 'data/budget.YAML', 'data/budget.yaml'],
    ['glossary.yml and glossary.yaml', 'data/glossary.yml', 'data/glossary.yaml'],
  ])('%s: a located error naming both', async (_name, extra, original) => {
    const base = await planWith('small');
    const text = await readFile(path.join(base, original), 'utf8');
    const dir = await planWith('small', { [extra]: text });
    const result = await build({ root: dir, outDir: await tmpOut(), pdf: false, checkOnly: true });
    const clash = result.diagnostics.find((d) => d.ruleId === 'file:two-files-one-name');
    expect(clash).toBeDefined();
    expect(clash!.place).toEqual({ line: 1, column: 1 });
    expect(clash!.message).toContain(`\`${extra}\``);
    expect(clash!.message).toContain(`\`${[extra, original].sort()[0]}\``);
    expect(clash!.message).toContain(`\`${[extra, original].sort()[1]}\``);
    expect(result.ok).toBe(false);
  });

  it('plan.yml beside plan.yaml, and plan.yml alone, are errors too', async () => {
    const dir = await planWith('small');
    const planText = await readFile(path.join(dir, 'plan.yaml'), 'utf8');
    await writeFile(path.join(dir, 'plan.yml'), planText);
    let result = await build({ root: dir, outDir: await tmpOut(), pdf: false, checkOnly: true });
    expect(errors(result)).toMatchObject([{ file: 'plan.yml', ruleId: 'file:two-files-one-name' }]);
    const alone = await planWith('small', { 'plan.yaml': null, 'plan.yml': planText });
    result = await build({ root: alone, outDir: await tmpOut(), pdf: false, checkOnly: true });
    expect(errors(result)).toMatchObject([{ file: 'plan.yml', ruleId: 'plan:misnamed' }]);
  });
});

describe('an HTML-only build never deletes a PDF', () => {
  it('even after the period, and so the PDF name, changed', async () => {
    const dir = await planWith('small');
    const out = await tmpOut();
    await mkdir(out);
    await writeMarker(out);
    await writeFile(path.join(out, 'example-youth-justice-plan-2023-24.pdf'), 'last year');
    await writeFile(path.join(out, 'example-youth-justice-plan-2024-25.pdf'), 'this year');
    const planFile = path.join(dir, 'plan.yaml');
    await writeFile(planFile, (await readFile(planFile, 'utf8')).replace('period: 2024/25', 'period: 2025/26'));
    const result = await build({ root: dir, outDir: out, pdf: false });
    expect(errors(result)).toEqual([]);
    expect((await readdir(out)).sort()).toEqual(expect.arrayContaining([MARKER, 'example-youth-justice-plan-2023-24.pdf', 'example-youth-justice-plan-2024-25.pdf', 'index.html']));
    expect(await readFile(path.join(out, 'example-youth-justice-plan-2023-24.pdf'), 'utf8')).toBe('last year');
    expect(await readFile(path.join(out, 'example-youth-justice-plan-2024-25.pdf'), 'utf8')).toBe('this year');
  });
});

/** No id twice on the page, and every in-page link and aria reference points at one that exists. */
function expectIdsUniqueAndFound(html: string): void {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  const targets = [...html.matchAll(/href="#([^"]+)"/g), ...html.matchAll(/aria-describedby="([^"]+)"/g)].map((m) => m[1]!);
  expect(targets.filter((t) => !ids.includes(t))).toEqual([]);
}

describe('footnotes', () => {
  it('labels reused in three sections give ids unique on the page, each reference finding its own note', async () => {
    const base = await planWith('small');
    const add = async (file: string, note: string) => `${await readFile(path.join(base, file), 'utf8')}\n\nA claim.[^1] Another.[^src]\n\n[^1]: ${note}\n[^src]: Source for ${note}\n`;
    const dir = await planWith('small', {
      'content/introduction.md': await add('content/introduction.md', 'first note'),
      'content/money.md': await add('content/money.md', 'second note'),
      'content/education.md': await add('content/education.md', 'third note'),
    });
    const out = await tmpOut();
    const result = await build({ root: dir, outDir: out, pdf: false });
    expect(errors(result)).toEqual([]);
    const html = await readFile(path.join(out, 'index.html'), 'utf8');
    expectIdsUniqueAndFound(html);
    // The note for money's [^1] is money's own.
    const ref = /<a href="#([^"]+)" id="[^"]*money[^"]*fnref-1"/.exec(html);
    expect(ref).not.toBeNull();
    expect(new RegExp(`<li id="${ref![1]}">[\\s\\S]*?second note`).test(html)).toBe(true);
  });

  it('labels reused in a section and the text of two data files give unique ids, each reference finding its own note', async () => {
    const base = await planWith('small');
    const read = (file: string) => readFile(path.join(base, file), 'utf8');
    // The same label, [^1], in a section, in two fields of one data file and in another data file.
    const dir = await planWith('small', {
      'content/money.md': `${await read('content/money.md')}\n\nA claim.[^1]\n\n[^1]: the section's note\n`,
      'data/budget.yaml': `${await read('data/budget.yaml')}notes:\n  - "Cash is estimated.[^1]\\n\\n[^1]: the budget's first note"\n  - "Staff is counted.[^1]\\n\\n[^1]: the budget's second note"\n`,
      'data/education.yaml': (await read('data/education.yaml')).replace('source: Service records', 'source: "Service records.[^1]\\n\\n[^1]: the education note"'),
    });
    const out = await tmpOut();
    const result = await build({ root: dir, outDir: out, pdf: false });
    expect(errors(result)).toEqual([]);
    const html = await readFile(path.join(out, 'index.html'), 'utf8');
    expectIdsUniqueAndFound(html);
    // Each claim's reference leads to its own note, and the note back to its reference.
    const noteOf = (claim: string) => {
      const ref = new RegExp(`${claim}<sup><a href="#([^"]+)" id="([^"]+)"`).exec(html);
      expect(ref, claim).not.toBeNull();
      const note = new RegExp(`<li id="${ref![1]}">\\s*<p>([^<]*) <a href="#([^"]+)"`).exec(html);
      expect(note, claim).not.toBeNull();
      expect(note![2]).toBe(ref![2]);
      return note![1];
    };
    expect(noteOf('A claim.')).toBe("the section's note");
    expect(noteOf('Cash is estimated.')).toBe("the budget's first note");
    expect(noteOf('Staff is counted.')).toBe("the budget's second note");
    expect(noteOf('Service records.')).toBe('the education note');
  });
});
