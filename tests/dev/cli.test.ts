import { rm } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../scripts/dev/cli.ts';
import type { CliIo } from '../../scripts/cli/io.ts';
import { startPreview } from '../../scripts/dev/server.ts';
import { devMessages } from '../../scripts/messages/dev.ts';
import { planWith } from '../helpers/plan-dir.ts';
import { get } from './helpers.ts';

function io(): CliIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (line) => lines.push(line), err: (line) => lines.push(line) };
}

const never = () => new Promise<void>(() => {});

describe('npm run dev', () => {
  it('exports main for the command line and startPreview for everything else', () => {
    expect(typeof main).toBe('function');
    expect(typeof startPreview).toBe('function');
  });

  it('previews until stopped, then stops cleanly with exit code 0', async () => {
    const dir = await planWith('small');
    const out = io();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const running = main([dir, '--port', '0', '--no-pdf'], out, () => stopped);
    await expect.poll(() => out.lines.find((l) => l.startsWith('Previewing ')), { timeout: 20_000 }).toBeDefined();
    const url = /at (http:\S+)/.exec(out.lines.find((l) => l.startsWith('Previewing '))!)![1]!;
    expect((await get(url)).status).toBe(200);
    stop();
    expect(await running).toBe(0);
    expect(out.lines.slice(-2)).toEqual([devMessages.stopping(), devMessages.stopped()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('says what to do when the port is in use, and exits 1', async () => {
    const dir = await planWith('small');
    const other = net.createServer();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const port = (other.address() as net.AddressInfo).port;
    try {
      const out = io();
      expect(await main([dir, '--port', String(port)], out, never)).toBe(1);
      expect(out.lines).toEqual([devMessages.portInUse(port)]);
      expect(devMessages.portInUse(4173)).toBe('Port 4173 is in use: stop the other program or run npm run dev -- --port 4174');
    } finally {
      await new Promise((resolve) => other.close(resolve));
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a port that is not a number, and a plan directory that does not exist, with exit code 2', async () => {
    const out = io();
    expect(await main(['--port', 'abc'], out, never)).toBe(2);
    expect(out.lines[0]).toContain(devMessages.badPort('abc'));
    expect(await main(['--port', '70000'], out, never)).toBe(2);
    const dir = await planWith('small');
    const missing = path.join(dir, 'nowhere');
    expect(await main([missing], out, never)).toBe(2);
    expect(out.lines.at(-1)).toContain(devMessages.noPlanDir(missing));
    await rm(dir, { recursive: true, force: true });
  });
});
