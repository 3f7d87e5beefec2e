/**
 * One signal that fires on whichever comes first: the time limit, the caller's
 * AbortSignal, or SIGINT/SIGTERM/SIGHUP. Each awaited browser step races it, so a
 * stop never waits for a hung browser; printPdf's `finally` then closes the browser.
 */

export type StopCause =
  | { kind: 'timeout'; limitMs: number }
  | { kind: 'aborted'; reason: string }
  | { kind: 'signal'; signal: NodeJS.Signals };

/** Thrown out of `race` once stopped; printPdf turns it into a diagnostic. */
export class Stopped extends Error {
  readonly why: StopCause;
  readonly stage: string;
  constructor(cause: StopCause, stage: string) {
    super(`stopped (${cause.kind}) while ${stage}`);
    this.name = 'Stopped';
    this.why = cause;
    this.stage = stage;
  }
}

export interface StopperOptions {
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Process signals to stop on; `[]` leaves process signals alone. */
  processSignals?: readonly NodeJS.Signals[] | undefined;
}

export interface Stopper {
  readonly signal: AbortSignal;
  /** What is being done now, for the message if it is stopped. */
  stage: string;
  cause: () => StopCause | undefined;
  /** Resolves as `work` does, or rejects with Stopped as soon as the stop fires. */
  race: <T>(work: Promise<T>) => Promise<T>;
  /** Removes the timer and the process listeners. */
  dispose: () => void;
}

export const DEFAULT_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function createStopper(options: StopperOptions): Stopper {
  const controller = new AbortController();
  let cause: StopCause | undefined;
  const stop = (why: StopCause) => {
    if (cause) return;
    cause = why;
    controller.abort(why);
  };

  const timer = setTimeout(() => stop({ kind: 'timeout', limitMs: options.timeoutMs }), options.timeoutMs);
  const onAbort = () => stop({ kind: 'aborted', reason: describeReason(options.signal?.reason) });
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  const listeners = (options.processSignals ?? DEFAULT_SIGNALS).map((signal) => {
    const listener = () => stop({ kind: 'signal', signal });
    process.on(signal, listener);
    return [signal, listener] as const;
  });

  const stopper: Stopper = {
    signal: controller.signal,
    stage: 'starting',
    cause: () => cause,
    race: (work) => {
      // If the stop wins, `work` fails later as the browser closes under it: expected.
      work.catch(() => undefined);
      return new Promise((resolve, reject) => {
        if (cause) return reject(new Stopped(cause, stopper.stage));
        const onStop = () => reject(new Stopped(cause!, stopper.stage));
        controller.signal.addEventListener('abort', onStop, { once: true });
        work.then(
          (value) => {
            controller.signal.removeEventListener('abort', onStop);
            resolve(value);
          },
          (error: unknown) => {
            controller.signal.removeEventListener('abort', onStop);
            reject(cause ? new Stopped(cause, stopper.stage) : error);
          },
        );
      });
    },
    dispose: () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      for (const [signal, listener] of listeners) process.off(signal, listener);
    },
  };
  return stopper;
}

function describeReason(reason: unknown): string {
  if (reason instanceof Error) return reason.name === 'AbortError' ? 'aborted' : reason.message;
  if (typeof reason === 'string' && reason) return reason;
  return 'aborted';
}

/**
 * After cleaning up from a process signal: if nobody else listens for it, raise it
 * again so the process ends as the user asked (exit status 128 + signal number).
 */
export function reraise(cause: StopCause | undefined): void {
  if (cause?.kind !== 'signal') return;
  if (process.listenerCount(cause.signal) === 0) process.kill(process.pid, cause.signal);
}
