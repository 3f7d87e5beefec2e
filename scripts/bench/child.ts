/**
 * Running one measurement in a fresh process: its wall time from spawn to exit, what it
 * printed, and the peak memory of the processes it started (Chromium's), sampled from /proc.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ChildRun {
  code: number | null;
  wallMs: number;
  stdout: string;
  stderr: string;
  /** MiB: the highest total PSS of the child's descendants (not the child itself); 0 where /proc is missing. */
  descendantsPeakMiB: number;
}

export interface ChildOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv | undefined;
  /** Sample the descendants' memory (every 100 ms). */
  sampleDescendants?: boolean | undefined;
  timeoutMs?: number | undefined;
}

export function runChild(command: string, args: readonly string[], options: ChildOptions): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let peak = 0;
    const sampler = options.sampleDescendants && child.pid !== undefined
      ? setInterval(() => (peak = Math.max(peak, descendantsPss(child.pid!))), 100)
      : undefined;
    const limit = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.once('error', (error) => {
      clearInterval(sampler);
      clearTimeout(limit);
      reject(error);
    });
    child.once('close', (code) => {
      const wallMs = performance.now() - t0;
      clearInterval(sampler);
      clearTimeout(limit);
      resolve({ code, wallMs, stdout, stderr, descendantsPeakMiB: peak / 1024 });
    });
  });
}

/** The last line of a child's stdout, as JSON: how the bench's children report. */
export function lastJson<T>(run: ChildRun, what: string): T {
  const line = run.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`${what} failed (exit ${run.code}):\n${run.stderr.slice(-2000)}\n${run.stdout.slice(-500)}`);
  }
}

/** kB of proportional set size of every process below `pid` (Chromium's processes share memory: PSS does not count it twice). */
function descendantsPss(pid: number): number {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return 0;
  }
  const children = new Map<number, number[]>();
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // gone while we looked
    }
  }
  let total = 0;
  const stack = [...(children.get(pid) ?? [])];
  while (stack.length > 0) {
    const p = stack.pop()!;
    stack.push(...(children.get(p) ?? []));
    try {
      const rollup = readFileSync(`/proc/${p}/smaps_rollup`, 'utf8');
      total += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // gone, or not ours to read
    }
  }
  return total;
}
