import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchPlan, type PlanWatcher } from '../../scripts/dev/watch.ts';
import { planWith } from '../helpers/plan-dir.ts';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watching a plan', () => {
  let dir: string;
  let watcher: PlanWatcher | undefined;
  const reports: Array<{ at: number; files: string[] }> = [];

  async function start(): Promise<void> {
    dir = await planWith('small');
    reports.length = 0;
    watcher = watchPlan(dir, { debounce: 20, onChange: (files) => reports.push({ at: performance.now(), files }), onError: (error) => { throw error; } });
    await watcher.ready;
  }

  afterEach(async () => {
    await watcher?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports files saved together once, by their plan-relative paths', async () => {
    await start();
    await Promise.all([writeFile(path.join(dir, 'content/money.md'), '---\ntitle: Money\n---\n'), writeFile(path.join(dir, 'data/figures.yaml'), 'kind: values\nvalues: {}\n')]);
    await expect.poll(() => reports.length).toBeGreaterThan(0);
    await pause(150);
    expect(reports.flatMap((r) => r.files).sort()).toEqual(['content/money.md', 'data/figures.yaml']);
    expect(reports).toHaveLength(1);
  });

  it('watches plan.yaml and templates/, even when templates/ is made after it starts', async () => {
    await start();
    await writeFile(path.join(dir, 'plan.yaml'), 'title: x\n', { flag: 'a' });
    await expect.poll(() => reports.flatMap((r) => r.files)).toContain('plan.yaml');
    await mkdir(path.join(dir, 'templates/styles'), { recursive: true });
    await pause(100);
    await writeFile(path.join(dir, 'templates/styles/extra.css'), 'p { color: black }');
    await expect.poll(() => reports.flatMap((r) => r.files)).toContain('templates/styles/extra.css');
  });

  it('sees a second save of a file made within 50 ms of the first, which chokidar alone drops', async () => {
    await start();
    const file = path.join(dir, 'content/introduction.md');
    await writeFile(file, '---\ntitle: Introduction\n---\n\nFirst save.\n');
    // Straight after the first report, about 25 ms after the first save.
    await new Promise<void>((resolve) => {
      const check = () => (reports.length ? resolve() : setImmediate(check));
      check();
    });
    const second = performance.now();
    await writeFile(file, '---\ntitle: Introduction\n---\n\nSecond save, soon after.\n');
    await expect.poll(() => reports.filter((r) => r.at > second).length, { timeout: 10_000 }).toBe(1);
    await pause(150);
    expect(reports).toHaveLength(2);
  });
  it('does not follow a link out of the plan: a change behind templates/x -> elsewhere is not seen', async () => {
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'yjplan-elsewhere-'));
    try {
      await writeFile(path.join(elsewhere, 'far.css'), 'p { color: black }');
      dir = await planWith('small');
      await mkdir(path.join(dir, 'templates'), { recursive: true });
      await symlink(elsewhere, path.join(dir, 'templates/x'));
      reports.length = 0;
      watcher = watchPlan(dir, { debounce: 20, onChange: (files) => reports.push({ at: performance.now(), files }), onError: (error) => { throw error; } });
      await watcher.ready;
      await writeFile(path.join(elsewhere, 'far.css'), 'p { color: red }');
      await writeFile(path.join(dir, 'plan.yaml'), 'title: x\n', { flag: 'a' });
      await expect.poll(() => reports.flatMap((r) => r.files)).toContain('plan.yaml');
      await pause(150);
      // The link itself may be reported (it is a name in the plan); nothing behind it is.
      expect(reports.flatMap((r) => r.files).filter((file) => file.startsWith('templates/x/'))).toEqual([]);
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});
