/**
 * Every page the build writes, checked by the Nu Html Checker (the W3C's HTML validator): the
 * sample, each fixture plan, the small plan with a full accessibility statement, and a plan twice
 * the sample's size. Zero errors. Without Java the checker cannot run: the tests are skipped and
 * say so.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeLargePlan } from '../../scripts/bench/large-plan.ts';
import { build } from '../../scripts/build/index.ts';
import { fixture, repoRoot } from '../helpers/plan-dir.ts';
import { checkHtml, describeMessage, findJava, type NuMessage } from '../helpers/nu.ts';
import { smallWithStatement } from '../helpers/statement.ts';

const java = findJava();
if (!java) {
  console.warn(
    'note: the Nu Html Checker tests are skipped: they need Java 11 or later, and none was found on the PATH or in JAVA_HOME. ' +
      'Install it (`sudo apt-get install -y default-jre-headless`, or run `npm run setup` as root) to run them.',
  );
}

const fixturePlans = readdirSync(path.join(repoRoot, 'tests', 'fixtures', 'plans'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

let dir: string;
const made: string[] = [];
let result: { files: string[]; messages: NuMessage[] };

describe.skipIf(!java)('the Nu Html Checker', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'yjplan-nu-html-'));
    const statement = await smallWithStatement();
    made.push(statement);
    const large = await writeLargePlan(repoRoot, 2, path.join(dir, 'large-plan'));
    const plans: Record<string, string> = {
      sample: repoRoot,
      ...Object.fromEntries(fixturePlans.map((name) => [`fixture-${name}`, fixture(name)])),
      statement,
      'large-2x': large.dir,
    };
    const outs: string[] = [];
    for (const [name, root] of Object.entries(plans)) {
      const outDir = path.join(dir, name);
      const built = await build({ root, outDir, pdf: false });
      if (!built.ok) throw new Error(`${name} did not build: ${JSON.stringify(built.diagnostics.filter((d) => d.severity === 'error'))}`);
      outs.push(outDir);
    }
    result = await checkHtml(java!, outs);
  }, 600_000);

  afterAll(async () => {
    await Promise.all([dir, ...made].filter(Boolean).map((d) => rm(d, { recursive: true, force: true })));
  });

  test('checks every page the build writes, for every plan', () => {
    const plansChecked = new Set(result.files.map((f) => f.split(path.sep)[0] ?? ''));
    expect([...plansChecked].sort()).toEqual(['sample', ...fixturePlans.map((n) => `fixture-${n}`), 'statement', 'large-2x'].sort());
    for (const plan of plansChecked) expect(result.files, `${plan} has its page`).toContain(path.join(plan, 'index.html'));
  });

  test('finds no errors on any of them', () => {
    expect(result.messages.filter((m) => m.type === 'error').map(describeMessage)).toEqual([]);
  });
});

describe.skipIf(!java)('the checker itself', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'yjplan-nu-self-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  test('reports an invalid page at its line, and a fragment, wrapped, at its own line', async () => {
    const site = path.join(scratch, 'site');
    await mkdir(path.join(site, 'embed'), { recursive: true });
    await writeFile(
      path.join(site, 'index.html'),
      '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>T</title></head><body>\n<figure role="group"><figcaption>A</figcaption></figure>\n</body></html>\n',
    );
    await writeFile(path.join(site, 'embed', 'part.html'), '<p>Fine</p>\n<table><tr><td>1</td></tr><caption>Late</caption></table>\n');
    const { files, messages } = await checkHtml(java!, [site]);
    expect(files).toEqual([path.join('site', 'embed', 'part.html (a fragment, checked in a minimal page)'), path.join('site', 'index.html')]);
    const errors = messages.filter((m) => m.type === 'error');
    expect(errors).toContainEqual(expect.objectContaining({ file: path.join('site', 'index.html'), line: 3, message: expect.stringContaining('must not have a “role” attribute') }));
    expect(errors).toContainEqual(expect.objectContaining({ file: expect.stringContaining(path.join('embed', 'part.html')), line: 2 }));
  });
});
