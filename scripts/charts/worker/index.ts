/**
 * Charts are drawn in renderer processes, so that a spec no check foresaw cannot hang, exhaust
 * or crash the build: each chart has a time budget, and each process a heap limit. A process
 * that passes either is stopped (V8 aborts it at its heap limit; we kill it at its time), the
 * chart is reported as too large, and a fresh process takes the next chart.
 *
 *   chart ──queue──▶ idle renderer (Vega loaded once) ──draw──▶ SVG, or over budget
 *                      └── time out / out of memory ──killed / aborted──▶ replaced
 *
 * Processes, not worker threads: a worker's `resourceLimits` stop most runaway heaps, but one
 * large allocation (a string of hundreds of MB, which an expression can build by doubling) makes
 * V8 abort the whole process, the build with it. A child process aborts alone.
 *
 * A renderer starts loading Vega while the build parses the Markdown (warm), so the charts do
 * not wait for it; renderers stay for the next build while the process lives (the preview), and
 * never keep the build alive on their own: an idle one is unref'd, and one whose parent has gone
 * exits.
 */
import { fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { CHART_BUDGET, type ChartBudget } from '../../safety/chart-limits.ts';
import type { RenderInput, RenderOutput } from '../render.ts';
import type { Job } from './thread.ts';

const boot = fileURLToPath(new URL('./boot.mjs', import.meta.url));
const threadEntry = new URL('./thread.ts', import.meta.url).href;

interface Renderer {
  child: ChildProcess;
  /** Set when the process has stopped: it is not given another chart. */
  stopped?: boolean;
  ready: Promise<void>;
  /** Settles the chart being drawn when the process stops before it answers. */
  onExit?: ((code: number | null, signal: NodeJS.Signals | null) => void) | undefined;
}

interface Queued {
  input: RenderInput;
  resolve: (output: RenderOutput) => void;
  reject: (error: unknown) => void;
}

const hold = (renderer: Renderer, held: boolean): void => {
  const { child } = renderer;
  // The IPC channel, as well as the process, keeps the event loop alive.
  const channel = child.channel as { ref?: () => void; unref?: () => void } | null | undefined;
  if (held) {
    child.ref();
    channel?.ref?.();
  } else {
    child.unref();
    channel?.unref?.();
  }
};

export class RenderPool {
  private readonly idle: Renderer[] = [];
  private readonly queue: Queued[] = [];
  private running = 0;
  private nextId = 0;

  /** `entry`: the module each renderer runs (thread.ts; tests give one that never answers). */
  constructor(
    private readonly budget: ChartBudget,
    private readonly size: number,
    private readonly entry: string = threadEntry,
  ) {}

  /** Draws one chart within the budget; never throws for what a spec does. */
  draw(input: RenderInput): Promise<RenderOutput> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length && (this.idle.length || this.running < this.size)) {
      const job = this.queue.shift()!;
      let renderer = this.idle.pop();
      while (renderer?.stopped) renderer = this.idle.pop();
      renderer ??= this.start();
      const chosen = renderer;
      this.running++;
      void this.run(chosen, job).then((keep) => {
        this.running--;
        if (keep) {
          hold(chosen, false);
          this.idle.push(chosen);
        }
        this.pump();
      });
    }
  }

  private start(): Renderer {
    const child = fork(boot, [this.entry], {
      // The heap limit; the abort V8 prints at it is not the reader's concern, nor is anything else the renderer might print.
      execArgv: [`--max-old-space-size=${this.budget.memoryMb}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    const renderer: Renderer = { child, ready: Promise.resolve() };
    renderer.ready = new Promise((resolve, reject) => {
      child.once('message', (message) => (message === 'ready' ? resolve() : reject(new Error(`the chart renderer started with ${String(message)}`))));
      child.once('error', reject);
      child.once('exit', (code, signal) => reject(new Error(`the chart renderer stopped as it started (${signal ?? `exit code ${code}`})`)));
    });
    // Not to go unhandled when nothing is waiting on it yet.
    renderer.ready.catch(() => undefined);
    child.on('error', () => undefined);
    child.on('exit', (code, signal) => {
      renderer.stopped = true;
      renderer.onExit?.(code, signal);
    });
    return renderer;
  }

  /** Draws `job` on `renderer`; true when the renderer is fit to draw another. */
  private async run(renderer: Renderer, job: Queued): Promise<boolean> {
    const { child } = renderer;
    hold(renderer, true);
    try {
      await renderer.ready;
    } catch (error) {
      // Vega could not load: our fault, not the plan's.
      child.kill('SIGKILL');
      job.reject(new Error(`Internal error: the chart renderer could not start: ${error instanceof Error ? error.message : String(error)}`));
      return false;
    }
    const id = this.nextId++;
    const limit = this.budget.milliseconds;
    return new Promise<boolean>((settle) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (output: RenderOutput, keep: boolean): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        renderer.onExit = undefined;
        if (!keep) child.kill('SIGKILL');
        job.resolve(output);
        settle(keep);
      };
      const onMessage = (message: { id: number; output: RenderOutput }): void => {
        if (message.id === id) finish(message.output, true);
      };
      renderer.onExit = (code, signal) => {
        // V8 aborts a process at its heap limit (SIGABRT, or exit code 134 through a shell).
        const memory = signal === 'SIGABRT' || code === 134;
        finish(
          memory
            ? { ok: false, error: 'out of memory', warnings: [], overBudget: { what: 'memory', limit: this.budget.memoryMb } }
            : { ok: false, error: `Internal error: the chart renderer stopped (${signal ?? `exit code ${code}`})`, warnings: [] },
          false,
        );
      };
      child.on('message', onMessage);
      timer = setTimeout(() => finish({ ok: false, error: 'out of time', warnings: [], overBudget: { what: 'time', limit } }, false), limit);
      child.send({ id, input: { ...job.input, budget: this.budget } } satisfies Job);
    });
  }
}

// One pool per budget for the life of the process, so a watching build keeps its renderers warm.
const pools = new Map<string, RenderPool>();

/**
 * The pool for `budget`: one renderer per core but one, up to four (each loads Vega, a second of
 * work and about 100 MB): on a two-core machine one renderer draws while the build reads and
 * writes, and a second would cost more to start than it saves on a plan's dozen charts.
 */
export function renderPool(budget: Partial<ChartBudget> = {}): RenderPool {
  const full = { ...CHART_BUDGET, ...budget };
  const key = JSON.stringify(full);
  let pool = pools.get(key);
  if (!pool) {
    pool = new RenderPool(full, Math.max(1, Math.min(4, os.availableParallelism() - 1)));
    pools.set(key, pool);
  }
  return pool;
}
