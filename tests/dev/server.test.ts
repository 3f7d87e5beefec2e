import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { access, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../scripts/build/index.ts';
import { sharedCache } from '../../scripts/charts/cache.ts';
import { startPreview, type Preview, type RebuildOutcome } from '../../scripts/dev/server.ts';
import { devMessages } from '../../scripts/messages/dev.ts';
import { planWith } from '../helpers/plan-dir.ts';
import { get, openEvents, openHandles, type EventStream } from './helpers.ts';

const overlayMark = 'id="yjplan-overlay"';

describe('the preview server', () => {
  let dir: string;
  let preview: Preview;
  let events: EventStream;
  const lines: string[] = [];
  const intro = () => path.join(dir, 'content/introduction.md');
  const figures = () => path.join(dir, 'data/figures.yaml');

  beforeAll(async () => {
    dir = await planWith('small');
    preview = await startPreview({ root: dir, port: 0, log: (line) => lines.push(line) });
    events = await openEvents(preview.url);
  });

  afterAll(async () => {
    events?.close();
    await preview?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and says what it is previewing, with what to do', () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(lines).toContain(devMessages.previewing('Example Youth Justice Plan 2024/25', preview.url));
  });

  it('serves the built page with the reload script added before </body>', async () => {
    const page = await get(preview.url);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('Example Youth Justice Plan');
    expect(page.body).toMatch(/new EventSource\("\/__yjplan\/events"\)[\s\S]*<\/script><\/body>/);
    expect(page.body).not.toContain(overlayMark);
  });

  it('marks each quoted figure with the file, line and column it comes from, shown on hover and focus', async () => {
    const page = await get(preview.url);
    expect(page.body).toContain('<span class="data-value" data-from="data/figures.yaml:3:13" data-ref="figures.children">1,234</span>');
    expect(page.body).toMatch(/\.data-value\[data-from\]:hover::after,\.data-value\[data-from\]:focus::after\{content:attr\(data-from\)/);
    expect(page.body).toContain("setAttribute('tabindex', '0')");
  });

  it('rebuilds when a section is saved, tells the open page to reload, and then serves the new text', async () => {
    const text = await readFile(intro(), 'utf8');
    await writeFile(intro(), text.replace('This small plan', 'This edited plan'));
    const reload = await events.next('reload');
    const page = await get(preview.url);
    expect(page.body).toContain('This edited plan');
    expect(page.body).toContain(`data-version="${reload.data}"`);
    expect(lines.at(-1)).toMatch(/^Rebuilt in \d+ ms \(content\/introduction\.md\): 2 warnings$/);
  });

  it('shows a broken data file as an overlay over the last good page, and in the terminal', async () => {
    const good = await readFile(figures(), 'utf8');
    await writeFile(figures(), 'kind: values\nvalues: ]\n');
    await events.next('reload');
    const page = await get(preview.url).finally(() => writeFile(figures(), good));
    expect(page.body).toContain(overlayMark);
    expect(page.body).toContain('role="alert"');
    expect(page.body).toContain('<code>data/figures.yaml:2:9</code>  YAML could not be read');
    expect(page.body).toContain('hint: check the punctuation');
    // Underneath, the last page that built: the edit above, and the figure from the data file now broken.
    expect(page.body).toContain('This edited plan');
    expect(page.body).toContain('1,234');
    expect(lines).toContainEqual(expect.stringMatching(/^Rebuilt in \d+ ms \(data\/figures\.yaml\): 1 error, 1 warning$/));
    expect(lines.join('\n')).toMatch(/^data\/figures\.yaml:2:9  error  YAML could not be read/m);
    expect(lines).toContain(devMessages.keptLastGood());

    // Fixed (above): the overlay is gone.
    await events.next('reload');
    expect((await get(preview.url)).body).not.toContain(overlayMark);
  });

  it('ignores the temporary files editors write beside the plan', async () => {
    const seen: RebuildOutcome[] = [];
    const stop = preview.on('rebuild', (outcome) => seen.push(outcome));
    await writeFile(path.join(dir, 'content/.introduction.md.swp'), 'x');
    await writeFile(path.join(dir, 'content/introduction.md~'), 'x');
    await writeFile(path.join(dir, 'data/4913'), 'x');
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop();
    expect(seen).toEqual([]);
  });

  it('does not reload the page when a save changes nothing', async () => {
    const outcome = await preview.rebuild();
    expect(outcome.reloaded).toBe(false);
  });

  it('answers only to its own address, and only with the page and its events', async () => {
    expect((await get(preview.url, { host: 'attacker.example:80' })).status).toBe(403);
    expect((await get(new URL('/secrets', preview.url).href)).status).toBe(404);
  });

  it('never writes out/, and the built output never holds the reload script', async () => {
    await expect(access(path.join(dir, 'out'))).rejects.toThrow();
    const result = await build({ root: dir, outDir: path.join(dir, 'out'), pdf: false, checkOnly: true });
    expect(result.html).toBeDefined();
    expect(result.html).not.toContain('EventSource');
    expect(result.html).not.toContain('yjplan-overlay');
    // The published page carries no marks for the preview's tooltips.
    expect(result.html).toContain('<span class="data-value">1,234</span>');
    expect(result.html).not.toContain('data-from');
  });
});

describe('the preview of a plan that has never built', () => {
  it('serves the overlay alone, saying the plan has not built yet', async () => {
    const dir = await planWith('small', { 'data/figures.yaml': 'kind: values\nvalues: ]\n' });
    const preview = await startPreview({ root: dir, port: 0 });
    try {
      const page = await get(preview.url);
      expect(page.status).toBe(200);
      expect(page.body).toContain(overlayMark);
      expect(page.body).toContain(devMessages.overlayLead(false));
      expect(page.body).toContain('EventSource');
    } finally {
      await preview.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('plan.yaml that cannot be read as a file of the plan', () => {
  it.each([
    ['a pipe', (file: string) => execFileSync('mkfifo', [file])],
    ['a link to a plan outside', (file: string, outside: string) => symlinkSync(outside, file)],
  ])('%s: the preview starts at once, its title taken from nothing outside the plan', { timeout: 60_000 }, async (_what, make) => {
    const dir = await planWith('small');
    const outside = path.join(dir, '..', `outside-${path.basename(dir)}.yaml`);
    await writeFile(outside, 'title: SECRET-TITLE-from-outside\nperiod: TOPSECRET\n');
    await rm(path.join(dir, 'plan.yaml'));
    make(path.join(dir, 'plan.yaml'), outside);
    const lines: string[] = [];
    const preview = await startPreview({ root: dir, port: 0, log: (line) => lines.push(line) });
    try {
      expect(preview.title).toBe(path.basename(dir));
      expect(lines.join('\n')).not.toContain('SECRET');
    } finally {
      await preview.close();
      await rm(dir, { recursive: true, force: true });
      await rm(outside, { force: true });
    }
  });
});

describe('charts in the preview', () => {
  it('draws no chart again when only Markdown changes', async () => {
    const section = '---\ntitle: Education, training and employment\n---\n\n::table{#tbl-education data=education}\n\n:::chart{#fig-education data=education spec=bar columns=end}\nMore young people were in education at the end of the year.\n:::\n';
    const dir = await planWith('small', { 'content/education.md': section });
    const lines: string[] = [];
    const preview = await startPreview({ root: dir, port: 0, log: (line) => lines.push(line) });
    try {
      const cache = sharedCache(path.join(dir, '.yjplan-cache'));
      expect(lines[0]).toMatch(/^Built in \d+ ms: 2 warnings$/);
      expect(cache.stats.renders).toBe(1);
      await writeFile(path.join(dir, 'content/introduction.md'), '---\ntitle: Introduction\n---\n\nNew words.\n');
      const outcome = await preview.rebuild();
      expect(outcome.ok).toBe(true);
      expect(cache.stats.renders).toBe(1);
    } finally {
      await preview.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('rebuilding', () => {
  it('never runs two builds at once, and builds changes made during a build once, afterwards', async () => {
    const dir = await planWith('small');
    let running = 0;
    let most = 0;
    let builds = 0;
    const preview = await startPreview({
      root: dir,
      port: 0,
      build: async (options) => {
        running++;
        most = Math.max(most, running);
        builds++;
        await new Promise((resolve) => setTimeout(resolve, 50));
        running--;
        return build(options);
      },
    });
    try {
      builds = 0;
      await Promise.all([preview.rebuild(), preview.rebuild(), preview.rebuild()]);
      expect(most).toBe(1);
      expect(builds).toBe(2);
    } finally {
      await preview.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps serving when the build itself fails, and says it is our bug', async () => {
    const dir = await planWith('small');
    const lines: string[] = [];
    let fail = false;
    const preview = await startPreview({
      root: dir,
      port: 0,
      log: (line) => lines.push(line),
      build: (options) => (fail ? Promise.reject(new Error('boom')) : build(options)),
    });
    try {
      fail = true;
      const outcome = await preview.rebuild();
      expect(outcome.ok).toBe(false);
      expect(lines).toContainEqual(expect.stringMatching(/^Internal error: Error: boom/));
      const page = await get(preview.url);
      expect(page.body).toContain(devMessages.overlayInternalHeading());
      expect(page.body).toContain('Example Youth Justice Plan');
    } finally {
      await preview.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('closing the preview', () => {
  it('ends open event streams, stops the server and the watcher, and leaves no handle open', async () => {
    const dir = await planWith('small');
    const before = openHandles();
    const preview = await startPreview({ root: dir, port: 0 });
    const events = await openEvents(preview.url);
    await get(preview.url);
    expect(openHandles()).not.toEqual(before);
    await preview.close();
    await events.ended;
    // The client's side of the closed sockets goes on a later turn.
    await expect.poll(openHandles, { timeout: 10_000 }).toEqual(before);
    await expect(get(preview.url)).rejects.toThrow(/ECONNREFUSED/);
    await rm(dir, { recursive: true, force: true });
  });
});
